"""The core's error hierarchy. Messages are Dutch sentences that name the field or value."""

from __future__ import annotations


class MatchDeskError(Exception):
    """Base for every error the user can act on. ``str(error)`` is the Dutch message."""


class ValidationError(MatchDeskError):
    def __init__(self, field: str, value: object, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.value = value
        self.others: list[ValidationError] = []  # the form's further bad fields (normalize_fields)


class NotFound(MatchDeskError):
    pass


class ConflictError(MatchDeskError):
    """Someone else changed the record since it was read; nothing was overwritten."""

    def __init__(self, message: str, changed_by: str | None = None) -> None:
        super().__init__(message)
        self.changed_by = changed_by


class RuleViolation(MatchDeskError):
    """A write the rules block. ``findings`` holds the rules' findings."""

    def __init__(self, message: str, findings: list | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


class StorageUnavailable(MatchDeskError):
    """The database cannot be used: locked, not a MatchDesk file, newer schema, full disk."""


class UsageError(MatchDeskError):
    """Bad input to a command: exit code 2."""
