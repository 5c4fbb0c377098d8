"""Opening a MatchDesk database and running units of work on it.

SQLite (default) runs in WAL mode with foreign keys on and a busy timeout; a PostgreSQL URL works
too. One ``Database`` per process; one session per user action (``with db.unit(user) as s:``).

Transactions on SQLite. The driver's own transaction handling is switched off (it would run DDL outside
any transaction); MatchDesk emits ``BEGIN`` itself, so schema creation and every migration run in one
transaction (``migrate.py``). A unit of work starts with ``BEGIN IMMEDIATE``: it takes the write lock
before the body runs, so it can never fail half-way because a colleague wrote meanwhile (in WAL a
deferred transaction that later writes fails at once with "database is locked", whatever the timeout).

A busy database. Another process may hold the write lock (a long import). ``BEGIN IMMEDIATE`` waits up
to the busy timeout and, when that runs out, ``unit()`` tries again (``BUSY_ATTEMPTS`` in all) - safe,
because nothing of the body has run yet. Only after that is it the Dutch ``IN_USE`` message
(``StorageUnavailable`` with ``kind == "busy"``). On PostgreSQL the busy timeout is the ``lock_timeout`` of
every connection: a statement waiting longer for a colleague's lock is that same message. A use case that
may also meet a busy error later in its transaction (a PostgreSQL deadlock, lock timeout or serialisation
failure, a busy COMMIT) runs its work through ``db.run(user, work)``: the whole unit again from the start, as
often, with ``work`` a function of the session that does nothing outside the database.

Damage. Before the first write of a process, and whenever a write (or a read) fails with a storage error,
the file is checked with ``PRAGMA quick_check`` (bounded in time, ``sqlite_files.quick_check``). A damaged
file stays open read-only (``PRAGMA query_only`` on every connection): reads work where they can, every
write is refused with a Dutch message that names the newest ``<db>.bak-*`` to restore (``damaged``).

Encryption at rest. Every SQLite file is opened through SQLCipher (``cipher.py``): the engine's ``creator``
keys each connection with the database's own key (``keys.py``) before the pragmas above. A wrong key is
one Dutch sentence at open. A file from before encryption (SQLite's plaintext header) opens read-only in
the same way as a damaged one (``unencrypted`` holds the message) and is never migrated or marked, until
``matchdesk encrypt`` converts it.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from matchdesk.errors import StorageUnavailable
from matchdesk.storage import cipher
from matchdesk.storage.audit import READ_ONLY  # importing audit registers its flush listener
from matchdesk.storage.keys import DatabaseKey, key_for
from matchdesk.storage.migrate import WRITE, ensure_schema
from matchdesk.storage.models import Meta
from matchdesk.storage.sqlite_files import damaged_message, quick_check, remove_leftovers

BUSY_TIMEOUT_MS = 5000
BUSY_ATTEMPTS = 3  # BEGIN IMMEDIATE tries (each waiting up to the busy timeout) before IN_USE
IN_USE = "De database is in gebruik door een ander programma of een collega; probeer het zo opnieuw."
FULL = "De schijf is vol"
FULL_ADVICE = "Maak ruimte vrij en probeer opnieuw."
_BUSY_TEXTS = ("locked", "busy", "deadlock detected", "could not serialize access", "lock timeout")
_DAMAGE_TEXTS = ("malformed", "not a database", "corrupt", "disk i/o error", "file is encrypted")

T = TypeVar("T")


class Database:
    def __init__(self, engine: Engine, sqlite_path: Path | None, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 key: DatabaseKey | None = None, unencrypted: str | None = None) -> None:
        self.engine = engine
        self.sqlite_path = sqlite_path
        self.busy_timeout_ms = busy_timeout_ms
        self.key = key  # the SQLCipher key of the file (None: PostgreSQL, or a plaintext file)
        self.unencrypted = unencrypted  # the Dutch message for a file from before encryption: read-only
        self.damaged: str | None = None  # the Dutch message once the file failed its check: read-only
        self._checked = sqlite_path is None
        self._check_lock = threading.Lock()
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", self._on_connect)
            event.listen(engine, "begin", _on_begin)
        elif engine.dialect.name == "postgresql":
            event.listen(engine, "connect", self._on_connect_postgresql)
        self.sessions = sessionmaker(engine, expire_on_commit=False)  # reading (and import's dry run)
        self.writers = sessionmaker(engine.execution_options(**{WRITE: True}), expire_on_commit=False)
        for maker in (self.sessions, self.writers):
            event.listen(maker, "before_flush", _without_nul)

    @classmethod
    def open(cls, target: str | Path, create: bool = False, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
        url, sqlite_path = _resolve(target, create)
        if sqlite_path is None:
            db = cls(create_engine(url), None, busy_timeout_ms=busy_timeout_ms)
        else:
            remove_leftovers(sqlite_path.parent)  # half-written backups of killed processes
            db = cls.open_sqlite(url, sqlite_path, busy_timeout_ms=busy_timeout_ms)
        try:
            ensure_schema(db.engine, sqlite_path, key=db.key, read_only=db.unencrypted)
            if sqlite_path is not None and db.unencrypted is None:
                # WAL is a property of the file: set it only once the file is known to be ours.
                db._pragma("PRAGMA journal_mode=WAL")
                cipher.make_private(sqlite_path)
            if db.unencrypted is None:
                db._mark_matchdesk()
        except (OperationalError, DatabaseError) as error:
            db.dispose()
            raise db.trouble(error) from None
        except BaseException:
            db.dispose()
            raise
        return db

    @classmethod
    def open_sqlite(cls, url: str, path: Path, *, busy_timeout_ms: int) -> Database:
        """The engine on a SQLite file: keyed through SQLCipher (a new file gets a new key), or read-only
        without a key for a file from before encryption."""
        if cipher.is_plaintext(path):
            key = None
            unencrypted: str | None = cipher.plaintext_message(path)
        else:
            key = key_for(path, create=not path.exists() or path.stat().st_size == 0)
            cipher.check_key(path, key)  # creates a new file owner-only; a wrong key: one sentence
            unencrypted = None
        cipher.make_private(path)
        creator = functools.partial(cipher.connect, path, key, check_same_thread=False)
        engine = create_engine(url, module=cipher.driver, creator=creator)
        return cls(engine, path, busy_timeout_ms=busy_timeout_ms, key=key, unencrypted=unencrypted)

    @property
    def label(self) -> str:
        """What the status bar shows: the file name, or the server without password."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return self.engine.url.render_as_string(hide_password=True)

    # -- units of work ---------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def unit(self, user: str, connection: Connection | None = None) -> Iterator[Session]:
        """One user action: one transaction, committed at the end or rolled back whole. Holds the write lock
        from the start (SQLite); a busy database is waited for and tried again before ``IN_USE``.
        ``connection``: write on this SQLite connection of the engine instead of one from the pool (the
        matcher's, whose ``PRAGMA data_version`` then does not count the write as someone else's change); the
        caller holds it and makes sure nothing else uses it meanwhile."""
        self.refuse_when_damaged()
        try:
            session = self._begin_writing(connection)
        except (OperationalError, DatabaseError) as error:
            raise self.trouble(error, writing=True) from None
        try:
            session.info["user"] = user
            yield session
            session.commit()
        except (OperationalError, DatabaseError) as error:
            _quietly_roll_back(session)
            raise self.trouble(error, writing=True) from None
        except BaseException:
            _quietly_roll_back(session)
            raise
        finally:
            session.close()

    def run(self, user: str, work: Callable[[Session], T], *, attempts: int = BUSY_ATTEMPTS) -> T:
        """``work(session)`` as one unit of work, run again from the start when the database was busy at any
        point (up to ``attempts`` times). ``work`` must do nothing outside the database: it may run twice."""
        for attempt in range(1, attempts + 1):
            try:
                with self.unit(user) as session:
                    return work(session)
            except StorageUnavailable as error:
                if error.kind != "busy" or attempt == attempts:
                    raise
            time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look (no audit, nothing flushed). Storage errors become Dutch messages, as in ``unit``."""
        try:
            with self.sessions() as session:
                session.info[READ_ONLY] = True  # a flag, not a name: no medewerker can be called this
                yield session  # closing discards anything pending; loaded rows stay readable
        except (OperationalError, DatabaseError) as error:
            raise self.trouble(error) from None

    def _begin_writing(self, connection: Connection | None = None) -> Session:
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            session = self.writers() if connection is None else self.writers(bind=connection)
            before = None if connection is None else connection.get_execution_options().get(WRITE, False)
            try:
                session.begin()
                if connection is not None:
                    connection.execution_options(**{WRITE: True})  # this BEGIN only (in place: put back below)
                session.connection()  # BEGIN IMMEDIATE now, before the body: waits for another writer
                return session
            except OperationalError as error:
                session.close()
                if connection is not None and connection.in_transaction():
                    _quietly_roll_back_connection(connection)
                if not _is_busy(error) or attempt == BUSY_ATTEMPTS:
                    raise
            finally:
                if connection is not None:
                    connection.execution_options(**{WRITE: before})
            time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    # -- health ----------------------------------------------------------------------------------------------
    def check(self) -> str | None:
        """Check the file now (bounded in time); the Dutch message when it is damaged, then it is read-only."""
        if self.sqlite_path is None:
            return None
        if self.damaged is None and quick_check(self.sqlite_path, self.key):
            self.damaged = damaged_message(self.sqlite_path)
            self.engine.dispose()  # new connections come with PRAGMA query_only
        return self.damaged

    def refuse_when_damaged(self) -> None:
        """Before a write: the first one in this process checks the file; a damaged one refuses."""
        if not self._checked:
            with self._check_lock:
                if not self._checked:
                    self.check()
                    self._checked = True
        if self.unencrypted is not None:
            raise StorageUnavailable(self.unencrypted, kind="plaintext")
        if self.damaged is not None:
            raise StorageUnavailable(self.damaged, kind="damaged")

    def trouble(self, error: Exception, writing: bool = False) -> StorageUnavailable:
        """The Dutch message for a storage error; a write that failed, or a sign of damage, checks the file."""
        text = str(getattr(error, "orig", error)).lower()
        if any(sign in text for sign in _BUSY_TEXTS):
            return StorageUnavailable(IN_USE, kind="busy")
        suspect = writing and not isinstance(error, IntegrityError)  # a broken constraint is no sign of damage
        if (suspect or any(sign in text for sign in _DAMAGE_TEXTS)) and self.check():
            return StorageUnavailable(self.damaged or "", kind="damaged")
        return storage_error(error, self.sqlite_path)

    # -- meta --------------------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        with self.reading() as session:
            return session.scalar(select(Meta.value).where(Meta.key == key))

    def set_meta(self, session: Session, key: str, value: str) -> None:
        row = session.scalar(select(Meta).where(Meta.key == key))
        if row is None:
            session.add(Meta(key=key, value=value))
        else:
            row.value = value

    def _mark_matchdesk(self) -> None:
        if self.meta("app") is None:
            with self.unit("systeem") as session:
                self.set_meta(session, "app", "matchdesk")

    # -- SQLite connections ---------------------------------------------------------------------------------
    def _on_connect(self, dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # no implicit transactions: _on_begin emits BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if self.damaged is not None or self.unencrypted is not None:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    def _on_connect_postgresql(self, dbapi_connection, _record) -> None:
        """The busy timeout as PostgreSQL's lock_timeout: a write waiting for a colleague's lock (a row, or the
        audit chain's advisory lock an audited write holds to its commit) ends in ``IN_USE``, as on SQLite,
        instead of waiting for as long as the colleague's transaction runs."""
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(self.busy_timeout_ms)}")
        dbapi_connection.commit()

    def _pragma(self, statement: str) -> None:
        connection = self.engine.raw_connection()  # outside any transaction
        try:
            connection.cursor().execute(statement)
        finally:
            connection.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _without_nul(session: Session, _context, _instances) -> None:
    """A NUL is no character of any text a person types (it comes with a paste from another program): SQLite
    stored it, PostgreSQL refuses the whole unit ("text fields cannot contain NUL"). Left out of every text
    value before it is written, so both keep the same text."""
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        keys = state.dict.keys() if state.key is None else state.committed_state.keys()
        for key in list(keys):
            value = state.dict.get(key)
            if isinstance(value, str) and "\x00" in value:
                setattr(obj, key, value.replace("\x00", ""))


def _quietly_roll_back(session: Session) -> None:
    with contextlib.suppress(OperationalError, DatabaseError):
        session.rollback()


def _quietly_roll_back_connection(connection: Connection) -> None:
    with contextlib.suppress(OperationalError, DatabaseError):
        connection.rollback()


def _is_busy(error: Exception) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    return any(sign in text for sign in _BUSY_TEXTS)


def sqlite_file(target: str | Path) -> Path | None:
    """The SQLite file a ``--db`` value names (resolved), or None for a server URL."""
    return _resolve(target, False)[1]


def _resolve(target: str | Path, create: bool) -> tuple[str, Path | None]:
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError:
            raise StorageUnavailable(f"{text!r} is geen geldige database-URL") from None
        if url.get_backend_name() != "sqlite" or not url.database:
            return text, None
        path = Path(url.database)
    else:
        path = Path(text)
    path = path.expanduser()
    if path.is_dir():
        raise StorageUnavailable(f"{path} is een map, geen databasebestand")
    if not path.exists():
        if not create:
            raise StorageUnavailable(
                f"De database {path} bestaat niet. Maak er een met 'matchdesk demo' of 'matchdesk import'."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}", path.resolve()


def storage_error(error: BaseException, path: Path | None) -> StorageUnavailable:
    """A storage error as a Dutch sentence (no check of the file: ``Database.trouble`` does that)."""
    original = getattr(error, "orig", error)
    text = str(original).lower()
    if any(sign in text for sign in _BUSY_TEXTS):
        return StorageUnavailable(IN_USE, kind="busy")
    if "disk is full" in text or "no space" in text:
        return StorageUnavailable(f"{FULL}; deze wijziging is niet opgeslagen. {FULL_ADVICE}", kind="full",
                                  reason=FULL, advice=FULL_ADVICE)
    if "readonly" in text or "read-only" in text:
        return StorageUnavailable("De database is alleen-lezen; deze wijziging is niet opgeslagen.", kind="readonly",
                                  reason="De database is alleen-lezen")
    if "not a database" in text or "file is encrypted" in text:
        if path is not None:
            return StorageUnavailable(cipher.wrong_key(path), kind="foreign")
        return StorageUnavailable("De database is geen MatchDesk-database; MatchDesk opent hem niet.", kind="foreign")
    if any(sign in text for sign in _DAMAGE_TEXTS) and path is not None:
        return StorageUnavailable(damaged_message(path), kind="damaged")
    if isinstance(error, IntegrityError) or "constraint" in text or "duplicate key" in text:
        return StorageUnavailable("De wijziging botst met een gegeven dat al in de database staat (een dubbele "
                                  "sleutel of een verwijzing die niet klopt); er is niets opgeslagen.")
    return StorageUnavailable(f"De database kan niet worden gebruikt: {_without_values(str(original))}")


def _without_values(text: str) -> str:
    """The driver's message without the values it quotes: PostgreSQL adds ``DETAIL: Key (name)=(Anouk)
    already exists.`` and the statement; SQLite may quote a value. Only the first line, values blanked."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = re.sub(r"\)=\(.*?\)(?=[ .,;]|$)", ")=(…)", first)
    first = re.sub(r"'[^']*'|\"[^\"]*\"", "…", first)
    return first.rstrip(" .") or "onbekende fout"
