"""Employers, vacancies and trajectories: keys, references by KvK or name, imported history flagged."""

import pytest
from sqlalchemy import select
from transfer_helpers import TODAY, write_text

from matchdesk.domain import CefrLevel, LanguageSkill, Provider, VacancyKind
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.storage.models import Employer, Trajectory, Vacancy, VacancyLanguage, VacancySkill
from matchdesk.transfer import import_file

EMPLOYERS = [["KvK", "naam", "postcode", "plaats"],
             ["12345678", "Bakkerij De Korf", "4701ab", "Roosendaal"],
             ["23456789", "Groen BV", "", "Etten-Leur"],
             ["34567890", "Groen bv", "", "Zundert"],
             ["1234", "Te Kort", "", ""]]


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def employers(db, tmp_path):
    return import_file(db, "employers", write_text(tmp_path / "w.csv", EMPLOYERS), user="a", today=TODAY)


def test_employers_keyed_on_kvk(db, tmp_path, employers):
    assert (employers.new, employers.rejected, employers.rejected_rows) == (3, 1, [5])
    rows = [["kvk", "naam", "contactpersoon"], ["12345678", "Bakkerij De Korf", "Ria"], ["23456789", "Groen BV", ""]]
    again = import_file(db, "employers", write_text(tmp_path / "w2.csv", rows), user="a", today=TODAY)
    assert (again.updated, again.unchanged, again.new) == (1, 1, 0)
    with db.reading() as session:
        korf = session.scalar(select(Employer).where(Employer.kvk == "12345678"))
        assert (korf.contactpersoon, korf.postcode) == ("Ria", "4701 AB")


def test_vacancies_find_their_employer_by_kvk_or_name(db, tmp_path, employers):
    rows = [["referentie", "werkgever", "titel", "soort", "aanbieder", "vereiste_vaardigheden", "min_nl_spreken"],
            ["V1", "12345678", "Bakker", "", "WVS", "kooiaap; deeg kneden als hobby", "A2"],
            ["V2", "bakkerij de korf", "Verkoper", "leerwerkplek", "markt", "", ""],
            ["V3", "Groen BV", "Hovenier", "", "", "", ""],
            ["V4", "Onbekend BV", "Schilder", "", "", "", ""],
            ["V5", "99999999", "Kok", "", "", "", ""]]
    result = import_file(db, "vacancies", write_text(tmp_path / "v.csv", rows), user="a", today=TODAY)
    assert (result.new, result.rejected_rows) == (2, [4, 5, 6])
    messages = {p.row: p.message for p in result.problems if p.severity == "fout"}
    assert "niet eenduidig" in messages[4] and "bestaat niet" in messages[5]
    assert result.unresolved_skills == 1
    with db.reading() as session:
        v1 = session.scalar(select(Vacancy).where(Vacancy.reference == "V1"))
        assert (v1.kind, v1.provider) == (VacancyKind.REGULIER, Provider.LEERWERKBEDRIJF)
        skills = session.scalars(select(VacancySkill.skill_id).where(VacancySkill.vacancy_id == v1.id)
                                 .order_by(VacancySkill.position)).all()
        assert skills == ["meeneemheftruck", None]
        assert session.execute(select(VacancyLanguage.skill, VacancyLanguage.min_level)).all() == [
            (LanguageSkill.SPREKEN, CefrLevel.A2)]


def test_imported_trajectories_are_judged_and_a_blocked_one_is_kept_with_a_warning(
        db, tmp_path, make_candidate, employers, rulebooks):
    make_candidate(klantnummer="K1")
    rows = [["klantnummer", "soort", "start", "einde", "aanbieder", "werkgever_kvk", "uitkomst"],
            ["K1", "leerwerktraject", "2025-01-06", "2025-10-05", "leerwerkbedrijf", "12345678", "werk"],
            ["K1", "proefplaatsing", "06-11-2025", "05-02-2026", "werkgever", "12345678", ""],
            ["K9", "proefplaatsing", "2025-01-01", "", "", "", ""],
            ["K1", "detachering", "2025-01-01", "2024-12-01", "", "", ""],
            ["K1", "reizen", "2025-01-01", "", "", "", ""],
            ["K1", "proefplaatsing", "2025-03-01", "", "", "87654321", ""]]
    result = import_file(db, "trajectories", write_text(tmp_path / "t.csv", rows), user="a", today=TODAY,
                         rulebooks=rulebooks)
    assert (result.new, result.rejected_rows) == (2, [4, 5, 6, 7])
    blocked, needs_motivation = [p for p in result.problems if p.severity == "waarschuwing"]
    assert blocked.row == 2 and "blokkeren" in blocked.message
    assert needs_motivation.row == 3 and "motivatie" in needs_motivation.message
    with db.reading() as session:
        stored = session.scalars(select(Trajectory).order_by(Trajectory.start)).all()
        assert [(t.verdict, t.imported) for t in stored] == [("blocked", True), ("warning", True)]
    again = import_file(db, "trajectories", write_text(tmp_path / "t.csv", rows[:3]), user="a", today=TODAY,
                        rulebooks=rulebooks)
    assert (again.unchanged, again.new) == (2, 0)
