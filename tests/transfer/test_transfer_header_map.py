"""A header the import does not know can be mapped by hand; the preview shows the first rows and the mapping."""

import datetime as dt

import pytest
from sqlalchemy import select
from transfer_helpers import TODAY, write_text

from matchdesk.errors import UsageError
from matchdesk.storage.models import Candidate
from matchdesk.transfer import UnreadableFile, import_file, preview_file
from matchdesk.transfer.preview import CHOSEN, DUPLICATE, IGNORED, RECOGNISED, UNKNOWN

ROWS = [["klantnummer", "Achternaam", "Geb. datum", "Schoenmaat", "e-mailadres"],
        ["K1", "Jansen", "17-05-1990", "42", "a@example.nl"],
        ["K2", "Visser", "01-02-1985", "39", ""]]


def test_header_map_fills_a_column_the_file_calls_otherwise(db, tmp_path):
    path = write_text(tmp_path / "k.csv", ROWS)
    unmapped = import_file(db, "candidates", path, user="anouk", today=TODAY, dry_run=True)
    assert unmapped.rejected == 2  # geboortedatum is required for a new candidate

    result = import_file(db, "kandidaten", path, user="anouk", today=TODAY,
                         header_map={"geb. datum": "geboortedatum", "Schoenmaat": None})
    assert (result.new, result.rejected) == (2, 0)
    notices = [(p.row, p.column, p.message) for p in result.problems]
    assert notices == [(1, "Schoenmaat", "kolom genegeerd (zo gekozen)")]
    with db.reading() as session:
        k1 = session.scalar(select(Candidate).where(Candidate.klantnummer == "K1"))
        assert k1.birth_date == dt.date(1990, 5, 17) and k1.email == "a@example.nl"


def test_header_map_can_leave_out_a_recognised_column_and_names_a_bad_target(db, tmp_path):
    path = write_text(tmp_path / "k.csv", ROWS)
    result = import_file(db, "candidates", path, user="anouk", today=TODAY,
                         header_map={"Geb. datum": "geboortedatum", "e-mailadres": ""})
    with db.reading() as session:
        assert session.scalar(select(Candidate.email).where(Candidate.klantnummer == "K1")) is None
    assert result.new == 2
    with pytest.raises(UsageError, match="'maat' is geen kolom van kandidaten"):
        import_file(db, "candidates", path, user="anouk", today=TODAY, header_map={"Schoenmaat": "maat"})


def test_header_map_cannot_drop_the_key(db, tmp_path):
    path = write_text(tmp_path / "k.csv", ROWS)
    with pytest.raises(UnreadableFile, match="de kolom klantnummer ontbreekt"):
        import_file(db, "candidates", path, user="anouk", today=TODAY, header_map={"klantnummer": None})


def test_preview_reads_only_the_first_rows_and_maps_like_the_import(tmp_path):
    rows = [ROWS[0]] + [[f"K{i}", "Jansen", "17-05-1990", "", ""] for i in range(1, 51)]
    rows.insert(3, ["", "", "", "", ""])  # an empty row is not a preview row
    preview = preview_file(write_text(tmp_path / "k.csv", rows), "candidates", rows=20, today=TODAY)
    assert preview.headers == ROWS[0] and preview.header_row == 1
    assert len(preview.rows) == 20 and preview.rows[0] == (2, ["K1", "Jansen", "17-05-1990", None, None])
    assert preview.rows[2][0] == 5  # spreadsheet row numbers, as the report has them
    assert preview.total == 51 and "CSV" in preview.description
    states = [(m.header, m.column.header if m.column else None, m.state) for m in preview.mapping]
    assert states == [("klantnummer", "klantnummer", RECOGNISED), ("Achternaam", "achternaam", RECOGNISED),
                      ("Geb. datum", None, UNKNOWN), ("Schoenmaat", None, UNKNOWN),
                      ("e-mailadres", "email", RECOGNISED)]
    assert preview.missing_keys == [] and "geboortedatum" in [c.header for c in preview.columns]

    preview.remap({"Geb. datum": "geboortedatum", "Schoenmaat": "achternaam", "e-mailadres": None})
    states = [(m.column.header if m.column else None, m.state) for m in preview.mapping]
    assert states == [("klantnummer", RECOGNISED), ("achternaam", RECOGNISED), ("geboortedatum", CHOSEN),
                      ("achternaam", DUPLICATE), (None, IGNORED)]
    preview.remap({"klantnummer": None})
    assert preview.missing_keys == ["klantnummer"]


def test_preview_of_an_xlsx_picks_the_sheet_of_the_record_type(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Toelichting"
    workbook.active.append(["Lees mij"])
    sheet = workbook.create_sheet("werkgevers")
    sheet.append(["kvk", "naam"])
    sheet.append(["12345678", "Bakkerij De Korenschoof"])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    preview = preview_file(path, "employers", today=TODAY)
    assert preview.headers == ["kvk", "naam"] and preview.rows == [(2, ["12345678", "Bakkerij De Korenschoof"])]
    assert preview.description == "Excel-werkblad werkgevers"


def test_preview_refuses_a_damaged_xls_like_the_import(tmp_path):
    path = tmp_path / "oud.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    with pytest.raises(UnreadableFile, match="geen leesbare werkmap"):
        preview_file(path, "candidates")
