"""A file dialog on the database's own folder must not release the window's SQLite locks (issue 13).

With real processes: the window's process (this one) holds the database open, shows a file dialog on its
folder, another process writes and closes, this process writes again, and both see every row; the file's
``integrity_check`` stays ``ok``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import raw_connect

WRITER = r"""
import sys
from pathlib import Path
from matchdesk.storage.cipher import connect
from matchdesk.storage.keys import key_for
con = connect(sys.argv[1], key_for(Path(sys.argv[1])), timeout=10)
con.execute("create table if not exists proef (key text)")
con.execute("insert into proef values (?)", (sys.argv[2],))
con.commit()
print(con.execute("select (select count(*) from proef) + (select count(*) from meta where key like 'proef-%')"
                  ).fetchone()[0])
con.close()
"""


def other_process(path: Path, key: str) -> int:
    done = subprocess.run([sys.executable, "-c", WRITER, str(path), key], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def locks_held(path: Path) -> int:
    """POSIX locks this process holds on the database and its -wal/-shm (Linux: /proc/locks)."""
    inodes = {os.stat(p).st_ino for p in path.parent.glob(path.name + "*")}
    held = 0
    with open("/proc/locks", encoding="ascii") as table:
        for line in table:
            fields = line.split()
            if fields[4] == str(os.getpid()) and int(fields[5].rsplit(":", 1)[1]) in inodes:
                held += 1
    return held


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="POSIX locks are read from /proc/locks (Linux)")
def test_a_file_dialog_on_the_database_folder_keeps_the_sqlite_locks(qtbot, db_path):
    from PySide6.QtWidgets import QFileSystemModel

    from matchdesk.storage.database import Database
    from matchdesk.storage.models import Meta
    from matchdesk.ui.file_dialogs import _dialog

    db = Database.open(db_path)
    try:
        with db.unit("tester") as session:
            session.add(Meta(key="proef-0", value="x"))
        with db.reading() as session:  # keeps a pooled connection open, as the window does
            session.query(Meta).count()
        before = locks_held(db_path)
        assert before > 0

        dialog = _dialog(None, "Opslaan", str(db_path.parent), "Alle bestanden (*)")
        qtbot.addWidget(dialog)
        model = dialog.findChild(QFileSystemModel)
        with qtbot.waitSignal(model.directoryLoaded, timeout=10_000):
            dialog.show()
        folder = model.index(str(db_path.parent))
        assert model.rowCount(folder) >= 3  # demo.db, -wal, -shm listed with their icons and types
        for row in range(model.rowCount(folder)):
            model.fileIcon(model.index(row, 0, folder))
            model.type(model.index(row, 0, folder))
        qtbot.wait(1500)  # the gatherer thread fetches icons and types after the listing
        dialog.reject()
        assert locks_held(db_path) == before

        assert other_process(db_path, "proef-1") == 2  # another process writes and closes
        with db.unit("tester") as session:  # the window writes after that
            session.add(Meta(key="proef-2", value="x"))
        assert other_process(db_path, "proef-3") == 4  # ...and the other process sees it
    finally:
        db.dispose()
    with raw_connect(db_path) as check:
        assert check.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert check.execute("select count(*) from meta where key like 'proef-%'").fetchone()[0] == 2
        assert check.execute("select count(*) from proef").fetchone()[0] == 2
