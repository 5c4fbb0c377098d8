"""Opening a user's file as a table: encodings, separators and .xlsx sheets sniffed, rows as plain lists.

``open_table(path, sheet_names)`` returns a ``Table`` whose ``rows`` yields (spreadsheet row number,
cells). Cells are ``str`` (stripped), ``datetime.date`` or ``None``; numbers from .xlsx arrive as
text ("24", "3.5") so every column parses text and dates only.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from matchdesk.errors import MatchDeskError
from matchdesk.transfer.xlsx import XlsxFormatError, XlsxWorkbook

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and other Office 97 files)
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
SEPARATORS = (";", "\t", ",")
_INJECTION_GUARD = re.compile(r"^'[=@+\-\t\r]")  # the writer's formula guard, undone
csv.field_size_limit(1 << 24)


class UnreadableFile(MatchDeskError):
    """The file cannot be read as a table (exit code 2)."""


SAVE_AS_XLSX = "Sla het bestand op als .xlsx (Excel-werkmap) of als CSV en probeer opnieuw."
CLOSE_IN_EXCEL = "Sluit het bestand in Excel en probeer opnieuw."


@dataclass
class Table:
    header_row: int
    headers: list[str]
    rows: Iterator[tuple[int, list]]
    total: int | None  # data rows expected (after the header), None when unknown
    description: str  # "CSV (UTF-8 met BOM, puntkomma)" or "Excel-werkblad kandidaten"


def open_table(path: str | Path, sheet_names: tuple[str, ...] = ()) -> Table:
    """The first non-empty row is the header; ``sheet_names`` are tried in order (else the first sheet)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnreadableFile(f"{path.name} is een oud Excel-bestand (.xls). {SAVE_AS_XLSX}")
    if suffix not in TEXT_SUFFIXES | {".xlsx", ".xlsm"}:
        raise UnreadableFile(f"{path.name}: onbekend bestandstype {path.suffix or '(geen)'}; gebruik .csv of .xlsx")
    data = _read_bytes(path)
    if data.startswith(OLE2_MAGIC):
        raise UnreadableFile(f"{path.name} is een oud Excel-bestand (.xls) of is beveiligd met een wachtwoord. "
                             f"{SAVE_AS_XLSX}")
    if data.startswith(ZIP_MAGIC):
        return _xlsx_table(path, data, sheet_names)
    if suffix not in TEXT_SUFFIXES:
        raise UnreadableFile(f"{path.name} is geen Excel-werkmap (.xlsx). {SAVE_AS_XLSX}")
    return _text_table(path, data)


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read()
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

def decode(data: bytes) -> tuple[str, str]:
    """Text and a Dutch name of its encoding: BOMs first, then strict UTF-8, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 met BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    sample = data[:2000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace"), "UTF-16 zonder BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


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
    numbered = ((number, [_text_cell(c) for c in cells]) for number, cells in enumerate(reader, start=1))
    total = max(0, text.count("\n") - 1)  # an estimate: quoted line breaks make it an upper bound
    return _with_header(numbered, path, total, f"CSV ({encoding}, {_SEPARATOR_NAMES[separator]})")


def _text_cell(cell: str) -> str | None:
    cell = cell.strip()
    if not cell:
        return None
    if cell[0] == "'" and _INJECTION_GUARD.match(cell):
        return cell[1:]  # the guard MatchDesk (and others) put before =, @, + and - on export
    return cell


# --- xlsx ----------------------------------------------------------------------------------------

def _xlsx_table(path: Path, data: bytes, sheet_names: tuple[str, ...]) -> Table:
    try:
        workbook = XlsxWorkbook(io.BytesIO(data))
    except XlsxFormatError:
        raise UnreadableFile(f"{path.name} is geen leesbare Excel-werkmap (.xlsx). {SAVE_AS_XLSX}") from None
    wanted = next((n for n in sheet_names if n.lower() in {s.strip().lower() for s in workbook.sheet_names}), None)
    sheet = workbook.sheet(wanted)
    total = sheet.last_row - 1 if sheet.last_row else None

    def cells() -> Iterator[tuple[int, list]]:
        try:
            for number, values in sheet.rows():
                yield number, [_xlsx_cell(v) for v in values]
        except (ValueError, KeyError, IndexError) as error:
            raise UnreadableFile(f"{path.name}: werkblad {sheet.name} is beschadigd ({error}).") from None
        finally:
            workbook.close()

    return _with_header(cells(), path, total, f"Excel-werkblad {sheet.name}")


def _xlsx_cell(value: object) -> str | dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _with_header(rows: Iterator[tuple[int, list]], path: Path, total: int | None, description: str) -> Table:
    for number, cells in rows:
        if any(c is not None for c in cells):
            headers = [(c if isinstance(c, str) else "" if c is None else str(c)) for c in cells]
            if total is not None:
                total = max(0, total - (number - 1))
            return Table(number, headers, rows, total, description)
    raise UnreadableFile(f"{path.name} is leeg: er staat geen kopregel in.")
