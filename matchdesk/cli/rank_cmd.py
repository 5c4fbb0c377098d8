"""`matchdesk rank` (placeholder)."""


def register(subparsers, parent) -> None:
    pass
