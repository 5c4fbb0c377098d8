"""The first rows of a file and how its headers map to a record type's columns, without importing.

``preview_file(path, record_type, rows=20)`` reads the header and the first non-empty data rows
(the rest of the file is not parsed) and says for each header which documented column it fills,
so a user can see the file and map an unrecognised header by hand (``import_file(header_map=...)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from matchdesk.transfer.base import RecordType
from matchdesk.transfer.columns import Column, header_key
from matchdesk.transfer.importer import column_index, resolve_header_map
from matchdesk.transfer.reading import open_table

RECOGNISED, CHOSEN, IGNORED, UNKNOWN, DUPLICATE, EMPTY = (
    "herkend", "zelf gekozen", "genegeerd", "onbekend", "dubbel", "leeg")


@dataclass
class HeaderMapping:
    """One header of the file: the column it fills (None: left out) and why."""

    index: int
    header: str
    column: Column | None
    state: str  # herkend | zelf gekozen | genegeerd | onbekend | dubbel | leeg


@dataclass
class Preview:
    record_type: str
    file_name: str
    description: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list]]  # (spreadsheet row number, cells) of the first data rows
    total: int | None  # data rows expected (an estimate), None when unknown
    columns: tuple[Column, ...]  # every documented column of the record type, in table order
    key_headers: tuple[str, ...]
    mapping: list[HeaderMapping] = field(default_factory=list)

    @property
    def missing_keys(self) -> list[str]:
        """Key columns no header fills: the import would refuse the file."""
        filled = {m.column.header for m in self.mapping if m.column is not None and m.state != DUPLICATE}
        return [h for h in self.key_headers if h not in filled]

    def remap(self, header_map: Mapping[str, str | None] | None) -> list[HeaderMapping]:
        """The mapping as ``import_file(header_map=header_map)`` would make it (``mapping`` is updated)."""
        self.mapping = map_headers(self.headers, self.columns, header_map, self.record_type)
        return self.mapping


def map_headers(headers: list[str], columns: tuple[Column, ...], header_map: Mapping[str, str | None] | None = None,
                label: str = "") -> list[HeaderMapping]:
    """The importer's rules: a chosen column first, else the header's own name or alias; the first of two
    headers for one column counts."""
    by_key = column_index(columns)
    chosen = resolve_header_map(header_map, columns, label)
    result, taken = [], set()
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key:
            result.append(HeaderMapping(index, header, None, EMPTY))
            continue
        if key in chosen:
            column = chosen[key]
            state = CHOSEN if column is not None else IGNORED
        else:
            column = by_key.get(key)
            state = RECOGNISED if column is not None else UNKNOWN
        if column is not None and column.field in taken:
            state = DUPLICATE
        elif column is not None:
            taken.add(column.field)
        result.append(HeaderMapping(index, header, column, state))
    return result


def preview_file(path: str | Path, record_type: str | RecordType, rows: int = 20,
                 today: dt.date | None = None) -> Preview:
    """Header and the first ``rows`` non-empty data rows; raises ``UnreadableFile`` as the import does."""
    from matchdesk.transfer.registry import record_type as lookup

    kind = lookup(record_type) if isinstance(record_type, str) else record_type
    path = Path(path)
    table = open_table(path, kind.sheet_names)
    first: list[tuple[int, list]] = []
    try:
        for number, cells in table.rows:
            if any(c is not None for c in cells):
                first.append((number, cells))
                if len(first) >= rows:
                    break
    finally:
        close = getattr(table.rows, "close", None)
        if close is not None:
            close()  # an .xlsx closes its workbook
    columns = kind.columns(today or dt.date.today())
    preview = Preview(kind.name, path.name, table.description, table.header_row, table.headers, first, table.total,
                      columns, kind.key_headers())
    preview.remap(None)
    return preview


__all__ = ["CHOSEN", "DUPLICATE", "EMPTY", "IGNORED", "RECOGNISED", "UNKNOWN", "HeaderMapping", "Preview",
           "map_headers", "preview_file"]
