"""Issue 13 item 2: a kill -9 during schema creation or an upgrade never bricks the file, and the
pre-migration backup is made once per revision and never rotated away before the upgrade succeeded.
Real processes (tests/storage/kill_helper.py forks one per kill and SIGKILLs it)."""

# SQLite only: SIGKILL during SQLite schema creation or upgrade, and the backups of the file (PostgreSQL's DDL is
# transactional on the server).

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from matchdesk.storage.database import Database
from matchdesk.storage.migrate import head_revision
from tests.conftest import encrypted_copy, raw_connect

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.db"
ROOT = Path(__file__).resolve().parents[2]


class Killer:
    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "tests.storage.kill_helper"], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None and self.process.stdout.readline().strip() == "ready"

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def killer():
    helper = Killer()
    yield helper
    helper.close()


def _revision(path: Path) -> str | None:
    connection = raw_connect(path)
    try:
        return connection.execute("select version_num from alembic_version").fetchone()[0]
    finally:
        connection.close()


DELAYS = [i * 0.006 for i in range(16)]  # 0 .. 90 ms: creating the schema takes about 70 ms


def test_a_kill_during_creation_leaves_a_file_that_opens(killer, tmp_path):
    killed = 0
    for i, delay in enumerate(DELAYS):
        path = tmp_path / f"nieuw{i}.db"
        killed += killer.ask(f"open {path} {delay}") == "killed"
        if path.exists():  # a half-made file is finished, also by a command that creates nothing
            Database.open(path).dispose()
        else:
            Database.open(path, create=True).dispose()
        assert _revision(path) == head_revision()
    assert killed >= len(DELAYS) // 2


def test_a_kill_during_an_upgrade_leaves_the_old_revision_or_the_new(killer, tmp_path):
    for i, delay in enumerate(DELAYS):
        path = tmp_path / f"oud{i}.db"
        encrypted_copy(FIXTURE, path)
        killer.ask(f"open {path} {delay}")
        assert _revision(path) in ("0001", head_revision())
        db = Database.open(path)
        db.dispose()
        assert _revision(path) == head_revision()
        connection = raw_connect(path)
        assert connection.execute("select count(*) from candidates where name_key is not null").fetchone() == (3,)
        connection.close()


def test_retried_upgrades_keep_one_good_backup_and_never_rotate_it_away(killer, tmp_path):
    path = tmp_path / "oud.db"
    encrypted_copy(FIXTURE, path)
    for i in range(4):  # older copies of another revision, the oldest first: rotation would take these
        (tmp_path / f"oud.db.bak-0000-2020010100000{i}").write_bytes(b"x")
    for delay in DELAYS:
        if killer.ask(f"open {path} {delay}") != "killed" or _revision(path) != "0001":
            break  # upgraded (the kill came after the commit)
        made = sorted(tmp_path.glob("oud.db.bak-0001-*"))
        assert len(made) <= 1  # once per revision, however often the upgrade is retried
        assert len(list(tmp_path.glob("oud.db.bak-*"))) >= 4  # nothing rotated away yet
    Database.open(path).dispose()
    made = list(tmp_path.glob("oud.db.bak-0001-*"))
    assert len(made) == 1 and _revision(made[0]) == "0001"
    assert not list(tmp_path.glob(".*matchdesk-tmp*"))


def test_a_file_an_older_matchdesk_half_created_is_created_again(template_db, tmp_path):
    """Before issue 13 the DDL ran table by table outside a transaction: a kill left some of our tables,
    empty, without a revision ("is geen MatchDesk-database" for good). Such a file starts again."""
    template = raw_connect(template_db)
    ddl = [sql for name, sql in template.execute("select name, sql from sqlite_master where type = 'table'")
           if name in ("alembic_version", "audit_log", "medewerkers", "meta")]
    template.close()
    path = tmp_path / "half.db"
    connection = raw_connect(path)
    for statement in ddl:
        connection.execute(statement)
    connection.commit()
    connection.close()
    Database.open(path).dispose()
    assert _revision(path) == head_revision()


def test_a_table_of_someone_else_beside_ours_is_still_refused(template_db, tmp_path):
    path = tmp_path / "ander.db"
    connection = raw_connect(path)
    connection.execute("create table meta (id integer)")
    connection.execute("create table klanten (id integer)")
    connection.commit()
    connection.close()
    with pytest.raises(Exception, match="geen MatchDesk-database"):
        Database.open(path)


@pytest.mark.parametrize("stamped", ["0001", "0002"])
def test_an_upgrade_an_older_matchdesk_left_half_done_is_finished(tmp_path, stamped):
    """Before issue 13 a kill during 0002 -> 0003 left the new column with the old revision ("duplicate
    column name: name_key" on every retry). The migrations pick up where it stopped."""
    path = tmp_path / "oud.db"
    encrypted_copy(FIXTURE, path)
    Database.open(path).dispose()  # all the DDL done ...
    connection = raw_connect(path)
    connection.execute("update alembic_version set version_num = ?", (stamped,))  # ... but not recorded
    connection.commit()
    connection.close()
    Database.open(path).dispose()
    assert _revision(path) == head_revision()
