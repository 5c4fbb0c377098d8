"""Opening a user's file as a table: encodings, separators and workbook sheets sniffed, rows as plain lists.

``open_table(path, sheet_names)`` returns a ``Table`` whose ``rows`` yields (spreadsheet row number,
cells). Cells are ``str`` (stripped), ``datetime.date`` or ``None``; numbers from a workbook arrive as
text ("24", "3.5") so every column parses text and dates only. Workbooks (.xlsx, .xlsm, .xls, .ods) are
read by calamine (``transfer.workbooks``) after the limits of ``transfer.limits``; text files are
decoded here (``decode``), with the rows that had undecodable bytes in ``Table.warnings``.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from matchdesk.errors import MatchDeskError
from matchdesk.transfer.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    LimitExceeded,
    check_workbook,
)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and other Office 97 files)
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
SEPARATORS = (";", "\t", ",")
_INJECTION_GUARD = re.compile(r"^'[=@+\-\t\r]")  # the writer's formula guard, undone
csv.field_size_limit(1 << 24)


class UnreadableFile(MatchDeskError):
    """The file cannot be read as a table (exit code 2)."""


SAVE_AS_XLSX = "Sla het bestand op als .xlsx (Excel-werkmap), .ods of als CSV en probeer opnieuw."
WORKBOOK_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
CLOSE_IN_EXCEL = "Sluit het bestand in Excel en probeer opnieuw."


@dataclass
class Table:
    header_row: int
    headers: list[str]
    rows: Iterator[tuple[int, list]]
    total: int | None  # data rows expected (after the header), None when unknown
    description: str  # "CSV (UTF-8 met BOM, puntkomma)" or "Excel-werkblad kandidaten"
    warnings: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, Dutch text): the file itself


def open_table(path: str | Path, sheet_names: tuple[str, ...] = ()) -> Table:
    """The first non-empty row is the header; ``sheet_names`` are tried in order (else the first sheet)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in WORKBOOK_SUFFIXES:
        raise UnreadableFile(f"{path.name}: onbekend bestandstype {path.suffix or '(geen)'}; "
                             "gebruik .csv, .xlsx, .xls of .ods")
    head = _read_bytes(path, limit=MAX_FILE_BYTES, head=True)
    if head.startswith(OLE2_MAGIC):
        if suffix not in (".xls", ".xlsx", ".xlsm"):
            raise UnreadableFile(f"{path.name} is geen tekstbestand (CSV). {SAVE_AS_XLSX}")
        return _workbook_table(path, "xls", sheet_names)
    if head.startswith(ZIP_MAGIC):
        kind = "ods" if b"application/vnd.oasis.opendocument.spreadsheet" in head[:200] else "xlsx"
        return _workbook_table(path, kind, sheet_names)
    if suffix not in TEXT_SUFFIXES:
        raise UnreadableFile(f"{path.name} is geen werkmap ({suffix}). {SAVE_AS_XLSX}")
    data = _read_bytes(path, limit=MAX_FILE_BYTES)
    return _text_table(path, data)


def _read_bytes(path: Path, limit: int, head: bool = False) -> bytes:
    """The file's bytes (``head``: its first 4 KB); a file over ``limit`` bytes is refused before it is read."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(4096 if head else limit + 1)
        if max(size, len(data)) > limit:
            raise UnreadableFile(f"{path.name} is groter dan {limit // (1024 * 1024)} MB (de grens); "
                                 "splits het bestand en lees de delen na elkaar in.")
        return data
    except FileNotFoundError:
        raise UnreadableFile(f"Het bestand {path.name} bestaat niet.") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path.name} is een map, geen bestand.") from None
    except PermissionError:
        # Excel on Windows opens its files exclusively: reading them fails with a sharing violation.
        raise UnreadableFile(f"Het bestand {path.name} is in gebruik door een ander programma. {CLOSE_IN_EXCEL}") \
            from None
    except OSError as error:
        if getattr(error, "winerror", None) in (32, 33):
            raise UnreadableFile(f"Het bestand {path.name} is in gebruik door een ander programma. {CLOSE_IN_EXCEL}") \
                from None
        raise UnreadableFile(f"Het bestand {path.name} kan niet worden gelezen: {error.strerror or error}") from None


# --- text files ----------------------------------------------------------------------------------

REPLACED = "\ufffd"
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes) -> tuple[str, str]:
    """Text and a Dutch name of its encoding, decided for the whole file on evidence: BOMs first, then UTF-8
    when it decodes strictly. A file that does not is weighed: if its valid UTF-8 sequences (é as C3 A9) are at
    least as many as the bytes that are not UTF-8, it IS UTF-8 with a few bad bytes: those become U+FFFD and the
    name says "met ongeldige tekens" (the reader warns about their rows); else it is Windows-1252 (Latin-1 for
    bytes Windows-1252 leaves undefined)."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
        return text, "UTF-8 met BOM" + (", met ongeldige tekens" if REPLACED in text and _bad_utf8(data[3:]) else "")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    sample = data[:2000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace"), "UTF-16 zonder BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if valid and valid >= _bad_utf8(data):
        return data.decode("utf-8", errors="replace"), "UTF-8, met ongeldige tekens"
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _bad_utf8(data: bytes) -> int:
    """How many bytes of ``data`` are no part of a valid UTF-8 sequence."""
    bad = 0

    def count(error: UnicodeError) -> tuple[str, int]:
        nonlocal bad
        assert isinstance(error, UnicodeDecodeError)
        bad += error.end - error.start
        return "", error.end

    codecs.register_error("matchdesk-count", count)
    data.decode("utf-8", errors="matchdesk-count")
    return bad


def sniff_separator(header_line: str) -> str:
    """The separator of the header line: the most frequent of ; tab , outside quotes (; on a tie)."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {sep: outside.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ";"


_SEPARATOR_NAMES = {";": "puntkomma", "\t": "tab", ",": "komma"}


def _text_table(path: Path, data: bytes) -> Table:
    text, encoding = decode(data)
    if "\x00" in text:
        raise UnreadableFile(f"{path.name} is geen tekstbestand (CSV) en geen Excel-werkmap. {SAVE_AS_XLSX}")
    first_line = next((line for line in text.splitlines() if line.strip(" \t;,\"")), "")
    separator = sniff_separator(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"', doublequote=True,
                        skipinitialspace=False, strict=False)
    numbered: Iterator[tuple[int, list]] = ((number, [_text_cell(c) for c in cells])
                                            for number, cells in enumerate(reader, start=1))
    total = max(0, text.count("\n") - 1)  # an estimate: quoted line breaks make it an upper bound
    warnings: list[tuple[int, str, str]] = []
    if "ongeldige tekens" in encoding:
        numbered = _flag_replaced(numbered, warnings)
    try:
        rows = _within_limits(numbered)  # all of it now: the whole file is checked before one row is stored
    except LimitExceeded as error:
        raise UnreadableFile(f"{path.name} wordt niet ingelezen: {error}.") from None
    table = _with_header(iter(rows), path, total, f"CSV ({encoding}, {_SEPARATOR_NAMES[separator]})")
    table.warnings = warnings
    return table


def _within_limits(rows: Iterator[tuple[int, list]]) -> list[tuple[int, list]]:
    kept: list[tuple[int, list]] = []
    for number, cells in rows:
        if number > MAX_ROWS:
            raise LimitExceeded(f"het heeft meer dan {MAX_ROWS:,} regels".replace(",", "."))
        if len(cells) > MAX_COLUMNS:
            raise LimitExceeded(f"regel {number} heeft {len(cells)} kolommen; MatchDesk leest hoogstens {MAX_COLUMNS} "
                                "kolommen")
        if any(cell is not None and len(cell) > MAX_CELL_CHARS for cell in cells):
            raise LimitExceeded(f"een cel in regel {number} heeft meer dan {MAX_CELL_CHARS:,} tekens".replace(",", "."))
        kept.append((number, cells))
    return kept


def _flag_replaced(rows: Iterator[tuple[int, list]], warnings: list[tuple[int, str, str]]) \
        -> Iterator[tuple[int, list]]:
    """Rows as they are, with a warning for each cell that held bytes that were not UTF-8."""
    headers: list | None = None
    for number, cells in rows:
        if headers is None and any(c is not None for c in cells):
            headers = cells
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and REPLACED in cell:
                column = str(headers[index] or "") if headers is not None and index < len(headers) else ""
                warnings.append((number, column, "ongeldige tekens (geen UTF-8) vervangen door \ufffd; controleer "
                                                 "de waarde en sla het bestand op als UTF-8"))
        yield number, cells


def _text_cell(cell: str) -> str | None:
    cell = cell.strip()
    if not cell:
        return None
    if cell[0] == "'" and _INJECTION_GUARD.match(cell):
        return cell[1:]  # the guard MatchDesk (and others) put before =, @, + and - on export
    return cell


# --- workbooks ----------------------------------------------------------------------------------

def _workbook_table(path: Path, kind: str, sheet_names: tuple[str, ...]) -> Table:
    from matchdesk.transfer.workbooks import KIND_NAMES, WorkbookError, open_sheet

    try:
        if kind != "xls":
            check_workbook(path, kind)
        sheet = open_sheet(path, sheet_names, kind)
    except LimitExceeded as error:
        raise UnreadableFile(f"{path.name} wordt niet ingelezen: {error}.") from None
    except WorkbookError as error:
        raise UnreadableFile(f"{path.name} is geen leesbare werkmap ({error}). {SAVE_AS_XLSX}") from None
    total = sheet.last_row - 1 if sheet.last_row else None

    def cells() -> Iterator[tuple[int, list]]:
        try:
            yield from sheet.rows
        except (LimitExceeded, WorkbookError) as error:
            raise UnreadableFile(f"{path.name}: werkblad {sheet.name} is beschadigd ({error}).") from None

    return _with_header(cells(), path, total, f"{KIND_NAMES[kind]} {sheet.name}")


def _with_header(rows: Iterator[tuple[int, list]], path: Path, total: int | None, description: str) -> Table:
    for number, cells in rows:
        if any(c is not None for c in cells):
            headers = [(c if isinstance(c, str) else "" if c is None else str(c)) for c in cells]
            if total is not None:
                total = max(0, total - (number - 1))
            return Table(number, headers, rows, total, description)
    raise UnreadableFile(f"{path.name} is leeg: er staat geen kopregel in.")
