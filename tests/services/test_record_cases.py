"""The use cases behind the record editors: open (frozen values, a candidate's view audited), save with the
version read (a conflict names who changed it), contact moments, skills, and the trajectory look-up."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from matchdesk.domain import CefrLevel, LanguageSkill, TrajectoryKind, VacancyKind
from matchdesk.errors import ConflictError, NotFound, ValidationError
from matchdesk.storage.models import AuditEntry, Candidate, Trajectory


@pytest.fixture
def app(db, today, make_candidate):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    make_candidate()
    return App(db=db, user="anouk", today=today, rulebooks=load_rulebooks())


def test_open_candidate_is_a_frozen_value_and_an_audited_view(app, db):
    from matchdesk.services.candidate_cases import open_candidate

    record = open_candidate(app, "1000001")
    assert record.key == "1000001" and record.version == 1 and record.values["achternaam"] == "Berg"
    assert set(record.languages) == set(LanguageSkill) and record.trajectories == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.version = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        record.values["achternaam"] = "Dal"  # type: ignore[index]
    with db.reading() as session:
        assert session.scalar(select(AuditEntry.medewerker).where(AuditEntry.action == "bekeken")) == "anouk"
    with pytest.raises(NotFound, match="bestaat niet"):
        open_candidate(app, "9999999")


def test_save_candidate_sends_back_the_version_read(app, db, today):
    from matchdesk.services.candidate_cases import open_candidate, save_candidate
    from matchdesk.services.candidates import SkillInput
    from matchdesk.services.skills import resolve_skill

    record = open_candidate(app, "1000001")
    label = resolve_skill(app, "heftruk").label  # what the editor adds for a typo
    saved = save_candidate(app, record.id, record.version, {"woonplaats": "Etten-Leur"},
                           skills=[SkillInput(label, "basis")], languages={LanguageSkill.SPREKEN: CefrLevel.B1})
    assert saved.key == "1000001" and saved.version == record.version + 1
    again = open_candidate(app, "1000001")
    assert again.values["woonplaats"] == "Etten-Leur" and again.languages[LanguageSkill.SPREKEN] == CefrLevel.B1
    assert [(s.text, s.level, s.source) for s in again.skills] == [(label, "basis", "zelf_opgegeven")]
    with pytest.raises(ConflictError, match="intussen gewijzigd door anouk"):  # the version read before
        save_candidate(app, record.id, record.version, {"woonplaats": "Zundert"})
    new = save_candidate(app, None, None, {"klantnummer": "1000002", "achternaam": "Jansen", "birth_date": "1-2-1980"},
                         skills=[], languages={})
    assert new.key == "1000002"
    with pytest.raises(ValidationError, match="bestaat al"):
        save_candidate(app, None, None, {"klantnummer": "1000002", "achternaam": "Jansen"})


def test_employer_and_vacancy_open_and_save(app):
    from matchdesk.services.employers import create_employer, open_employer, save_employer
    from matchdesk.services.vacancies import create_vacancy, open_vacancy, save_vacancy

    with app.unit() as session:
        employer = create_employer(session, {"kvk": "12345678", "name": "Groen BV"})
        session.flush()
        create_vacancy(session, employer.id, {"reference": "V1", "title": "Hovenier", "kind": VacancyKind.BESCHUT},
                       min_language={LanguageSkill.LEZEN: CefrLevel.A2})
    found = open_employer(app, "12345678")
    assert found.key == "12345678" and found.values["name"] == "Groen BV"
    assert save_employer(app, found.id, found.version, {"plaats": "Zundert"}).version == found.version + 1
    with pytest.raises(NotFound, match="Werkgever met KvK-nummer 87654321 bestaat niet"):
        open_employer(app, "87654321")
    vacancy = open_vacancy(app, "V1")
    assert vacancy.values["kind"] == VacancyKind.BESCHUT and "status" not in vacancy.values
    assert vacancy.min_languages == ((LanguageSkill.LEZEN, CefrLevel.A2),)
    assert save_vacancy(app, vacancy.id, vacancy.version, {"title": "Hovenier (m/v)"}).key == "V1"
    with pytest.raises(ConflictError):
        save_vacancy(app, vacancy.id, vacancy.version, {"title": "Tuinman"})


def test_contacts_and_the_trajectory_look_up(app, db, today):
    from matchdesk.services.candidate_cases import candidate_trajectories, open_candidate_of_trajectory
    from matchdesk.services.contacts import contacts_of, record_contact

    with db.reading() as session:
        candidate_id = session.scalar(select(Candidate.id))
    line = record_contact(app, candidate_id, today, "telefoon", "  Gebeld  ", today + dt.timedelta(days=7))
    assert line.medewerker == "anouk" and line.summary == "Gebeld"
    with pytest.raises(ValidationError, match="vóór"):
        record_contact(app, candidate_id, today, "gesprek", None, today - dt.timedelta(days=1))
    contacts = contacts_of(app, candidate_id, "1000001")
    assert [m.kind for m in contacts.moments] == ["telefoon"] and contacts.questions
    with app.unit() as session:
        trajectory = Trajectory(candidate_id=candidate_id, kind=TrajectoryKind.SCHOLING, start=today)
        session.add(trajectory)
        session.flush()
        trajectory_id = trajectory.id
    assert open_candidate_of_trajectory(app, str(trajectory_id)).key == "1000001"
    assert open_candidate_of_trajectory(app, uuid.uuid4()) is None
    assert open_candidate_of_trajectory(app, "geen-id") is None
    assert [t.kind for t in candidate_trajectories(app, candidate_id)] == ["scholing"]


def test_skills_as_the_editor_offers_them(app):
    from matchdesk.services.skills import resolve_skill, skill_labels

    labels = skill_labels(app)
    assert labels == tuple(sorted(labels)) and len(labels) > 50
    typo = resolve_skill(app, "heftruk")
    assert typo.known and typo.recognised and typo.label in labels
    free = resolve_skill(app, "  kantklossen op zondag ")
    assert not free.known and free.label == "kantklossen op zondag" and not free.recognised
