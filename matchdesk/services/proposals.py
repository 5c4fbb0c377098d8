"""Proposals: a candidate put forward for a vacancy, moved through its statuses. Moving to geplaatst
creates the trajectory through the rules in the same transaction; a vacancy is filled when its
placements reach its positions.

Use cases (first parameter ``app``; own unit of work; frozen values out): ``list_proposals`` (the read
model of a candidate's or a vacancy's proposals), ``move_proposal`` (with the version read; placing starts
the trajectory), ``propose_from_ranking``, and for the matching view's selection ``propose_pairs`` (each pair
its own unit of work; refusals reported) and ``placement_row`` / ``place_pair`` (place a pair from a ranking
in one step, proposing it first when it has no open proposal). ``propose`` and ``move`` are the
session-level building blocks."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchdesk.domain import PROPOSAL_TRANSITIONS, ProposalStatus, Provider, TrajectoryKind, VacancyKind, VacancyStatus
from matchdesk.errors import NotFound, ValidationError
from matchdesk.rules.facts import Finding
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.services.records import client_id, load_for_update
from matchdesk.services.trajectories import TrajectoryInput, start_trajectory
from matchdesk.storage.models import Candidate, Employer, Proposal, Trajectory, Vacancy
from matchdesk.sync.outbox import recorded

if TYPE_CHECKING:
    from matchdesk.app import App


# the trajectory a placement usually starts, by the kind of vacancy (the placement dialog and ``matchdesk place``)
PLACEMENT_KINDS = {VacancyKind.REGULIER: TrajectoryKind.REGULIER, VacancyKind.GARANTIEBAAN: TrajectoryKind.REGULIER_LKS,
                   VacancyKind.LEERWERKPLEK: TrajectoryKind.LEERWERKTRAJECT,
                   VacancyKind.PROEFPLAATS: TrajectoryKind.PROEFPLAATSING, VacancyKind.BESCHUT: TrajectoryKind.BESCHUT}

# a vacancy of these kinds without a provider is a job at the employer itself
EMPLOYER_KINDS = (VacancyKind.REGULIER, VacancyKind.GARANTIEBAAN, VacancyKind.PROEFPLAATS)


@dataclass(frozen=True)
class Proposed:
    """A proposal just made: its id and version (for a later move), and the pair it joins."""

    id: uuid.UUID
    version: int
    klantnummer: str
    reference: str


@dataclass(frozen=True)
class ProposalRow:
    """One proposal as the proposals list shows it, with the version a move sends back."""

    id: uuid.UUID
    version: int
    status: ProposalStatus
    proposed_on: dt.date
    status_changed_on: dt.date
    score: int | None
    proposed_by: str
    candidate_id: uuid.UUID
    klantnummer: str
    candidate_name: str
    vacancy_id: uuid.UUID
    reference: str
    vacancy_title: str
    vacancy_kind: VacancyKind | None
    vacancy_provider: Provider | None
    vacancy_start: dt.date | None
    employer: str

    @property
    def vacancy_label(self) -> str:
        return f"{self.vacancy_title} ({self.reference})"

    @property
    def candidate_label(self) -> str:
        return f"{self.candidate_name} ({self.klantnummer})" if self.candidate_name else self.klantnummer


@dataclass(frozen=True)
class Moved:
    """A proposal just moved: its new status and version; ``trajectory_id`` when placing started one, with
    the rules' verdict and findings stored with that trajectory."""

    id: uuid.UUID
    version: int
    status: ProposalStatus
    trajectory_id: uuid.UUID | None = None
    verdict: str | None = None
    findings: tuple[Finding, ...] = ()


def _moved(session: Session, proposal: Proposal) -> Moved:
    if proposal.status != ProposalStatus.GEPLAATST:
        return Moved(proposal.id, proposal.version, proposal.status)
    trajectory = session.scalar(select(Trajectory).where(Trajectory.proposal_id == proposal.id))
    if trajectory is None:
        return Moved(proposal.id, proposal.version, proposal.status)
    stored = json.loads(trajectory.findings) if trajectory.findings else []
    findings = tuple(Finding(f["rule"], f["severity"], f["message"]) for f in stored)
    return Moved(proposal.id, proposal.version, proposal.status, trajectory.id, trajectory.verdict, findings)


def propose(session: Session, candidate_id: uuid.UUID, vacancy_id: uuid.UUID, today: dt.date,
            score: int | None = None, explanation: str | None = None, record_id: uuid.UUID | None = None) -> Proposal:
    open_one = session.scalar(select(Proposal.id).where(
        Proposal.candidate_id == candidate_id, Proposal.vacancy_id == vacancy_id,
        Proposal.status.in_([ProposalStatus.VOORGESTELD, ProposalStatus.UITGENODIGD])))
    if open_one is not None:
        raise ValidationError("voorstel", None, "deze kandidaat is al voorgesteld voor deze vacature")
    proposal = Proposal(candidate_id=candidate_id, vacancy_id=vacancy_id, status=ProposalStatus.VOORGESTELD,
                        proposed_on=today, status_changed_on=today,
                        proposed_by=session.info.get("user") or "systeem", score=score, explanation=explanation,
                        **client_id(session, Proposal, record_id))
    session.add(proposal)
    return proposal


def move(session: Session, rulebooks: Rulebooks, proposal_id: uuid.UUID, expected_version: int | None,
         status: ProposalStatus, today: dt.date, placement: TrajectoryInput | None = None,
         override_reason: str | None = None) -> Proposal:
    proposal = load_for_update(session, Proposal, proposal_id, expected_version, "Het voorstel")
    assert isinstance(proposal, Proposal)
    if status not in PROPOSAL_TRANSITIONS[proposal.status]:
        raise ValidationError("status", status.value,
                              f"een voorstel met status {proposal.status.value} kan niet naar {status.value}")
    proposal.status = status
    proposal.status_changed_on = today
    if status == ProposalStatus.GEPLAATST:
        if placement is None:
            raise ValidationError("traject", None, "bij plaatsen hoort een traject (soort en data)")
        vacancy = session.get(Vacancy, proposal.vacancy_id)
        if vacancy is None:
            raise NotFound("De vacature van het voorstel bestaat niet (meer)")
        placement = replace(placement, vacancy_id=vacancy.id, employer_id=placement.employer_id or vacancy.employer_id,
                            proposal_id=proposal.id, vacancy_kind=placement.vacancy_kind or vacancy.kind)
        start_trajectory(session, rulebooks, proposal.candidate_id, placement, today, override_reason=override_reason)
        placed = session.scalar(select(func.count()).select_from(Proposal).where(
            Proposal.vacancy_id == vacancy.id, Proposal.status == ProposalStatus.GEPLAATST)) or 0
        if placed >= vacancy.positions:
            vacancy.status = VacancyStatus.VERVULD
    return proposal


@recorded("proposal.propose")  # a laptop records it in its outbox (matchdesk.sync)
def propose_from_ranking(app: App, klantnummer: str, reference: str, score: int | None = None,
                         explanation: str | None = None, *, record_id: uuid.UUID | None = None) -> Proposed:
    """Put a candidate forward for a vacancy from a ranking (the score and its explanation kept with it);
    ``record_id``: a client-made id for the new proposal."""
    from matchdesk.services.candidates import get_by_klantnummer
    from matchdesk.services.vacancies import get_by_reference

    with app.unit() as session:
        candidate = get_by_klantnummer(session, klantnummer)
        vacancy = get_by_reference(session, reference)
        proposal = propose(session, candidate.id, vacancy.id, app.today, score=score, explanation=explanation,
                           record_id=record_id)
        session.flush()
        return Proposed(proposal.id, proposal.version, klantnummer, reference)


def list_proposals(app: App, *, candidate_id: uuid.UUID | None = None,
                   vacancy_id: uuid.UUID | None = None) -> list[ProposalRow]:
    """The proposals of one candidate or one vacancy (or both), newest first; none when neither is given."""
    if candidate_id is None and vacancy_id is None:
        return []
    query = (select(Proposal.id, Proposal.version, Proposal.status, Proposal.proposed_on, Proposal.status_changed_on,
                    Proposal.score, Proposal.proposed_by, Candidate.id, Candidate.klantnummer, Candidate.voornaam,
                    Candidate.tussenvoegsel, Candidate.achternaam, Vacancy.id, Vacancy.reference, Vacancy.title,
                    Vacancy.kind, Vacancy.provider, Vacancy.start_date, Employer.name)
             .join(Candidate, Candidate.id == Proposal.candidate_id)
             .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
             .join(Employer, Employer.id == Vacancy.employer_id)
             .order_by(Proposal.proposed_on.desc(), Proposal.created_at.desc()))
    if candidate_id is not None:
        query = query.where(Proposal.candidate_id == candidate_id)
    if vacancy_id is not None:
        query = query.where(Proposal.vacancy_id == vacancy_id)
    rows = []
    with app.reading() as session:
        for (pid, version, status, proposed_on, changed_on, score, by, cid, klant, voornaam, tussenvoegsel,
             achternaam, vid, reference, title, kind, provider, start, employer) in session.execute(query):
            name = " ".join(p for p in (voornaam, tussenvoegsel, achternaam) if p)
            rows.append(ProposalRow(pid, version, status, proposed_on, changed_on, score, by, cid, klant, name, vid,
                                    reference, title, kind, provider, start, employer))
    return rows


@recorded("proposal.move")  # a laptop records it in its outbox (matchdesk.sync)
def move_proposal(app: App, proposal_id: uuid.UUID, version: int | None, status: ProposalStatus, *,
                  placement: TrajectoryInput | None = None, override_reason: str | None = None) -> Moved:
    """Move the proposal read at ``version`` to ``status`` on ``app.today``. Geplaatst needs ``placement``:
    the trajectory it starts, judged by the rules (a teamleider's ``override_reason`` as when starting one)."""
    with app.unit() as session:
        proposal = move(session, app.rulebooks, proposal_id, version, status, app.today, placement=placement,
                        override_reason=override_reason)
        session.flush()
        return _moved(session, proposal)


@dataclass(frozen=True)
class Pair:
    """A candidate and a vacancy from a ranking, with the score and explanation to keep with a proposal."""

    klantnummer: str
    reference: str
    score: int | None = None
    explanation: str | None = None


@dataclass(frozen=True)
class ProposedMany:
    """What ``propose_pairs`` did: the proposals made, and the pairs refused with the Dutch reason."""

    proposed: tuple[Proposed, ...]
    refused: tuple[tuple[Pair, str], ...]


def propose_pairs(app: App, pairs: list[Pair]) -> ProposedMany:
    """Propose several pairs at once (the matching view's selection), one unit of work each: a pair the
    rules refuse (or one already proposed) is reported and the others go ahead."""
    from matchdesk.errors import MatchDeskError

    done, refused = [], []
    for pair in pairs:
        try:
            done.append(propose_from_ranking(app, pair.klantnummer, pair.reference, pair.score, pair.explanation))
        except MatchDeskError as error:
            refused.append((pair, str(error)))
    return ProposedMany(tuple(done), tuple(refused))


def placement_row(app: App, klantnummer: str, reference: str) -> ProposalRow:
    """The pair's open proposal (voorgesteld or uitgenodigd) as the proposals list shows it, for placing it
    from a ranking; a pair without one gets a row without id (``place_pair`` proposes and places at once)."""
    from matchdesk.services.candidates import get_by_klantnummer
    from matchdesk.services.vacancies import get_by_reference

    with app.reading() as session:
        candidate = get_by_klantnummer(session, klantnummer)
        vacancy = get_by_reference(session, reference, full=True)
        proposal = session.scalar(select(Proposal).where(
            Proposal.candidate_id == candidate.id, Proposal.vacancy_id == vacancy.id,
            Proposal.status.in_([ProposalStatus.VOORGESTELD, ProposalStatus.UITGENODIGD]))
            .order_by(Proposal.proposed_on.desc()).limit(1))
        name = " ".join(p for p in (candidate.voornaam, candidate.tussenvoegsel, candidate.achternaam) if p)
        return ProposalRow(
            proposal.id if proposal else NO_PROPOSAL, proposal.version if proposal else 0,
            proposal.status if proposal else ProposalStatus.VOORGESTELD,
            proposal.proposed_on if proposal else app.today,
            proposal.status_changed_on if proposal else app.today, proposal.score if proposal else None,
            proposal.proposed_by if proposal else "", candidate.id, candidate.klantnummer, name, vacancy.id,
            vacancy.reference, vacancy.title, vacancy.kind, vacancy.provider, vacancy.start_date, vacancy.employer.name)


NO_PROPOSAL = uuid.UUID(int=0)  # the id of a ``placement_row`` for a pair that has no open proposal yet


@recorded("placement.place")  # a laptop records it in its outbox (matchdesk.sync)
def place_pair(app: App, row: ProposalRow, placement: TrajectoryInput, *, override_reason: str | None = None,
               score: int | None = None, explanation: str | None = None,
               proposal_id: uuid.UUID | None = None) -> Moved:
    """Place a candidate from a ranking in one unit of work: the open proposal read (``row``, with its
    version) moves to geplaatst, or, without one, the pair is proposed and placed at once; either way the
    trajectory starts through the rules (``placement.record_id``: a client-made id for it; ``proposal_id``:
    one for the proposal made when there was none)."""
    with app.unit() as session:
        new_proposal_id = proposal_id
        proposal_id, version = row.id, row.version
        if row.id == NO_PROPOSAL:
            made = propose(session, row.candidate_id, row.vacancy_id, app.today, score=score, explanation=explanation,
                           record_id=new_proposal_id)
            session.flush()
            proposal_id, version = made.id, made.version
        proposal = move(session, app.rulebooks, proposal_id, version, ProposalStatus.GEPLAATST, app.today,
                        placement=placement, override_reason=override_reason)
        session.flush()
        return _moved(session, proposal)
