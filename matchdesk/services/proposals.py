"""Proposals: a candidate put forward for a vacancy, moved through its statuses. Moving to geplaatst
creates the trajectory through the rules in the same transaction; a vacancy is filled when its
placements reach its positions."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchdesk.domain import PROPOSAL_TRANSITIONS, ProposalStatus, VacancyStatus
from matchdesk.errors import ValidationError
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.services.records import load_for_update
from matchdesk.services.trajectories import TrajectoryInput, start_trajectory
from matchdesk.storage.models import Proposal, Vacancy

if TYPE_CHECKING:
    from matchdesk.app import App


@dataclass(frozen=True)
class Proposed:
    """A proposal just made: its id and version (for a later move), and the pair it joins."""

    id: uuid.UUID
    version: int
    klantnummer: str
    reference: str


def propose(session: Session, candidate_id: uuid.UUID, vacancy_id: uuid.UUID, today: dt.date,
            score: int | None = None, explanation: str | None = None) -> Proposal:
    open_one = session.scalar(select(Proposal.id).where(
        Proposal.candidate_id == candidate_id, Proposal.vacancy_id == vacancy_id,
        Proposal.status.in_([ProposalStatus.VOORGESTELD, ProposalStatus.UITGENODIGD])))
    if open_one is not None:
        raise ValidationError("voorstel", None, "deze kandidaat is al voorgesteld voor deze vacature")
    proposal = Proposal(candidate_id=candidate_id, vacancy_id=vacancy_id, status=ProposalStatus.VOORGESTELD,
                        proposed_on=today, status_changed_on=today,
                        proposed_by=session.info.get("user") or "systeem", score=score, explanation=explanation)
    session.add(proposal)
    return proposal


def move(session: Session, rulebooks: Rulebooks, proposal_id: uuid.UUID, expected_version: int | None,
         status: ProposalStatus, today: dt.date, placement: TrajectoryInput | None = None,
         override_reason: str | None = None) -> Proposal:
    proposal = load_for_update(session, Proposal, proposal_id, expected_version, "Het voorstel")
    if status not in PROPOSAL_TRANSITIONS[proposal.status]:
        raise ValidationError("status", status.value,
                              f"een voorstel met status {proposal.status.value} kan niet naar {status.value}")
    proposal.status = status
    proposal.status_changed_on = today
    if status == ProposalStatus.GEPLAATST:
        if placement is None:
            raise ValidationError("traject", None, "bij plaatsen hoort een traject (soort en data)")
        vacancy = session.get(Vacancy, proposal.vacancy_id)
        placement.vacancy_id = vacancy.id
        placement.employer_id = placement.employer_id or vacancy.employer_id
        placement.proposal_id = proposal.id
        placement.vacancy_kind = placement.vacancy_kind or vacancy.kind
        start_trajectory(session, rulebooks, proposal.candidate_id, placement, today, override_reason=override_reason)
        placed = session.scalar(select(func.count()).select_from(Proposal).where(
            Proposal.vacancy_id == vacancy.id, Proposal.status == ProposalStatus.GEPLAATST))
        if placed >= vacancy.positions:
            vacancy.status = VacancyStatus.VERVULD
    return proposal


def propose_from_ranking(app: App, klantnummer: str, reference: str, score: int | None = None,
                         explanation: str | None = None) -> Proposed:
    """Put a candidate forward for a vacancy from a ranking (the score and its explanation kept with it)."""
    from matchdesk.services.candidates import get_by_klantnummer
    from matchdesk.services.vacancies import get_by_reference

    with app.unit() as session:
        candidate = get_by_klantnummer(session, klantnummer)
        vacancy = get_by_reference(session, reference)
        proposal = propose(session, candidate.id, vacancy.id, app.today, score=score, explanation=explanation)
        session.flush()
        return Proposed(proposal.id, proposal.version, klantnummer, reference)
