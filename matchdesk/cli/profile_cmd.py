"""`matchdesk profile` (placeholder)."""


def register(subparsers, parent) -> None:
    pass
