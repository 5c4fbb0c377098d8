"""`matchdesk export` (placeholder)."""


def register(subparsers, parent) -> None:
    pass
