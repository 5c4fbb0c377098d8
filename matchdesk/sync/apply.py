"""The server's rows on the laptop: pulled changes, the undoing of a refused command, the first copy.

Rows are written with plain table statements inside one unit of work: no use case, no rules, no audit and
no outbox (the server's state wins; what it decided was judged there). On SQLite the foreign keys are checked
at the commit (``PRAGMA defer_foreign_keys``), so a batch may hold a child before its parent; upserts still
go parents first and deletions children first. The last change of a row in a batch is the one that counts.

``take_snapshot`` makes the server's snapshot file the laptop's database: the file comes encrypted with a
one-time key, is re-keyed with the laptop's own key (``storage.keys.key_for``) and then moved into place.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, insert, select, text, update
from sqlalchemy.orm import Session

from matchdesk.errors import ValidationError
from matchdesk.storage import cipher
from matchdesk.storage.keys import DatabaseKey, key_for
from matchdesk.sync.codec import SYNCED_TABLES, row_from_json, rows_named, split_key, table_of
from matchdesk.sync.outbox import quiet

_ORDER = {name: position for position, name in enumerate(SYNCED_TABLES)}
_CHUNK = 500


def apply_changes(session: Session, changes: Iterable[Mapping[str, Any]]) -> int:
    """Apply pulled changes (``{"table", "id", "op": "upsert", "row"}`` or ``{"table", "id", "op": "delete"}``);
    returns how many rows were written or removed."""
    last: dict[tuple[str, str], Mapping[str, Any] | None] = {}
    for change in changes:
        table_of(str(change.get("table")))
        key = (str(change["table"]), str(change["id"]))
        last.pop(key, None)  # a later change of the same row counts, in its own place
        if change.get("op") == "delete":
            last[key] = None
        elif change.get("op") == "upsert" and isinstance(change.get("row"), Mapping):
            last[key] = change["row"]
        else:
            raise ValidationError("wijziging", change.get("op"), "onbekende wijziging van de server")
    return _write(session, last)


def replace_rows(session: Session, rows: Mapping[str, Mapping[str, Any] | None]) -> int:
    """Make the rows named ``table/uuid`` what ``rows`` says (None: the row goes)."""
    wanted: dict[tuple[str, str], Mapping[str, Any] | None] = {}
    for key, row in rows.items():
        table, row_id = split_key(key)
        table_of(table)
        wanted[(table, str(row_id))] = row
    return _write(session, wanted)


def local_rows(session: Session, keys: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    """The rows named ``table/uuid`` as the laptop holds them now (None: no such row)."""
    return rows_named(session, keys)


def _write(session: Session, wanted: Mapping[tuple[str, str], Mapping[str, Any] | None]) -> int:
    if not wanted:
        return 0
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))  # until the commit; reset by it
    upserts = sorted(((t, i, r) for (t, i), r in wanted.items() if r is not None), key=lambda c: _ORDER[c[0]])
    deletes = sorted(((t, i) for (t, i), r in wanted.items() if r is None), key=lambda c: -_ORDER[c[0]])
    with quiet():
        by_table: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
        for table_name, row_id, row in upserts:
            by_table.setdefault(table_name, []).append((row_id, row))
        for table_name in sorted(by_table, key=_ORDER.__getitem__):
            _upsert(session, table_of(table_name), by_table[table_name])
        for table_name, row_id in deletes:
            _delete(session, table_of(table_name), [row_from_json(table_of(table_name), {"id": row_id})["id"]])
    return len(wanted)


def _delete(session: Session, table: Table, ids: list[Any], depth: int = 0) -> None:
    """Delete rows and, first, the synced rows that refer to them (a candidate who leaves the laptop takes
    its trajectories and proposals along; the server sends their deletions too, maybe on a later page)."""
    if not ids or depth > len(SYNCED_TABLES):
        return
    for child_name in reversed(SYNCED_TABLES):
        child = table_of(child_name)
        for key in child.foreign_keys:
            if key.column.table is table and child is not table:
                found = list(session.scalars(select(child.c.id).where(key.parent.in_(ids))))
                _delete(session, child, found, depth + 1)
    session.execute(delete(table).where(table.c.id.in_(ids)))


def _upsert(session: Session, table: Table, rows: list[tuple[str, Mapping[str, Any]]]) -> None:
    values = [row_from_json(table, dict(row) | {"id": row_id}) for row_id, row in rows]
    present: set = set()
    ids = [v["id"] for v in values]
    for start in range(0, len(ids), _CHUNK):
        present |= set(session.scalars(select(table.c.id).where(table.c.id.in_(ids[start:start + _CHUNK]))))
    new = [v for v in values if v["id"] not in present]
    for value in values:
        if value["id"] in present:
            session.execute(update(table).where(table.c.id == value["id"]).values(
                {k: v for k, v in value.items() if k != "id"}))
    if new:
        for fields in {frozenset(v) for v in new}:  # one executemany per set of columns
            session.execute(insert(table), [v for v in new if frozenset(v) == fields])


# -- the first copy -------------------------------------------------------------------------------------------
def is_empty_target(path: Path) -> bool:
    """A laptop file that may simply be replaced by the server's copy: missing or empty."""
    return not path.exists() or path.stat().st_size == 0


def take_snapshot(downloaded: Path, one_time_key: str, target: Path) -> None:
    """Re-key the downloaded snapshot with the laptop's own key for ``target`` and move it into place."""
    own = key_for(target, create=True)
    connection = cipher.connect(downloaded, DatabaseKey(one_time_key, "eenmalig"))
    try:
        connection.execute("PRAGMA journal_mode = DELETE")  # one file, no WAL beside it, before re-keying
        connection.execute(own.pragma.replace("PRAGMA key", "PRAGMA rekey", 1))
        connection.commit()
    finally:
        connection.close()
    for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    os.replace(downloaded, target)
    cipher.make_private(target)


__all__ = ["apply_changes", "is_empty_target", "local_rows", "replace_rows", "take_snapshot"]
