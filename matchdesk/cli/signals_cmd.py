"""`matchdesk signals` (placeholder)."""


def register(subparsers, parent) -> None:
    pass
