"""Factories for matching tests: candidates and vacancies with skills and Dutch levels, and a service."""

from __future__ import annotations

import itertools

import pytest

from matchdesk.domain import CefrLevel, LanguageSkill

_numbers = itertools.count(3000001)


def make_levels(**by_skill) -> dict:
    """levels(spreken="B1") -> {LanguageSkill.SPREKEN: CefrLevel.B1}; all=... sets every skill."""
    every = by_skill.pop("all", None)
    found = {skill: (CefrLevel(every) if every else None) for skill in LanguageSkill}
    for name, value in by_skill.items():
        found[LanguageSkill(name)] = CefrLevel(value) if value else None
    return found


@pytest.fixture
def levels():
    return make_levels


@pytest.fixture
def employer_id(db):
    from matchdesk.services.employers import create_employer

    with db.unit("tester") as session:
        employer = create_employer(session, {"kvk": "12345678", "name": "Testbedrijf", "plaats": "Roosendaal"})
        session.flush()
        return employer.id


@pytest.fixture
def add_vacancy(db, employer_id):
    from matchdesk.services.vacancies import VacancySkillInput, create_vacancy
    from matchdesk.vocabulary import load_vocabulary

    def add(reference="V1", title="Heftruckchauffeur", required=(), desired=(), language=None, **values):
        values = {"reference": reference, "title": title, "place": "Roosendaal", **values}
        skills = [VacancySkillInput(t, True) for t in required] + [VacancySkillInput(t, False) for t in desired]
        minimum = {LanguageSkill(k): CefrLevel(v) for k, v in (language or {}).items()}
        with db.unit("tester") as session:
            create_vacancy(session, employer_id, values, skills=skills, min_language=minimum,
                           vocabulary=load_vocabulary())
        return reference

    return add


@pytest.fixture
def add_candidate(db, today):
    from matchdesk.services.candidates import SkillInput, create_candidate
    from matchdesk.vocabulary import load_vocabulary

    def add(skills=(), language=None, klantnummer=None, **values):
        number = klantnummer or str(next(_numbers))
        base = {"klantnummer": number, "achternaam": "Jansen", "woonplaats": "Roosendaal",
                "municipality": "Roosendaal", "doelgroep": "A", "categorie": "1A", "max_travel_km": 20,
                "hours_per_week": 38, "available_from": today, "driving_licences": "B",
                "wishes": "Wil graag werken in een magazijn."}
        base.update(values)
        with db.unit("tester") as session:
            create_candidate(session, base, today, skills=[SkillInput(s) for s in skills],
                             languages=language if language is not None else make_levels(all="B1"),
                             vocabulary=load_vocabulary())
        return number

    return add


@pytest.fixture
def service(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import MatchService

    svc = MatchService(App(db, user="tester", today=today, rulebooks=load_rulebooks()))
    yield svc
    svc.close()
