"""Whole-database chores and facts: does it hold records, what is it (demo? which region?), wipe it,
fill an empty one with the demo region."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from matchdesk.errors import UsageError
from matchdesk.storage.models import AuditEntry, Base, Candidate, Employer, Meta, Vacancy

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.services.demo import DemoSize, DemoSummary

NOT_EMPTY = "De database bevat al gegevens; demo-gegevens komen alleen in een lege database."


@dataclass(frozen=True)
class DatabaseFacts:
    """What the window's title, status bar and empty-database panel say."""

    label: str  # the file, or the server without password
    demo: bool  # filled with the invented demo region
    region: str | None  # chosen at the first start
    holds_records: bool  # any candidate, employer or vacancy


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


def wipe(app: App) -> None:
    """Delete every row (children first), keeping the schema; one transaction."""
    with app.unit("systeem") as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))
        # the wipe itself is not a change to audit row by row; leave one line
        session.add(AuditEntry(medewerker="systeem", action="gewist", record_type="database", record_id=None,
                               detail="alle gegevens vervangen door demo-gegevens"))
        session.add(Meta(key="app", value="matchdesk"))


def load_demo(app: App, size: DemoSize | None = None, *, seed: int = 1, user: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """The invented demo region into an empty database (never over a colleague's records: ``wipe`` first,
    as ``matchdesk demo --replace`` does after a backup). ``user`` owns the demo's candidates ("demo")."""
    from matchdesk.services.demo import DemoSize, generate

    if holds_records(app):
        raise UsageError(NOT_EMPTY)
    return generate(app.db, app.rulebooks, seed, app.today, size or DemoSize(), user=user or app.user,
                    progress=progress)
