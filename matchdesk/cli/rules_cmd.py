"""`matchdesk rules ...` (placeholder; the rules engine fills it)."""


def register(subparsers, parent) -> None:
    pass
