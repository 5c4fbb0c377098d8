"""Whole-database chores: is it empty, wipe it for a fresh demo."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from matchdesk.storage.models import AuditEntry, Base, Candidate, Employer, Meta, Vacancy


def holds_records(db) -> bool:
    with db.reading() as session:
        return any(session.scalar(select(func.count()).select_from(model)) for model in (Candidate, Employer, Vacancy))


def wipe(db) -> None:
    """Delete every row (children first), keeping the schema; one transaction."""
    with db.unit("systeem") as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))
        # the wipe itself is not a change to audit row by row; leave one line
        session.add(AuditEntry(medewerker="systeem", action="gewist", record_type="database", record_id=None,
                               detail="alle gegevens vervangen door demo-gegevens"))
        session.add(Meta(key="app", value="matchdesk"))
