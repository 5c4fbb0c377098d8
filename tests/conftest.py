"""Shared fixtures: a migrated SQLite database per test (copied from one template), factories."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 11, 23)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    from matchdesk.storage.database import Database

    path = tmp_path_factory.mktemp("template") / "template.db"
    Database.open(path, create=True).dispose()
    return path


@pytest.fixture
def db_path(template_db, tmp_path) -> Path:
    path = tmp_path / "matchdesk.db"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def db(db_path):
    from matchdesk.storage.database import Database

    database = Database.open(db_path)
    yield database
    database.dispose()


@pytest.fixture
def today() -> dt.date:
    return TODAY


def candidate_values(**overrides) -> dict:
    values = {
        "klantnummer": "1000001",
        "voornaam": "Noël",
        "tussenvoegsel": "van den",
        "achternaam": "Berg",
        "birth_date": dt.date(1990, 5, 1),
        "municipality": "Roosendaal",
        "woonplaats": "Roosendaal",
        "doelgroep": "B",
        "categorie": "1C",
    }
    values.update(overrides)
    return values


@pytest.fixture
def make_candidate(db, today):
    from matchdesk.services.candidates import create_candidate

    def make(user: str = "tester", **overrides):
        with db.unit(user) as session:
            candidate = create_candidate(session, candidate_values(**overrides), today)
            session.flush()
            return candidate.id

    return make


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A small demo region, generated once per session; copy it (``demo_db_path``) before writing."""
    from matchdesk.cli.main import main

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "demo", "--candidates", "400",
                 "--employers", "40", "--vacancies", "80", "--seed", "1"]) == 0
    return path


@pytest.fixture
def demo_db_path(demo_template, tmp_path) -> Path:
    from matchdesk.storage.migrate import sqlite_backup

    path = tmp_path / "demo.db"
    sqlite_backup(demo_template, path)
    return path
