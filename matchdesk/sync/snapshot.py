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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, insert, select

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
                _copy_rows(sink, Meta.__table__, source.execute(select(Meta.__table__)).mappings())  # type: ignore[arg-type]
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
    query = select(mapped)
    link = CANDIDATE_LINK[table]
    if table == "candidates":
        query = query.where(scope.candidate_filter())
    elif link is not None:
        query = query.where(mapped.c[link].in_(select(Candidate.id).where(scope.candidate_filter())))
    rows = source.execution_options(stream_results=True, yield_per=BATCH).execute(query).mappings()
    return _copy_rows(sink, mapped, rows)


def _copy_rows(sink: Connection, table: Table, rows: Iterator) -> int:
    count = 0
    batch: list[dict] = []
    for row in rows:
        batch.append(dict(row))
        if len(batch) >= BATCH:
            sink.execute(insert(table), batch)
            count += len(batch)
            batch = []
    if batch:
        sink.execute(insert(table), batch)
        count += len(batch)
    return count
