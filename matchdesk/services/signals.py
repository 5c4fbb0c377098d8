"""Signals: the worklist of deadlines and follow-ups. Fetch plain facts, let the rules package judge.

Use cases (``matchdesk signals`` and the Signalen page both call them):

- ``signals_for(app, within_days, mine=False, closed=False) -> Worklist``: the signals due within the days
  (overdue ones included), of every live candidate or the medewerker's own (their caseload's, less what they
  handed over, plus what was handed over to them); handled and snoozed ones only with ``closed``;
- ``open_signal_count(app) -> int``: the medewerker's own open signals due today or overdue (the navigation's
  count; cheap: no names, no audit entry);
- ``export_signals(app, path, signals) -> int``: the worklist to .csv/.xlsx, audited, with ISO dates and the
  columns of ``HEADERS`` (one file format whichever wrote it).

``collect_signals(session, ...)`` and ``collect_work(session, ...)`` are the session-level building blocks they
stand on. The region's rulebook may limit the age of "leerwerktraject zonder vervolg" signals (rule
``signaal_zonder_vervolg_max_dagen``; absent or off: no limit).
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
from matchdesk.errors import MatchDeskError, ValidationError
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.rules.signals import (
    TAALEIS_OPEN,
    Signal,
    SignalCandidate,
    SignalProposal,
    SignalTrajectory,
    compute_signals,
)
from matchdesk.services.signal_states import OPEN, SignalRef, handed_to, signal_ref, stored_states
from matchdesk.services.trajectories import trajectory_status
from matchdesk.storage.models import Candidate, CandidateLanguage, Medewerker, Proposal, Trajectory, Vacancy

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.transfer.writers import Cell

HEADERS = ("vervaldatum", "soort", "klantnummer", "traject", "melding")  # the worklist file's columns
SHEET_NAME = "Signalen"
NO_FOLLOW_UP = "leerwerktraject_zonder_vervolg"
LEVEL_BATCH = 2000  # language rows per fetch when the lowest Dutch levels are read (bounded memory)


@dataclass(frozen=True)
class WorkItem:
    """One listed signal with what the worklist shows beside it: the candidate's name, whose it is (the
    casushouder, or the colleague it was handed over to) and what was done with it."""

    signal: Signal
    ref: SignalRef
    name: str  # the candidate's name ("" when erased or unknown)
    owner: str | None  # whose signal it is: handed over to, else the candidate's casushouder
    casushouder: str | None
    status: str = OPEN  # open | afgehandeld | uitgesteld
    snoozed_until: dt.date | None = None
    handed_over_by: str | None = None
    handled_by: str | None = None
    note: str | None = None

    def to_json(self) -> dict:
        """The contract's five keys (CONTRACTS.md, ``signals --json``), then what the worklist adds."""
        return {**self.signal.to_json(), "status": self.status, "owner": self.owner,
                "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
                "handed_over_by": self.handed_over_by}


@dataclass(frozen=True)
class Worklist:
    """The signals of one request, sorted by due date then klantnummer. ``mine``: only the medewerker's own
    signals; ``owner_found`` is False when no medewerker has that name (then nothing is listed). ``closed``:
    handled and snoozed signals are listed too (else only open ones)."""

    today: dt.date
    within_days: int
    mine: bool
    items: tuple[WorkItem, ...]
    owner_found: bool = True
    closed: bool = False
    user: str = ""

    @property
    def signals(self) -> tuple[Signal, ...]:
        return tuple(item.signal for item in self.items)

    def open_count(self) -> int:
        """The medewerker's own open signals due today or overdue (the navigation's count)."""
        return sum(1 for item in self.items if item.status == OPEN and item.owner == self.user
                   and item.signal.due <= self.today)


def signals_for(app: App, within_days: int = 30, *, mine: bool = False, closed: bool = False) -> Worklist:
    """Every signal due within ``within_days`` (overdue ones included) on ``app.today``, for all live
    candidates or (``mine``) the medewerker ``app.user``'s own; handled and snoozed ones only with ``closed``."""
    from matchdesk.services.audit import log_view

    if within_days < 0:
        raise ValidationError("binnen", str(within_days), "het aantal dagen moet 0 of meer zijn")
    with app.reading() as session:
        owner_id = session.scalar(select(Medewerker.id).where(Medewerker.name == app.user))
        items: list[WorkItem] = []
        if owner_id is not None or not mine:
            items = collect_work(session, app.rulebooks, app.today, within_days, owner_id=owner_id if mine else None)
    if not closed:
        items = [item for item in items if item.status == OPEN]
    # the worklist names candidates: one audit entry per view (counts only), before it is shown
    people = len({item.signal.candidate for item in items})
    log_view(app, "bekeken", "signalen", None, f"{len(items)} signalen van {people} kandidaten binnen "
                                               f"{within_days} dagen{' (eigen signalen)' if mine else ''}")
    return Worklist(app.today, within_days, mine, tuple(items), owner_found=not mine or owner_id is not None,
                    closed=closed, user=app.user)


def open_signal_count(app: App) -> int:
    """The medewerker's own open signals due today or overdue: the number beside Signalen in the navigation."""
    with app.reading() as session:
        owner_id = session.scalar(select(Medewerker.id).where(Medewerker.name == app.user))
        if owner_id is None:
            return 0
        items = collect_work(session, app.rulebooks, app.today, 0, owner_id=owner_id)
    return Worklist(app.today, 0, True, tuple(items), user=app.user).open_count()


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
    for one medewerker's caseload (whatever was done with them)."""
    return _compute(session, rulebooks, today, within_days, owner_id)[0]


def collect_work(session: Session, rulebooks: Rulebooks, today: dt.date, within_days: int = 30,
                 owner_id: uuid.UUID | None = None) -> list[WorkItem]:
    """The signals as work items (name, owner, stored state), sorted like ``collect_signals``; with
    ``owner_id`` only that medewerker's own: their caseload's not handed over to a colleague, and those handed
    over to them."""
    also = handed_to(session, owner_id) if owner_id is not None else set()
    signals, facts = _compute(session, rulebooks, today, within_days, owner_id, also)
    states = stored_states(session, {row.id for row in facts.values()} if owner_id is not None else None)
    names: dict[uuid.UUID, str] = {row.id: row.name for row in session.execute(select(Medewerker.id, Medewerker.name))}
    items = []
    for signal in signals:
        row = facts[signal.candidate]
        ref = signal_ref(signal, row.id)
        state = states.get(ref.key)
        casushouder = names.get(row.owner_id) if row.owner_id else None
        assigned = state.assigned_to_id if state else None
        if owner_id is not None and (assigned or row.owner_id) != owner_id:
            continue
        items.append(WorkItem(
            signal, ref, _name(row), names.get(assigned) if assigned else casushouder, casushouder,
            state.status(today) if state else OPEN, state.snoozed_until if state else None,
            state.assigned_by if assigned and state else None, state.handled_by if state else None,
            state.note if state else None))
    return items


def _name(row) -> str:
    return " ".join(part for part in (row.voornaam, row.tussenvoegsel, row.achternaam) if part)


def _compute(session: Session, rulebooks: Rulebooks, today: dt.date, within_days: int,
             owner_id: uuid.UUID | None, also: set[uuid.UUID] | None = None) -> tuple[list[Signal], dict]:
    """The signals and, by klantnummer, the candidate rows they were computed from."""
    query = select(Candidate.id, Candidate.klantnummer, Candidate.municipality, Candidate.wsw,
                   Candidate.ontheffing_until, Candidate.taaleis_status, Candidate.taaleis_date, Candidate.owner_id,
                   Candidate.voornaam, Candidate.tussenvoegsel, Candidate.achternaam) \
        .where(Candidate.deleted_at.is_(None))
    if owner_id is not None:
        query = query.where(or_(Candidate.owner_id == owner_id, Candidate.id.in_(list(also or ()))))
    rows = session.execute(query).all()
    klantnummer = {row.id: row.klantnummer for row in rows}
    some = list(klantnummer) if owner_id is not None else None  # one caseload: ask only for its rows

    def of_them(query, column):
        return query.where(column.in_(some)) if some is not None else query

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
        for t in session.execute(of_them(select(Trajectory.id, Trajectory.candidate_id, Trajectory.kind,
                                                Trajectory.start, Trajectory.planned_end, Trajectory.actual_end,
                                                Trajectory.aborted), Trajectory.candidate_id))
        if t.candidate_id in klantnummer]
    proposals = [
        SignalProposal(id=str(p.id), klantnummer=klantnummer[p.candidate_id], status=p.status,
                       since=p.status_changed_on, vacancy=p.reference)
        for p in session.execute(of_them(select(Proposal.id, Proposal.candidate_id, Proposal.status,
                                                Proposal.status_changed_on, Vacancy.reference)
                                         .join(Vacancy, Vacancy.id == Proposal.vacancy_id), Proposal.candidate_id))
        if p.candidate_id in klantnummer]
    signals = compute_signals(today, candidates, trajectories, proposals, rulebooks, within_days)
    facts = {row.klantnummer: row for row in rows}
    return _age_limited(signals, facts, rulebooks, today), facts


def _age_limited(signals: list[Signal], facts: dict, rulebooks: Rulebooks, today: dt.date) -> list[Signal]:
    """Without the "zonder vervolg" signals older than the region's limit (rule
    ``signaal_zonder_vervolg_max_dagen``: days overdue; absent or switched off: no limit)."""
    limits: dict[str, int | None] = {}

    def limit(municipality: str) -> int | None:
        if municipality not in limits:
            try:
                rule = rulebooks.for_municipality(municipality, today).active("signaal_zonder_vervolg_max_dagen")
            except MatchDeskError:
                rule = None
            limits[municipality] = rule.number("days") if rule is not None else None
        return limits[municipality]

    kept = []
    for signal in signals:
        if signal.kind == NO_FOLLOW_UP:
            days = limit(facts[signal.candidate].municipality or "")
            if days is not None and (today - signal.due).days > days:
                continue
        kept.append(signal)
    return kept


def _lowest_dutch_levels(session: Session, candidate_ids: list[uuid.UUID]) -> dict[uuid.UUID, CefrLevel]:
    """The lowest known Dutch level of each of these candidates. Only the language rows of candidates whose
    taaleis is open are read, streamed in batches: a session's ``execute`` would hold every Dutch row of the
    region as Python objects at once (some 155 MB at 100,000 candidates, the window's memory peak at start)."""
    lowest: dict[uuid.UUID, CefrLevel] = {}
    wanted = set(candidate_ids)
    if not wanted:
        return lowest
    dutch = or_(CandidateLanguage.language == "nl", CandidateLanguage.language.is_(None))  # the Wet taaleis: Dutch
    known = [status for status in TAALEIS_OPEN if status is not None]
    open_taaleis = select(Candidate.id).where(or_(Candidate.taaleis_status.is_(None),
                                                  Candidate.taaleis_status.in_(known)))
    query = (select(CandidateLanguage.candidate_id, CandidateLanguage.level)
             .where(CandidateLanguage.level.is_not(None), dutch, CandidateLanguage.candidate_id.in_(open_taaleis))
             .execution_options(yield_per=LEVEL_BATCH))
    for candidate_id, level in session.execute(query):
        if level is None or candidate_id not in wanted:  # (the query leaves out unknown levels)
            continue
        if candidate_id not in lowest or level.rank < lowest[candidate_id].rank:
            lowest[candidate_id] = level
    return lowest
