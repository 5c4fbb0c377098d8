"""Signals and portfolio figures from the database: fetch plain facts, let the rules package judge.

The command line (``signals``, ``report``) and the Signalen/Rapportage views call these functions.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from matchdesk.domain import CefrLevel
from matchdesk.rules.portfolio import PortfolioTrajectory, portfolio_report
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.rules.signals import (
    TAALEIS_OPEN,
    Signal,
    SignalCandidate,
    SignalProposal,
    SignalTrajectory,
    compute_signals,
)
from matchdesk.services.trajectories import trajectory_status
from matchdesk.storage.models import Candidate, CandidateLanguage, Proposal, Trajectory, Vacancy


def collect_signals(session: Session, rulebooks: Rulebooks, today: dt.date, within_days: int = 30,
                    owner_id: uuid.UUID | None = None) -> list[Signal]:
    """Every signal due within ``within_days`` (overdue ones included), for all live candidates or
    for one medewerker's caseload."""
    query = select(Candidate.id, Candidate.klantnummer, Candidate.municipality, Candidate.wsw,
                   Candidate.ontheffing_until, Candidate.taaleis_status, Candidate.taaleis_date) \
        .where(Candidate.deleted_at.is_(None))
    if owner_id is not None:
        query = query.where(Candidate.owner_id == owner_id)
    rows = session.execute(query).all()
    klantnummer = {row.id: row.klantnummer for row in rows}
    open_taaleis = [row.id for row in rows if row.taaleis_status in TAALEIS_OPEN]
    lowest = _lowest_dutch_levels(session, open_taaleis)
    candidates = [SignalCandidate(klantnummer=row.klantnummer, municipality=row.municipality or "", wsw=row.wsw,
                                  ontheffing_until=row.ontheffing_until, dutch_level=lowest.get(row.id),
                                  taaleis_status=row.taaleis_status, taaleis_since=row.taaleis_date)
                  for row in rows]
    trajectories = [
        SignalTrajectory(id=str(t.id), klantnummer=klantnummer[t.candidate_id], kind=t.kind, start=t.start,
                         end=t.actual_end or t.planned_end,
                         status=trajectory_status(t.start, t.planned_end, t.actual_end, t.aborted, today))
        for t in session.execute(select(Trajectory.id, Trajectory.candidate_id, Trajectory.kind, Trajectory.start,
                                        Trajectory.planned_end, Trajectory.actual_end, Trajectory.aborted))
        if t.candidate_id in klantnummer]
    proposals = [
        SignalProposal(id=str(p.id), klantnummer=klantnummer[p.candidate_id], status=p.status,
                       since=p.status_changed_on, vacancy=p.reference)
        for p in session.execute(select(Proposal.id, Proposal.candidate_id, Proposal.status,
                                        Proposal.status_changed_on, Vacancy.reference)
                                 .join(Vacancy, Vacancy.id == Proposal.vacancy_id))
        if p.candidate_id in klantnummer]
    return compute_signals(today, candidates, trajectories, proposals, rulebooks, within_days)


def _lowest_dutch_levels(session: Session, candidate_ids: list[uuid.UUID]) -> dict[uuid.UUID, CefrLevel]:
    lowest: dict[uuid.UUID, CefrLevel] = {}
    wanted = set(candidate_ids)
    dutch = or_(CandidateLanguage.language == "nl", CandidateLanguage.language.is_(None))  # the Wet taaleis: Dutch
    for candidate_id, level in session.execute(select(CandidateLanguage.candidate_id, CandidateLanguage.level)
                                               .where(CandidateLanguage.level.is_not(None), dutch)):
        if candidate_id in wanted and (candidate_id not in lowest or level.rank < lowest[candidate_id].rank):
            lowest[candidate_id] = level
    return lowest


def portfolio(session: Session, rulebooks: Rulebooks, date_from: dt.date | None, date_to: dt.date | None) -> dict:
    """The portfolio monitor's figures (``matchdesk report``), JSON-ready."""
    rows = session.execute(select(Trajectory.id, Candidate.klantnummer, Trajectory.municipality,
                                  Candidate.municipality.label("current_municipality"), Trajectory.kind,
                                  Trajectory.start, Trajectory.planned_end, Trajectory.actual_end,
                                  Trajectory.provider, Trajectory.location)
                           .join(Candidate, Candidate.id == Trajectory.candidate_id))
    trajectories = [PortfolioTrajectory(id=str(r.id), klantnummer=r.klantnummer,
                                        municipality=r.municipality or r.current_municipality or "",
                                        kind=r.kind, start=r.start, end=r.actual_end or r.planned_end,
                                        provider=r.provider, location=r.location) for r in rows]
    return portfolio_report(trajectories, rulebooks, date_from, date_to)


def signals_by_kind(signals: list[Signal]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for signal in signals:
        counts[signal.kind] += 1
    return dict(counts)
