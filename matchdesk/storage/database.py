"""Opening a MatchDesk database and running units of work on it.

SQLite (default) runs in WAL mode with foreign keys on and a busy timeout; a PostgreSQL URL works
too. One ``Database`` per process; one session per user action (``with db.unit(user) as s:``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from matchdesk.errors import StorageUnavailable
from matchdesk.storage.audit import READ_ONLY  # importing audit registers its flush listener
from matchdesk.storage.migrate import ensure_schema
from matchdesk.storage.models import Meta

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
IN_USE = "De database is in gebruik door een ander programma of een collega; probeer het zo opnieuw."


class Database:
    def __init__(self, engine: Engine, sqlite_path: Path | None) -> None:
        self.engine = engine
        self.sqlite_path = sqlite_path
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, target: str | Path, create: bool = False) -> Database:
        url, sqlite_path = _resolve(target, create)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        try:
            ensure_schema(engine, sqlite_path)
        except (OperationalError, DatabaseError) as error:
            engine.dispose()
            raise _storage_error(error, sqlite_path) from None
        except Exception:
            engine.dispose()
            raise
        db = cls(engine, sqlite_path)
        if sqlite_path is not None:
            # WAL is a property of the file: set it only once the file is known to be ours.
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        db._mark_matchdesk()
        return db

    @property
    def label(self) -> str:
        """What the status bar shows: the file name, or the server without password."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return self.engine.url.render_as_string(hide_password=True)

    @contextlib.contextmanager
    def unit(self, user: str) -> Iterator[Session]:
        """One user action: one transaction, committed at the end or rolled back whole."""
        try:
            with self.sessions.begin() as session:
                session.info["user"] = user
                yield session
        except (OperationalError, DatabaseError) as error:
            raise _storage_error(error, self.sqlite_path) from None

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look (no audit, nothing flushed)."""
        with self.sessions() as session:
            session.info[READ_ONLY] = True  # a flag, not a name: no medewerker can be called this
            yield session  # closing discards anything pending; loaded rows stay readable

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

    def dispose(self) -> None:
        self.engine.dispose()


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
    elif path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_HEADER:
                raise StorageUnavailable(
                    f"Het bestand {path.name} is geen MatchDesk-database; MatchDesk opent hem niet.")
    return f"sqlite:///{path.resolve()}", path.resolve()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _storage_error(error: Exception, path: Path | None) -> StorageUnavailable:
    text = str(getattr(error, "orig", error)).lower()
    if "locked" in text or "busy" in text:
        return StorageUnavailable(IN_USE)
    if "disk is full" in text or "no space" in text:
        return StorageUnavailable("De schijf is vol; er is niets opgeslagen. Maak ruimte vrij en probeer opnieuw.")
    if "readonly" in text or "read-only" in text:
        return StorageUnavailable("De database is alleen-lezen; er is niets opgeslagen.")
    if "not a database" in text or "file is encrypted" in text:
        name = path.name if path else "De database"
        return StorageUnavailable(f"Het bestand {name} is geen MatchDesk-database; MatchDesk opent hem niet.")
    return StorageUnavailable(f"De database kan niet worden gebruikt: {getattr(error, 'orig', error)}")
