"""Signals: the worklist of deadlines and follow-ups. Fetch plain facts, let the rules package judge.

Use cases (``matchdesk signals`` and the Signalen page both call them):

- ``signals_for(app, within_days, mine=False) -> Worklist``: the signals due within the days (overdue ones
  included), of every live candidate or of the medewerker's own caseload;
- ``export_signals(app, path, signals) -> int``: the worklist to .csv/.xlsx, audited, with ISO dates and the
  columns of ``HEADERS`` (one file format whichever wrote it).

``collect_signals(session, ...)`` is the session-level building block they stand on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from matchdesk.domain import CefrLevel
from matchdesk.errors import ValidationError
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
from matchdesk.storage.models import Candidate, CandidateLanguage, Medewerker, Proposal, Trajectory, Vacancy

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.transfer.writers import Cell

HEADERS = ("vervaldatum", "soort", "klantnummer", "traject", "melding")  # the worklist file's columns
SHEET_NAME = "Signalen"


@dataclass(frozen=True)
class Worklist:
    """The signals of one request, sorted by due date then klantnummer. ``mine``: only the caseload of the
    medewerker who asked; ``owner_found`` is False when no medewerker has that name (then nothing is listed)."""

    today: dt.date
    within_days: int
    mine: bool
    signals: tuple[Signal, ...]
    owner_found: bool = True


def signals_for(app: App, within_days: int = 30, *, mine: bool = False) -> Worklist:
    """Every signal due within ``within_days`` (overdue ones included) on ``app.today``, for all live
    candidates or (``mine``) for those of the medewerker ``app.user``."""
    from matchdesk.services.audit import log_view

    if within_days < 0:
        raise ValidationError("binnen", str(within_days), "het aantal dagen moet 0 of meer zijn")
    with app.reading() as session:
        owner_id = None
        found: list[Signal] = []
        if mine:
            owner_id = session.scalar(select(Medewerker.id).where(Medewerker.name == app.user))
        if owner_id is not None or not mine:
            found = collect_signals(session, app.rulebooks, app.today, within_days, owner_id=owner_id)
    # the worklist names candidates: one audit entry per view (counts only), before it is shown
    people = len({s.candidate for s in found})
    log_view(app, "bekeken", "signalen", None, f"{len(found)} signalen van {people} kandidaten binnen "
                                               f"{within_days} dagen{' (eigen caseload)' if mine else ''}")
    return Worklist(app.today, within_days, mine, tuple(found), owner_found=not mine or owner_id is not None)


def signal_row(signal: Signal) -> list[Cell]:
    """One line of the worklist file; the due date as a date, so the file holds ISO (CONTRACTS.md)."""
    return [signal.due, signal.kind, signal.candidate, str(signal.trajectory) if signal.trajectory else "",
            signal.message]


def export_signals(app: App, path: str | Path, signals: Iterable[Signal]) -> int:
    """Write the signals, in the order given, to ``path`` (.csv or .xlsx); audited as an export of
    ``signalen`` (the worklist names candidates). Returns the row count."""
    from matchdesk.services.exports import export_rows  # openpyxl loads only for an export

    return export_rows(app, path, HEADERS, (signal_row(s) for s in signals), record_type="signalen",
                       sheet_name=SHEET_NAME)


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
        if level is None or candidate_id not in wanted:  # (the query leaves out unknown levels)
            continue
        if candidate_id not in lowest or level.rank < lowest[candidate_id].rank:
            lowest[candidate_id] = level
    return lowest
