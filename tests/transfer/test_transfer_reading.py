"""Tolerant reading: encodings, separators, line ends, quoted line breaks, xlsx sheets and cells."""

import datetime as dt

import pytest

from matchdesk.transfer.reading import UnreadableFile, open_table
from transfer_helpers import write_text, xlsx_with_formula_and_date

ROWS = [["klantnummer", "achternaam", "woonplaats"], ["1", "Zoë Müller", "Tilburg"], ["2", "Noël", "'s-Hertogenbosch"]]


def _read(path, sheets=()):
    table = open_table(path, sheets)
    return table, [(n, cells) for n, cells in table.rows]


@pytest.mark.parametrize("encoding, separator, newline, bom, described", [
    ("cp1252", ";", "\r\n", False, "Windows-1252"),
    ("utf-16", "\t", "\r\n", False, "UTF-16"),  # Excel's "Unicode text": the codec writes the BOM
    ("utf-8", ";", "\n", True, "UTF-8 met BOM"),
    ("utf-8", ",", "\n", False, "UTF-8"),
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


@pytest.mark.parametrize("name, data", [("oud.xls", b"whatever"), ("vermomd.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)])
def test_xls_is_refused_with_save_as_xlsx(tmp_path, name, data):
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
