"""Issue 13 item 5 (busy half): another real process holds the write lock. A unit of work waits and tries
BEGIN again (nothing of its body has run yet); only beyond its tries is it the Dutch IN_USE message, and
``db.run`` runs a whole unit again from the start."""

# SQLite only: SQLite's file lock and busy timeout (PostgreSQL locks rows; test_audit_chain and test_import_races
# run writers at once on both).

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from sqlalchemy import event, func, select

from matchdesk.errors import StorageUnavailable
from matchdesk.storage.models import Meta

HOLDER = """
import sys, time
from pathlib import Path
from matchdesk.storage.cipher import connect
from matchdesk.storage.keys import key_for
connection = connect(sys.argv[1], key_for(Path(sys.argv[1])), isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("insert into meta (key, value, id, created_at, updated_at, updated_by, version) "
                   "values ('ander', 'proces', x'00112233445566778899aabbccddeeff', '2026-01-01', '2026-01-01', "
                   "'x', 1)")
print("locked", flush=True)
seconds = float(sys.argv[2])
if seconds < 0:
    sys.stdin.read()
else:
    time.sleep(seconds)
connection.execute("COMMIT")
"""


def _hold(db_path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(seconds)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


@pytest.fixture
def short_timeout(db):
    """A busy timeout of 250 ms instead of 5 s, so the test does not wait long."""
    @event.listens_for(db.engine, "connect")
    def short(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA busy_timeout=250")

    db.engine.dispose()
    return db


def _metas(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Meta))


def test_a_write_lock_held_longer_than_the_busy_timeout_is_waited_out(short_timeout, db_path):
    db = short_timeout
    before = _metas(db)
    holder = _hold(db_path, 0.45)
    started = time.monotonic()
    with db.unit("tester") as session:
        db.set_meta(session, "eigen", "waarde")
    assert time.monotonic() - started >= 0.3  # it waited for the other process
    holder.wait(timeout=10)
    assert _metas(db) == before + 2  # both writes are there


def test_a_lock_that_is_not_released_is_the_dutch_in_use_message(short_timeout, db_path):
    db = short_timeout
    holder = _hold(db_path, -1)
    try:
        with pytest.raises(StorageUnavailable, match="in gebruik") as error:
            with db.unit("tester") as session:
                db.set_meta(session, "eigen", "waarde")
        assert error.value.kind == "busy"
    finally:
        holder.communicate("", timeout=10)
    with db.unit("tester") as session:  # free again: works
        db.set_meta(session, "eigen", "waarde")


def test_run_does_the_whole_unit_again_when_the_database_stayed_busy(short_timeout, db_path):
    db = short_timeout
    calls = []

    def work(session):
        calls.append(1)
        db.set_meta(session, "eigen", "waarde")
        return "klaar"

    holder = _hold(db_path, 1.2)  # longer than one unit's tries (3 x 250 ms)
    assert db.run("tester", work, attempts=4) == "klaar"
    holder.wait(timeout=10)
    assert len(calls) == 1  # the body ran once: the retries were before it
    assert db.meta("eigen") == "waarde"
