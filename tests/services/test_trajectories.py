import datetime as dt

import pytest
from sqlalchemy import func, select

from matchdesk.dates import last_day_within
from matchdesk.domain import (
    ProposalStatus,
    Provider,
    Role,
    TrajectoryKind,
    TrajectoryStatus,
    VacancyKind,
    VacancyStatus,
)
from matchdesk.errors import RuleViolation, ValidationError
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services import proposals
from matchdesk.services.employers import create_employer, ensure_medewerker
from matchdesk.services.trajectories import TrajectoryInput, start_trajectory, trajectory_status
from matchdesk.services.vacancies import create_vacancy
from matchdesk.storage.models import AuditEntry, Proposal, Trajectory, Vacancy

START = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


def _leerwerk(months: int, **extra) -> TrajectoryInput:
    return TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=START, planned_end=last_day_within(START, months),
                           provider=Provider.LEERWERKBEDRIJF, vacancy_kind=VacancyKind.LEERWERKPLEK, **extra)


def _trajectories(db) -> list[Trajectory]:
    with db.reading() as session:
        return session.scalars(select(Trajectory)).all()


def test_allowed_trajectory_is_stored_with_its_verdict(db, make_candidate, rulebooks):
    candidate = make_candidate()
    with db.unit("anouk") as session:
        start_trajectory(session, rulebooks, candidate, _leerwerk(6), START)
    [stored] = _trajectories(db)
    assert stored.verdict == "allowed" and stored.municipality == "Roosendaal"


def test_blocked_trajectory_is_refused_and_nothing_is_stored(db, make_candidate, rulebooks):
    candidate = make_candidate()
    with pytest.raises(RuleViolation, match="Niet toegestaan"):
        with db.unit("anouk") as session:
            start_trajectory(session, rulebooks, candidate, _leerwerk(7), START)
    assert _trajectories(db) == []


def test_warning_needs_a_motivation_which_is_stored_with_its_author(db, make_candidate, rulebooks):
    candidate = make_candidate(doelgroep="A", taalachterstand=True)
    with pytest.raises(RuleViolation, match="Motivatie vereist"):
        with db.unit("anouk") as session:
            start_trajectory(session, rulebooks, candidate, _leerwerk(6), START)
    with db.unit("anouk") as session:
        start_trajectory(session, rulebooks, candidate, _leerwerk(6, motivation="Alleen taal is de drempel"), START)
    [stored] = _trajectories(db)
    assert stored.verdict == "warning"
    assert (stored.motivation, stored.motivation_by) == ("Alleen taal is de drempel", "anouk")


def test_only_a_teamleider_can_override_a_block_with_a_reason(db, make_candidate, rulebooks):
    candidate = make_candidate()
    with db.unit("systeem") as session:
        ensure_medewerker(session, "ingrid", Role.TEAMLEIDER)
        ensure_medewerker(session, "anouk", Role.MATCHMAKER)
    with pytest.raises(RuleViolation, match="teamleider"):
        with db.unit("anouk") as session:
            start_trajectory(session, rulebooks, candidate, _leerwerk(8), START, override_reason="maatwerk")
    with db.unit("ingrid") as session:
        start_trajectory(session, rulebooks, candidate, _leerwerk(8), START, override_reason="maatwerk")
    [stored] = _trajectories(db)
    assert (stored.verdict, stored.override_by, stored.override_reason) == ("blocked", "ingrid", "maatwerk")
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "blokkade doorbroken")) == 1


def test_imported_history_is_stored_and_flagged_never_refused(db, make_candidate, rulebooks):
    candidate = make_candidate()
    with db.unit("import") as session:
        start_trajectory(session, rulebooks, candidate, _leerwerk(9), START, imported=True)
    [stored] = _trajectories(db)
    assert stored.verdict == "blocked" and stored.imported


@pytest.mark.parametrize("start, planned, actual, aborted, expected", [
    ("2026-12-01", "2027-05-31", None, False, TrajectoryStatus.GEPLAND),
    ("2026-06-01", "2026-11-30", None, False, TrajectoryStatus.LOPEND),
    ("2026-06-01", "2026-11-23", None, False, TrajectoryStatus.LOPEND),  # the end day itself still runs
    ("2026-01-01", "2026-06-30", None, False, TrajectoryStatus.BEEINDIGD),
    ("2026-01-01", "2026-06-30", "2026-03-01", True, TrajectoryStatus.AFGEBROKEN),
    ("2025-01-01", None, None, False, TrajectoryStatus.LOPEND),
])
def test_status_follows_from_dates_and_today(start, planned, actual, aborted, expected, today):
    def as_date(text):
        return dt.date.fromisoformat(text) if text else None

    assert trajectory_status(as_date(start), as_date(planned), as_date(actual), aborted, today) == expected


@pytest.fixture
def vacancy_id(db):
    with db.unit("anouk") as session:
        employer = create_employer(session, {"kvk": "12345678", "name": "Groen BV"})
        session.flush()
        vacancy = create_vacancy(session, employer.id, {"reference": "V1", "title": "Hovenier", "positions": 1})
        session.flush()
        return vacancy.id


def test_placing_a_proposal_creates_the_trajectory_and_fills_the_vacancy(db, make_candidate, rulebooks, vacancy_id,
                                                                          today):
    candidate = make_candidate(doelgroep="A", categorie="1A")
    with db.unit("anouk") as session:
        proposal = proposals.propose(session, candidate, vacancy_id, today, score=80)
        session.flush()
        proposal_id = proposal.id
    placement = TrajectoryInput(kind=TrajectoryKind.REGULIER, start=today, planned_end=None,
                                provider=Provider.WERKGEVER)
    with db.unit("anouk") as session:
        proposals.move(session, rulebooks, proposal_id, None, ProposalStatus.GEPLAATST, today, placement)
    [stored] = _trajectories(db)
    assert stored.proposal_id == proposal_id and stored.vacancy_id == vacancy_id
    with db.reading() as session:
        assert session.get(Vacancy, vacancy_id).status == VacancyStatus.VERVULD


def test_a_blocked_placement_leaves_the_proposal_unchanged(db, make_candidate, rulebooks, vacancy_id, today):
    candidate = make_candidate(doelgroep="C", categorie="3A")
    with db.unit("anouk") as session:
        proposal_id = proposals.propose(session, candidate, vacancy_id, today).id
    placement = TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=today,
                                planned_end=last_day_within(today, 6), provider=Provider.LEERWERKBEDRIJF)
    with pytest.raises(RuleViolation):
        with db.unit("anouk") as session:
            proposals.move(session, rulebooks, proposal_id, None, ProposalStatus.GEPLAATST, today, placement)
    with db.reading() as session:
        assert session.get(Proposal, proposal_id).status == ProposalStatus.VOORGESTELD
    assert _trajectories(db) == []


def test_final_proposal_status_cannot_move(db, make_candidate, rulebooks, vacancy_id, today):
    candidate = make_candidate()
    with db.unit("anouk") as session:
        proposal_id = proposals.propose(session, candidate, vacancy_id, today).id
    with db.unit("anouk") as session:
        proposals.move(session, rulebooks, proposal_id, None, ProposalStatus.AFGEWEZEN, today)
    with pytest.raises(ValidationError, match="afgewezen"):
        with db.unit("anouk") as session:
            proposals.move(session, rulebooks, proposal_id, None, ProposalStatus.UITGENODIGD, today)
