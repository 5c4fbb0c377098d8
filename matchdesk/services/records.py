"""Shared record mechanics: optimistic locking with a conflict that names who changed the record, and the
plain value a save returns."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from sqlalchemy.orm import Session

from matchdesk.errors import ConflictError, NotFound
from matchdesk.storage.models import Record

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Saved:
    """A record just written: its id, its new version and its key (klantnummer, KvK or referentie)."""

    id: uuid.UUID
    version: int
    key: str


def frozen_values(record: object, names: Iterable[str]) -> Mapping[str, object]:
    """The named attributes of an ORM record as a read-only mapping (for a frozen record value)."""
    return MappingProxyType({name: getattr(record, name) for name in names})


def load_for_update(session: Session, model: type[R], record_id: uuid.UUID, expected_version: int | None,
                    label: str) -> R:
    """Fetch a record to change it; refuse when someone changed it after ``expected_version`` was read."""
    record = session.get(model, record_id)
    if record is None or getattr(record, "deleted_at", None) is not None:
        raise NotFound(f"{label} bestaat niet (meer)")
    if expected_version is not None and record.version != expected_version:
        when = record.updated_at.strftime("%d-%m-%Y %H:%M") if record.updated_at else "onbekend"
        raise ConflictError(
            f"{label} is intussen gewijzigd door {record.updated_by} ({when}); er is niets overschreven. "
            "Open het opnieuw en breng uw wijziging dan aan.",
            changed_by=record.updated_by,
        )
    return record


def apply(record: Record, values: Mapping[str, object]) -> list[str]:
    """Set the values that differ; returns the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    return changed
