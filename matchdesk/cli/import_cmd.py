"""`matchdesk import` (placeholder)."""


def register(subparsers, parent) -> None:
    pass
