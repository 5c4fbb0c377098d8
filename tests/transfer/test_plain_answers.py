"""Issue 17 item 2: a person's plain "none" in an optional category column, and a value that is really unknown."""

import pytest
from sqlalchemy import select
from transfer_helpers import TODAY, write_text

from matchdesk.domain import VacancyKind
from matchdesk.storage.models import Candidate, Vacancy
from matchdesk.transfer import import_file


@pytest.fixture
def employer(db, tmp_path):
    rows = [["kvk", "naam"], ["12345678", "Bakkerij De Korf"]]
    assert import_file(db, "employers", write_text(tmp_path / "w.csv", rows), user="a", today=TODAY).new == 1


def test_a_vacancy_list_with_nee_in_rijbewijs_vereist_imports_every_row_with_no_licence_required(db, tmp_path,
                                                                                                 employer):
    answers = ["nee", "NEE", "geen", "-", "n.v.t.", "N.V.T.", "nvt", "Nvt", ""]
    rows = [["referentie", "werkgever", "titel", "rijbewijs_vereist"]]
    rows += [[f"V{i}", "12345678", "Bakker", answer] for i, answer in enumerate(answers)]
    result = import_file(db, "vacancies", write_text(tmp_path / "v.csv", rows), user="a", today=TODAY)
    assert (result.new, result.rejected, result.problems) == (len(answers), 0, [])
    with db.reading() as session:
        assert session.scalars(select(Vacancy.driving_licence)).all() == [None] * len(answers)


def test_an_unknown_value_in_an_optional_category_column_is_a_warning_that_keeps_the_row(db, tmp_path, employer):
    rows = [["referentie", "werkgever", "titel", "rijbewijs_vereist", "soort", "min_nl_spreken"],
            ["V1", "12345678", "Bakker", "misschien", "leerwerkplek", "vloeiend"],
            ["V2", "12345678", "Kok", "B", "n.v.t.", "geen"]]
    result = import_file(db, "vacancies", write_text(tmp_path / "v.csv", rows), user="a", today=TODAY)
    assert (result.new, result.rejected) == (2, 0)
    warnings = [(p.row, p.column, p.severity) for p in result.problems]
    assert warnings == [(2, "rijbewijs_vereist", "waarschuwing"), (2, "min_nl_spreken", "waarschuwing")]
    assert "onbekende rijbewijscategorie MISSCHIEN" in result.problems[0].message
    with db.reading() as session:
        stored = dict(session.execute(select(Vacancy.reference, Vacancy.driving_licence)).all())
        assert stored == {"V1": None, "V2": "B"}
        kinds = dict(session.execute(select(Vacancy.reference, Vacancy.kind)).all())
        assert kinds == {"V1": VacancyKind.LEERWERKPLEK, "V2": VacancyKind.REGULIER}


def test_an_unknown_value_keeps_what_a_stored_record_had_and_a_key_or_required_column_still_refuses(db, tmp_path):
    first = [["klantnummer", "achternaam", "geboortedatum", "rijbewijs", "doelgroep"],
             ["K1", "Jansen", "1980-01-01", "B", "A"],
             ["K2", "Pietersen", "1981-01-01", "nee", "n.v.t."]]
    result = import_file(db, "candidates", write_text(tmp_path / "a.csv", first), user="a", today=TODAY)
    assert (result.new, result.rejected, result.problems) == (2, 0, [])
    again = [["klantnummer", "achternaam", "geboortedatum", "rijbewijs", "doelgroep"],
             ["K1", "Jansen", "1980-01-01", "vrachtwagen", "Z"],
             ["K3", "Klaassen", "morgen", "nee", "-"]]
    result = import_file(db, "candidates", write_text(tmp_path / "b.csv", again), user="a", today=TODAY)
    assert (result.unchanged, result.rejected_rows) == (1, [3])
    assert [(p.row, p.column, p.severity) for p in result.problems] == [
        (2, "rijbewijs", "waarschuwing"), (2, "doelgroep", "waarschuwing"), (3, "geboortedatum", "fout")]
    with db.reading() as session:
        stored = {k: (lic, str(group) if group else None) for k, lic, group in session.execute(
            select(Candidate.klantnummer, Candidate.driving_licences, Candidate.doelgroep))}
        assert stored == {"K1": ("B", "A"), "K2": ("geen", None)}


def test_the_licence_field_reads_the_plain_answers_as_known_none():
    from matchdesk import licences

    for answer in ("nee", "Geen", "-", "n.v.t.", "N.V.T", "nvt"):
        assert licences.normalize(answer) == "geen", answer
        assert licences.normalize_requirement(answer) is None, answer
