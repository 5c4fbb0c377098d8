"""Rows on the wire (docs/sync.md "Rows on the wire"): the synced tables and a row as ``{column: value}``.

UUIDs as strings, dates ``YYYY-MM-DD``, datetimes ISO 8601 in UTC with ``Z`` (the database keeps them naive,
in UTC), enums by value (they are stored by value already), bytes base64, everything else as JSON has it.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table

from matchdesk.storage.models import Base

# In the order a copy must insert them (a row's references before it); deletions go the other way.
SYNCED: tuple[str, ...] = (
    "medewerkers", "employers", "vacancies", "vacancy_skills", "vacancy_languages", "candidates",
    "candidate_skills", "candidate_languages", "educations", "work_experiences", "contact_moments",
    "proposals", "trajectories", "signal_states",
)
TABLES: dict[str, Table] = {name: Base.metadata.tables[name] for name in SYNCED}


def wire_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


def wire_row(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of ``table`` (a mapping of its columns) as it travels."""
    return {column.name: wire_value(row[column.name]) for column in TABLES[table].columns}


def split_key(key: str) -> tuple[str, uuid.UUID] | None:
    """``"candidates/<uuid>"`` -> ("candidates", UUID); None when it is no synced table or no UUID."""
    table, _, text = key.partition("/")
    if table not in TABLES:
        return None
    try:
        return table, uuid.UUID(text)
    except ValueError:
        return None


__all__ = ["SYNCED", "TABLES", "split_key", "wire_row", "wire_value"]
