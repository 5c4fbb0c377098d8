"""Insert-or-get under the database's own uniqueness: for records that two writers may create at the same
moment (a medewerker named in two imports, a random profile number), on SQLite and on PostgreSQL.

The row is inserted inside a SAVEPOINT; when the database refuses it as a duplicate (another writer made
the same row since we looked), the savepoint is rolled back (the rest of the transaction stays) and the
row the other writer made is read and used. The uniqueness itself is the database's: no snapshot taken
before the insert can be wrong about it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, SessionTransaction

T = TypeVar("T")

# PostgreSQL's SQLSTATEs of a transaction that lost a race and may simply be run again
_RETRYABLE_STATES = frozenset({"40001", "40P01", "55P03"})  # serialization failure, deadlock, lock not available
_BUSY_TEXTS = ("database is locked", "database table is locked", "database is busy", "deadlock detected",
               "could not serialize access")


def begin_write(session: Session) -> None:
    """Open the session's transaction on the database itself, so that a SAVEPOINT nests inside it.

    Python's sqlite3 driver, when it manages transactions itself, opens one only at the first INSERT,
    UPDATE or DELETE: a SAVEPOINT before that would be the transaction, and its RELEASE would commit
    everything at once. Here the transaction starts first (``BEGIN IMMEDIATE``: it also takes the write
    lock, waiting the busy timeout). Nothing to do on PostgreSQL or when the transaction is already open."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.dbapi_connection
    if raw is not None and not getattr(raw, "in_transaction", True):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextlib.contextmanager
def savepoint(session: Session) -> Iterator[SessionTransaction]:
    """A SAVEPOINT inside the session's transaction (``begin_write`` first): on an exception everything
    written inside it is undone and the transaction goes on."""
    begin_write(session)
    with session.begin_nested() as nested:
        yield nested


def insert_or_get(session: Session, find: Callable[[], T | None], make: Callable[[], T]) -> T:
    """The stored row ``find()`` returns, else the new ``make()`` inserted now; when the database refuses the
    insert as a duplicate (another writer was first), the row that writer made."""
    found = find()
    if found is not None:
        return found
    record = make()
    try:
        with savepoint(session):
            session.add(record)
            session.flush()
    except IntegrityError:
        found = find()
        if found is None:
            raise  # refused for another reason than a row another writer made
        return found
    return record


def is_conflict(error: BaseException) -> bool:
    """A uniqueness or reference the database refused: maybe another writer was first."""
    return isinstance(error, IntegrityError)


def is_busy(error: BaseException) -> bool:
    """The database was busy with another writer (SQLite's lock, PostgreSQL's deadlock or serialization
    failure): the same transaction run again may well succeed."""
    if not isinstance(error, DBAPIError):
        return False
    original = error.orig
    if getattr(original, "sqlstate", None) in _RETRYABLE_STATES:
        return True
    text = str(original).lower()
    return any(sign in text for sign in _BUSY_TEXTS)


__all__ = ["begin_write", "insert_or_get", "is_busy", "is_conflict", "savepoint"]
