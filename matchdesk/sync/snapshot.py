"""The first sync of an empty laptop: an encrypted SQLite file of the medewerker's scope (``GET /api/v1/snapshot``).

The server makes a new SQLCipher file with a random one-time key (never stored: it goes out once, in the
answer's ``X-MatchDesk-Snapshot-Key`` header, and the laptop re-keys the file with its own key), gives it the
schema through the same Alembic migrations as every MatchDesk database, and copies into it, inside one
REPEATABLE READ transaction on PostgreSQL, the synced rows of the scope (``server_scope``) and the meta facts.
The watermark is that transaction's snapshot xmin (``changes``): the next pull sends what committed later.
Nothing else leaves the server: no audit log, no drafts, no tokens, no received commands. The copy is audited
on the server as an export of the scope's candidates.
"""

from __future__ import annotations

import functools
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Enum, String, Table, create_engine, select, type_coerce

from matchdesk.storage import cipher
from matchdesk.storage.database import Database
from matchdesk.storage.keys import DatabaseKey
from matchdesk.storage.migrate import ensure_schema
from matchdesk.storage.models import Candidate, Meta
from matchdesk.sync.changes import Watermark, snapshot_transaction
from matchdesk.sync.server_rows import SYNCED, TABLES
from matchdesk.sync.server_scope import CANDIDATE_LINK, Scope

__all__ = ["BATCH", "Snapshot", "make_snapshot"]

BATCH = 2000


@dataclass(frozen=True)
class Snapshot:
    path: Path  # in a temporary folder of its own: ``discard()`` removes both
    key: str  # 64 hexadecimal characters: the one-time SQLCipher key
    watermark: str
    candidates: int
    rows: int

    def discard(self) -> None:
        shutil.rmtree(self.path.parent, ignore_errors=True)


def make_snapshot(engine: Engine, scope: Scope, folder: Path | None = None, epoch: str = "") -> Snapshot:
    """The scope's rows from the PostgreSQL ``engine`` in a new encrypted file (in a new temporary folder)."""
    work = Path(tempfile.mkdtemp(prefix="matchdesk-snapshot-", dir=folder))
    path = work / "momentopname.db"
    key = DatabaseKey(secrets.token_hex(32), "eenmalig")
    try:
        target = _new_database(path, key)
        try:
            transaction = snapshot_transaction(engine)
            with transaction as source, target.engine.begin() as sink:
                counts = {table: _copy(source, sink, scope, table) for table in SYNCED}
                meta: Table = Meta.__table__  # type: ignore[assignment]
                _copy_rows(sink, meta, source.execute(select(*meta.columns)))
            watermark = str(Watermark(transaction.xmin, epoch=epoch))
        finally:
            target.dispose()
        connection = cipher.connect(path, key)
        try:
            connection.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to send
        finally:
            connection.close()
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Snapshot(path, key.hex, watermark, counts["candidates"], sum(counts.values()))


def _new_database(path: Path, key: DatabaseKey) -> Database:
    """An empty MatchDesk database at ``path`` keyed with ``key``, at the newest schema."""
    creator = functools.partial(cipher.connect, path, key, check_same_thread=False)
    database = Database(create_engine(f"sqlite:///{path}", module=cipher.driver, creator=creator), path, key=key)
    ensure_schema(database.engine, path, key=key)
    return database


def _copy(source: Connection, sink: Connection, scope: Scope, table: str) -> int:
    mapped = TABLES[table]
    query = select(*_plain_columns(mapped))
    link = CANDIDATE_LINK[table]
    if table == "candidates":
        query = query.where(scope.candidate_filter())
    elif link is not None:
        query = query.where(mapped.c[link].in_(select(Candidate.id).where(scope.candidate_filter())))
    rows = source.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    return _copy_rows(sink, mapped, rows)


def _plain_columns(table: Table) -> list:
    """The table's columns, enums read as their stored text (no round trip through the enum classes)."""
    return [type_coerce(c, String()).label(c.name) if isinstance(c.type, Enum) else c for c in table.columns]


def _copy_rows(sink: Connection, table: Table, rows: Iterable) -> int:
    """Insert ``rows`` (tuples in the table's column order) through the driver in batches, each value turned
    into what SQLAlchemy itself would store (the column type's bind processor for SQLite)."""
    processors = [c.type._cached_bind_processor(sink.dialect) for c in table.columns]  # noqa: SLF001
    names = ", ".join(sink.dialect.identifier_preparer.quote(c.name) for c in table.columns)
    statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(processors))})"
    cursor = sink.connection.driver_connection.cursor()  # type: ignore[union-attr]
    count = 0
    batch: list[tuple] = []
    try:
        for row in rows:
            batch.append(tuple(value if process is None or value is None else process(value)
                               for process, value in zip(processors, row, strict=True)))
            if len(batch) >= BATCH:
                cursor.executemany(statement, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(statement, batch)
            count += len(batch)
    finally:
        cursor.close()
    return count
