"""JSON on the wire: a use case's arguments (``encode``/``decode``) and table rows (``row_to_json``/
``row_from_json``), as docs/sync.md describes.

Arguments keep their Python types through a round trip: plain JSON values as they are, the rest tagged

    UUID            {"$uuid": "9d1c..."}
    datetime        {"$datetime": "2026-12-04T10:31:02.123456"}     (naive: MatchDesk keeps UTC naive)
    date            {"$date": "2026-12-04"}
    Decimal         {"$decimal": "12.50"}
    bytes           {"$bytes": "<base64>"}
    Enum            {"$enum": "matchdesk.domain:CefrLevel", "value": "B1"}
    dataclass       {"$dataclass": "matchdesk.services.candidates:SkillInput", "fields": {...}}
    tuple           {"$tuple": [...]}
    Mapping         {...} with string keys (none starting with "$"), else {"$map": [[key, value], ...]}

Only enums and dataclasses defined in ``matchdesk`` modules are decoded (a client cannot make the server
build anything else), from modules already loaded or from the domain, the use cases and the rules. Rows
use the table's column types instead of tags: UUIDs as strings, dates
``YYYY-MM-DD``, datetimes ISO 8601 UTC with ``Z``, enums by value, bytes base64.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import decimal
import enum
import importlib
import sys
import uuid
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import Table
from sqlalchemy import types as satypes

from matchdesk.errors import ValidationError

# every synced table, parents before children (the order a snapshot or a pull applies them in)
SYNCED_TABLES: tuple[str, ...] = (
    "medewerkers", "employers", "candidates", "candidate_skills", "candidate_languages", "educations",
    "work_experiences", "contact_moments", "vacancies", "vacancy_skills", "vacancy_languages", "proposals",
    "trajectories", "signal_states",
)
NOT_SYNCED_COLUMNS: dict[str, frozenset[str]] = {}  # per table: columns that never travel (none yet)
_ALLOWED_MODULE = "matchdesk."
_IMPORTABLE = ("matchdesk.domain", "matchdesk.services.", "matchdesk.rules.")  # what decoding may import


class CodecError(ValidationError):
    """A value that cannot be encoded or decoded: the command is invalid."""

    def __init__(self, message: str) -> None:
        super().__init__("argumenten", None, message)


# -- arguments ------------------------------------------------------------------------------------------------
def encode(value: Any) -> Any:
    """A use case's argument as JSON-ready data (dicts, lists, str, int, float, bool, None)."""
    if value is None or isinstance(value, bool | int | float | str) and not isinstance(value, enum.Enum):
        return value
    if isinstance(value, enum.Enum):
        return {"$enum": _name(type(value)), "value": value.value}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"$dataclass": _name(type(value)),
                "fields": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, Mapping):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, list | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [encode(v) for v in items]
    raise CodecError(f"een waarde van het type {type(value).__name__} kan niet worden verstuurd")


def decode(data: Any) -> Any:
    """The inverse of ``encode`` (a Mapping comes back as a read-only mapping when it was one with
    non-string keys, else as a dict)."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        raise CodecError(f"onverwachte waarde {type(data).__name__}")
    tags = [k for k in data if k.startswith("$")]
    if not tags:
        return {k: decode(v) for k, v in data.items()}
    tag = tags[0]
    try:
        if tag == "$uuid":
            return uuid.UUID(data[tag])
        if tag == "$datetime":
            return dt.datetime.fromisoformat(data[tag])
        if tag == "$date":
            return dt.date.fromisoformat(data[tag])
        if tag == "$decimal":
            return decimal.Decimal(data[tag])
        if tag == "$bytes":
            return base64.b64decode(data[tag], validate=True)
        if tag == "$tuple":
            return tuple(decode(v) for v in data[tag])
        if tag == "$map":
            return MappingProxyType({decode(k): decode(v) for k, v in data[tag]})
        if tag == "$enum":
            kind = _class(data[tag])
            if not issubclass(kind, enum.Enum):
                raise CodecError(f"{data[tag]} is geen opsomming")
            return kind(data["value"])
        if tag == "$dataclass":
            kind = _class(data[tag])
            if not dataclasses.is_dataclass(kind):
                raise CodecError(f"{data[tag]} is geen gegevensklasse")
            return kind(**{k: decode(v) for k, v in data["fields"].items()})
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError, decimal.InvalidOperation) as error:
        raise CodecError(f"ongeldige waarde voor {tag}: {error}") from None
    raise CodecError(f"onbekende markering {tag}")


def _name(kind: type) -> str:
    return f"{kind.__module__}:{kind.__qualname__}"


def _class(name: object) -> type:
    if not isinstance(name, str) or ":" not in name or not name.startswith(_ALLOWED_MODULE):
        raise CodecError(f"onbekend type {name!r}")
    module_name, _, qualname = name.partition(":")
    if module_name not in sys.modules and not module_name.startswith(_IMPORTABLE):
        raise CodecError(f"onbekend type {name!r}")  # never the window, the command line or a script
    try:
        found: Any = importlib.import_module(module_name)
        for part in qualname.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError):
        raise CodecError(f"onbekend type {name!r}") from None
    if not isinstance(found, type):
        raise CodecError(f"onbekend type {name!r}")
    return found


def encode_args(args: Mapping[str, Any]) -> dict[str, Any]:
    """A command's arguments by parameter name."""
    return {name: encode(value) for name, value in args.items()}


def decode_args(data: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise CodecError("de argumenten van een opdracht zijn geen object")
    return {str(name): decode(value) for name, value in data.items()}


# -- rows -----------------------------------------------------------------------------------------------------
def table_of(name: str) -> Table:
    """The synced table called ``name`` (ValidationError for any other)."""
    from matchdesk.storage.models import Base

    if name not in SYNCED_TABLES:
        raise CodecError(f"tabel {name!r} wordt niet gesynchroniseerd")
    return Base.metadata.tables[name]


def _columns(table: Table) -> list:
    skip = NOT_SYNCED_COLUMNS.get(table.name, frozenset())
    return [c for c in table.columns if c.name not in skip]


def row_to_json(table: Table | str, row: Any) -> dict[str, Any]:
    """A row (an ORM object, a SQLAlchemy ``Row`` or a mapping by column name) as JSON values."""
    table = table_of(table) if isinstance(table, str) else table
    mapping = row._mapping if hasattr(row, "_mapping") else row
    out: dict[str, Any] = {}
    for column in _columns(table):
        if isinstance(mapping, Mapping):
            value = mapping.get(column.name)
        else:
            value = getattr(row, column.key, None)
        out[column.name] = _cell_to_json(value)
    return out


def _cell_to_json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str) and not isinstance(value, enum.Enum):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise CodecError(f"een kolomwaarde van het type {type(value).__name__} kan niet worden verstuurd")


def row_from_json(table: Table | str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON row as Python values by column name (for an insert or update of ``table``); columns the
    table does not have are ignored, columns the row does not carry are left out."""
    table = table_of(table) if isinstance(table, str) else table
    out: dict[str, Any] = {}
    for column in _columns(table):
        if column.name in data:
            out[column.name] = _cell_from_json(column.type, data[column.name], column.name)
    return out


def _cell_from_json(kind: satypes.TypeEngine, value: Any, name: str) -> Any:
    if value is None:
        return None
    try:
        if isinstance(kind, satypes.Enum) and kind.enum_class is not None:
            return kind.enum_class(value)
        if isinstance(kind, satypes.Uuid):
            return uuid.UUID(str(value))
        if isinstance(kind, satypes.DateTime):
            parsed = dt.datetime.fromisoformat(str(value))
            if parsed.tzinfo is not None:
                parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
            return parsed
        if isinstance(kind, satypes.Date):
            return dt.date.fromisoformat(str(value))
        if isinstance(kind, satypes.Boolean):
            return bool(value)
        if isinstance(kind, satypes.Integer):
            return int(value)
        if isinstance(kind, satypes.Numeric):
            return decimal.Decimal(str(value))
        if isinstance(kind, satypes.LargeBinary):
            return base64.b64decode(str(value), validate=True)
    except (TypeError, ValueError) as error:
        raise CodecError(f"kolom {name}: ongeldige waarde ({error})") from None
    return value


def row_key(table: str, row_id: uuid.UUID | str) -> str:
    """``table/uuid``: how ``expects``, ``touched`` and ``current`` name a row."""
    return f"{table}/{row_id}"


def split_key(key: str) -> tuple[str, uuid.UUID]:
    table, _, row_id = key.partition("/")
    try:
        return table, uuid.UUID(row_id)
    except ValueError:
        raise CodecError(f"ongeldige rijnaam {key!r}") from None


def rows_named(session: Any, keys: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    """The rows named ``table/uuid`` as ``session``'s database holds them now (None: no such row): the
    laptop's side of a refused change, and the server's ``current``."""
    from sqlalchemy import select

    found: dict[str, dict[str, Any] | None] = {}
    for key in keys:
        table_name, row_id = split_key(key)
        table = table_of(table_name)
        row = session.execute(select(table).where(table.c.id == row_id)).first()
        found[key] = row_to_json(table, row) if row is not None else None
    return found


def rows_to_json(table: Table | str, rows: Iterable[Any]) -> list[dict[str, Any]]:
    return [row_to_json(table, row) for row in rows]
