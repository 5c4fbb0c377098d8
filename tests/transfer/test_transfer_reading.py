"""Tolerant reading: encodings, separators, line ends, quoted line breaks, xlsx sheets and cells."""

import datetime as dt

import pytest
from transfer_helpers import write_text, xlsx_with_formula_and_date

from matchdesk.transfer.reading import UnreadableFile, open_table

ROWS = [["klantnummer", "achternaam", "woonplaats"], ["1", "Zoë Müller", "Tilburg"], ["2", "Noël", "'s-Hertogenbosch"]]


def _read(path, sheets=()):
    table = open_table(path, sheets)
    return table, [(n, cells) for n, cells in table.rows]


@pytest.mark.parametrize("encoding, separator, newline, bom, described", [
    ("cp1252", ";", "\r\n", False, "Windows-1252"),
    ("utf-16", "\t", "\r\n", False, "UTF-16"),  # Excel's "Unicode text": the codec writes the BOM
    ("utf-8", ";", "\n", True, "UTF-8 met BOM"),
    ("utf-8", ",", "\n", False, "UTF-8"),
    ("utf-16-le", "\t", "\r\n", False, "UTF-16 zonder BOM"),
    ("utf-8", ";", "\r", False, "UTF-8"),  # old Mac line ends
])
def test_text_files_in_every_encoding_and_separator(tmp_path, encoding, separator, newline, bom, described):
    path = write_text(tmp_path / "k.csv", ROWS, encoding=encoding, separator=separator, newline=newline, bom=bom)
    table, rows = _read(path)
    assert table.headers == ROWS[0]
    assert [cells for _, cells in rows] == ROWS[1:]
    assert [n for n, _ in rows] == [2, 3]
    assert described in table.description


def test_quoted_line_breaks_keep_spreadsheet_row_numbers(tmp_path):
    rows = [["klantnummer", "wensen"], ["1", "regel een\r\nregel twee"], [], ["2", 'zegt "hallo"; ja']]
    table, read = _read(write_text(tmp_path / "k.csv", rows))
    assert read[0] == (2, ["1", "regel een\r\nregel twee"])
    assert read[1] == (3, [])  # an empty row keeps its number; the importer skips it
    assert read[2] == (4, ["2", 'zegt "hallo"; ja'])


def test_formula_guard_of_an_export_is_removed_on_import(tmp_path):
    table, read = _read(write_text(tmp_path / "k.csv", [["a", "b"], ["'=SOM(A1)", "-5"]]))
    assert read[0][1] == ["=SOM(A1)", "-5"]


@pytest.mark.parametrize("name, data", [("oud.xls", b"whatever"),
                                        ("vermomd.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)])
def test_a_damaged_xls_is_refused_with_save_as(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableFile, match="Sla het bestand op als .xlsx"):
        open_table(path)


def test_a_file_excel_holds_open_asks_to_close_it(tmp_path, monkeypatch):
    path = write_text(tmp_path / "open.csv", ROWS)
    real_open = type(path).open

    def locked(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", locked)
    with pytest.raises(UnreadableFile, match="Sluit het bestand in Excel en probeer opnieuw"):
        open_table(path)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(UnreadableFile, match="bestaat niet"):
        open_table(tmp_path / "weg.csv")
    (tmp_path / "leeg.csv").write_bytes(b"\r\n;;\r\n")
    with pytest.raises(UnreadableFile, match="leeg"):
        open_table(tmp_path / "leeg.csv")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(UnreadableFile, match="onbekend bestandstype"):
        open_table(tmp_path / "x.pdf")


def test_xlsx_named_sheet_formula_values_and_date_cells(tmp_path):
    path = xlsx_with_formula_and_date(tmp_path / "k.xlsx")
    table, read = _read(path, ("kandidaten",))
    assert "Kandidaten" in table.description
    assert table.headers == ["Klantnummer", "Achternaam", "Geboortedatum", "uren_per_week"]
    assert read == [(2, ["1001", "Jansen", dt.date(1990, 5, 17), "24"])]


def test_xlsx_without_the_named_sheet_uses_the_first(tmp_path):
    path = xlsx_with_formula_and_date(tmp_path / "k.xlsx")
    table, _ = _read(path, ("werkgevers",))
    assert "Overzicht" in table.description


def test_xlsx_cells_as_other_programs_write_them(tmp_path):
    """Shared strings with rich text, cells without a reference, booleans, string formulas, a prefix."""
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    files = {
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><workbookPr date1904="1"/><sheets>'
                           f'<sheet name="kandidaten" sheetId="1" r:id="rId1"/></sheets></workbook>',
        # every package has the root relationships and the real relationship types (calamine needs them)
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" '
                                      'Target="/xl/worksheets/blad.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}"><si><t>klantnummer</t></si><si><r><t>Zo</t></r><r><rPr/>'
                                f'<t>ë</t></r><rPh><t>x</t></rPh></si></sst>',
        "xl/styles.xml": f'<styleSheet xmlns="{main}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
                         f'</styleSheet>',
        "xl/worksheets/blad.xml": f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
                                  '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>b</x:t></x:is>'
                                  '</x:c><x:c t="inlineStr"><x:is><x:t>c</x:t></x:is></x:c></x:row>'
                                  '<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v>'
                                  '</x:c><x:c r="D3" t="str"><x:f>A3&amp;"!"</x:f><x:v>Zoë!</x:v></x:c>'
                                  '<x:c r="E3" s="1"><x:v>1</x:v></x:c><x:c r="F3" t="e"><x:v>#N/A</x:v></x:c>'
                                  '</x:row></x:sheetData></x:worksheet>',
    }
    path = tmp_path / "ander.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    table, read = _read(path, ("kandidaten",))
    assert table.headers == ["klantnummer", "b", "c"]
    # an error cell (#N/A) reads as empty: calamine gives no error values, and the column's own rule decides
    assert read == [(3, ["Zoë", None, "ja", "Zoë!", dt.date(1904, 1, 2)])]
