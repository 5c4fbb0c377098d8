"""Issue 13 item 6: child rows live under the parent's version. A save that changes only skills, languages,
educations or work experience (a vacancy's skills or languages) bumps the parent's version, so a
colleague's stale save is a conflict that names who changed it, and it is audited on the parent."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchdesk.app import App
from matchdesk.domain import CefrLevel, LanguageSkill
from matchdesk.errors import ConflictError
from matchdesk.services.candidate_cases import open_candidate, save_candidate
from matchdesk.services.candidates import SkillInput
from matchdesk.storage.models import (
    AuditEntry,
    Candidate,
    CandidateSkill,
    Education,
    Employer,
    Vacancy,
    VacancyLanguage,
    VacancySkill,
    WorkExperience,
)


@pytest.fixture
def colleagues(db, today):
    from matchdesk.rules.rulebook import load_rulebooks

    rulebooks = load_rulebooks()
    return App(db, user="Anouk", today=today, rulebooks=rulebooks), App(db, user="Bram", today=today,
                                                                         rulebooks=rulebooks)


def _entries(db, record_id):
    with db.reading() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.record_id == record_id,
                                                        AuditEntry.action == "gewijzigd")).all()


@pytest.mark.parametrize("change, field", [
    ({"skills": [SkillInput("Heftruck rijden", "gevorderd")]}, "skills"),
    ({"languages": {LanguageSkill.SPREKEN: CefrLevel.B1}}, "languages"),
])
def test_a_save_of_only_child_rows_makes_a_stale_save_a_conflict_naming_who(db, make_candidate, colleagues,
                                                                           change, field):
    anouk, bram = colleagues
    candidate_id = make_candidate()
    seen_by_anouk = open_candidate(anouk, "1000001")
    seen_by_bram = open_candidate(bram, "1000001")
    assert seen_by_anouk.version == seen_by_bram.version

    saved = save_candidate(anouk, candidate_id, seen_by_anouk.version, {}, **change)
    assert saved.version > seen_by_anouk.version
    with pytest.raises(ConflictError, match="Anouk") as error:
        save_candidate(bram, candidate_id, seen_by_bram.version, {}, **change)
    assert error.value.changed_by == "Anouk"

    entries = _entries(db, candidate_id)
    assert [(e.medewerker, e.record_type, e.fields) for e in entries] == [("Anouk", "kandidaat", field)]
    with db.reading() as session:
        assert session.get(Candidate, candidate_id).updated_by == "Anouk"


def test_skills_replaced_in_two_flushes_bump_once_and_audit_once(db, make_candidate, colleagues):
    anouk, _ = colleagues
    candidate_id = make_candidate()
    seen = open_candidate(anouk, "1000001")
    save_candidate(anouk, candidate_id, seen.version, {}, skills=[SkillInput("Lassen")])
    saved = save_candidate(anouk, candidate_id, seen.version + 1, {}, skills=[SkillInput("Koken")])
    assert saved.version == seen.version + 2
    assert [e.fields for e in _entries(db, candidate_id)] == ["skills", "skills"]
    with db.reading() as session:
        assert session.scalars(select(CandidateSkill.text)).all() == ["Koken"]


@pytest.mark.parametrize("model, values, field", [
    (Education, {"name": "MBO Logistiek"}, "educations"),
    (WorkExperience, {"function": "Magazijnmedewerker"}, "experiences"),
])
def test_educations_and_experience_from_any_writer_bump_the_candidate(db, make_candidate, model, values, field):
    candidate_id = make_candidate()
    with db.reading() as session:
        before = session.get(Candidate, candidate_id).version
    with db.unit("Anouk") as session:  # the import writes child rows like this
        session.add(model(candidate_id=candidate_id, **values))
    with db.unit("Bram") as session:
        row = session.scalar(select(model))
        for name in values:
            setattr(row, name, "Anders")
    with db.unit("Chris") as session:
        session.delete(session.scalar(select(model)))
    with db.reading() as session:
        candidate = session.get(Candidate, candidate_id)
        assert (candidate.version, candidate.updated_by) == (before + 3, "Chris")
    assert [(e.medewerker, e.fields) for e in _entries(db, candidate_id)] == [
        ("Anouk", field), ("Bram", field), ("Chris", field)]
    assert "Anders" not in " ".join(str(e.fields) for e in _entries(db, candidate_id))


def test_a_vacancys_skills_and_languages_bump_the_vacancy(db):
    with db.unit("Anouk") as session:
        employer = Employer(name="Fixture BV", kvk="12345678")
        vacancy = Vacancy(reference="V1", employer_id=employer.id, title="Heftruckchauffeur")
        session.add_all([employer, vacancy])
    with db.unit("Bram") as session:
        session.add(VacancySkill(vacancy_id=vacancy.id, text="Heftruck rijden"))
        session.add(VacancyLanguage(vacancy_id=vacancy.id, skill=LanguageSkill.LEZEN, min_level=CefrLevel.A2))
    with db.reading() as session:
        stored = session.get(Vacancy, vacancy.id)
        assert (stored.version, stored.updated_by) == (vacancy.version + 1, "Bram")
    assert [(e.record_type, e.fields) for e in _entries(db, vacancy.id)] == [("vacature", "languages,skills")]
