"""Issue 13 item 3 (backups): a kill -9 during ``matchdesk backup`` leaves the previous backup whole and,
once the database is opened again, no partial file; a damaged database is not copied over a backup.
The database is made big (about 30 MB of audit rows) so that a copy takes a moment to kill."""

# SQLite only: backups of the SQLite file beside it (PostgreSQL is backed up with pg_dump).

from __future__ import annotations

import os
import shutil
import sys
import uuid

import pytest

from matchdesk.cli.main import main
from matchdesk.storage.database import Database
from tests.conftest import raw_connect
from tests.storage.test_kill_safety import Killer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")

ROWS = 100_000


@pytest.fixture(scope="module")
def big_db(template_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("groot") / "groot.db"
    shutil.copy(template_db, path)
    connection = raw_connect(path)
    connection.executemany(
        "insert into audit_log (at, medewerker, action, record_type, record_id, fields, detail, id, created_at, "
        "updated_at, updated_by, version) values ('2026-01-01', 'tester', 'bekeken', 'kandidaat', ?, ?, null, ?, "
        "'2026-01-01', '2026-01-01', 'tester', 1)",
        ((uuid.uuid4().bytes, os.urandom(80).hex(), uuid.uuid4().bytes) for _ in range(ROWS)))
    connection.commit()
    connection.close()
    return path


def _rows(path) -> int:
    connection = raw_connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
        return connection.execute("select count(*) from audit_log where action = 'bekeken'").fetchone()[0]
    finally:
        connection.close()


def test_a_killed_backup_leaves_the_previous_backup_whole_and_no_partial_file(big_db, tmp_path, capsys):
    database = tmp_path / "regio.db"
    shutil.copy(big_db, database)
    target = tmp_path / "kopie.db"
    assert main(["--db", str(database), "backup", str(target)]) == 0
    capsys.readouterr()
    assert _rows(target) == ROWS
    killer = Killer()
    killed = 0
    try:
        for i in range(8):
            answer = killer.ask(f"cli {0.08 + i * 0.03} --db {database} backup {target}")
            killed += answer == "killed"
            assert _rows(target) == ROWS  # the previous copy or the new one, never part of one
    finally:
        killer.close()
    assert killed >= 3
    Database.open(database).dispose()  # opening the database removes the killed processes' temporary files
    others = {p.name for p in tmp_path.iterdir() if not p.name.startswith("regio.db")}
    assert others <= {"kopie.db", "kopie.db-wal", "kopie.db-shm"}  # the last two: SQLite's, of our checks


def test_a_failed_backup_keeps_the_previous_one(db_path, tmp_path, capsys, monkeypatch):
    target = tmp_path / "kopie.db"
    assert main(["--db", str(db_path), "backup", str(target)]) == 0
    before = target.read_bytes()

    import matchdesk.storage.sqlite_files as files

    def full_disk(temporary, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "replace_into_place", full_disk)  # the disk filling up just before the rename
    assert main(["--db", str(db_path), "backup", str(target)]) == 2
    assert "onaangeroerd" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.glob(".*")] == []
