"""Streaming .xlsx reading and writing without a cell object per value.

openpyxl's read-only mode needs about a millisecond per 45-cell row on a laptop, which makes a
100,000-row import take minutes; this reader parses the sheet XML with expat and yields plain rows
(formulas as their cached values, date-formatted numbers as dates). openpyxl still decides which
number formats are dates and converts Excel serial numbers, so the rules stay openpyxl's.
The writer emits inline strings, numbers and real date cells (ISO display format).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO
from xml.etree import ElementTree as ET
from xml.parsers import expat
from xml.sax.saxutils import escape

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, to_excel

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_CHUNK = 1 << 16


class XlsxFormatError(ValueError):
    """The file is no readable .xlsx workbook."""


def _local(tag: str) -> str:
    """The element name without its namespace: transitional and strict OOXML read alike."""
    return tag.rpartition("}")[2]


def _children(root, name: str):
    return [e for e in root.iter() if _local(e.tag) == name]


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1


@dataclass
class _ReadState:
    """Where the sheet parser is: the row and cell being read."""

    row: int = 0
    values: list[object] = field(default_factory=list)
    col: int = 0
    type: str = "n"
    style: int = 0
    text: str | None = None
    in_is: bool = False
    collect: bool = False


class XlsxSheet:
    """One worksheet of an open workbook: ``name``, ``rows()`` as (row number, values), ``last_row``."""

    def __init__(self, archive: zipfile.ZipFile, name: str, member: str, shared: list[str],
                 date_styles: set[int], epoch: dt.datetime) -> None:
        self.archive, self.name, self.member = archive, name, member
        self.shared, self.date_styles, self.epoch = shared, date_styles, epoch
        self.last_row: int | None = self._dimension()

    def _dimension(self) -> int | None:
        with self.archive.open(self.member) as handle:
            head = handle.read(4096).decode("utf-8", "ignore")
        match = re.search(r'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', head)
        return int(match.group(1)) if match else None

    def rows(self) -> Iterator[tuple[int, list]]:
        shared, date_styles, epoch = self.shared, self.date_styles, self.epoch
        done: list[tuple[int, list]] = []
        state = _ReadState()
        parts: list[str] = []

        def start(tag: str, attrs: dict[str, str]) -> None:
            local = tag.rpartition(":")[2] if ":" in tag else tag
            if local == "c":
                ref = attrs.get("r")
                match = _CELL_REF.match(ref) if ref else None
                if ref and match is None:
                    raise XlsxFormatError(f"ongeldige celverwijzing {ref!r} in rij {state.row}")
                state.col = _column_index(match.group(1)) if match else state.col + 1
                state.type = attrs.get("t", "n")
                state.style = int(attrs.get("s", 0))
                state.text = None
            elif local == "v":
                parts.clear()
                state.text = ""
                state.collect = True
            elif local == "t" and state.in_is:
                parts.clear()
                state.collect = True
            elif local == "is":
                state.in_is = True
                state.text = ""
            elif local == "row":
                number = attrs.get("r")
                state.row = int(number) if number else state.row + 1
                state.values = []
                state.col = -1

        def end(tag: str) -> None:
            local = tag.rpartition(":")[2] if ":" in tag else tag
            if local in ("v", "t") and state.collect:
                state.collect = False
                if local == "v":
                    state.text = "".join(parts)
                else:
                    state.text = (state.text or "") + "".join(parts)
            elif local == "is":
                state.in_is = False
            elif local == "c":
                text = state.text
                if text is None:
                    return
                value: object
                kind = state.type
                if kind == "s":
                    value = shared[int(text)]
                elif kind in ("str", "inlineStr"):
                    value = text
                elif kind == "b":
                    value = text.strip() == "1"
                elif kind == "e":
                    value = text
                elif kind == "d":
                    value = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
                else:
                    number = float(text)
                    if state.style in date_styles:
                        value = from_excel(number, epoch=epoch)
                    else:
                        value = int(number) if number.is_integer() else number
                values = state.values
                col = state.col
                if col >= len(values):
                    values.extend([None] * (col - len(values) + 1))
                values[col] = value
            elif local == "row":
                done.append((state.row, state.values))
                state.values = []

        def chars(data: str) -> None:
            if state.collect:
                parts.append(data)

        parser = expat.ParserCreate(namespace_separator=None)
        parser.buffer_text = True
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = chars
        with self.archive.open(self.member) as handle:
            while True:
                chunk = handle.read(_CHUNK)
                parser.Parse(chunk, not chunk)
                if done:
                    yield from done
                    done.clear()
                if not chunk:
                    break


class XlsxWorkbook:
    def __init__(self, source: str | IO[bytes]) -> None:
        try:
            self.archive = zipfile.ZipFile(source)
            self._sheets, epoch = self._read_workbook()
            self._shared = self._read_shared_strings()
            self._date_styles = self._read_date_styles()
        except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError) as error:
            raise XlsxFormatError(str(error)) from None
        self._epoch = epoch

    @property
    def sheet_names(self) -> list[str]:
        return [name for name, _ in self._sheets]

    def sheet(self, name: str | None = None) -> XlsxSheet:
        """The sheet with this name (case-insensitive), else the first one."""
        chosen = self._sheets[0]
        if name is not None:
            for entry in self._sheets:
                if entry[0].strip().lower() == name.lower():
                    chosen = entry
                    break
        return XlsxSheet(self.archive, chosen[0], chosen[1], self._shared, self._date_styles, self._epoch)

    def close(self) -> None:
        self.archive.close()

    def _read_workbook(self) -> tuple[list[tuple[str, str]], dt.datetime]:
        rels_root = ET.fromstring(self.archive.read("xl/_rels/workbook.xml.rels"))
        targets = {}
        for rel in rels_root:
            target = rel.get("Target", "")
            targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
        root = ET.fromstring(self.archive.read("xl/workbook.xml"))
        props = next(iter(_children(root, "workbookPr")), None)
        epoch = CALENDAR_WINDOWS_1900
        if props is not None and props.get("date1904") in ("1", "true"):
            epoch = CALENDAR_MAC_1904
        sheets = []
        for sheet in _children(root, "sheet"):
            rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
            member = targets.get(rel_id)
            if member and member in self.archive.namelist():
                sheets.append((sheet.get("name", ""), member))
        if not sheets:
            raise XlsxFormatError("geen werkblad gevonden")
        return sheets, epoch

    def _read_shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        strings: list[str] = []
        with self.archive.open("xl/sharedStrings.xml") as handle:
            for _event, element in ET.iterparse(handle):
                if _local(element.tag) == "si":
                    phonetic = {id(x) for p in _children(element, "rPh") for x in _children(p, "t")}
                    strings.append("".join(x.text or "" for x in _children(element, "t") if id(x) not in phonetic))
                    element.clear()
        return strings

    def _read_date_styles(self) -> set[int]:
        if "xl/styles.xml" not in self.archive.namelist():
            return set()
        root = ET.fromstring(self.archive.read("xl/styles.xml"))
        formats = dict(BUILTIN_FORMATS)
        for fmt in _children(root, "numFmt"):
            formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
        xfs = next(iter(_children(root, "cellXfs")), None)
        result = set()
        for index, xf in enumerate(xfs if xfs is not None else ()):
            fmt_id = int(xf.get("numFmtId", 0))
            code = formats.get(fmt_id)
            if (code and is_date_format(code)) or 14 <= fmt_id <= 22 or 27 <= fmt_id <= 36 or 45 <= fmt_id <= 47 \
                    or 50 <= fmt_id <= 58:
                result.add(index)
        return result


# --- writing -------------------------------------------------------------------------------------

_OOXML = "application/vnd.openxmlformats-officedocument."
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OOXML}spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="{_OOXML}spreadsheetml.styles+xml"/>
</Types>"""
_ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{NS_PKG_REL}">
<Relationship Id="rId1" Type="{_OFFICE_REL}officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{NS_PKG_REL}">
<Relationship Id="rId1" Type="{_OFFICE_REL}worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{_OFFICE_REL}styles" Target="styles.xml"/>
</Relationships>"""
# style 0: general; 1: date yyyy-mm-dd; 2: bold (header)
_FONTS = '<font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>'
_FILLS = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
_CELL_XFS = ('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
             '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
             '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>')
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{NS_MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>
<fonts count="2">{_FONTS}</fonts>
<fills count="2">{_FILLS}</fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3">{_CELL_XFS}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: object, header: bool = False) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        return f'<c r="{ref}" s="1"><v>{to_excel(value)!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="1"><v>{to_excel(value)}</v></c>'
    text = escape(_ILLEGAL_XML.sub("", str(value)))
    style = ' s="2"' if header else ""
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f'<c r="{ref}" t="inlineStr"{style}><is><t{space}>{text}</t></is></c>'


def write_xlsx(handle: IO[bytes], headers: Sequence[str], rows, sheet_name: str) -> None:
    """One sheet: a bold header row and the rows (str, int, float, date, bool or None cells)."""
    letters = [_column_letters(i) for i in range(max(len(headers), 1))]
    sheet_name = escape(re.sub(r"[\[\]:*?/\\]", "", sheet_name)[:31] or "Blad1", {'"': "&quot;"})
    def member(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # same rows, same bytes
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as archive:
        archive.writestr(member("[Content_Types].xml"), _CONTENT_TYPES)
        archive.writestr(member("_rels/.rels"), _ROOT_RELS)
        archive.writestr(member("xl/_rels/workbook.xml.rels"), _WORKBOOK_RELS)
        archive.writestr(member("xl/styles.xml"), _STYLES)
        archive.writestr(member("xl/workbook.xml"), f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheets>'
                         f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        with archive.open(member("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS_MAIN}">'
                        f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                        f'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'.encode())
            cells = "".join(_cell(f"{letters[i]}1", h, header=True) for i, h in enumerate(headers))
            buffer = [f'<row r="1">{cells}</row>']
            number = 1
            for row in rows:
                number += 1
                while len(letters) < len(row):
                    letters.append(_column_letters(len(letters)))
                cells = "".join(_cell(f"{letters[i]}{number}", v) for i, v in enumerate(row))
                buffer.append(f'<row r="{number}">{cells}</row>')
                if len(buffer) >= 1000:
                    sheet.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            buffer.append("</sheetData></worksheet>")
            sheet.write("".join(buffer).encode("utf-8"))
