"""Whole-database chores and facts: does it hold records, what is it (demo? which region?), fill an empty
one with the demo region, replace a demo (never anything else).

What a database holds, for ``demo``:

- ``leeg``: no candidate, employer or vacancy (medewerkers, meta and the audit log do not count);
- ``demo``: a complete demo (meta ``demo_state`` = ``klaar``, or from before that key: ``demo`` and
  ``demo_over_limit``) and no record made by anyone but the demo;
- ``halve demo``: a demo run that did not finish (``bezig``; from before: ``demo`` without
  ``demo_over_limit``), no record made by anyone else; the next ``demo`` replaces it, no ``--replace``;
- ``eigen gegevens``: anything else. Never replaced, never wiped.

A record is the demo's when it was created at the demo's fixed clock (``demo.demo_clock``). Replacing makes
a backup first where the store allows (SQLite), then deletes every record in one transaction, but keeps the
audit log (and adds a line saying what was replaced) and the meta keys the demo does not write.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from matchdesk.errors import UsageError
from matchdesk.plural import plural
from matchdesk.storage.audit import log_event
from matchdesk.storage.models import (
    AuditEntry,
    Base,
    Candidate,
    ContactMoment,
    Employer,
    Meta,
    Proposal,
    Trajectory,
    Vacancy,
)

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.services.demo import DemoSize, DemoSummary

EMPTY, DEMO, HALF_DEMO, OWN_DATA = "leeg", "demo", "halve demo", "eigen gegevens"
NOT_EMPTY = "De database bevat al gegevens; demo-gegevens komen alleen in een lege database."
NOT_DEMO = ("De database bevat gegevens die geen demo-gegevens zijn; --replace vervangt alleen demo-gegevens. "
            "Er is niets verwijderd.")
ALREADY_DEMO = ("De database bevat al demo-gegevens; gebruik --replace om ze te vervangen (er wordt eerst een "
                "reservekopie gemaakt).")
_RECORDS = (Candidate, Employer, Vacancy, Proposal, Trajectory, ContactMoment)
_KEPT = {AuditEntry.__tablename__, Meta.__tablename__}


@dataclass(frozen=True)
class DatabaseFacts:
    """What the window's title, status bar and empty-database panel say."""

    label: str  # the file, or the server without password
    demo: bool  # filled with the invented demo region
    region: str | None  # chosen at the first start
    holds_records: bool  # any candidate, employer or vacancy


@dataclass(frozen=True)
class DemoPrepared:
    """What ``prepare_demo`` found and did: ``replaced`` is ``demo`` or ``halve demo`` when records were
    deleted (after a backup at ``backup`` where the store allows one), else None."""

    found: str
    replaced: str | None = None
    backup: Path | None = None
    deleted: int = 0  # candidates, employers and vacancies deleted


def _holds_records(session: Session) -> bool:
    return any(session.scalar(select(func.count()).select_from(model)) for model in (Candidate, Employer, Vacancy))


def _meta(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


def holds_records(app: App) -> bool:
    with app.reading() as session:
        return _holds_records(session)


def database_facts(app: App) -> DatabaseFacts:
    with app.reading() as session:
        return DatabaseFacts(app.label, _meta(session, "demo") is not None, _meta(session, "region"),
                             _holds_records(session))


def _what_it_holds(session: Session) -> str:
    from matchdesk.services.demo import BUSY, DONE, STATE, demo_clock

    if not _holds_records(session):
        return EMPTY
    marker, state = _meta(session, "demo"), _meta(session, STATE)
    try:
        stamp = demo_clock(dt.date.fromisoformat(json.loads(marker or "")["today"]))
    except (ValueError, KeyError, TypeError):
        return OWN_DATA  # no demo marker (or not one a demo wrote): somebody's own data
    if any(session.scalar(select(func.count()).select_from(model).where(model.created_at != stamp))
           for model in _RECORDS):
        return OWN_DATA  # a demo with records someone made since: no longer only demo data
    if state == DONE or (state is None and _meta(session, "demo_over_limit") is not None):
        return DEMO
    if state in (BUSY, None):
        return HALF_DEMO
    return OWN_DATA


def what_it_holds(app: App) -> str:
    """``leeg``, ``demo``, ``halve demo`` or ``eigen gegevens`` (see the module's docstring)."""
    with app.reading() as session:
        return _what_it_holds(session)


def prepare_demo(app: App, *, replace: bool = False) -> DemoPrepared:
    """Make the database ready for a demo run: an empty one as it is; a half demo (a killed run) replaced;
    a complete demo replaced only with ``replace``; anything else refused (``UsageError``, nothing touched).
    Replacing backs the file up first (SQLite) and keeps the audit log."""
    found = what_it_holds(app)
    if found == EMPTY:
        return DemoPrepared(found)
    if found == OWN_DATA:
        raise UsageError(NOT_DEMO if replace else NOT_EMPTY)
    if found == DEMO and not replace:
        raise UsageError(ALREADY_DEMO)
    backup = _backup(app)
    deleted = _wipe(app, found, backup)
    return DemoPrepared(found, found, backup, deleted)


def _backup(app: App) -> Path | None:
    """A backup next to the file before anything is deleted; None where the store has none (PostgreSQL)."""
    from matchdesk.services.backup import backup_database

    if app.db.sqlite_path is None:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    return backup_database(app, app.db.sqlite_path.with_name(f"{app.db.sqlite_path.name}.bak-demo-{stamp}"))


def _wipe(app: App, found: str, backup: Path | None) -> int:
    """Delete every record (children first) and the demo's meta keys in one transaction, checking again
    inside it that only demo data is deleted; the audit log stays, with one line for the replace."""
    from matchdesk.services.demo import DEMO_META_KEYS

    with app.unit() as session:
        if _what_it_holds(session) != found:  # changed since it was looked at: delete nothing
            raise UsageError(NOT_DEMO)
        counts = [session.scalar(select(func.count()).select_from(model)) or 0
                  for model in (Candidate, Employer, Vacancy)]
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in _KEPT:
                session.execute(delete(table))
        session.execute(delete(Meta).where(Meta.key.in_(DEMO_META_KEYS)))
        removed = ", ".join(plural(n, one, more) for n, one, more in zip(
            counts, ("kandidaat", "werkgever", "vacature"), ("kandidaten", "werkgevers", "vacatures"), strict=True))
        detail = f"{found} vervangen: {removed} verwijderd"
        detail += f"; reservekopie {backup.name}" if backup is not None else "; geen reservekopie (server)"
        log_event(session, "gewist", "database", None, detail=detail)
    return sum(counts)


def load_demo(app: App, size: DemoSize | None = None, *, seed: int = 1, user: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """The invented demo region into an empty database, or over a half demo a killed run left (never over a
    colleague's records; a complete demo only after ``prepare_demo(app, replace=True)``, as ``matchdesk demo
    --replace`` does). ``user`` owns the demo's candidates ("demo")."""
    from matchdesk.services.demo import DemoSize, generate

    prepare_demo(app)
    return generate(app.db, app.rulebooks, seed, app.today, size or DemoSize(), user=user or app.user,
                    progress=progress)
