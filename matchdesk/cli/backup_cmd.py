"""`matchdesk backup` (placeholder until the foundation lands it)."""


def register(subparsers, parent) -> None:
    pass
