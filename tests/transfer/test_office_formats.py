""".ods, .xls and .xlsx as a municipality has them: the same list in every format gives the same import;
exports are real spreadsheets (date and number cells, the sheet named after the record type), 0600."""

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
import python_calamine
from sqlalchemy import select
from transfer_helpers import TODAY, write_text

from matchdesk.errors import ValidationError
from matchdesk.services.candidates import create_candidate
from matchdesk.storage.models import Candidate
from matchdesk.transfer import export_file, import_file
from matchdesk.transfer.reading import open_table
from matchdesk.validators import check_birth_date, normalize_bsn, normalize_kvk, normalize_postcode

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _stored(db):
    with db.reading() as session:
        rows = session.execute(select(Candidate.klantnummer, Candidate.achternaam, Candidate.voornaam,
                                      Candidate.birth_date, Candidate.bsn, Candidate.postcode,
                                      Candidate.hours_per_week, Candidate.driving_licences)
                               .order_by(Candidate.klantnummer)).all()
    return [tuple(r) for r in rows]


# messy_kandidaten.{xlsx,ods} are hand-built XML in LibreOffice's style; the *_libreoffice files are that .ods
# opened and saved by LibreOffice Calc 7.4 (Debian 12), once: soffice --headless --convert-to xlsx / ods
@pytest.mark.parametrize("suffix", ["xlsx", "ods", "libreoffice.xlsx", "libreoffice.ods"])
def test_the_same_messy_list_as_csv_xlsx_and_ods_gives_the_same_records_and_report(db_path, template_db, tmp_path,
                                                                                    suffix):
    import shutil

    from matchdesk.storage.database import Database

    outcomes = {}
    for kind in ("csv", suffix):
        path = tmp_path / f"{kind}.db"
        shutil.copy(template_db, path)
        db = Database.open(path)
        try:
            name = f"messy_kandidaten_{kind}" if kind.startswith("libreoffice") else f"messy_kandidaten.{kind}"
            result = import_file(db, "candidates", FIXTURES / name, user="anouk", today=TODAY)
            outcomes[kind] = (result.read, result.new, result.rejected,
                              sorted(p.cells() for p in result.problems), _stored(db))
        finally:
            db.dispose()
    assert outcomes["csv"] == outcomes[suffix]
    read, new, rejected, problems, stored = outcomes[suffix]
    assert (read, new, rejected) == (7, 3, 4)
    by_row = {row: message for row, _column, _value, message, severity in problems if severity == "fout"}
    assert "elfproef" in by_row[5] and "verplicht" in by_row[6] and "1900" in by_row[7] and "60" in by_row[9]
    assert any(p[1] == "Opmerking intern" and p[4] == "waarschuwing" for p in problems)  # unknown column
    # full-width digits are stored as ASCII: 9 bytes, the postcode as 1234 AB
    sem = next(r for r in stored if r[0] == "K-106")
    assert sem[4] == "390996038" and sem[5] == "5038 AB" and sem[7] == "C"
    jansen = next(r for r in stored if r[0] == "K-101")
    assert jansen[3] == dt.date(1990, 5, 17) and jansen[5] == "5038 AB" and jansen[6] == 24


def test_an_ods_picks_the_named_sheet_and_keeps_spreadsheet_row_numbers():
    table = open_table(FIXTURES / "messy_kandidaten.ods", ("kandidaten",))
    assert table.description == "OpenDocument-werkblad Kandidaten"
    rows = list(table.rows)
    assert [n for n, _ in rows] == [2, 3, 5, 6, 7, 8, 9]
    assert rows[0][1][3] == dt.date(1990, 5, 17) and rows[0][1][6] == "24"


def test_an_old_xls_is_read_with_its_sheet_dates_and_row_numbers():
    """tests/fixtures/oud_kandidaten.xls was written once by xlwt 1.3.0 (BIFF8, Excel 97-2003): a title sheet,
    then "Kandidaten" with an empty first row, a header, date cells (DD-MM-YYYY) and an empty row between."""
    table = open_table(FIXTURES / "oud_kandidaten.xls", ("kandidaten",))
    assert table.description == "Excel 97-2003-werkblad Kandidaten" and table.header_row == 2
    assert list(table.rows) == [(3, ["K-201", "Smits", "Zoë", dt.date(1988, 4, 1), "24"]),
                                (5, ["K-202", "Peters", "Anaïs", dt.date(1975, 10, 9), "36"])]


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_exports_are_real_spreadsheets_named_after_the_record_type_and_private(db, tmp_path, suffix):
    with db.unit("anouk") as session:
        create_candidate(session, {"klantnummer": "K-1", "achternaam": "Jansen", "birth_date": dt.date(1990, 5, 17),
                                   "hours_per_week": 24, "bsn": "９０８３０１６６２"}, TODAY)
    path = tmp_path / f"kandidaten.{suffix}"
    assert export_file(db, "candidates", path, user="anouk") == 1
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names == ["kandidaten"]
    header, row = workbook.get_sheet_by_index(0).to_python()[:2]
    values = dict(zip(header, row, strict=True))
    assert values["geboortedatum"] == dt.date(1990, 5, 17)  # a date cell, not text
    assert values["uren_per_week"] == 24  # a number cell
    assert values["bsn"] == "908301662"  # stored as ASCII digits
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_utf8_csv_with_a_few_bad_bytes_stays_utf8_with_a_warning_naming_the_rows(db, tmp_path):
    names = ["Zoë", "Noël", "Chloé", "Jérôme", "Inès", "Anaïs"]
    lines = ["klantnummer;achternaam;geboortedatum"] + [f"K{i};{n};1990-01-0{i + 1}" for i, n in enumerate(names)]
    data = "\r\n".join(lines).encode("utf-8").replace("Inès".encode(), "Inès".encode("cp1252"))
    path = tmp_path / "k.csv"
    path.write_bytes(data)
    result = import_file(db, "candidates", path, user="anouk", today=TODAY)
    assert "UTF-8, met ongeldige tekens" in result.description
    with db.reading() as session:
        stored = set(session.scalars(select(Candidate.achternaam)))
    assert {"Zoë", "Noël", "Chloé", "Jérôme", "Anaïs"} <= stored  # no mojibake
    warnings = [p for p in result.problems if p.severity == "waarschuwing"]
    assert [(p.row, p.column) for p in warnings] == [(6, "achternaam")]
    assert "geen UTF-8" in warnings[0].message


def test_a_windows_1252_csv_is_still_read_as_windows_1252(tmp_path):
    path = write_text(tmp_path / "k.csv", [["klantnummer", "achternaam"], ["1", "Zoë"], ["2", "Inès"]],
                      encoding="cp1252")
    table = open_table(path)
    assert "Windows-1252" in table.description and table.warnings == []
    assert [cells for _, cells in table.rows] == [["1", "Zoë"], ["2", "Inès"]]


def test_identifiers_are_ascii_digits_after_nfkc():
    assert normalize_bsn("９０８３０１６６２") == "908301662"
    assert normalize_postcode("５０３８ ａｂ") == "5038 AB"
    assert normalize_kvk("１２３４５６７８") == "12345678"
    with pytest.raises(ValidationError):
        normalize_bsn("٩٠٨٣٠١٦٦٢")  # Arabic-Indic digits: NFKC keeps them, they are no ASCII digits
    with pytest.raises(ValidationError):
        normalize_postcode("٥٠٣٨ AB")


@pytest.mark.parametrize("born, refused", [(dt.date(1, 1, 1), True), (dt.date(1800, 1, 1), True),
                                           (dt.date(1899, 12, 31), True), (dt.date(1915, 11, 23), True),
                                           (dt.date(1915, 11, 24), False), (dt.date(2026, 11, 23), False),
                                           (dt.date(2026, 11, 24), True)])
def test_birth_dates_before_1900_or_over_110_years_are_refused(born, refused):
    if refused:
        with pytest.raises(ValidationError):
            check_birth_date(born, TODAY)
    else:
        assert check_birth_date(born, TODAY) == born


def test_an_import_refuses_a_birth_date_of_1800(db, tmp_path):
    path = write_text(tmp_path / "k.csv", [["klantnummer", "achternaam", "geboortedatum"], ["K1", "Oud", "1800-01-01"],
                                           ["K2", "Oer", "0001-01-01"]])
    result = import_file(db, "candidates", path, user="anouk", today=TODAY)
    assert (result.new, result.rejected) == (0, 2)


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_a_large_workbook_passes_the_limits_wherever_its_parts_are_cut(tmp_path, suffix):
    """The limits pass reads 64 KB parts cut before a '<': a number or date at the end of a part is whole."""
    from matchdesk.transfer.writers import write_rows

    path = tmp_path / f"groot.{suffix}"
    rows = ([f"K{i}", dt.date(1960, 1, 1) + dt.timedelta(days=i), i * 1.5, i] for i in range(30_000))
    write_rows(path, ["klantnummer", "geboortedatum", "loonwaarde", "uren"], rows, sheet_name="kandidaten")
    read = list(open_table(path, ("kandidaten",)).rows)
    assert len(read) == 30_000
    assert read[-1] == (30_001, ["K29999", dt.date(1960, 1, 1) + dt.timedelta(days=29_999), "44998.5", "29999"])
