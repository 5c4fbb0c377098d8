"""The audit log, written in the same transaction as the change it records.

A flush listener records every insert, update and delete of the main record types with the names of
the changed fields (never their values), and stamps ``updated_by``. Reads, prints and exports are
logged explicitly through ``log_event``.

Child rows live under their parent's version: adding, changing or removing a candidate's skills,
languages, educations or work experiences (a vacancy's skills or languages) bumps the parent's
``version`` and ``updated_by`` once per transaction and records ``gewijzigd`` on the parent with the
child kinds as field names (``languages,skills``). So every writer (the editors' use cases, the import)
makes a stale save of the parent a ConflictError that names who changed it.

The log is append-only and hash-chained (``storage.audit_chain``): each entry written here gets its place
and hashes in the same flush; triggers refuse UPDATE and DELETE on it. The erasure and retention use cases,
and only they, call ``allow_audit_rewrite(session)`` first (documented in ``audit_chain``).
"""

from __future__ import annotations

import uuid

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from matchdesk.storage.audit_chain import allow_audit_rewrite, chain_pending
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import (
    AuditEntry,
    Candidate,
    CandidateLanguage,
    CandidateSkill,
    ContactMoment,
    Education,
    Employer,
    Medewerker,
    Proposal,
    Record,
    Trajectory,
    Vacancy,
    VacancyLanguage,
    VacancySkill,
    WorkExperience,
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
# child row type -> (parent type, the column holding the parent's id, the field name the parent's audit shows)
CHILDREN: dict[type, tuple[type[Record], str, str]] = {
    CandidateSkill: (Candidate, "candidate_id", "skills"),
    CandidateLanguage: (Candidate, "candidate_id", "languages"),
    Education: (Candidate, "candidate_id", "educations"),
    WorkExperience: (Candidate, "candidate_id", "experiences"),
    VacancySkill: (Vacancy, "vacancy_id", "skills"),
    VacancyLanguage: (Vacancy, "vacancy_id", "languages"),
}
_PARENTS = (Candidate, Vacancy)
_BUMPED = "matchdesk.bumped_parents"  # session.info: (transaction, {(parent type, id)}) bumped in it
READ_ONLY = "matchdesk.read_only"  # session.info key of ``Database.reading()``; never a medewerker's name

__all__ = ["AUDITED", "CHILDREN", "READ_ONLY", "allow_audit_rewrite", "log_event"]


def log_event(session: Session, action: str, record_type: str, record_id: uuid.UUID | None,
              detail: str | None = None) -> None:
    """An explicit entry: bekeken, afgedrukt, geëxporteerd. ``detail`` must hold no personal data."""
    session.add(AuditEntry(at=utcnow(), medewerker=_user(session), action=action, record_type=record_type,
                           record_id=record_id, detail=detail))


def _user(session: Session) -> str:
    return session.info.get("user") or "systeem"


@event.listens_for(Session, "before_flush")
def _record_changes(session: Session, _context, _instances) -> None:
    if session.info.get(READ_ONLY):
        chain_pending(session)
        return
    user = _user(session)
    now = utcnow()
    entries = []
    child_fields = _bump_parents(session, user)
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
            changed = sorted({a.key for a in state.attrs
                              if a.key not in _BOOKKEEPING and a.history.has_changes()
                              and a.key in state.mapper.column_attrs}
                             | child_fields.pop((type(obj), obj.id), set()))
            if changed:
                action = "verwijderd" if "deleted_at" in changed and getattr(obj, "deleted_at", None) else "gewijzigd"
                if action == "gewijzigd" and "archived_at" in changed:  # archiving and restoring say so
                    action = "gearchiveerd" if getattr(obj, "archived_at", None) else "teruggezet"
                entries.append(AuditEntry(at=now, medewerker=user, action=action, record_type=kind,
                                          record_id=obj.id, fields=",".join(changed)))
    for (parent_type, parent_id), fields in child_fields.items():  # parents bumped earlier in this transaction
        if fields:
            entries.append(AuditEntry(at=now, medewerker=user, action="gewijzigd", record_type=AUDITED[parent_type],
                                      record_id=parent_id, fields=",".join(sorted(fields))))
    for obj in session.deleted:
        kind = AUDITED.get(type(obj))
        if kind:
            entries.append(AuditEntry(at=now, medewerker=user, action="gewist", record_type=kind, record_id=obj.id))
    session.add_all(entries)
    chain_pending(session)  # after every entry of this flush is added: their places in the order added


def _bump_parents(session: Session, user: str) -> dict[tuple[type, uuid.UUID], set[str]]:
    """Parents whose child rows this flush adds, changes or removes: the child kinds per parent. Each such
    parent (not new, not being deleted) is bumped once per transaction: a new version, ``updated_by``."""
    changed: dict[tuple[type, uuid.UUID], set[str]] = {}
    touched = [(obj, False) for obj in session.new] + [(obj, True) for obj in session.deleted] + [
        (obj, False) for obj in session.dirty if session.is_modified(obj)]
    for obj, deleted in touched:
        link = CHILDREN.get(type(obj))
        if link is None:
            continue
        parent_type, column, field = link
        parent_id = getattr(obj, column, None)
        if parent_id is None and deleted:
            parent_id = inspect(obj).committed_state.get(column)
        if parent_id is not None:
            changed.setdefault((parent_type, parent_id), set()).add(field)
    bumped = _bumped_in(session)
    result: dict[tuple[type, uuid.UUID], set[str]] = {}
    with session.no_autoflush:
        for key, fields in changed.items():
            parent = session.get(*key)
            if parent is None or parent in session.new or parent in session.deleted:
                continue
            if key not in bumped:
                bumped[key] = set()
                parent.updated_at = utcnow()  # makes the parent dirty: the mapper bumps its version
                parent.updated_by = user
            new_fields = fields - bumped[key]  # a kind already audited in this transaction is not again
            bumped[key] |= fields
            if new_fields or parent in session.dirty:
                result[key] = new_fields
    for obj in session.dirty:  # a parent whose own fields change gets its new version in this flush
        if isinstance(obj, _PARENTS) and session.is_modified(obj):
            bumped.setdefault((type(obj), obj.id), set())
    return result


def _bumped_in(session: Session) -> dict[tuple[type, uuid.UUID], set[str]]:
    """The parents already given a new version in the session's current transaction, with the child kinds
    audited on them."""
    transaction = session.get_transaction()
    seen_in, bumped = session.info.get(_BUMPED, (None, {}))
    if seen_in is not transaction:
        bumped = {}
        session.info[_BUMPED] = (transaction, bumped)
    return bumped
