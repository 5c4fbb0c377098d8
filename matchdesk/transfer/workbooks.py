"""Reading .xlsx, .xlsm, .xls and .ods workbooks with calamine (python-calamine, Rust).

One reader for all three formats: formulas arrive as their cached values, date cells as dates (the
workbook's own date formats and 1900/1904 calendar decide), numbers as numbers. A zip workbook is
first checked against ``transfer.limits`` so a hostile file is refused before calamine spends memory
on it. Row numbers are the spreadsheet's own (1-based, counting empty rows above the data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import python_calamine

from matchdesk.transfer.limits import MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, LimitExceeded

MAX_XLS_BYTES = 64 * 1024 * 1024  # Excel 97-2003 holds at most 65,536 rows; real files stay far below

KIND_NAMES = {"xlsx": "Excel-werkblad", "xls": "Excel 97-2003-werkblad", "ods": "OpenDocument-werkblad"}


_SHARED = 40  # texts up to this length are shared between cells


class WorkbookError(ValueError):
    """calamine could not read the workbook (damaged, encrypted or no workbook at all)."""


@dataclass
class Sheet:
    name: str
    rows: Iterator[tuple[int, list]]
    last_row: int | None


def open_sheet(path: Path, sheet_names: tuple[str, ...], kind: str = "xlsx") -> Sheet:
    """The first sheet named in ``sheet_names`` (case-insensitive, spaces around ignored), else the first.
    An .xls (``kind`` "xls") is held to the limits by its cell records first (``xls_scan``)."""
    if kind == "xls":
        _check_xls(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        names = [n for n in workbook.sheet_names]
        if not names:
            raise WorkbookError("geen werkblad gevonden")
        by_key = {n.strip().lower(): n for n in reversed(names)}
        chosen = next((by_key[w.lower()] for w in sheet_names if w.lower() in by_key), names[0])
        sheet = workbook.get_sheet_by_name(chosen)
        start, end = sheet.start, sheet.end
    except python_calamine.PasswordError:
        raise WorkbookError("het bestand is beveiligd met een wachtwoord") from None
    except (python_calamine.CalamineError, ValueError, OSError) as error:
        raise WorkbookError(str(error)[:200]) from None
    if end is not None:
        height, width = end[0] + 1, end[1] + 1
        if height > MAX_ROWS or width > MAX_COLUMNS or height * width > MAX_CELLS:
            raise LimitExceeded(f"het werkblad is {height} rijen x {width} kolommen; MatchDesk leest hoogstens "
                                f"{MAX_ROWS} rijen en {MAX_COLUMNS} kolommen")
    rows = _rows(sheet, start or (0, 0))  # all of it now: a bad cell is found before the first row is stored
    return Sheet(chosen, iter(rows), end[0] + 1 if end is not None else None)


def _check_xls(path: Path) -> None:
    from matchdesk.transfer.xls_scan import DamagedXls, used_area

    if path.stat().st_size > MAX_XLS_BYTES:
        raise LimitExceeded(f"een .xls-bestand groter dan {MAX_XLS_BYTES // (1024 * 1024)} MB wordt niet gelezen; "
                            "sla het op als .xlsx")
    try:
        rows, columns = used_area(path.read_bytes())
    except DamagedXls as error:
        raise WorkbookError(str(error)) from None
    if rows * columns > MAX_CELLS:
        raise LimitExceeded(f"het gebruikte gebied ({rows} rijen x {columns} kolommen) is groter dan "
                            f"{MAX_CELLS:,} cellen".replace(",", "."))


def _rows(sheet: python_calamine.CalamineSheet, start: tuple[int, int]) -> list[tuple[int, list]]:
    first, pad = 0, start[1]  # calamine yields rows from the first row of the sheet, columns from the first used
    rows: list[tuple[int, list]] = []
    # one object per distinct short value ("ja", "24", a date, a place): a 100,000-row sheet repeats most cells
    memo: dict[object, object] = {}
    share = memo.setdefault
    try:
        for offset, values in enumerate(sheet.iter_rows()):
            cells = [None if c is None else share(c, c) if not isinstance(c, str) or len(c) <= _SHARED else c
                     for c in map(cell, values)]
            while cells and cells[-1] is None:
                cells.pop()
            if cells:
                rows.append((first + offset + 1, [None] * pad + cells if pad else cells))
    except (python_calamine.CalamineError, ValueError, OverflowError, OSError) as error:
        raise WorkbookError(str(error)[:200]) from None
    return rows


def cell(value: object) -> str | dt.date | None:
    """A calamine value as the importer's cell: stripped text or None, a date, numbers as text ("24", "3.5")."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            raise LimitExceeded(f"een cel heeft meer dan {MAX_CELL_CHARS} tekens")
        # a NUL (``_x0000_`` in an .xlsx) is no character of any text: SQLite stored it, PostgreSQL refuses it
        return value.replace("\x00", "").strip() or None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    return str(value)
