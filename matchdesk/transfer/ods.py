"""Writing one-sheet OpenDocument spreadsheets (.ods) as LibreOffice Calc reads them.

A minimal writer instead of odfpy: odfpy builds a DOM of every cell (too slow and too big for an
export of 100,000 rows) and its output is not byte-stable. This one streams ``content.xml``: the
``mimetype`` member first and stored, a manifest, real date cells (``office:value-type="date"`` with an
ISO display style), float and boolean cells, strings as ``text:p`` paragraphs (a line break starts a
new paragraph, runs of spaces as ``text:s``). Members carry a fixed time
stamp: the same rows give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO
from xml.sax.saxutils import escape

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:fo="urn:oasis:names:xmlns:xsl-formatting-objects:1.0" '
       'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"')
_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_STYLES = ('<office:automatic-styles>'
           '<number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text>'
           '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>'
           '</number:date-style>'
           '<style:style style:name="cedate" style:family="table-cell" style:data-style-name="N1"/>'
           '<style:style style:name="cehead" style:family="table-cell">'
           '<style:text-properties fo:font-weight="bold"/></style:style>'
           '</office:automatic-styles>')
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_RUN = re.compile(r"( {2,})")


def _paragraph(line: str) -> str:
    """One line as ``text:p`` content: a run of n>1 spaces is one space and ``text:s c=n-1``."""
    out = []
    for index, part in enumerate(_RUN.split(line)):
        if index % 2 == 0:
            out.append(escape(part))  # a tab stays a tab character: calamine reads no text:tab
        else:
            out.append(f' <text:s text:c="{len(part) - 1}"/>')
    text = "".join(out)
    if text.startswith(" "):
        text = '<text:s/>' + text[1:]
    if text.endswith(" "):
        text = text[:-1] + '<text:s/>'
    return f"<text:p>{text}</text:p>"


def _cell(value: object, header: bool = False) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        shown = "WAAR" if value else "ONWAAR"
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}">'
                f"<text:p>{shown}</text:p></table:table-cell>")
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value!r}"><text:p>{value!r}</text:p>' \
               "</table:table-cell>"
    if isinstance(value, dt.datetime):
        stamp = value.replace(tzinfo=None).isoformat(timespec="seconds")
        return (f'<table:table-cell table:style-name="cedate" office:value-type="date" office:date-value="{stamp}">'
                f"<text:p>{value.date().isoformat()}</text:p></table:table-cell>")
    if isinstance(value, dt.date):
        iso = value.isoformat()
        return (f'<table:table-cell table:style-name="cedate" office:value-type="date" office:date-value="{iso}">'
                f"<text:p>{iso}</text:p></table:table-cell>")
    text = _ILLEGAL_XML.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    style = ' table:style-name="cehead"' if header else ""
    paragraphs = "".join(_paragraph(line) for line in text.split("\n"))
    return f'<table:table-cell{style} office:value-type="string">{paragraphs}</table:table-cell>'


def _member(name: str, stored: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # same rows, same bytes
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def write_ods(handle: IO[bytes], headers: Sequence[str], rows: Iterable[Sequence[object]], sheet_name: str) -> None:
    """One sheet named ``sheet_name``: a bold header row and the rows (str, int, float, date, bool or None)."""
    name = escape(re.sub(r"[\[\]:*?/\\']", "", sheet_name)[:31] or "Blad1", {'"': "&quot;"})
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as archive:
        archive.writestr(_member("mimetype", stored=True), MIMETYPE)
        archive.writestr(_member("META-INF/manifest.xml"), _MANIFEST)
        with archive.open(_member("content.xml"), "w", force_zip64=True) as content:
            content.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_NS} '
                          f'office:version="1.3">{_STYLES}<office:body><office:spreadsheet>'
                          f'<table:table table:name="{name}">'.encode())
            width = max(len(headers), 1)
            buffer = [f'<table:table-column table:number-columns-repeated="{width}"/><table:table-header-rows>'
                      f'<table:table-row>{"".join(_cell(h, header=True) for h in headers)}</table:table-row>'
                      "</table:table-header-rows>"]
            for row in rows:
                buffer.append(f'<table:table-row>{"".join(_cell(v) for v in row)}</table:table-row>')
                if len(buffer) >= 1000:
                    content.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            buffer.append("</table:table></office:spreadsheet></office:body></office:document-content>")
            content.write("".join(buffer).encode("utf-8"))
