"""`matchdesk report` (placeholder)."""


def register(subparsers, parent) -> None:
    pass
