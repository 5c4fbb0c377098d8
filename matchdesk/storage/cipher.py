"""SQLCipher connections: every SQLite database MatchDesk writes is encrypted at rest.

The driver is ``sqlcipher3`` (SQLCipher 4 with OpenSSL inside its wheels), used through SQLAlchemy's
``sqlite`` dialect with ``module=`` this driver and a ``creator`` that keys each new connection before
anything else runs (``connect``). The key comes from ``keys.py``. Plain SQLite would accept ``PRAGMA key``
silently and write plaintext, so a keyed connection whose driver does not answer ``PRAGMA cipher_version``
is refused (``NOT_SQLCIPHER``) before anything is written.

A file that starts with SQLite's plaintext header is a database from before encryption: it opens without a
key and read-only (``database.py``), until ``matchdesk encrypt`` (``convert.py``) converts it.

Files are created owner-only (0600) before SQLite opens them: SQLite gives its WAL and shared-memory files
the permissions of the database file, so they are 0600 too.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as driver

from matchdesk.errors import StorageUnavailable
from matchdesk.storage.keys import DatabaseKey

SQLITE_HEADER = b"SQLite format 3\x00"
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, driver.Error)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError, driver.OperationalError)
FILE_ERRORS: tuple[type[Exception], ...] = (OSError, *DRIVER_ERRORS)  # what a copy of the file may raise
NOT_SQLCIPHER = ("Het databasestuurprogramma kan niet versleutelen (SQLCipher ontbreekt); MatchDesk schrijft niets "
                 "onversleuteld weg. Installeer MatchDesk opnieuw.")


def wrong_key(path: Path) -> str:
    return f"De sleutel past niet bij {path.name}, of het is geen MatchDesk-database; MatchDesk opent hem niet."


def plaintext_message(path: Path) -> str:
    return (f"Het bestand {path.name} is niet versleuteld; MatchDesk opent hem alleen om te lezen en slaat er niets "
            f"in op. Versleutel hem met 'matchdesk --db {path} encrypt'.")


def is_plaintext(path: Path) -> bool:
    """A non-empty file with SQLite's plaintext header (an encrypted file starts with random bytes)."""
    try:
        with path.open("rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def create_private(path: Path) -> None:
    """Create ``path`` empty and owner-only if it does not exist (before SQLite opens it)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def make_private(path: Path) -> None:
    """Owner-only permissions for the database and the files SQLite keeps beside it (POSIX)."""
    if os.name != "posix":
        return
    for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            if each.stat().st_mode & 0o077:
                os.chmod(each, 0o600)


def connect(path: Path | str, key: DatabaseKey | None, *, uri: bool = False, **kwargs: Any) -> Any:
    """A driver connection to ``path``, keyed first when ``key`` is given (refused when the driver cannot
    encrypt). A new file is created owner-only. ``kwargs`` go to the driver (``timeout``, ...)."""
    if not uri:
        create_private(Path(path))
    connection = driver.connect(str(path), uri=uri, **kwargs)
    try:
        cursor = connection.cursor()
        if key is not None:
            cursor.execute("PRAGMA cipher_log_level = NONE")  # no SQLCipher noise on stderr
            cursor.execute(key.pragma)
            if not cursor.execute("PRAGMA cipher_version").fetchall():
                raise StorageUnavailable(NOT_SQLCIPHER, kind="driver")
        cursor.close()
    except BaseException:
        connection.close()
        raise
    return connection


def check_key(path: Path, key: DatabaseKey) -> None:
    """Read the schema once with ``key``: a wrong key (or a file that is no database) is one Dutch sentence."""
    connection = connect(path, key, check_same_thread=False)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as error:
        text = str(error).lower()
        if "not a database" in text or "encrypted" in text:
            raise StorageUnavailable(wrong_key(path), kind="key") from None
        raise
    finally:
        connection.close()
