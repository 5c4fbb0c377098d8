"""The per-part checks of ``xml_scan.scan`` for a .xlsx worksheet and an .ods content.xml.

Regular expressions over the bytes do the work (each part's tags are whole); Python touches one object per
row (.xlsx row numbers, .ods rows) and per distinct column name, never per cell, except in an .ods row that
holds repeated cells (LibreOffice ends every row so; then one small string per cell tag of that row).
"""

from __future__ import annotations

import functools
import re

from matchdesk.transfer.limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SERIAL_DATE,
    Area,
    LimitExceeded,
)
from matchdesk.transfer.xml_scan import above, column_number

_NUMBER = rb"\s*[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*"
_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet\b")


@functools.lru_cache(maxsize=16)
def _xlsx_patterns(prefix: bytes, date_styles: tuple[int, ...], r_first: bool) -> dict[str, re.Pattern[bytes]]:
    """The worksheet patterns for its element prefix ("" or "x:"): a literal start makes them several times faster,
    the more so when every cell tag starts ``<c r="`` (Excel, LibreOffice and MatchDesk write them so)."""
    p = re.escape(prefix)
    formula = rb"(?:<" + p + rb"f\b[^>]*?(?:/>|>[^<]*</" + p + rb"f>))?"
    numeric = rb"<" + p + rb"c\b(?![^>]*\bt=\"(?!n\"))[^>]*>" + formula + rb"<" + p + rb"v>"
    ref = rb"<" + p + (rb"c r=\"" if r_first else rb"c\s[^>]*?\br=\"")
    patterns = {
        "odd_cell": re.compile(rb"<" + p + rb"c(?:/?>|\s(?!r=\"))"),
        "bad_ref": re.compile(ref + rb"(?![A-Z]{1,3}[1-9][0-9]{0,6}\")([^\"]{0,20})"),
        "without_ref": re.compile(rb"<" + p + rb"c(?=[\s/>])(?![^>]*\br=)"),
        "far_row": re.compile(ref + rb"[A-Z]{1,3}(" + above(str(MAX_ROWS), "0123456789") + rb")\""),
        "letters": re.compile(ref + rb"([A-Z]{2,3})[0-9]"),
        "letter": re.compile(ref + rb"([A-Z])[0-9]"),
        "row": re.compile(rb"<" + p + rb"row\b[^>]*?\br=\"([^\"]*)\""),
        "dimension": re.compile(rb"<" + p + rb"dimension\b[^>]*?\bref=\"([^\"]*)\""),
        "bad_number": re.compile(numeric + rb"(?!" + _NUMBER + rb"(?:<|\Z))([^<]{0,20})"),
    }
    if date_styles:
        styles = "|".join(str(s) for s in date_styles).encode()
        patterns["dates"] = re.compile(rb"<" + p + rb"c\b(?![^>]*\bt=\"(?!n\"))[^>]*?\bs=\"(?:" + styles + rb")\"[^>]*>"
                                       + formula + rb"<" + p + rb"v>([^<]*)(?:<|\Z)")
    return patterns


class NeedsExactPass(Exception):
    """A worksheet with cells without a reference: the exact (slower) expat pass decides where they are."""


class XlsxSheetCheck:
    def __init__(self, area: Area, date_styles: set[int]) -> None:
        self.area = area
        self.date_styles = tuple(sorted(date_styles))
        self.patterns: dict[str, re.Pattern[bytes]] | None = None
        self.prefix = b""

    def __call__(self, part: bytes) -> None:
        if self.patterns is None:
            root = _ROOT.search(part)
            self.prefix = (root.group(1) + b":") if root is not None and root.group(1) else b""
            self.patterns = _xlsx_patterns(self.prefix, self.date_styles, True)
        patterns = self.patterns
        if patterns["odd_cell"].search(part) is not None:  # a cell tag not starting <c r=": the general patterns
            patterns = _xlsx_patterns(self.prefix, self.date_styles, False)
            if patterns["without_ref"].search(part) is not None:
                raise NeedsExactPass
        bad = patterns["bad_ref"].search(part)
        if bad is not None:
            raise LimitExceeded(f"ongeldige celverwijzing {bad.group(1).decode('utf-8', 'replace')!r}")
        far = patterns["far_row"].search(part)
        if far is not None:
            self.area.cell(int(far.group(1)), 1)
        for number in patterns["row"].findall(part):
            if not (number.isdigit() and len(number) <= 9):
                raise LimitExceeded(f"ongeldig rijnummer {number[:20].decode('utf-8', 'replace')!r}")
            self.area.cell(int(number), 1)
        letters = set(patterns["letters"].findall(part)) or set(patterns["letter"].findall(part))  # the widest
        for name in letters:
            self.area.cell(1, column_number(name.decode()))
        for ref in patterns["dimension"].findall(part):
            for piece in ref.decode("utf-8", "replace").split(":"):
                match = _REF.fullmatch(piece)
                if match is None:
                    raise LimitExceeded(f"ongeldig bereik {ref[:30].decode('utf-8', 'replace')!r}")
                self.area.cell(int(match.group(2)), column_number(match.group(1)))
        number = patterns["bad_number"].search(part)
        if number is not None:
            raise LimitExceeded(f"de getalcel {number.group(1).decode('utf-8', 'replace')!r} is geen (eindig) getal")
        if "dates" in patterns:
            for text in patterns["dates"].findall(part):
                value = float(text)
                if not 0 <= value <= MAX_SERIAL_DATE:
                    raise LimitExceeded(f"een datumcel heeft de waarde {value:g}, buiten de jaren 1900-9999")


_BAD_REPEAT = re.compile(rb"number-(?:rows|columns)-repeated=\"(?![0-9]{1,9}\")([^\"]{0,20})")
_COLUMNS_REPEATED = re.compile(rb"number-columns-repeated=\"([0-9]+)\"")
_ODS_NAMESPACES = {b"table": b"urn:oasis:names:tc:opendocument:xmlns:table:1.0",
                   b"office": b"urn:oasis:names:tc:opendocument:xmlns:office:1.0",
                   b"text": b"urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
_CELL_SPAN = 15  # the shortest cell tag: <t:table-cell/>


@functools.lru_cache(maxsize=8)
def _ods_patterns(table: bytes, office: bytes, text: bytes) -> dict[str, re.Pattern[bytes]]:
    t, o, x = re.escape(table), re.escape(office), re.escape(text)
    return {
        "row_end": re.compile(rb"</" + t + rb"table-row>"),
        "table_start": re.compile(rb"<" + t + rb"table[\s>]"),
        "rows_repeated": re.compile(rb"<" + t + rb"table-row\b[^>]*?number-rows-repeated=\"([^\"]*)\""),
        "cell": re.compile(rb"<" + t + rb"(?:covered-)?table-cell\b([^>]*)>"),
        # attributes in a namespace always carry a prefix, so these literal starts match no other attribute
        "bad_number": re.compile(o + rb"value=\"(?!" + _NUMBER + rb"\")([^\"]{0,20})"),
        "bad_date": re.compile(o + rb"date-value=\"(?!(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9:.]+)?\")"
                               rb"([^\"]{0,30})"),
        "valued_text": re.compile(rb"<" + x + rb"p\b[^>/]*>[^<]"),
    }


def _ods_prefix(part: bytes, name: bytes) -> bytes:
    found = re.search(rb"xmlns:([A-Za-z_][\w.-]*)=\"" + re.escape(_ODS_NAMESPACES[name]) + rb"\"", part)
    return found.group(1) + b":" if found is not None else name + b":"


class OdsContentCheck:
    """Rows (valued repeated rows count with every repetition) and each row's width up to its last cell with a
    value: the trailing runs of empty repeated rows and cells LibreOffice writes cost nothing and count not."""

    def __init__(self, area: Area) -> None:
        self.area = area
        self.row = 0
        self.carry = b""
        self.patterns: dict[str, re.Pattern[bytes]] | None = None
        self.table_tag = b"<table:table"

    def __call__(self, part: bytes) -> None:
        if self.patterns is None:
            table, office, text = (_ods_prefix(part, n) for n in (b"table", b"office", b"text"))
            self.patterns = _ods_patterns(table, office, text)
            self.table_tag = b"<" + table + b"table"
        patterns = self.patterns
        number = patterns["bad_number"].search(part)
        if number is not None:
            raise LimitExceeded(f"de getalcel {number.group(1).decode('utf-8', 'replace')!r} is geen (eindig) getal")
        date = patterns["bad_date"].search(part)
        if date is not None:
            raise LimitExceeded(f"een datumcel heeft de waarde {date.group(1).decode('utf-8', 'replace')!r}, geen "
                                "datum in de jaren 1-9999")
        repeat = _BAD_REPEAT.search(part)
        if repeat is not None:
            raise LimitExceeded(f"ongeldige herhaling {repeat.group(1).decode('utf-8', 'replace')!r}")
        pieces = patterns["row_end"].split(self.carry + part)
        self.carry = pieces.pop()  # the row still open at the end of this part
        if len(self.carry) > 64 * 1024 * 1024:
            raise LimitExceeded("een rij is groter dan 64 MB")
        for piece in pieces:
            self._row(piece)

    def _row(self, piece: bytes) -> None:
        assert self.patterns is not None
        if (self.table_tag + b" " in piece or self.table_tag + b">" in piece) \
                and self.patterns["table_start"].search(piece) is not None:
            self.row = 0  # a new sheet
        repeated = self.patterns["rows_repeated"].search(piece) if b"rows-repeated" in piece else None
        times = int(repeated.group(1)) if repeated is not None else 1
        width = self._width(piece, self.patterns)
        first = self.row + 1
        self.row += times
        if width:
            self.area.cell(first, width)
            self.area.cell(self.row, width)

    @staticmethod
    def _width(piece: bytes, patterns: dict[str, re.Pattern[bytes]]) -> int:
        if b"columns-repeated" not in piece and len(piece) <= MAX_COLUMNS * _CELL_SPAN:
            if b"value-type" not in piece and patterns["valued_text"].search(piece) is None:
                return 0
            return piece.count(b"table-cell") - piece.count(b"table-cell>")  # start tags; an upper bound
        column = last = 0
        for attributes in patterns["cell"].findall(piece):
            if b"columns-repeated" in attributes:
                found = _COLUMNS_REPEATED.search(attributes)
                column += int(found.group(1)) if found is not None else 1
            else:
                column += 1
            if not attributes.endswith(b"/") or b"value-type" in attributes:
                last = column
        return last
