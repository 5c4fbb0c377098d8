"""A workbook cell may hold a NUL (``_x0000_`` in the XML of an .xlsx made by another program): SQLite stored it
inside the name, PostgreSQL refused the whole import with a driver message. The import now reads the cell
without it, on both backends alike."""

from hostile_corpus import write_zip, xlsx_parts
from sqlalchemy import select
from transfer_helpers import TODAY

from matchdesk.storage.models import Candidate
from matchdesk.transfer import import_file

ROW = ('<row r="2"><c r="A2" t="inlineStr"><is><t>K2</t></is></c><c r="B2" t="inlineStr"><is><t>Jan_x0000_sen'
       '</t></is></c><c r="C2" s="1"><v>33000</v></c></row>')


def test_a_nul_in_a_workbook_cell_is_left_out_and_the_row_imported(db, tmp_path):
    path = write_zip(tmp_path / "nul.xlsx", xlsx_parts(ROW))
    result = import_file(db, "candidates", path, user="anouk", today=TODAY)
    assert (result.new, result.rejected) == (1, 0)
    with db.reading() as session:
        assert session.scalars(select(Candidate.achternaam)).all() == ["Jansen"]
