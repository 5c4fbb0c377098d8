"""Streaming .xlsx writing without a cell object per value: inline strings, numbers and real date cells
(ISO display format), byte-stable (fixed member time stamps). Reading is calamine's (``transfer.workbooks``).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from typing import IO
from xml.sax.saxutils import escape

from openpyxl.utils.datetime import to_excel

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
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
