"""Files MatchDesk writes for people (exports, import reports, PDFs): there whole, or not at all.

    with AtomicFile(Path("kandidaten.csv")) as out:   # a binary handle on a temporary file
        out.file.write(data)
        out.publish()                                  # optional: done on a clean exit anyway

The temporary file is made in the target's folder (so the rename stays on one file system), created
0600 on POSIX before a byte is written (personal data), written, ``fsync``-ed, renamed over the target
with ``os.replace``, and then the folder is ``fsync``-ed (POSIX). On any error the temporary is removed
and the previous file under that name stays as it was.

A ``kill -9`` runs no cleanup, and exports go to any folder. So every temporary in progress is listed in
a small journal in the user data folder: one entry per write, held locked by the writing process for as
long as the write lasts (a lock the operating system drops when the process dies).
``remove_stray_temporaries()`` removes the temporaries of writers that are gone, never those of a
writer still at work; MatchDesk calls it when it starts. Backups are the storage layer's business.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import platformdirs

JOURNAL_ENV = "MATCHDESK_FILE_JOURNAL"  # another journal folder (tests, portable installs)
_SUFFIX = ".matchdesk-tmp"  # every temporary this module makes ends so; nothing else is ever removed
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once at import (umask cannot be read without setting it)


def journal_dir() -> Path:
    override = os.environ.get(JOURNAL_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("MatchDesk", appauthor=False)) / "bestanden-in-uitvoering"


def private_dir(folder: Path) -> Path:
    """``folder`` made if missing and, on POSIX, owner-only (0700): MatchDesk's data, cache and log folders hold
    personal data. Missing parents are made 0700 too (as the XDG base directory spec asks); an existing folder
    with wider modes is narrowed. Only for MatchDesk's own folders, never a folder the user chose."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            if folder.stat().st_mode & 0o077:
                os.chmod(folder, 0o700)
    return folder


def temporary_name(target: Path) -> Path:
    """A hidden, unique name next to ``target`` that says what it is."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{_SUFFIX}")


class AtomicFile:
    """A new version of ``target``, published by a rename once it is complete and on disk.

    ``private`` (the default): the file keeps mode 0600 on POSIX; otherwise it gets the usual mode
    (0666 less the umask) just before it is published."""

    def __init__(self, target: str | Path, *, private: bool = True) -> None:
        self.target = Path(target)
        self.private = private
        self.temporary = temporary_name(self.target)
        self.published = False
        self._journal: _JournalEntry | None = None
        self._file: BinaryIO | None = None

    @property
    def file(self) -> BinaryIO:
        if self._file is None:
            raise RuntimeError("AtomicFile is niet open")
        return self._file

    def __enter__(self) -> AtomicFile:
        return self.open()

    def open(self) -> AtomicFile:
        """Create the temporary file (``with`` does this; call it first to tell a folder that takes no new
        file from a write that fails later)."""
        if self._file is not None:
            return self
        self._journal = _JournalEntry.start(self.temporary)  # listed before it exists
        try:
            handle = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                             0o600)
        except BaseException:
            self._journal.finish()
            self._journal = None
            raise
        self._file = os.fdopen(handle, "wb")
        return self

    def publish(self) -> None:
        """Flush and ``fsync`` the temporary, rename it over the target, ``fsync`` the folder."""
        if self.published:
            return
        handle = self.file
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        if not self.private:
            os.chmod(self.temporary, 0o666 & ~_UMASK)
        os.replace(self.temporary, self.target)
        self.published = True
        sync_folder(self.target.parent)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 _trace: TracebackType | None) -> None:
        try:
            if kind is None:
                self.publish()
        finally:
            if not self.published:
                self.discard()
            if self._journal is not None:
                self._journal.finish()
                self._journal = None

    def discard(self) -> None:
        if self._file is not None and not self._file.closed:
            with contextlib.suppress(OSError):
                self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temporary)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles to sync)."""
    if sys.platform == "win32":
        return
    try:
        handle = os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some network file systems refuse it; the rename itself has happened
    finally:
        os.close(handle)


def remove_stray_temporaries() -> int:
    """Remove the temporaries that writers killed mid-write left behind; returns how many files were
    removed. Writers still at work (their journal entry locked) are left alone; never raises."""
    folder = journal_dir()
    try:
        entries = [p for p in folder.iterdir() if p.suffix in (".json", ".new")]
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        with contextlib.suppress(OSError):
            removed += _reap(entry)
    return removed


def _reap(entry: Path) -> int:
    handle = os.open(entry, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        if not _try_lock(handle):
            return 0  # its writer is alive
        raw = os.read(handle, 65536)
        removed = 0
        try:
            listed = Path(json.loads(raw.decode("utf-8"))["tijdelijk"]) if raw else None
        except (ValueError, KeyError, TypeError):
            listed = None
        if listed is not None and listed.name.endswith(_SUFFIX) and listed.name.startswith("."):
            try:
                listed.unlink()
                removed = 1
            except FileNotFoundError:
                pass  # published, or never created
        if sys.platform != "win32":
            entry.unlink()
    finally:
        os.close(handle)
    if sys.platform == "win32":
        entry.unlink()  # Windows removes no open file
    return removed


def _try_lock(handle: int) -> bool:
    """An exclusive lock without waiting; True when no live process holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class _JournalEntry:
    """``<token>.json`` in the journal folder naming one temporary, locked while its write lasts. It is
    written and locked under ``.new`` and renamed to ``.json`` only then, so a reaper never sees an
    entry before its lock is taken. Without a usable journal folder the write goes on unlisted."""

    def __init__(self, path: Path | None, handle: int | None) -> None:
        self.path, self.handle = path, handle

    @classmethod
    def start(cls, temporary: Path) -> _JournalEntry:
        folder = journal_dir()
        token = secrets.token_hex(8)
        final = folder / f"{token}.json"
        # Windows renames no open file: there the entry is made under its final name at once (a reaper
        # that locks it in the instant before its writer does makes that one write go unlisted).
        fresh = final if sys.platform == "win32" else folder / f"{token}.new"
        try:
            private_dir(folder)
            handle = os.open(fresh, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except OSError:
            return cls(None, None)
        try:
            if not _try_lock(handle):  # cannot happen for a fresh file; be safe
                raise OSError("journal entry locked")
            os.write(handle, json.dumps({"tijdelijk": str(temporary.resolve()), "pid": os.getpid()}).encode())
            os.fsync(handle)
            if fresh != final:
                os.replace(fresh, final)
        except OSError:
            os.close(handle)
            with contextlib.suppress(OSError):
                fresh.unlink()
            return cls(None, None)
        return cls(final, handle)

    def finish(self) -> None:
        if self.path is None or self.handle is None:
            return
        path, handle = self.path, self.handle
        self.path = self.handle = None
        if sys.platform == "win32":
            os.close(handle)
            with contextlib.suppress(OSError):
                path.unlink()
            return
        with contextlib.suppress(OSError):
            path.unlink()  # while still locked: no reaper can take it for a dead writer's
        os.close(handle)
