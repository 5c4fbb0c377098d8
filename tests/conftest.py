"""Shared fixtures: a migrated SQLite database per test (copied from one template), factories."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the journal of files being written (matchdesk.files) lives in a folder of this test run, never in the
# user's data folder; subprocesses inherit it
os.environ["MATCHDESK_FILE_JOURNAL"] = tempfile.mkdtemp(prefix="matchdesk-journal-")

# Encryption at rest: every database of the suite is encrypted with one test key from a key file (the way a
# server or CI without a credential store works); the OS credential store is never touched. Subprocesses
# inherit both. Made once per run, also when this module is imported a second time as ``tests.conftest``.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("MATCHDESK_PASSPHRASE", None)
if "matchdesk-testkey-" not in os.environ.get("MATCHDESK_KEY_FILE", ""):
    _key_file = Path(tempfile.mkdtemp(prefix="matchdesk-testkey-")) / "test.sleutel"
    _key_file.write_text(os.urandom(32).hex() + "\n")
    _key_file.chmod(0o600)
    os.environ["MATCHDESK_KEY_FILE"] = str(_key_file)

TODAY = dt.date(2026, 11, 23)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_key():
    """The suite's key (``MATCHDESK_KEY_FILE``) as a ``matchdesk.storage.keys.DatabaseKey``."""
    from matchdesk.storage.keys import DatabaseKey

    return DatabaseKey(Path(os.environ["MATCHDESK_KEY_FILE"]).read_text().strip(), "sleutelbestand")


def raw_connect(path, **kwargs):
    """What ``sqlite3.connect(path, ...)`` was before encryption: a driver connection to a MatchDesk database
    (or a new file), keyed with the suite's key. ``uri=True`` takes ``file:...?mode=ro`` names."""
    from matchdesk.storage.cipher import connect

    return connect(path, test_key(), **kwargs)


def encrypted_copy(source, target) -> Path:
    """A plaintext database (a fixture from before encryption) copied to ``target`` and encrypted there with
    the suite's key, as ``matchdesk encrypt`` does; the plaintext copy it keeps is removed."""
    from matchdesk.storage.convert import encrypt_file

    shutil.copy(source, target)
    encrypt_file(Path(target)).plaintext_copy.unlink()
    return Path(target)


test_key.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


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
    sqlite_backup(demo_template, path, test_key())  # a backup is one file in rollback mode ...
    connection = raw_connect(path)
    connection.execute("PRAGMA journal_mode=WAL")  # ... the demo itself is in WAL, as MatchDesk left it
    connection.close()
    return path


# -- PostgreSQL ---------------------------------------------------------------------------------------------------
# MATCHDESK_TEST_PG: a SQLAlchemy URL of a PostgreSQL server's maintenance database on which the tests may
# create databases (``.ci/run`` starts a throwaway cluster and sets it). Unset: the PostgreSQL tests skip.
PG_ENV = "MATCHDESK_TEST_PG"


@pytest.fixture
def pg_url() -> str:
    """A fresh, empty PostgreSQL database of its own for one test (dropped afterwards): its URL."""
    import uuid

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is niet gezet: geen PostgreSQL-server voor deze test")
    name = f"matchdesk_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, db_path) -> str:
    """A migrated MatchDesk database on SQLite and on PostgreSQL (skipped without MATCHDESK_TEST_PG): its URL
    or path, for tests that start real processes on it."""
    if request.param == "sqlite":
        return str(db_path)
    from matchdesk.storage.database import Database

    url = request.getfixturevalue("pg_url")
    Database.open(url, create=True).dispose()
    return url
