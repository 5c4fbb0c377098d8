"""Pull: what changed on the team server since a laptop's watermark (docs/sync.md, ``GET /api/v1/pull``).

The change log. A trigger (migration 0011, PostgreSQL) writes a ``sync_changes`` row for every insert, update
and delete of a synced row, with the writing transaction's id. A pull reads it in one REPEATABLE READ,
read-only transaction: the rows it sees are exactly those of the transactions visible to its snapshot (MVCC
hides the rest), so no test of visibility is needed beyond the watermark.

The watermark. A complete pull answers with the xmin of its snapshot (``pg_snapshot_xmin``): every
transaction below it had ended when the snapshot was taken, so all of its changes were visible and are sent;
a transaction at or above it - a long one still running, or one that committed meanwhile - has an id at or
above the next watermark and is sent by the next pull (again, when it was already visible now: a repeat is
harmless, the changes are upserts and deletes of whole rows). A pull of more than ``limit`` changes answers
in pages: ``more`` is true and the watermark ``<xmin of the first page>:<xid>:<seq>`` continues after the
last change sent; the last page answers with that first xmin again, so a transaction that ended while the
pages were read is sent by the next pull and never skipped. Every watermark starts with the database's epoch
(``database_epoch``): a watermark of another database (the server restored from a backup into a new cluster,
where transaction ids start again) is refused with HTTP 409, and the laptop takes a new snapshot.

What is sent. Per changed row its current state in this snapshot: ``upsert`` with the row, or ``delete`` when
the row is gone, or moved out of the medewerker's scope (a candidate who moved to another municipality, or a
region narrowed: they and everything under them are logged as ``moved``, so they leave the laptop whole, or
arrive whole when they moved in). A plain change of a row outside the scope is not sent at all. Deletions
come first, child tables before their parents; then upserts, parents first (the order of ``SYNCED``).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, literal, select, text
from sqlalchemy.orm import Session

from matchdesk.errors import UsageError
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, Meta, SyncChange
from matchdesk.sync.server_rows import SYNCED, TABLES, wire_row
from matchdesk.sync.server_scope import CANDIDATE_LINK, Scope

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "OtherDatabase", "Pulled", "Watermark", "database_epoch",
           "mark_candidates_changed", "prune", "pull", "snapshot_transaction"]

DEFAULT_LIMIT = 5000
MAX_LIMIT = 50000


class OtherDatabase(UsageError):
    """A watermark of another database (the server's was restored from a backup, or moved): transaction ids
    there say nothing here, so the laptop takes a new snapshot (HTTP 409)."""


class TooOld(OtherDatabase):
    """A watermark older than the change log still holds (``prune``): the laptop takes a new snapshot (409)."""


TOO_OLD = ("Deze laptop heeft te lang niet gesynchroniseerd: de wijzigingen van toen zijn van de teamserver "
           "opgeruimd; haal een nieuwe momentopname op.")
PRUNED = "sync_pruned_below"  # meta: the transaction id below which the change log was pruned
OTHER_DATABASE = ("Het watermerk hoort bij een andere database van de teamserver (teruggezet uit een reservekopie of "
                  "verhuisd); haal een nieuwe momentopname op.")


@dataclass(frozen=True)
class Watermark:
    floor: int  # the xmin of the snapshot the pull (or its first page) was read in
    after: tuple[int, int] | None = None  # (xid, seq) of the last change sent, while more pages follow
    epoch: str = ""  # the database it belongs to (``database_epoch``)

    @classmethod
    def parse(cls, text_value: str | None, epoch: str = "") -> Watermark:
        """``<epoch>@<xmin>`` or ``<epoch>@<xmin>:<xid>:<seq>`` (a bare number is taken as of this database)."""
        if not text_value:
            return cls(0, epoch=epoch)
        theirs, at, rest = text_value.rpartition("@")
        if at and theirs != epoch:
            raise OtherDatabase(OTHER_DATABASE)
        try:
            parts = [int(p) for p in rest.split(":")]
        except ValueError:
            raise UsageError(f"ongeldig watermerk {text_value!r}") from None
        if len(parts) == 1 and parts[0] >= 0:
            return cls(parts[0], epoch=epoch)
        if len(parts) == 3 and min(parts) >= 0:
            return cls(parts[0], (parts[1], parts[2]), epoch)
        raise UsageError(f"ongeldig watermerk {text_value!r}")

    def __str__(self) -> str:
        position = str(self.floor) if self.after is None else f"{self.floor}:{self.after[0]}:{self.after[1]}"
        return f"{self.epoch}@{position}" if self.epoch else position


def database_epoch(engine: Engine) -> str:
    """Which PostgreSQL database this is, as far as transaction ids and the change log go: its cluster's system
    identifier, its own oid and the oid of ``sync_changes``. A restore from ``pg_dump`` (into a new cluster, a
    new database, or over this one: the table is made again) gives another epoch, and the laptops' watermarks
    of the old one are refused instead of silently skipping or missing what changed."""
    with engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT (SELECT system_identifier FROM pg_control_system())::text, "
            "(SELECT oid FROM pg_database WHERE datname = current_database())::text, "
            "'sync_changes'::regclass::oid::text").one()
    return hashlib.sha256(":".join(row).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Pulled:
    watermark: str
    more: bool
    changes: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"watermark": self.watermark, "more": self.more, "changes": self.changes}


class snapshot_transaction:  # noqa: N801 - used as a context manager, like ``open``
    """A REPEATABLE READ, read-only transaction on PostgreSQL and the xmin of its snapshot (``.xmin``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.xmin = 0

    def __enter__(self) -> Connection:
        self.connection = self.engine.connect().execution_options(isolation_level="REPEATABLE READ")
        self.connection.begin()
        self.connection.exec_driver_sql("SET TRANSACTION READ ONLY")
        self.xmin = int(self.connection.exec_driver_sql(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").scalar_one())
        return self.connection

    def __exit__(self, *_exc: object) -> None:
        try:
            self.connection.rollback()
        finally:
            self.connection.close()


def pull(engine: Engine, scope: Scope, since: str | None, limit: int = DEFAULT_LIMIT, epoch: str = "") -> Pulled:
    if engine.dialect.name != "postgresql":
        raise UsageError("ophalen kan alleen van een teamserver op PostgreSQL")
    mark = Watermark.parse(since, epoch)
    limit = max(1, min(int(limit), MAX_LIMIT))
    transaction = snapshot_transaction(engine)
    with transaction as connection:
        if since and mark.floor < _pruned_below(connection):
            raise TooOld(TOO_OLD)
        floor = transaction.xmin if mark.after is None else mark.floor
        log = _read_log(connection, mark, limit + 1)
        more = len(log) > limit
        log = log[:limit]
        changes = _changes(connection, scope, [(table, row_id, op) for _xid, _seq, table, row_id, op in log])
    if more:
        last_xid, last_seq = log[-1][0], log[-1][1]
        return Pulled(str(Watermark(floor, (last_xid, last_seq), epoch)), True, changes)
    return Pulled(str(Watermark(floor, epoch=epoch)), False, changes)


def _read_log(connection: Connection, mark: Watermark, count: int) -> list[tuple[int, int, str, uuid.UUID, str]]:
    if mark.after is None:
        where, params = "xid >= :floor", {"floor": mark.floor}
    else:
        where, params = "(xid, seq) > (:xid, :seq)", {"xid": mark.after[0], "seq": mark.after[1]}
    rows = connection.execute(text(f"SELECT xid, seq, table_name, row_id, op FROM sync_changes WHERE {where} "
                                   "ORDER BY xid, seq LIMIT :count"), {**params, "count": count})
    return [(int(r.xid), int(r.seq), str(r.table_name), _uuid(r.row_id), str(r.op)) for r in rows]


def _uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _changes(connection: Connection, scope: Scope,
             changed: list[tuple[str, uuid.UUID, str]]) -> list[dict[str, Any]]:
    per_table: dict[str, set[uuid.UUID]] = {}
    moved: set[tuple[str, uuid.UUID]] = set()
    for table, row_id, op in changed:
        if table in TABLES:
            per_table.setdefault(table, set()).add(row_id)
            if op == "moved":
                moved.add((table, row_id))
    upserts: dict[str, list[dict[str, Any]]] = {}
    deletes: dict[str, list[uuid.UUID]] = {}
    for table, ids in per_table.items():
        found = {row["id"]: row for row in _current_rows(connection, scope, table, sorted(ids))}
        for row_id in sorted(ids):
            row = found.get(row_id)
            if row is None or (not row["_in_scope"] and (table, row_id) in moved):
                deletes.setdefault(table, []).append(row_id)  # gone, or moved out of the scope
            elif row["_in_scope"]:
                upserts.setdefault(table, []).append(row)
            # a plain change outside the scope: never held by this laptop, not sent
    out: list[dict[str, Any]] = []
    for table in reversed(SYNCED):
        out.extend({"table": table, "id": str(row_id), "op": "delete"} for row_id in deletes.get(table, ()))
    for table in SYNCED:
        out.extend({"table": table, "id": str(row["id"]), "op": "upsert", "row": wire_row(table, row)}
                   for row in upserts.get(table, ()))
    return out


def _current_rows(connection: Connection, scope: Scope, table: str, ids: list[uuid.UUID]) -> Iterator[dict]:
    mapped = TABLES[table]
    link = CANDIDATE_LINK[table]
    for start in range(0, len(ids), 1000):
        chunk = ids[start:start + 1000]
        if link is None:
            query = select(mapped).where(mapped.c.id.in_(chunk))
            for row in connection.execute(query).mappings():
                yield {**row, "_in_scope": True}
            continue
        if table == "candidates":
            held = scope.candidate_filter()
        else:
            held = mapped.c[link].in_(select(Candidate.id).where(scope.candidate_filter()).correlate(None))
        query = select(mapped, held.label("_in_scope")).where(mapped.c.id.in_(chunk))
        for row in connection.execute(query).mappings():
            yield dict(row)


def mark_candidates_changed(session: Session, municipalities: Iterable[str]) -> None:
    """Record the candidates of these municipalities (casefolded), and every row under them, as changed in this
    transaction (PostgreSQL; nothing elsewhere): a medewerker whose scope was narrowed or widened gets them
    deleted or sent by the next pull, as for a candidate who moved."""
    names = sorted(set(municipalities))
    if not names or session.get_bind().dialect.name != "postgresql":
        return
    xid = text("pg_current_xact_id()::text::bigint")
    for table, link in CANDIDATE_LINK.items():
        if link is None:
            continue
        mapped = TABLES[table]
        if table == "candidates":
            rows = select(literal(table), mapped.c.id, literal("moved"), xid).where(
                func.lower(mapped.c.municipality).in_(names))
        else:
            rows = (select(literal(table), mapped.c.id, literal("moved"), xid)
                    .join(Candidate, Candidate.id == mapped.c[link])
                    .where(func.lower(Candidate.municipality).in_(names)))
        session.execute(insert(SyncChange).from_select(["table_name", "row_id", "op", "xid"], rows))


def _pruned_below(connection: Connection) -> int:
    value = connection.scalar(select(Meta.value).where(Meta.key == PRUNED))
    return int(value) if value else 0


def prune(db: Database, keep_days: int) -> int:
    """Remove the change log's entries older than ``keep_days`` days, and remember below which transaction id
    that was: a laptop whose watermark lies below it is told to take a new snapshot. Returns how many went."""
    if db.engine.dialect.name != "postgresql":
        return 0
    cutoff = text("now() - make_interval(days => :days)").bindparams(days=int(keep_days))

    def work(session: Session) -> int:
        below = session.scalar(select(func.max(SyncChange.xid)).where(SyncChange.at < cutoff))
        if below is None:
            return 0
        gone = session.execute(delete(SyncChange).where(SyncChange.xid <= below)).rowcount  # type: ignore[attr-defined]
        db.set_meta(session, PRUNED, str(max(int(below) + 1, _pruned_below(session.connection()))))
        return int(gone or 0)

    return db.run("systeem", work)
