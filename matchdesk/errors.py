"""The core's error hierarchy. Messages are Dutch sentences that name the field or value."""

from __future__ import annotations

import re

_PLAIN_WORD = re.compile(r"[a-zà-ÿ]+(?:[ ,;]|$)")  # a sentence's first word (not "bsn:" nor "oud.xls")


class MatchDeskError(Exception):
    """Base for every error the user can act on. ``str(error)`` is the Dutch message: a sentence, so a first
    word is given its capital here ("postcode '12' is ongeldig" reads "Postcode '12' is ongeldig"), once for
    every message the core raises. A message that starts with a field, file or code ("bsn: ...",
    "candidate.doelgroep: ...", "oud.xls is ...") keeps it as it is written."""

    def __init__(self, message: object = "", *args: object) -> None:
        if isinstance(message, str) and _PLAIN_WORD.match(message):
            message = message[:1].upper() + message[1:]
        super().__init__(message, *args)


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
    """The database cannot be used: locked, not a MatchDesk file, newer schema, full disk, damaged.

    ``kind``: ``busy`` (in use beyond the busy timeout; retrying later may work), ``full`` (disk full),
    ``readonly``, ``damaged`` (the file failed its check; it is open read-only), ``foreign`` (not a
    MatchDesk database, or a newer schema), ``plaintext`` (a file from before encryption: open read-only
    until ``matchdesk encrypt``), ``key`` (no key, or the wrong one), ``driver`` (the driver cannot
    encrypt) or ``other``. ``reason``: the first half of the message,
    without what it means for the user's work (``after_saved`` builds that half for a caller that
    committed part of its work, e.g. an import's earlier batches)."""

    def __init__(self, message: str, *, kind: str = "other", reason: str | None = None,
                 advice: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.reason = reason or message.split(";")[0].rstrip(".")
        self.advice = advice

    def after_saved(self, saved: int, what: str = "rijen") -> StorageUnavailable:
        """The same trouble, told by a caller that had already committed ``saved`` of its ``what``:
        ``raise error.after_saved(5000) from None`` gives "De schijf is vol; 5.000 rijen zijn
        opgeslagen, de rest niet. Maak ruimte vrij en probeer opnieuw."."""
        count = f"{saved:,}".replace(",", ".")
        done = f"{count} {what} zijn opgeslagen, de rest niet" if saved else f"er zijn geen {what} opgeslagen"
        message = f"{self.reason}; {done}."
        if self.advice:
            message += f" {self.advice}"
        return StorageUnavailable(message, kind=self.kind, reason=self.reason, advice=self.advice)


class UsageError(MatchDeskError):
    """Bad input to a command: exit code 2."""
