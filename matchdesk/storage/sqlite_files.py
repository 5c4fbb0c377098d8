"""The SQLite file and the files beside it: safe copies, the bounded health check, leftovers of a kill.

Every file MatchDesk writes next to a database (a backup, the pre-migration copy) is first written to
``.<name>.<pid>.matchdesk-tmp`` in the target folder, flushed to disk (``fsync``), and then renamed into
place with ``os.replace`` (and the folder synced), so a kill leaves either the old file or the new one,
never half of one. ``remove_leftovers`` deletes such temporary files of processes that no longer run; a
database's folder is cleaned when the database is opened.

Nothing here opens the database file itself with ``open()``: SQLite's POSIX locks belong to the process,
and closing any other descriptor of the file would drop them (issue 13). Copies and checks go through
SQLite connections of their own, which SQLite coordinates with the process's other connections.

Encryption. Those connections are SQLCipher connections keyed with the database's key (``cipher.connect``),
so a backup is encrypted with the same key (and gets a copy of ``<db>.sleutel-id``, the key's id) and the
check reads the encrypted pages. Temporary and final copies are owner-only (0600).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from matchdesk.storage import cipher
from matchdesk.storage.keys import DatabaseKey, copy_side

TEMP_SUFFIX = ".matchdesk-tmp"
CHECK_SECONDS = 2.0  # PRAGMA quick_check stops after this; an unfinished check counts as "not known damaged"
STALE_SECONDS = 12 * 3600  # where we cannot ask whether a process runs (Windows), a temp file this old is stale


def temp_path(target: Path) -> Path:
    """The temporary name beside ``target`` that this process writes before renaming into place."""
    return target.with_name(f".{target.name}.{os.getpid()}{TEMP_SUFFIX}")


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files (and their SQLite journals) that killed MatchDesk processes left in ``folder``;
    those of running processes stay. Returns what was removed."""
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(f".*{TEMP_SUFFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        stem = path.name.split(TEMP_SUFFIX)[0]
        pid_text = stem.rsplit(".", 1)[-1]
        if not pid_text.isdigit() or _still_running(int(pid_text), path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _still_running(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill(pid, 0) is no probe on Windows: go by age
        try:
            return time.time() - path.stat().st_mtime < STALE_SECONDS
        except OSError:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows: a folder cannot be opened for fsync; the rename is durable with the file
    with contextlib.suppress(OSError):
        fsync_path(folder)


def replace_into_place(temporary: Path, target: Path) -> None:
    """Flush ``temporary`` to disk and rename it to ``target`` (which is replaced only now, whole)."""
    fsync_path(temporary)
    os.replace(temporary, target)
    fsync_folder(target.parent)


def discard(temporary: Path) -> None:
    for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def sqlite_backup(source: Path, target: Path, key: DatabaseKey | None) -> None:
    """A consistent copy of ``source`` at ``target`` through SQLite's online backup API (safe while others
    read or write), both sides keyed with ``key`` (None only for a plaintext file from before encryption),
    written owner-only beside ``target`` first and renamed into place when complete: a failure or a kill
    leaves a previous ``target`` untouched."""
    temporary = temp_path(target)
    discard(temporary)
    try:
        src = cipher.connect(f"file:{source}?mode=ro", key, uri=True)
        try:
            dst = cipher.connect(temporary, key)  # created 0600 before SQLite opens it
            try:
                src.backup(dst)
                # one self-contained file: a copy in WAL mode would grow -wal and -shm files beside it
                # whenever it is read (read-only connections cannot remove them)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        replace_into_place(temporary, target)
        if key is not None:
            copy_side(source, target)
    except BaseException:
        discard(temporary)
        raise


def quick_check(path: Path, key: DatabaseKey | None, seconds: float = CHECK_SECONDS) -> list[str] | None:
    """SQLite's ``PRAGMA quick_check`` on the file (keyed with ``key``), stopped after ``seconds``: ``[]`` when
    sound, the problems found when damaged, None when the check did not finish (too big, locked) - not known
    damaged."""
    try:
        connection = cipher.connect(f"file:{path}?mode=ro", key, uri=True, timeout=min(seconds, 1.0))
    except cipher.DRIVER_ERRORS as error:
        return [str(error)]
    deadline = time.monotonic() + seconds
    connection.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 5000)
    try:
        rows = connection.execute("PRAGMA quick_check(10)").fetchall()
    except cipher.OPERATIONAL_ERRORS as error:
        text = str(error).lower()
        if "interrupt" in text or "locked" in text or "busy" in text:
            return None
        return [str(error)]
    except cipher.DRIVER_ERRORS as error:  # "file is not a database", "database disk image is malformed"
        return [str(error)]
    finally:
        connection.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def backups_of(path: Path) -> list[Path]:
    """The ``<db>.bak-*`` copies beside the database, oldest first (a copy's own ``-wal``, ``-shm`` or
    ``-journal`` is not a copy: counting those once rotated real backups away)."""
    found = [p for p in path.parent.glob(f"{path.name}.bak-*")
             if TEMP_SUFFIX not in p.name and not p.name.endswith(("-wal", "-shm", "-journal"))]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def damaged_message(path: Path) -> str:
    """The Dutch message for a database that failed its check, with the way back to the last backup."""
    backups = backups_of(path)
    text = (f"Het bestand {path.name} is beschadigd; MatchDesk opent hem alleen om te lezen en slaat er niets "
            "in op.")
    if backups:
        return (text + f" Zet de laatste reservekopie terug: sluit MatchDesk en kopieer {backups[-1].name} "
                f"(in {path.parent}) over {path.name}.")
    return (text + f" Er staat geen reservekopie ({path.name}.bak-…) naast; zet een eigen reservekopie terug "
            "(matchdesk backup) of vraag de beheerder om hulp.")
