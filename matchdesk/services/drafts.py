"""Editor drafts: what a medewerker typed in an open editor, kept every 30 seconds and offered back after a crash.

    save_draft(app, "kandidaat", "K0001234", {"form": {...}})     # the editor's autosave (an op)
    found = load_draft(app, "kandidaat", "K0001234")              # Draft(saved_at, values) or None
    discard_draft(app, "kandidaat", "K0001234")                   # after a save, or when the changes go

A draft holds personal data (every typed field, BSN included), so it lives in the database (table ``drafts``,
encrypted with the file where the database is) and never in a file; each medewerker sees only their own.
Rewritten and removed rows are zeroed on SQLite (``secure_delete``). The erasure of a candidate removes the
candidate's drafts (``services.erasure``); drafts older than ``EXPIRE_AFTER_DAYS`` are removed here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matchdesk.services.erasure import count_rows, secure_delete
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import Draft

if TYPE_CHECKING:
    from matchdesk.app import App

INTERVAL_MS = 30_000  # the editors' autosave
EXPIRE_AFTER_DAYS = 30  # a draft nobody came back to in a month is not offered any more
NEW = "nieuw"  # the key of a record that has none yet


@dataclass(frozen=True)
class SavedDraft:
    """A draft as the editor offers it back: when it was saved (local time) and the editor's values."""

    saved_at: dt.datetime
    values: dict[str, Any]


def draft_key(key: str | None) -> str:
    """The draft's key for a record key (``nieuw`` for a record without one yet)."""
    return (key or NEW)[:60]


def save_draft(app: App, kind: str, key: str | None, values: dict[str, Any]) -> None:
    """Keep (or replace) this medewerker's draft of one record."""
    payload = json.dumps(values, ensure_ascii=False, default=str)
    with app.unit() as session, secure_delete(session):
        draft = _find(session, app.user, kind, key)
        if draft is None:
            session.add(Draft(kind=kind, key=draft_key(key), medewerker=app.user, saved_at=utcnow(), payload=payload))
        else:
            draft.saved_at, draft.payload = utcnow(), payload


def load_draft(app: App, kind: str, key: str | None) -> SavedDraft | None:
    """This medewerker's draft of one record, if there is one younger than ``EXPIRE_AFTER_DAYS``."""
    with app.reading() as session:
        row = session.execute(select(Draft.saved_at, Draft.payload).where(*_of(app.user, kind, key))).first()
    if row is None or row.saved_at < utcnow() - dt.timedelta(days=EXPIRE_AFTER_DAYS):
        return None
    try:
        values = json.loads(row.payload)
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    local = row.saved_at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    return SavedDraft(local, values)


def discard_draft(app: App, kind: str, key: str | None) -> None:
    """Remove this medewerker's draft of one record (nothing happens when there is none)."""
    with app.unit() as session, secure_delete(session):
        session.execute(delete(Draft).where(*_of(app.user, kind, key)),
                        execution_options={"synchronize_session": False})


def expire_drafts(app: App) -> int:
    """Remove every draft (of any medewerker) older than ``EXPIRE_AFTER_DAYS``; returns how many."""
    with app.unit() as session, secure_delete(session):
        return remove_old_drafts(session, utcnow() - dt.timedelta(days=EXPIRE_AFTER_DAYS))


def remove_old_drafts(session: Session, before: dt.datetime) -> int:
    """Building block: the drafts saved before ``before`` removed in the caller's unit of work."""
    return count_rows(session.execute(delete(Draft).where(Draft.saved_at < before),
                                      execution_options={"synchronize_session": False}))


def _find(session: Session, medewerker: str, kind: str, key: str | None) -> Draft | None:
    return session.scalars(select(Draft).where(*_of(medewerker, kind, key))).first()


def _of(medewerker: str, kind: str, key: str | None) -> tuple[Any, ...]:
    return Draft.kind == kind, Draft.key == draft_key(key), Draft.medewerker == medewerker
