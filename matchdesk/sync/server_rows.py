"""The synced tables and their rows as the server sends them: one format with the laptop (``codec``).

``SYNCED`` is ``codec.SYNCED_TABLES`` (parents before children: the order a copy inserts them in; deletions go
the other way); a row is ``codec.row_to_json`` (docs/sync.md "Rows on the wire").
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table

from matchdesk.storage.models import Base
from matchdesk.sync.codec import SYNCED_TABLES, row_to_json

SYNCED: tuple[str, ...] = SYNCED_TABLES
TABLES: dict[str, Table] = {name: Base.metadata.tables[name] for name in SYNCED}


def wire_row(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of ``table`` (a mapping of its columns) as it travels."""
    return row_to_json(TABLES[table], row)


def split_key(key: str) -> tuple[str, uuid.UUID] | None:
    """``"candidates/<uuid>"`` -> ("candidates", UUID); None when it is no synced table or no UUID."""
    table, _, text = key.partition("/")
    if table not in TABLES:
        return None
    try:
        return table, uuid.UUID(text)
    except ValueError:
        return None


__all__ = ["SYNCED", "TABLES", "split_key", "wire_row"]
