"""services/signals.py: the facts the signals are computed from, fetched from the database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from matchdesk.dates import last_day_within
from matchdesk.domain import CefrLevel, LanguageSkill, Provider, TaaleisStatus, TrajectoryKind, VacancyKind
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.signals import collect_signals
from matchdesk.services.trajectories import TrajectoryInput, start_trajectory
from matchdesk.storage.models import Candidate, CandidateLanguage


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


def _languages(db, candidate_id, levels: dict[str, CefrLevel | None], since: dt.date,
               status=TaaleisStatus.ONBEKEND) -> None:
    with db.unit("tester") as session:
        candidate = session.get(Candidate, candidate_id)
        candidate.taaleis_status, candidate.taaleis_date = status, since
        existing = {(row.language, row.skill): row for row in session.scalars(
            select(CandidateLanguage).where(CandidateLanguage.candidate_id == candidate_id))}
        for language, level in levels.items():
            for skill in LanguageSkill:
                if (language, skill) in existing:
                    existing[language, skill].level = level
                else:
                    session.add(CandidateLanguage(candidate_id=candidate_id, language=language, skill=skill,
                                                  level=level))


def _signals(db, rulebooks, today):
    with db.reading() as session:
        return collect_signals(session, rulebooks, today, 30)


@pytest.mark.parametrize(("levels", "listed"), [
    ({"nl": CefrLevel.A1}, True),
    ({"nl": CefrLevel.B1}, False),
    ({"nl": CefrLevel.B1, "en": CefrLevel.A1}, False),  # only Dutch counts for the Wet taaleis
    ({"ar": CefrLevel.A0}, False),  # no Dutch level known
    ({"nl": None}, False),
])
def test_taaleis_looks_at_the_dutch_levels_only(db, make_candidate, rulebooks, today, levels, listed):
    candidate = make_candidate()
    _languages(db, candidate, levels, since=today - dt.timedelta(weeks=9))
    kinds = [s.kind for s in _signals(db, rulebooks, today)]
    assert ("taaleis" in kinds) == listed


def test_signals_from_stored_trajectories(db, make_candidate, rulebooks, today):
    candidate = make_candidate(klantnummer="2000001")
    start = dt.date(2026, 6, 1)
    with db.unit("tester") as session:
        start_trajectory(session, rulebooks, candidate,
                         TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start,
                                         planned_end=last_day_within(start, 6), provider=Provider.LEERWERKBEDRIJF,
                                         vacancy_kind=VacancyKind.LEERWERKPLEK), start)
    found = _signals(db, rulebooks, today)
    assert [(s.kind, s.due, s.candidate) for s in found] == [
        ("einde_nadert", dt.date(2026, 11, 30), "2000001"),
        ("leerwerktraject_zonder_vervolg", dt.date(2026, 12, 1), "2000001")]
    assert found[0].trajectory == found[1].trajectory
