"""The proposal use cases the window calls: the read model (frozen rows with ids and versions) and moving a
proposal with the version read; placing starts the trajectory through the rules and returns its id."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from matchdesk.dates import last_day_within
from matchdesk.domain import ProposalStatus, Provider, TrajectoryKind, VacancyKind, VacancyStatus
from matchdesk.errors import ConflictError, RuleViolation, ValidationError
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services import proposals
from matchdesk.services.employers import create_employer
from matchdesk.services.trajectories import TrajectoryInput
from matchdesk.services.vacancies import create_vacancy
from matchdesk.storage.models import Proposal, Trajectory, Vacancy


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def app(db, today, rulebooks):
    from matchdesk.app import App

    return App(db, user="anouk", today=today, rulebooks=rulebooks)


@pytest.fixture
def made(db, make_candidate, today):
    candidate = make_candidate()
    with db.unit("bram") as session:
        employer = create_employer(session, {"kvk": "12345678", "name": "Groen BV"})
        session.flush()
        regular = create_vacancy(session, employer.id, {"reference": "V1", "title": "Hovenier", "positions": 2})
        place = create_vacancy(session, employer.id, {"reference": "V2", "title": "Groenvoorziening",
                                                      "kind": VacancyKind.LEERWERKPLEK, "positions": 1,
                                                      "provider": Provider.LEERWERKBEDRIJF})
        session.flush()
        first = proposals.propose(session, candidate, regular.id, today - dt.timedelta(days=3), score=71)
        second = proposals.propose(session, candidate, place.id, today, score=84)
        session.flush()
        return {"candidate": candidate, "regular": first.id, "place": second.id, "place_vacancy": place.id}


def test_the_read_model_lists_frozen_rows_newest_first(app, made, today):
    rows = proposals.list_proposals(app, candidate_id=made["candidate"])
    assert [r.reference for r in rows] == ["V2", "V1"]
    first = rows[0]
    assert (first.id, first.version, first.status, first.score, first.proposed_by) == \
           (made["place"], 1, ProposalStatus.VOORGESTELD, 84, "bram")
    assert (first.vacancy_label, first.candidate_label, first.employer) == \
           ("Groenvoorziening (V2)", "Noël van den Berg (1000001)", "Groen BV")
    assert (first.vacancy_kind, first.vacancy_provider, first.proposed_on) == \
           (VacancyKind.LEERWERKPLEK, Provider.LEERWERKBEDRIJF, today)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.status = ProposalStatus.GEPLAATST  # type: ignore[misc]
    assert [r.id for r in proposals.list_proposals(app, vacancy_id=made["place_vacancy"])] == [made["place"]]
    assert proposals.list_proposals(app) == []


def test_a_move_sends_back_the_version_read(app, made, db):
    [row] = [r for r in proposals.list_proposals(app, candidate_id=made["candidate"]) if r.reference == "V1"]
    moved = proposals.move_proposal(app, row.id, row.version, ProposalStatus.UITGENODIGD)
    assert moved == proposals.Moved(row.id, 2, ProposalStatus.UITGENODIGD, None)
    with pytest.raises(ConflictError, match="intussen gewijzigd door anouk"):
        proposals.move_proposal(app, row.id, row.version, ProposalStatus.TERUGGETROKKEN)
    with pytest.raises(ValidationError, match="kan niet naar"):
        proposals.move_proposal(app, row.id, moved.version, ProposalStatus.UITGENODIGD)
    with db.reading() as session:
        assert session.get(Proposal, row.id).status == ProposalStatus.UITGENODIGD


def test_placing_starts_the_trajectory_through_the_rules(app, made, db, today):
    row = proposals.list_proposals(app, candidate_id=made["candidate"])[0]
    too_long = TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=today, planned_end=last_day_within(today, 9),
                               provider=Provider.LEERWERKBEDRIJF)
    with pytest.raises(ValidationError, match="Bij plaatsen hoort een traject"):
        proposals.move_proposal(app, row.id, row.version, ProposalStatus.GEPLAATST)
    with pytest.raises(RuleViolation, match="maximum is 6 maanden"):
        proposals.move_proposal(app, row.id, row.version, ProposalStatus.GEPLAATST, placement=too_long)
    placement = dataclasses.replace(too_long, planned_end=last_day_within(today, 6))
    moved = proposals.move_proposal(app, row.id, row.version, ProposalStatus.GEPLAATST, placement=placement)
    assert moved.status == ProposalStatus.GEPLAATST and moved.trajectory_id is not None
    assert placement.proposal_id is None and placement.vacancy_kind is None  # the caller's value is not changed
    with db.reading() as session:
        trajectory = session.get(Trajectory, moved.trajectory_id)
        assert (trajectory.proposal_id, trajectory.vacancy_id) == (row.id, made["place_vacancy"])
        assert trajectory.updated_by == "anouk" and trajectory.verdict == "allowed"
        assert session.get(Vacancy, made["place_vacancy"]).status == VacancyStatus.VERVULD
        assert session.scalars(select(Trajectory)).all() == [trajectory]
