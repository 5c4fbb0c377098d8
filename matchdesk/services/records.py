"""Shared record mechanics: optimistic locking with a conflict that names who changed the record, the plain
value a save returns, and archiving (a record kept but set aside: hidden from the lists by default, not
ranked; restored with its data intact)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from sqlalchemy.orm import Session

from matchdesk.errors import ConflictError, NotFound, ValidationError
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import Candidate, Employer, Record, Vacancy

R = TypeVar("R", bound=Record)
A = TypeVar("A", Candidate, Employer, Vacancy)  # the records that can be archived


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


def client_id(session: Session, model: type[Record], record_id: uuid.UUID | None) -> dict[str, uuid.UUID]:
    """The constructor keyword for a create with a client-made id (a laptop's command, ``--id``): empty when
    none is given (``new_id`` then makes one); refused when a record already holds it."""
    if record_id is None:
        return {}
    if session.get(model, record_id) is not None:
        raise ValidationError("id", str(record_id), f"er bestaat al een record met id {record_id}")
    return {"id": record_id}


def apply(record: Record, values: Mapping[str, object]) -> list[str]:
    """Set the values that differ; returns the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    return changed


@dataclass(frozen=True)
class Archived:
    """Who archived a record and when (None on a record value: not archived)."""

    at: dt.datetime
    by: str


def archived_of(record: object) -> Archived | None:
    at = getattr(record, "archived_at", None)
    return Archived(at, getattr(record, "archived_by", None) or "onbekend") if at is not None else None


def set_archived(session: Session, model: type[A], record_id: uuid.UUID, expected_version: int | None, label: str,
                 archived: bool) -> A:
    """Archive (``archived``) or restore a record read at ``expected_version``; the audit listener records
    ``gearchiveerd`` or ``teruggezet``. ``label``: "De kandidaat", "De werkgever", "De vacature"."""
    record = load_for_update(session, model, record_id, expected_version, label)
    if archived and record.archived_at is not None:
        raise ValidationError("gearchiveerd", None, f"{label} is al gearchiveerd")
    if not archived and record.archived_at is None:
        raise ValidationError("gearchiveerd", None, f"{label} is niet gearchiveerd")
    record.archived_at = utcnow() if archived else None
    record.archived_by = (session.info.get("user") or "systeem") if archived else None
    return record
