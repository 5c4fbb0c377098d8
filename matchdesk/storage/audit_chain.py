"""The audit log's hash chain, and the one way to change or delete an audit entry.

The chain. Every new entry gets the next place ``seq``, ``prev_hash`` = the ``entry_hash`` of the entry before
it and ``entry_hash`` = sha256 over its own fields and ``prev_hash`` (``entry_hash()``). Entries are chained as
they are written, whichever way: the ORM's flush (``chain_pending``, called by ``storage.audit``'s flush
listener, in the order the entries were added) and the executemany of the batch inserts (the demo, the
import: ``_chain_bulk_inserts`` fills in the same columns). The last link is read inside the writing
transaction: a unit of work holds SQLite's write lock from BEGIN, and on PostgreSQL a transaction-level
advisory lock is taken first, so two writers never read the same last link (and the unique ``seq`` would
refuse a fork all the same). Entries written before the chain existed (``seq`` NULL) stay as they are: the
chain starts after them, and ``check_chain`` says from which entry on the log is checked.

Append-only. Triggers (migration 0005) refuse UPDATE and DELETE on ``audit_log``. Only the erasure and
retention use cases may rewrite it, and they say so first, inside their unit of work::

    with app.unit() as session:
        allow_audit_rewrite(session)      # this transaction only
        session.execute(delete(AuditEntry).where(...))

On SQLite that inserts a row into ``audit_permission`` (the triggers check for one); on PostgreSQL it runs
``SET LOCAL matchdesk.audit_rewrite = 'on'`` (the trigger function reads ``current_setting(..., true)``). Just
before the commit the chain is computed again over what is left (``rechain``) and the SQLite row is deleted
again, so no other transaction ever sees it; a rollback takes it away as well.

What the chain proves: an entry changed, removed or slipped in afterwards by someone with the file but without
MatchDesk breaks it (``matchdesk audit verify``). Someone who recomputes every hash after a forgery, or
removes only the newest entries, is not caught: the hashes are not signed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, bindparam, event, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import AuditEntry, audit_permission

AUDIT_TABLE = cast(Table, AuditEntry.__table__)
HASHED = ("id", "seq", "at", "medewerker", "action", "record_type", "record_id", "fields", "detail", "prev_hash")
_ADVISORY_KEY = 0x4D445F41554449  # "MD_AUDI": one lock for every writer of the audit chain (PostgreSQL)
_REWRITE = "matchdesk.audit_rewrite"  # session.info: the transaction allowed to rewrite the log


def entry_hash(values: Mapping[str, Any]) -> str:
    """sha256 over an entry's fields and ``prev_hash`` (a mapping of the names in ``HASHED``)."""
    return hashlib.sha256(json.dumps([_text(values.get(name)) for name in HASHED], ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


def last_link(connection: Connection) -> tuple[int, str | None]:
    """The newest entry's ``seq`` and ``entry_hash`` (0 and None before the chain's first entry)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_KEY})")
    row = connection.execute(select(AUDIT_TABLE.c.seq, AUDIT_TABLE.c.entry_hash)
                             .where(AUDIT_TABLE.c.seq.is_not(None))
                             .order_by(AUDIT_TABLE.c.seq.desc()).limit(1)).first()
    return (row.seq, row.entry_hash) if row is not None else (0, None)


def chain_pending(session: Session) -> None:
    """Give the audit entries this flush inserts their place and hashes, in the order they were added."""
    pending = sorted((o for o in session.new if isinstance(o, AuditEntry)), key=lambda o: inspect(o).insert_order or 0)
    if not pending:
        return
    seq, previous = last_link(session.connection())
    for entry in pending:  # all of them again: one a failed flush left pending must follow the newest link
        if entry.at is None:
            entry.at = utcnow()
        seq += 1
        entry.seq, entry.prev_hash = seq, previous
        entry.entry_hash = previous = entry_hash({name: getattr(entry, name) for name in HASHED})


@event.listens_for(Engine, "before_execute", retval=True)
def _chain_bulk_inserts(connection: Connection, clause: Any, multiparams: Any, params: Any, _options: Any):
    """An insert into ``audit_log`` that bypasses the ORM (``session.execute(insert(table), rows)``) is chained
    here; the ORM's own inserts arrive chained already."""
    if not isinstance(clause, Insert) or clause.table is not AUDIT_TABLE:
        return clause, multiparams, params
    rows = list(multiparams) if multiparams else [params]
    if not rows or not all(isinstance(row, Mapping) for row in rows) or all(row.get("entry_hash") for row in rows):
        return clause, multiparams, params
    seq, previous = last_link(connection)
    now = utcnow()
    chained = []
    for row in rows:
        values = dict(row)
        values.setdefault("at", now)
        seq += 1
        values["seq"], values["prev_hash"] = seq, previous
        values["entry_hash"] = previous = entry_hash(values)
        chained.append(values)
    return (clause, chained, {}) if multiparams else (clause, [], chained[0])


# -- the one way to rewrite the log ---------------------------------------------------------------------------
def allow_audit_rewrite(session: Session) -> None:
    """Let this transaction (only) update and delete audit entries: for the erasure and retention use cases.
    The chain is computed again over what is left just before the commit."""
    connection = session.connection()
    transaction = session.get_transaction()
    if session.info.get(_REWRITE) is transaction:
        return
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL matchdesk.audit_rewrite = 'on'")
    else:
        connection.execute(audit_permission.insert(), {"txn": str(uuid.uuid4())})
    session.info[_REWRITE] = transaction


@event.listens_for(Session, "before_commit")
def _close_rewrite(session: Session) -> None:
    if session.info.get(_REWRITE) is None:
        return
    if session.info[_REWRITE] is session.get_transaction():
        session.flush()
        connection = session.connection()
        rechain(connection)
        if connection.dialect.name != "postgresql":
            connection.execute(audit_permission.delete())
    session.info.pop(_REWRITE, None)


def rechain(connection: Connection) -> int:
    """Compute the chain again over the entries there are (in ``seq`` order); returns how many changed.
    Only inside a transaction that ``allow_audit_rewrite`` opened."""
    columns = [AUDIT_TABLE.c[name] for name in HASHED] + [AUDIT_TABLE.c.entry_hash]
    rows = connection.execute(select(*columns).where(AUDIT_TABLE.c.seq.is_not(None))
                              .order_by(AUDIT_TABLE.c.seq)).mappings().all()
    previous: str | None = None
    changed = []
    for row in rows:
        values = dict(row) | {"prev_hash": previous}
        digest = entry_hash(values)
        if digest != row["entry_hash"] or row["prev_hash"] != previous:
            changed.append({"key": row["id"], "new_prev": previous, "new_hash": digest})
        previous = digest
    if changed:
        connection.execute(update(AUDIT_TABLE).where(AUDIT_TABLE.c.id == bindparam("key"))
                           .values(prev_hash=bindparam("new_prev"), entry_hash=bindparam("new_hash")), changed)
    return len(changed)


# -- checking the chain ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Break:
    """The first place the chain is broken: ``kind`` gewijzigd (the entry is not what was hashed), verwijderd
    (the entry it was chained to is gone) or ingevoegd (an entry that was not chained where it stands)."""

    kind: str
    entry_id: uuid.UUID
    seq: int | None
    at: dt.datetime | None


@dataclass(frozen=True)
class ChainState:
    checked: int  # chained entries checked
    unchained: int  # older entries from before the chain (not checked)
    first_seq: int | None  # where the checked chain starts
    first_at: dt.datetime | None
    broken: Break | None


def check_chain(rows: Iterable[Mapping[str, Any]]) -> ChainState:
    """Check entries (the ``HASHED`` fields, ``entry_hash`` and ``position``: the order they were written in,
    SQLite's rowid, or None where unknown). Entries without ``seq`` count as written before the chain, unless
    their position comes after the chain's first entry: then they were slipped in."""
    chained: list[Mapping[str, Any]] = []
    unchained: list[Mapping[str, Any]] = []
    for row in rows:
        (chained if row["seq"] is not None else unchained).append(row)
    chained.sort(key=lambda r: r["seq"])
    first = chained[0] if chained else None
    broken: Break | None = None
    known = {r["entry_hash"] for r in chained}
    previous: Mapping[str, Any] | None = None
    for row in chained:
        if entry_hash(row) != row["entry_hash"]:
            broken = _break("gewijzigd", row)
        elif row["prev_hash"] != (previous["entry_hash"] if previous is not None else None):
            inserted = row["prev_hash"] in known and previous is not None
            broken = _break("ingevoegd", previous) if inserted else _break("verwijderd", row)
        if broken is not None:
            break
        previous = row
    if first is not None and first.get("position") is not None:
        late = [r for r in unchained if r.get("position") is not None and r["position"] > first["position"]]
        if late:
            slipped = _break("ingevoegd", min(late, key=lambda r: r["position"]))
            if broken is None:
                broken = slipped
        slipped_ids = {r["id"] for r in late}
        unchained = [r for r in unchained if r["id"] not in slipped_ids]
    return ChainState(len(chained), len(unchained), first["seq"] if first else None,
                      first["at"] if first else None, broken)


def _break(kind: str, row: Mapping[str, Any] | None) -> Break:
    assert row is not None
    return Break(kind, row["id"] if isinstance(row["id"], uuid.UUID) else uuid.UUID(str(row["id"])),
                 row["seq"], row["at"])


def chain_rows(connection: Connection) -> list[dict[str, Any]]:
    """Every entry with what ``check_chain`` needs (the position: SQLite's rowid)."""
    columns: list[Any] = [AUDIT_TABLE.c[name] for name in HASHED] + [AUDIT_TABLE.c.entry_hash]
    if connection.dialect.name == "sqlite":
        from sqlalchemy import literal_column

        columns.append(literal_column("audit_log.rowid").label("position"))
    return [dict(row) for row in connection.execute(select(*columns)).mappings()]
