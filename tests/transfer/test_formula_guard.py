"""The CSV formula guard (issue 14 item 5): every text cell that starts with =, +, -, @, a tab or a carriage
return gets a leading ', whatever follows, in exports and in import reports; numbers stay numbers."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select
from transfer_helpers import TODAY, write_text

from matchdesk.services.candidates import create_candidate
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate
from matchdesk.transfer import export_file, import_file, write_rows
from matchdesk.transfer.writers import csv_cell

PAYLOADS = ["=1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+cmd|' /C calc'!A0", "\r=1+cmd|' /C calc'!A0", "-3", "+31 6 12345678", "="]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_formula_looking_text_is_escaped(payload):
    assert csv_cell(payload) == "'" + payload


@pytest.mark.parametrize("number", [-5, -2.5, 3, 0])
def test_numbers_are_written_as_numbers(number):
    assert not csv_cell(number).startswith("'")


def _cells(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_an_export_escapes_every_payload(tmp_path):
    path = tmp_path / "uit.csv"
    write_rows(path, ["waarde"], [[p] for p in PAYLOADS])
    assert [row[0] for row in _cells(path)[1:]] == ["'" + p for p in PAYLOADS]


def test_an_import_report_escapes_the_payloads_it_quotes(db, tmp_path):
    rows = [["klantnummer", "achternaam", "geboortedatum", "doelgroep", "uren_per_week"]]
    rows += [[f"K{i}", "Test", "1990-01-01", payload.replace("\r", ""), payload.replace("\r", "")]
             for i, payload in enumerate(PAYLOADS[:5])]
    source = write_text(tmp_path / "k.csv", rows)
    result = import_file(db, "candidates", source, user="anouk", today=TODAY)
    report = tmp_path / "rapport.csv"
    write_rows(report, ("rij", "kolom", "waarde", "melding", "ernst"), [p.cells() for p in result.problems])
    cells = [cell for row in _cells(report)[1:] for cell in row]
    assert sum("'" + p.strip() in cells for p in PAYLOADS[:5]) == 5  # each quoted, escaped (the import strips)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_an_exported_file_imports_unchanged(db, tmp_path, template_db):
    import shutil

    with db.unit("anouk") as session:
        create_candidate(session, {"klantnummer": "K1", "achternaam": "Test", "birth_date": "1990-01-01",
                                   "telefoon": "+31 6 12345678", "wishes": "-3 dagen per week"}, TODAY)
    path = tmp_path / "k.csv"
    export_file(db, "candidates", path, user="anouk")
    shutil.copy(template_db, tmp_path / "b.db")
    other = Database.open(tmp_path / "b.db")
    try:
        import_file(other, "candidates", path, user="anouk", today=TODAY)
        with other.reading() as session:
            stored = session.scalars(select(Candidate)).one()
            assert (stored.telefoon, stored.wishes) == ("+31 6 12345678", "-3 dagen per week")
    finally:
        other.dispose()
