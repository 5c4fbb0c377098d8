"""Limits a spreadsheet must keep before MatchDesk reads it, checked up front on the raw file.

A workbook is a zip of XML: its size on disk says little about what reading it costs. An 827-byte
.xlsx with one cell at ``ZZZZZZ2`` makes a reader that keeps a rectangle of cells allocate gigabytes,
a zip member can inflate a thousandfold, an XML entity can expand itself a billion times. So before
calamine reads a .xlsx or .ods, ``check_workbook`` streams every XML member once through expat, with
a running count of inflated bytes, and refuses (``LimitExceeded``, a Dutch message naming the limit):

- more than ``MAX_UNCOMPRESSED`` bytes inflated in all, or more than ``MAX_MEMBERS`` members;
- a DOCTYPE (entity declarations: "billion laughs", external entities) or nesting deeper than ``MAX_DEPTH``;
- a cell beyond ``MAX_ROWS`` rows or ``MAX_COLUMNS`` columns, or a used area over ``MAX_CELLS`` cells;
- a cell reference that is not upper-case letters and digits (``a1``, ``A0``);
- a text of more than ``MAX_CELL_CHARS`` characters in one cell (Excel's own maximum) or shared string;
- a number cell that is no finite number, a date cell outside the years 1..9999 (a date-formatted 1e20).

A damaged member (bad deflate data, wrong CRC) or malformed XML is refused here too, before one row
is imported. The old binary .xls is at most 65,536 x 256 cells by its format; it is held to
``MAX_FILE_BYTES`` on disk.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.parsers import expat

from matchdesk.errors import MatchDeskError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED = 600 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_DEPTH = 64
MAX_ROWS = 250_000
MAX_COLUMNS = 500
MAX_CELLS = 6_000_000
MAX_CELL_CHARS = 32_767
MAX_STYLES_BYTES = 32 * 1024 * 1024  # read element by element: a real one is well under 1 MB
_CHUNK = 1 << 16
_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
MAX_SERIAL_DATE = 2_958_465  # 9999-12-31 in Excel's 1900 calendar


class LimitExceeded(MatchDeskError):
    """The file breaks one of the limits (exit code 2); ``UnreadableFile`` is raised from it by the reader."""


def cell_chars_message() -> str:
    return f"een cel heeft meer dan {MAX_CELL_CHARS:,} tekens".replace(",", ".")


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - 64)
    return number


class Area:
    """The used area over all sheets of a workbook: highest row and column holding a value."""

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0

    def cell(self, row: int, column: int) -> None:
        if column > MAX_COLUMNS:
            raise LimitExceeded(f"er staat een cel in kolom {column}; MatchDesk leest hoogstens {MAX_COLUMNS} "
                                "kolommen")
        if row > MAX_ROWS:
            raise LimitExceeded(f"er staat een cel in rij {row}; MatchDesk leest hoogstens {MAX_ROWS:,} rijen"
                                .replace(",", "."))
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)
        if self.rows * self.columns > MAX_CELLS:
            raise LimitExceeded(f"het gebruikte gebied ({self.rows} rijen x {self.columns} kolommen) is groter dan "
                                f"{MAX_CELLS:,} cellen".replace(",", "."))


class Budget:
    def __init__(self) -> None:
        self.used = 0

    def take(self, n: int) -> None:
        self.used += n
        if self.used > MAX_UNCOMPRESSED:
            raise LimitExceeded(f"uitgepakt is het groter dan {_size(MAX_UNCOMPRESSED)} (de grens)")


Handlers = tuple[Callable[[str, dict[str, str]], None] | None, Callable[[str], None] | None,
                 Callable[[str], None] | None]


def _parse(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget, handlers: Handlers,
           namespaces: bool = False) -> None:
    """Stream one member through expat; ``namespaces``: tags as ``uri local`` (ODF prefixes are free to choose)."""
    start, end, chars = handlers
    depth = 0

    def on_start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise LimitExceeded(f"de XML in {info.filename} is dieper genest dan {MAX_DEPTH} niveaus")
        if start is not None:
            start(tag, attrs)

    def on_end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        if end is not None:
            end(tag)

    def doctype(*_args: object) -> None:
        raise LimitExceeded(f"{info.filename} bevat een DOCTYPE met entiteiten; dat schrijft geen rekenblad")

    parser = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    if chars is not None:
        parser.CharacterDataHandler = chars
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(_CHUNK)
            budget.take(len(chunk))
            parser.Parse(chunk, not chunk)
            if not chunk:
                break


def _text_counter(element_names: set[str]) -> tuple[Callable[[str, dict[str, str]], None], Callable[[str], None],
                                                      Callable[[str], None]]:
    """Handlers counting the characters of each text element (a cell's text in pieces adds up)."""
    state = {"n": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(":")[2] in element_names:
            state["n"] = 0

    def end(tag: str) -> None:
        return None

    def chars(data: str) -> None:
        state["n"] += len(data)
        if state["n"] > MAX_CELL_CHARS:
            raise LimitExceeded(cell_chars_message())
    return start, end, chars


def _number(text: str, what: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise LimitExceeded(f"{what} {text.strip()[:20]!r} is geen getal") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise LimitExceeded(f"{what} {text.strip()[:20]!r} is geen eindig getal")
    return number


def _xlsx_sheet_handlers(area: Area, date_styles: set[int]) -> Handlers:
    text_start, _, count = _text_counter({"c", "si"})
    state = {"row": 0, "col": 0, "numeric": 0, "date": 0, "in_v": 0}
    value: list[str] = []

    def chars(data: str) -> None:
        count(data)
        if state["in_v"]:
            value.append(data)

    def end(tag: str) -> None:
        if tag.rpartition(":")[2] == "v" and state["in_v"]:
            state["in_v"] = 0
            number = _number("".join(value), "de getalcel")
            if state["date"] and not 0 <= number <= MAX_SERIAL_DATE:
                raise LimitExceeded(f"een datumcel heeft de waarde {number:g}, buiten de jaren 1900-9999")

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "v":
            state["in_v"] = state["numeric"]
            value.clear()
        elif local == "row":
            number = attrs.get("r")
            if number is not None and not (number.isascii() and number.isdigit()):
                raise LimitExceeded(f"ongeldig rijnummer {number[:20]!r}")
            state["row"] = int(number) if number else state["row"] + 1
            state["col"] = 0
            if state["row"] > MAX_ROWS:
                area.cell(state["row"], 1)
        elif local == "c":
            text_start(tag, attrs)
            state["numeric"] = int(attrs.get("t", "n") == "n")
            style = attrs.get("s", "0")
            state["date"] = int(style.isascii() and style.isdigit() and int(style) in date_styles)
            ref = attrs.get("r")
            if ref is None:
                state["col"] += 1
                area.cell(max(state["row"], 1), state["col"])
                return
            match = _REF.fullmatch(ref)
            if match is None:
                raise LimitExceeded(f"ongeldige celverwijzing {ref[:20]!r}")
            state["col"] = _column_number(match.group(1))
            area.cell(int(match.group(2)), state["col"])
        elif local == "dimension":
            for part in attrs.get("ref", "").split(":"):
                match = _REF.fullmatch(part)
                if match is None:
                    raise LimitExceeded(f"ongeldig bereik {attrs.get('ref', '')[:30]!r}")
                area.cell(int(match.group(2)), _column_number(match.group(1)))
    return start, end, chars


def _xlsx_date_styles(archive: zipfile.ZipFile, budget: Budget) -> set[int]:
    """The cell style numbers (``s``) whose number format is a date, as calamine and Excel decide it."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    if "xl/styles.xml" not in archive.namelist():
        return set()
    if archive.getinfo("xl/styles.xml").file_size > MAX_STYLES_BYTES:
        raise LimitExceeded(f"de opmaak (xl/styles.xml) is groter dan {_size(MAX_STYLES_BYTES)}")
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[int] = []
    where = {"xfs": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "numFmt" and attrs.get("numFmtId", "").isdigit():
            formats[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            where["xfs"] = 1
        elif local == "xf" and where["xfs"]:
            number = attrs.get("numFmtId", "0")
            styles.append(int(number) if number.isascii() and number.isdigit() else 0)

    def end(tag: str) -> None:
        if tag.rpartition(":")[2] == "cellXfs":
            where["xfs"] = 0

    _parse(archive, archive.getinfo("xl/styles.xml"), budget, (start, end, None))
    return {index for index, fmt in enumerate(styles)
            if is_date_format(formats.get(fmt)) or 14 <= fmt <= 22 or 45 <= fmt <= 47}


def _check_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, area: Area, budget: Budget,
                  date_styles: set[int]) -> None:
    """The fast pass (``xml_scan``, ``sheet_checks``); a worksheet with cells without a reference gets the exact
    expat pass instead (no program we know writes those, but the format allows them)."""
    from matchdesk.transfer.sheet_checks import NeedsExactPass, OdsContentCheck, XlsxSheetCheck
    from matchdesk.transfer.xml_scan import scan

    name = info.filename
    check: Callable[[bytes], None] | None = None
    if kind == "xlsx" and name.startswith("xl/worksheets/"):
        check = XlsxSheetCheck(area, date_styles)
    elif kind == "ods" and name == "content.xml":
        check = OdsContentCheck(area)
    try:
        with archive.open(info) as handle:
            scan(handle, name, budget, check)
    except NeedsExactPass:
        _parse(archive, info, budget, _xlsx_sheet_handlers(area, date_styles))


def check_workbook(path: Path, kind: str) -> None:
    """Refuse ``path`` (a .xlsx or .ods zip, ``kind`` "xlsx" or "ods") when it breaks a limit or is damaged."""
    area = Area()
    budget = Budget()
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise LimitExceeded(f"het bestand heeft meer dan {MAX_MEMBERS} onderdelen")
            if sum(info.file_size for info in members) > MAX_UNCOMPRESSED:
                raise LimitExceeded(f"uitgepakt is het groter dan {_size(MAX_UNCOMPRESSED)} (de grens)")
            date_styles = _xlsx_date_styles(archive, budget) if kind == "xlsx" else set()
            for info in members:
                if info.filename.endswith((".xml", ".rels")):
                    _check_member(archive, info, kind, area, budget, date_styles)
    except LimitExceeded:
        raise
    except expat.ExpatError as error:
        raise LimitExceeded(f"de XML is onleesbaar ({expat.ErrorString(error.code)}, regel {error.lineno})") \
            from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, RuntimeError, ValueError):
        # a bad CRC, bad deflate data, a cut-off file, an encrypted member or an unknown compression method
        raise LimitExceeded("het zip-archief is beschadigd (of versleuteld); open het in het rekenprogramma en "
                            "sla het opnieuw op") from None

