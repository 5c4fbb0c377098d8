"""Shared fixtures: a migrated SQLite database per test (copied from one template), factories."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future
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
def db(db_target):
    """The test's migrated database, opened: a SQLite file, or (``backend`` postgresql) a PostgreSQL database."""
    from matchdesk.storage.database import Database

    database = Database.open(db_target)
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


DEMO_ARGS = ["demo", "--candidates", "400", "--employers", "40", "--vacancies", "80", "--seed", "1"]


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A small demo region, generated once per session; copy it (``demo_db_path``) before writing."""
    from matchdesk.cli.main import main

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["--db", str(path), "--today", TODAY.isoformat(), *DEMO_ARGS]) == 0
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


@pytest.fixture
def demo_db(demo_db_path):
    """The demo copy opened as a Database (disposed afterwards)."""
    from matchdesk.storage.database import Database

    database = Database.open(demo_db_path)
    yield database
    database.dispose()


# -- PostgreSQL ---------------------------------------------------------------------------------------------------
# MATCHDESK_TEST_PG: a SQLAlchemy URL of a PostgreSQL server's maintenance database on which the tests may
# create databases (``.ci/run`` starts a throwaway cluster and sets it). Unset: the PostgreSQL half skips.
#
# Two backends. A test under one of BACKEND_DIRS that uses ``db`` / ``db_target`` / ``backend`` (or a fixture
# built on them, such as ``make_candidate``) runs twice: on a SQLite file and on a PostgreSQL database of its
# own. A test that also uses ``db_path`` or ``demo_db_path`` is about the SQLite file and runs on SQLite only,
# as does one marked ``sqlite_only`` (its reason says why); ``demo_target`` is the demo region on either.
# ``store`` (a path or URL, for tests that start processes) runs on both everywhere. Elsewhere ``db`` is SQLite.
# Each PostgreSQL test gets a fresh database made with CREATE DATABASE ... TEMPLATE from one migrated database
# (or one demo region) made once per session: a copy on the server, not a migration. Without MATCHDESK_TEST_PG
# those tests skip, reported in one line.
PG_ENV = "MATCHDESK_TEST_PG"
BACKEND_DIRS = ("storage", "rules", "transfer", "matching")
BACKENDS = ("sqlite", "postgresql")
_SQLITE_FILE_FIXTURES = {"db_path", "demo_db_path"}
_TESTS = Path(__file__).resolve().parent
_pg_skipped: list[str] = []


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only(reason): about the SQLite file; not run on PostgreSQL")


def _on_both(metafunc) -> bool:
    if "store" in metafunc.fixturenames:
        return True
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return False
    if _SQLITE_FILE_FIXTURES & set(metafunc.fixturenames):
        return False
    try:
        folder = Path(str(metafunc.definition.path)).resolve().relative_to(_TESTS).parts[0]
    except ValueError:
        return False
    return folder in BACKEND_DIRS


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames and _on_both(metafunc):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


PG_SKIP = f"PostgreSQL-helft overgeslagen: {PG_ENV} is niet gezet (.ci/run start een PostgreSQL-server)"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped PostgreSQL half is one line of ``-ra``, not one per test: pytest reports a skip from a fixture
    at the test's line, so every such skip gets this file as its place."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and report.longrepr[2].endswith(PG_SKIP):
        report.longrepr = (__file__, _pg_base.__code__.co_firstlineno, report.longrepr[2])
    return report


def pytest_terminal_summary(terminalreporter):
    """Without ``-ra`` (which shows the skip as one line already) the skipped PostgreSQL half is this line."""
    if _pg_skipped and not set(terminalreporter.reportchars) & {"s", "a", "A"}:
        terminalreporter.write_line(f"{PG_SKIP}: {len(_pg_skipped)} tests", yellow=True)


@pytest.fixture
def backend(request) -> str:
    """``sqlite`` or ``postgresql``: where this run of the test keeps its data (see above)."""
    return getattr(request, "param", "sqlite")


def _pg_base(request) -> str:
    base = os.environ.get(PG_ENV)
    if not base:
        _pg_skipped.append(request.node.nodeid)
        pytest.skip(PG_SKIP)
    return base


class _PgServer:
    """Databases on the test server, made and dropped by one worker thread: while a test runs, the fresh
    database of the next test is already being made from the same template, and dropping waits for nobody."""

    def __init__(self, base: str) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from sqlalchemy import create_engine

        self.base = base
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT", pool_size=1)  # one connection, kept
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="matchdesk-test-pg")
        self.next: dict[str | None, Future[str]] = {}

    def url(self, name: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.base).set(database=name).render_as_string(hide_password=False)

    def _sql(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(statement)

    def _create(self, template: str | None) -> str:
        import uuid

        name = f"matchdesk_test_{uuid.uuid4().hex[:16]}"
        self._sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def create(self, template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``): the one made ahead, and the next one begun."""
        ahead = self.next.pop(template, None)
        name = ahead.result() if ahead is not None else self.worker.submit(self._create, template).result()
        self.next[template] = self.worker.submit(self._create, template)
        return name

    def drop(self, name: str) -> None:
        self.worker.submit(self._sql, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_template(self, template: str) -> None:
        ahead = self.next.pop(template, None)
        if ahead is not None:
            self.drop(ahead.result())
        self.worker.submit(self._sql, f'DROP DATABASE IF EXISTS "{template}"').result()

    def close(self) -> None:
        for ahead in self.next.values():
            self.drop(ahead.result())
        self.worker.shutdown(wait=True)
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server():
    base = os.environ.get(PG_ENV)
    if not base:
        yield None
        return
    server = _PgServer(base)
    yield server
    server.close()


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """The name of a migrated, empty MatchDesk database on the test server, made once per session."""
    from matchdesk.storage.database import Database

    if pg_server is None:
        yield None
        return
    name = pg_server._create(None)
    Database.open(pg_server.url(name), create=True).dispose()
    yield name
    pg_server.drop_template(name)


@pytest.fixture(scope="session")
def pg_demo_template(pg_server):
    """The name of a database on the test server holding the same demo region as ``demo_template``."""
    from matchdesk.cli.main import main

    if pg_server is None:
        yield None
        return
    name = pg_server._create(None)
    assert main(["--db", pg_server.url(name), "--today", TODAY.isoformat(), *DEMO_ARGS]) == 0
    yield name
    pg_server.drop_template(name)


def _pg_copy(request, template_fixture: str) -> Iterator[str]:
    _pg_base(request)
    server = request.getfixturevalue("pg_server")
    name = server.create(request.getfixturevalue(template_fixture))
    try:
        yield server.url(name)
    finally:
        server.drop(name)


@pytest.fixture
def db_target(request, backend) -> Iterator[str | Path]:
    """The test's own migrated database: a SQLite file (its path) or a PostgreSQL database (its URL)."""
    if backend == "sqlite":
        yield request.getfixturevalue("db_path")
    else:
        yield from _pg_copy(request, "pg_template")


@pytest.fixture
def demo_target(request, backend) -> Iterator[str | Path]:
    """The test's own copy of the demo region (``demo_template``): a SQLite file or a PostgreSQL database."""
    if backend == "sqlite":
        yield request.getfixturevalue("demo_db_path")
    else:
        yield from _pg_copy(request, "pg_demo_template")


@pytest.fixture
def pg_url(request, pg_server) -> Iterator[str]:
    """A fresh, empty PostgreSQL database of its own for one test (dropped afterwards): its URL."""
    _pg_base(request)
    name = pg_server.create()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop(name)


@pytest.fixture
def store(db_target) -> str:
    """A migrated MatchDesk database on SQLite and on PostgreSQL (skipped without MATCHDESK_TEST_PG): its URL
    or path, for tests that start real processes on it."""
    return str(db_target)
