"""Driving licences as one thing (matchdesk.licences): the Dutch implications, reading what people type, the
mapping of licence skills to codes, and saving: a licence typed as a skill ends up in the licence field."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchdesk import licences
from matchdesk.errors import ValidationError
from matchdesk.vocabulary import load_vocabulary
from tests.conftest import TODAY, candidate_values


@pytest.mark.parametrize("held,includes", [
    ("CE", {"C", "C1E", "C1", "BE", "B", "AM"}),  # CE ⇒ C ⇒ C1 ⇒ B ⇒ AM; CE ⇒ C1E ⇒ BE
    ("C", {"C1", "B", "AM"}),
    ("C1", {"B", "AM"}),
    ("DE", {"D", "D1E", "D1", "BE", "B", "AM"}),
    ("D", {"D1", "B", "AM"}),
    ("BE", {"B", "AM"}),
    ("A", {"A2", "A1", "AM"}),
    ("B", {"AM"}),
    ("T", set()),
    ("95", set()),  # code 95 is a qualification on the licence: it includes no category
])
def test_what_a_category_includes_by_dutch_rules(held, includes):
    assert licences.closure({held}) == {held} | includes


@pytest.mark.parametrize("held,not_included", [("C", "CE"), ("C1", "C"), ("B", "BE"), ("B", "T"), ("D", "C"),
                                                ("CE", "D"), ("CE", "95"), ("A2", "A")])
def test_a_category_does_not_include_a_higher_or_other_one(held, not_included):
    assert not_included not in licences.closure({held})


def test_a_region_may_add_to_the_implications_never_take_away():
    assert licences.closure({"B"}, {"B": frozenset({"T"})}) == {"B", "AM", "T"}


@pytest.mark.parametrize("typed,stored", [
    ("b, C", "B,C"), ("rijbewijs CE", "CE"), ("C+E; code 95", "CE,95"), ("CE code95", "CE,95"),
    ("Rijbewijs B / BE", "B,BE"), ("c1e", "C1E"), ("geen", "geen"), ("Nee", "geen"), ("", ""), (None, ""),
    ("95", "95"), ("B,B", "B"),
])
def test_the_field_reads_what_people_type(typed, stored):
    assert licences.normalize(typed) == stored


def test_an_unknown_category_is_refused_by_name():
    with pytest.raises(ValidationError, match="onbekende rijbewijscategorie X"):
        licences.normalize("B, X")


def test_empty_is_unknown_and_geen_is_known_none():
    assert licences.parse("") == (frozenset(), False)
    assert licences.parse("geen") == (frozenset(), True)
    assert licences.parse("B,CE") == (frozenset({"B", "CE"}), True)


def test_a_requirement_names_the_least_set():
    assert licences.normalize_requirement("B, C, CE, code 95") == "CE,95"
    assert licences.normalize_requirement("geen") is None
    assert licences.normalize_requirement("") is None


def test_merge_adds_codes_and_a_code_turns_geen_into_known():
    assert licences.merge("B", ["CE"]) == "B,CE"
    assert licences.merge("geen", ["C"]) == "C"
    assert licences.merge("", []) == ""
    assert licences.merge("", ["95"]) == "95"


def test_display_names_what_the_codes_include():
    assert licences.display("CE,95") == "CE, code 95 (omvat ook C, C1E, C1, BE, B, AM)"
    assert licences.display("B") == "B (omvat ook AM)"
    assert licences.display("T") == "T"
    assert licences.display("geen") == "geen"
    assert licences.display("") == "onbekend"


@pytest.mark.parametrize("text,code", [
    ("Rijbewijs CE (vrachtwagen met oplegger)", "CE"), ("Rijbewijs CE", "CE"), ("C-rijbewijs", "C"),
    ("rijbewijs B", "B"), ("rijbewijs c1e", "C1E"), ("rijbewijs D1E", "D1E"), ("code 95", "95"),
    ("Code 95 (vakbekwaamheid chauffeur)", "95"), ("vrachtwagenrijbewijs", "C"), ("trekkerrijbewijs", "T"),
    ("Heftruckcertificaat", None), ("heftruckrijbewijs", None), ("reachtruck rijbewijs", None),
    ("Orderpicken", None), ("ADR (vervoer gevaarlijke stoffen)", None), ("rijbewijs X", None),
])
def test_the_vocabulary_maps_licence_skills_to_codes_and_nothing_else(text, code):
    assert licences.skill_code(text, load_vocabulary()) == code


def test_every_licence_skill_of_the_vocabulary_has_a_code():
    vocabulary = load_vocabulary()
    # A1, A2 and D1E are known to the licence field only (a new skill would change the demo's people)
    assert {s.licence for s in vocabulary.skills.values() if s.licence} == set(licences.CODES) - {"A1", "A2", "D1E"}


# --- saving: the licence field is the one place ----------------------------------------------------------------

def test_a_new_candidate_s_licence_skills_go_into_the_licence_field(db):
    from matchdesk.services.candidates import SkillInput, create_candidate
    from matchdesk.storage.models import Candidate, CandidateSkill

    vocabulary = load_vocabulary()
    with db.unit("tester") as session:
        create_candidate(session, candidate_values(driving_licences="B"), TODAY, vocabulary=vocabulary, skills=[
            SkillInput("Rijbewijs CE"), SkillInput("Heftruckcertificaat"), SkillInput("code 95")])
    with db.reading() as session:
        candidate = session.scalar(select(Candidate))
        texts = session.scalars(select(CandidateSkill.text)).all()
    assert candidate.driving_licences == "B,CE,95"
    assert texts == ["Heftruckcertificaat"]


def test_a_licence_skill_saved_in_the_editor_joins_the_licence_field(tmp_path):
    from matchdesk.app import App
    from matchdesk.services.candidate_cases import open_candidate, save_candidate
    from matchdesk.services.candidates import SkillInput
    from matchdesk.storage.database import Database

    app = App(Database.open(tmp_path / "e.db", create=True), user="tester", today=TODAY)
    try:
        saved = save_candidate(app, None, None, candidate_values(driving_licences="geen"))
        saved = save_candidate(app, saved.id, saved.version, {"driving_licences": "geen"},
                               skills=[SkillInput("C-rijbewijs"), SkillInput("Orderpicken")])
        record = open_candidate(app, saved.key)
    finally:
        app.close()
    assert record.values["driving_licences"] == "C"
    assert [s.text for s in record.skills] == ["Orderpicken"]


def test_a_vacancy_s_required_licence_skill_is_its_licence_requirement_a_desired_one_stays(db):
    from matchdesk.services.employers import create_employer
    from matchdesk.services.vacancies import VacancySkillInput, create_vacancy
    from matchdesk.storage.models import Vacancy, VacancySkill

    with db.unit("tester") as session:
        employer = create_employer(session, {"kvk": "12345678", "name": "Transport BV"})
        session.flush()
        create_vacancy(session, employer.id, {"reference": "V1", "title": "Chauffeur CE", "driving_licence": "B"},
                       skills=[VacancySkillInput("Rijbewijs CE"), VacancySkillInput("code 95"),
                               VacancySkillInput("Tachograaf"), VacancySkillInput("Rijbewijs BE", required=False)],
                       vocabulary=load_vocabulary())
    with db.reading() as session:
        vacancy = session.scalar(select(Vacancy))
        skills = [(s.text, s.required) for s in session.scalars(select(VacancySkill))]
    assert vacancy.driving_licence == "CE,95"
    assert ("Rijbewijs BE (auto met aanhanger)", False) in skills
    assert not any(required and licences.skill_code(text) for text, required in skills)


def test_an_import_row_s_licence_skills_join_its_rijbewijs_column_and_the_stored_field(db, tmp_path):
    from matchdesk.storage.models import Candidate, CandidateSkill
    from matchdesk.transfer import import_file
    from tests.transfer.transfer_helpers import write_text

    header = ["klantnummer", "achternaam", "geboortedatum", "rijbewijs", "vaardigheden"]
    first = write_text(tmp_path / "a.csv", [header, ["K1", "Jansen", "1980-01-01", "B", "Rijbewijs CE; Heftruck"],
                                            ["K2", "Smit", "1981-01-01", "", "code 95"]])
    assert not import_file(db, "candidates", first, user="tester", today=TODAY).rejected
    again = write_text(tmp_path / "b.csv", [["klantnummer", "vaardigheden"], ["K1", "Heftruck; rijbewijs D"]])
    assert not import_file(db, "candidates", again, user="tester", today=TODAY).rejected
    with db.reading() as session:
        fields = dict(session.execute(select(Candidate.klantnummer, Candidate.driving_licences)).all())
        texts = set(session.scalars(select(CandidateSkill.text)).all())
    assert fields == {"K1": "B,CE,D", "K2": "95"}
    assert texts == {"Heftruckcertificaat"}
