"""Trajectory use cases for the window: load the form's facts once, judge them as the fields change, and
start, extend or end a trajectory in one unit of work each.

    form = trajectory_form(app, "1000001")                       # op: candidate, history, role, today
    verdict = judge_form(app.rulebooks, form, fields, "start")   # GUI thread, every keystroke: no database
    saved = start(app, form.candidate_id, fields, override_reason=None)   # op: the rules judge again

The form is a frozen snapshot (no ORM object leaves the unit of work); ``judge_form`` is pure. The writes
go through the building blocks of ``services.trajectories``: the rules of the candidate's municipality on
the decision date (``app.today``), a block refused unless a teamleider gives a reason (audited), a warning
only with a motivation; extend and end send back the version read (``ConflictError`` names who changed it).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.domain import Location, Provider, Role, TrajectoryKind
from matchdesk.errors import MatchDeskError, NotFound
from matchdesk.rules.facts import CandidateFacts, Finding, TrajectoryFacts, Verdict
from matchdesk.services.employers import medewerker_role
from matchdesk.services.trajectories import (
    TrajectoryInput,
    candidate_facts,
    end_trajectory,
    extend_trajectory,
    history_facts,
    judge_facts,
    start_trajectory,
)
from matchdesk.storage.models import Candidate, Employer, Trajectory, Vacancy
from matchdesk.sync.outbox import recorded

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.rules.rulebook import Rulebooks


@dataclass(frozen=True)
class TrajectoryState:
    """The stored trajectory being extended or ended, with the version a save sends back."""

    id: uuid.UUID
    version: int
    kind: TrajectoryKind
    start: dt.date
    planned_end: dt.date | None
    actual_end: dt.date | None
    aborted: bool
    outcome: str | None
    provider: Provider | None
    location: Location | None


@dataclass(frozen=True)
class TrajectoryForm:
    """What the trajectory form needs to judge and save: read once, then judged without the database."""

    candidate_id: uuid.UUID
    klantnummer: str
    candidate_name: str  # voornaam, tussenvoegsel, achternaam; may be empty
    facts: CandidateFacts  # municipality included: its rulebook judges
    history: tuple[TrajectoryFacts, ...]  # every trajectory, the one being extended or ended included
    role: Role | None  # the medewerker's who acts
    decision_date: dt.date
    trajectory: TrajectoryState | None = None

    @property
    def label(self) -> str:
        return f"{self.candidate_name} ({self.klantnummer})" if self.candidate_name else self.klantnummer

    @property
    def municipality(self) -> str:
        return self.facts.municipality

    @property
    def is_teamleider(self) -> bool:
        return self.role == Role.TEAMLEIDER


@dataclass(frozen=True)
class TrajectorySaved:
    """A trajectory just written: its id and new version, and the rules' verdict stored with it."""

    id: uuid.UUID
    version: int
    candidate_id: uuid.UUID
    verdict: str | None
    findings: tuple[Finding, ...] = ()


def trajectory_form(app: App, candidate: uuid.UUID | str | None = None,
                    trajectory_id: uuid.UUID | str | None = None) -> TrajectoryForm:
    """The form's facts for a candidate (id or klantnummer), or for the candidate of ``trajectory_id``
    (extend, end). Raises ``NotFound`` when either no longer exists."""
    with app.reading() as session:
        state = None
        if trajectory_id is not None:
            trajectory = session.get(Trajectory, uuid.UUID(str(trajectory_id)))
            if trajectory is None:
                raise NotFound("Het traject bestaat niet (meer).")
            state = TrajectoryState(trajectory.id, trajectory.version, trajectory.kind, trajectory.start,
                                    trajectory.planned_end, trajectory.actual_end, bool(trajectory.aborted),
                                    trajectory.outcome, trajectory.provider, trajectory.location)
            candidate = trajectory.candidate_id
        found: Candidate | None = None
        if isinstance(candidate, uuid.UUID):
            found = session.get(Candidate, candidate)
        elif candidate is not None:
            found = session.scalar(select(Candidate).where(Candidate.klantnummer == str(candidate),
                                                           Candidate.deleted_at.is_(None)))
        if found is None or found.deleted_at is not None:
            raise NotFound("De kandidaat bestaat niet (meer).")
        name = " ".join(p for p in (found.voornaam, found.tussenvoegsel, found.achternaam) if p)
        return TrajectoryForm(found.id, found.klantnummer, name, candidate_facts(found),
                              tuple(history_facts(session, found.id)), medewerker_role(session, app.user),
                              app.today, state)


def judge_form(rulebooks: Rulebooks, form: TrajectoryForm, fields: TrajectoryInput, action: str) -> Verdict:
    """What the rules would say of ``fields`` (``action``: start, extend or end): pure and fast, for the GUI
    thread. For extend and end the rules put the proposal in place of the stored trajectory in the history.
    Raises the rulebook's ``MatchDeskError`` when no rulebook can judge the candidate's municipality."""
    return judge_facts(rulebooks, form.facts, form.history, fields, action, form.decision_date)


@dataclass(frozen=True)
class RuleInfo:
    """Where a finding comes from: the rule's id, title and source, and from when (until when) it is in force."""

    id: str
    title: str
    source: str
    valid_from: dt.date
    valid_until: dt.date | None
    file: str  # the rulebook file that holds it (a municipality's own rule wins over its region's)


def rule_details(rulebooks: Rulebooks, form: TrajectoryForm) -> dict[str, RuleInfo]:
    """The rules that judge the form (the candidate's municipality, on the decision date) by id: pure, for
    the GUI thread. Empty when no rulebook can judge (the verdict itself then says why)."""
    try:
        rulebook = rulebooks.for_municipality(form.municipality, form.decision_date)
    except MatchDeskError:
        return {}
    return {rule.id: RuleInfo(rule.id, rule.title, rule.source, rule.valid_from, rule.valid_until, Path(rule.file).name)
            for rule in rulebook.rules if rule.in_force(form.decision_date)}  # later (the municipality's) wins


@recorded("trajectory.start")  # a laptop records it in its outbox (matchdesk.sync)
def start(app: App, candidate_id: uuid.UUID, fields: TrajectoryInput, *,
          override_reason: str | None = None) -> TrajectorySaved:
    """Start a trajectory for the candidate, judged by the rules on ``app.today``."""
    with app.unit() as session:
        trajectory = start_trajectory(session, app.rulebooks, candidate_id, replace(fields), app.today,
                                      override_reason=override_reason)
        session.flush()
        return _saved(trajectory)


@recorded("trajectory.extend")  # a laptop records it in its outbox (matchdesk.sync)
def extend(app: App, trajectory_id: uuid.UUID, version: int | None, new_end: dt.date | None, *,
           motivation: str | None = None, override_reason: str | None = None) -> TrajectorySaved:
    """Move the planned end of the trajectory read at ``version`` to ``new_end``, judged by the rules."""
    with app.unit() as session:
        trajectory = extend_trajectory(session, app.rulebooks, trajectory_id, version, new_end, app.today,
                                       motivation=motivation, override_reason=override_reason)
        session.flush()
        return _saved(trajectory)


@recorded("trajectory.end")  # a laptop records it in its outbox (matchdesk.sync)
def end(app: App, trajectory_id: uuid.UUID, version: int | None, actual_end: dt.date, outcome: str | None,
        aborted: bool = False, reason: str | None = None) -> TrajectorySaved:
    """Record how the trajectory read at ``version`` ended: its last day, the outcome (uitkomst), aborted or
    not, and the reason (reden; required when aborted)."""
    with app.unit() as session:
        trajectory = end_trajectory(session, trajectory_id, version, actual_end, outcome, aborted, reason)
        session.flush()
        return _saved(trajectory)


def _saved(trajectory: Trajectory) -> TrajectorySaved:
    stored = json.loads(trajectory.findings) if trajectory.findings else []
    findings = tuple(Finding(f["rule"], f["severity"], f["message"]) for f in stored)
    return TrajectorySaved(trajectory.id, trajectory.version, trajectory.candidate_id, trajectory.verdict, findings)


# -- naming a trajectory as the command line and the import do: klantnummer, kind and start -----------------

def find_trajectory(app: App, klantnummer: str, kind: TrajectoryKind, start_date: dt.date) -> TrajectoryState:
    """The trajectory of the candidate with ``klantnummer`` of ``kind`` starting on ``start_date``, with the
    version a save sends back. ``NotFound`` (Dutch) for an unknown candidate or no such trajectory."""
    with app.reading() as session:
        candidate = _live_candidate(session, klantnummer)
        found = session.scalar(select(Trajectory).where(Trajectory.candidate_id == candidate.id,
                                                        Trajectory.kind == kind, Trajectory.start == start_date))
        if found is None:
            raise NotFound(f"kandidaat {klantnummer} heeft geen {kind.value} dat begint op {start_date.isoformat()}")
        return TrajectoryState(found.id, found.version, found.kind, found.start, found.planned_end, found.actual_end,
                               bool(found.aborted), found.outcome, found.provider, found.location)


def placement_ids(app: App, klantnummer: str, vacancy: str | None = None,
                  kvk: str | None = None) -> tuple[uuid.UUID, uuid.UUID | None, uuid.UUID | None]:
    """(candidate id, vacancy id, employer id) for a new trajectory named by klantnummer, vacancy reference
    and KvK number (the vacancy's employer when no KvK is given). ``NotFound`` (Dutch) for an unknown one."""
    with app.reading() as session:
        candidate = _live_candidate(session, klantnummer)
        vacancy_id = employer_id = None
        if vacancy:
            found = session.scalar(select(Vacancy).where(Vacancy.reference == vacancy, Vacancy.deleted_at.is_(None)))
            if found is None:
                raise NotFound(f"vacature met referentie {vacancy} bestaat niet")
            vacancy_id, employer_id = found.id, found.employer_id
        if kvk:
            employer = session.scalar(select(Employer).where(Employer.kvk == kvk, Employer.deleted_at.is_(None)))
            if employer is None:
                raise NotFound(f"werkgever met KvK-nummer {kvk} bestaat niet")
            employer_id = employer.id
        return candidate.id, vacancy_id, employer_id


def _live_candidate(session: Session, klantnummer: str) -> Candidate:
    found = session.scalar(select(Candidate).where(Candidate.klantnummer == str(klantnummer),
                                                   Candidate.deleted_at.is_(None)))
    if found is None:
        raise NotFound(f"kandidaat met klantnummer {klantnummer} bestaat niet")
    return found
