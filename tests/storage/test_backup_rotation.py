"""Reading a pre-migration backup (to see whether a retried upgrade can reuse it) must leave no ``-wal`` or
``-shm`` beside it, and such files never count as backups: they once made ``rotate_backups`` delete the
user's real older backups (found by benchmarks/kill_test.py, 7 of 7 retried upgrades)."""

# SQLite only: backups of the SQLite file beside it (PostgreSQL is backed up with pg_dump).

from __future__ import annotations

import os
import shutil
from pathlib import Path

from matchdesk.storage.migrate import backup_before_migration, rotate_backups
from matchdesk.storage.sqlite_files import backups_of
from tests.conftest import encrypted_copy, test_key

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.db"


def test_a_retried_upgrade_reuses_its_backup_and_keeps_the_older_ones(tmp_path):
    path = encrypted_copy(FIXTURE, tmp_path / "oud.db")
    older = []
    for stamp in ("20250101000000000000", "20250201000000000000"):  # the user's earlier backups
        copy = path.with_name(f"{path.name}.bak-0000-{stamp}")
        shutil.copy(path, copy)
        os.utime(copy, (1_700_000_000, 1_700_000_000))
        older.append(copy)
    first = backup_before_migration(path, "0001", test_key())
    again = backup_before_migration(path, "0001", test_key())  # the retry after a kill: same data, the same copy
    assert again == first
    beside = sorted(p.name for p in tmp_path.iterdir())
    assert not [n for n in beside if n.startswith("oud.db.bak-") and n.endswith(("-wal", "-shm"))], beside
    assert backups_of(path) == [*older, first]
    rotate_backups(path)
    assert all(p.exists() for p in [*older, first])
    (tmp_path / f"{first.name}-wal").write_bytes(b"")  # even if one appears: never a backup
    assert backups_of(path) == [*older, first]
