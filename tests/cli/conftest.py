"""Fixtures of the write commands' tests: a copy of the generated demo region, a command line on it as
medewerker Mila, and the database to look at what was stored."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest


@dataclass
class Ran:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def cli(demo_db_path, capsys, today) -> Callable[..., Ran]:
    """``cli("propose", "2000001", "V2026-00001")``: ``main`` on the demo copy, as Mila on the suite's today."""
    from matchdesk.cli.main import main

    capsys.readouterr()

    def run(*args: str, user: str = "Mila") -> Ran:
        code = main(["--db", str(demo_db_path), "--today", today.isoformat(), "--user", user, *args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


@pytest.fixture
def demo_app(demo_db, today):
    """The demo copy as another medewerker's window would have it (Sanne), for changes "meanwhile"."""
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    return App(db=demo_db, user="Sanne", today=today, rulebooks=load_rulebooks())


def audit_of(db, record_id) -> list[tuple[str, str, str | None]]:
    """(action, medewerker, fields) of the audit entries of one record, oldest first."""
    from sqlalchemy import select

    from matchdesk.storage.models import AuditEntry

    with db.reading() as session:
        return [tuple(row) for row in session.execute(
            select(AuditEntry.action, AuditEntry.medewerker, AuditEntry.fields)
            .where(AuditEntry.record_id == record_id).order_by(AuditEntry.seq))]
