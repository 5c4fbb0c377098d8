"""The audit log, written in the same transaction as the change it records.

A flush listener records every insert, update and delete of the main record types with the names of
the changed fields (never their values), and stamps ``updated_by``. Reads, prints and exports are
logged explicitly through ``log_event``.
"""

from __future__ import annotations

import uuid

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import (
    AuditEntry,
    Candidate,
    ContactMoment,
    Employer,
    Medewerker,
    Proposal,
    Record,
    Trajectory,
    Vacancy,
)

AUDITED: dict[type, str] = {
    Candidate: "kandidaat",
    Employer: "werkgever",
    Vacancy: "vacature",
    Proposal: "voorstel",
    Trajectory: "traject",
    Medewerker: "medewerker",
    ContactMoment: "contactmoment",
}
_BOOKKEEPING = {"updated_at", "updated_by", "version", "created_at"}
READ_ONLY = "matchdesk.read_only"  # session.info key of ``Database.reading()``; never a medewerker's name


def log_event(session: Session, action: str, record_type: str, record_id: uuid.UUID | None,
              detail: str | None = None) -> None:
    """An explicit entry: bekeken, afgedrukt, geëxporteerd. ``detail`` must hold no personal data."""
    session.add(AuditEntry(medewerker=_user(session), action=action, record_type=record_type,
                           record_id=record_id, detail=detail))


def _user(session: Session) -> str:
    return session.info.get("user") or "systeem"


@event.listens_for(Session, "before_flush")
def _record_changes(session: Session, _context, _instances) -> None:
    if session.info.get(READ_ONLY):
        return
    user = _user(session)
    now = utcnow()
    entries = []
    for obj in session.new:
        if isinstance(obj, Record) and not isinstance(obj, AuditEntry):
            obj.updated_by = user
            kind = AUDITED.get(type(obj))
            if kind:
                entries.append(AuditEntry(at=now, medewerker=user, action="aangemaakt", record_type=kind,
                                          record_id=obj.id, fields=None))
    for obj in session.dirty:
        if not isinstance(obj, Record) or isinstance(obj, AuditEntry) or not session.is_modified(obj):
            continue
        obj.updated_by = user
        kind = AUDITED.get(type(obj))
        if kind:
            state = inspect(obj)
            changed = sorted(a.key for a in state.attrs
                             if a.key not in _BOOKKEEPING and a.history.has_changes()
                             and a.key in state.mapper.column_attrs)
            if changed:
                action = "verwijderd" if "deleted_at" in changed and getattr(obj, "deleted_at", None) else "gewijzigd"
                entries.append(AuditEntry(at=now, medewerker=user, action=action, record_type=kind,
                                          record_id=obj.id, fields=",".join(changed)))
    for obj in session.deleted:
        kind = AUDITED.get(type(obj))
        if kind:
            entries.append(AuditEntry(at=now, medewerker=user, action="gewist", record_type=kind, record_id=obj.id))
    session.add_all(entries)
