"""Trajectories: every write is judged by the rules of the candidate's municipality, in force on the
decision date. Blocked is refused (a teamleider may override with a reason), a warning needs a
motivation; imported history that has ended is stored with its verdict and never refused (the import,
``transfer/trajectories.py``, decides which imported rows are history)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.domain import Location, Provider, Role, TrajectoryKind, TrajectoryStatus, VacancyKind
from matchdesk.errors import NotFound, RuleViolation, ValidationError
from matchdesk.rules.evaluate import evaluate
from matchdesk.rules.facts import CandidateFacts, Finding, ProposedAction, TrajectoryFacts, Verdict
from matchdesk.rules.rulebook import Rulebooks, RulebookUnavailable
from matchdesk.services.employers import medewerker_role
from matchdesk.services.records import client_id, load_for_update
from matchdesk.storage.audit import log_event
from matchdesk.storage.models import Candidate, Trajectory


def trajectory_status(start: dt.date, planned_end: dt.date | None, actual_end: dt.date | None, aborted: bool,
                      today: dt.date) -> TrajectoryStatus:
    """Status follows from the dates and today; an end date is the last day, inclusive."""
    if start > today:
        return TrajectoryStatus.GEPLAND
    end = actual_end or planned_end
    if end is not None and end < today:
        return TrajectoryStatus.AFGEBROKEN if aborted else TrajectoryStatus.BEEINDIGD
    return TrajectoryStatus.LOPEND


def candidate_facts(candidate: Candidate) -> CandidateFacts:
    return CandidateFacts(
        municipality=candidate.municipality or "",
        doelgroep=candidate.doelgroep,
        categorie=candidate.categorie,
        birth_date=candidate.birth_date,
        banenafspraak=candidate.banenafspraak,
        beschut_indicatie=candidate.beschut_indicatie,
        ontheffing_until=candidate.ontheffing_until,
        wsw=candidate.wsw,
        taalachterstand=candidate.taalachterstand,
    )


def history_facts(session: Session, candidate_id: uuid.UUID, exclude: uuid.UUID | None = None) -> list[TrajectoryFacts]:
    rows = session.scalars(select(Trajectory).where(Trajectory.candidate_id == candidate_id)
                           .order_by(Trajectory.start)).all()
    return [TrajectoryFacts(kind=t.kind, start=t.start, end=t.actual_end or t.planned_end, provider=t.provider,
                            location=t.location) for t in rows if t.id != exclude]


Enforcement = Literal["all", "blocks", "none"]


@dataclass
class TrajectoryInput:
    kind: TrajectoryKind
    start: dt.date
    planned_end: dt.date | None
    provider: Provider | None = None
    location: Location | None = None
    vacancy_kind: VacancyKind | None = None
    employer_id: uuid.UUID | None = None
    vacancy_id: uuid.UUID | None = None
    proposal_id: uuid.UUID | None = None
    intended_employer_id: uuid.UUID | None = None
    employment_agreed: bool = False
    development_goals: str | None = None
    motivation: str | None = None
    actual_end: dt.date | None = None
    aborted: bool = False
    outcome: str | None = None
    reason: str | None = None  # why it ended (reden), kept with the outcome
    record_id: uuid.UUID | None = None  # a client-made id for the new trajectory (start); None: a new one


def judge_facts(rulebooks: Rulebooks, candidate: CandidateFacts, history: Sequence[TrajectoryFacts],
                data: TrajectoryInput, action: str, decision_date: dt.date) -> Verdict:
    """The rules' verdict on a proposed write from plain facts: no database, fast enough for every keystroke.
    Raises ``RulebookUnavailable``/``NoRulebookInForce`` (Dutch messages) when no rulebook can judge."""
    rulebook = rulebooks.for_municipality(candidate.municipality, decision_date)
    proposal = ProposedAction(action=action, kind=data.kind, start=data.start, end=data.planned_end,
                              provider=data.provider, vacancy_kind=data.vacancy_kind,
                              motivation=data.motivation, location=data.location)
    return evaluate(candidate, list(history), proposal, rulebook, decision_date)


def judge(session: Session, rulebooks: Rulebooks, candidate: Candidate, data: TrajectoryInput, action: str,
          decision_date: dt.date, exclude: uuid.UUID | None = None,
          history: list[TrajectoryFacts] | None = None) -> Verdict:
    """The rules' verdict on a proposed write, without writing anything.
    ``history``: the candidate's trajectories when the caller already knows them (bulk generation)."""
    if history is None:
        history = history_facts(session, candidate.id, exclude)
    return judge_facts(rulebooks, candidate_facts(candidate), history, data, action, decision_date)


def start_trajectory(session: Session, rulebooks: Rulebooks, candidate_id: uuid.UUID, data: TrajectoryInput,
                     decision_date: dt.date, *, override_reason: str | None = None,
                     imported: bool = False, history: list[TrajectoryFacts] | None = None,
                     enforce: Enforcement | None = None) -> Trajectory:
    """``imported``: stored as imported. ``enforce``: which verdicts refuse the write. "all" (the default
    for a new trajectory): a block unless a teamleider gives ``override_reason``, a warning without a
    motivation. "blocks": only a block, with the same teamleider override (imported trajectories that
    still run). "none" (the default when ``imported``): history that has ended, stored with its verdict."""
    mode: Enforcement = enforce or ("none" if imported else "all")
    candidate = session.get(Candidate, candidate_id)
    if candidate is None or candidate.deleted_at is not None:
        raise ValidationError("klantnummer", candidate_id, "de kandidaat bestaat niet (meer)")
    try:
        verdict = judge(session, rulebooks, candidate, data, "start", decision_date, history=history)
    except RulebookUnavailable as error:
        if mode != "none":
            raise
        # Imported history is a fact: kept, flagged as not judged, never refused.
        verdict = Verdict.from_findings([Finding("regelboek", "warning", f"niet getoetst: {error}")])
    enforce_verdict(session, verdict, data.motivation, override_reason, mode)
    trajectory = Trajectory(
        candidate_id=candidate.id, kind=data.kind, start=data.start, planned_end=data.planned_end,
        actual_end=data.actual_end, aborted=data.aborted, outcome=data.outcome, provider=data.provider,
        employer_id=data.employer_id, vacancy_id=data.vacancy_id, proposal_id=data.proposal_id,
        location=data.location, intended_employer_id=data.intended_employer_id,
        employment_agreed=data.employment_agreed, development_goals=data.development_goals,
        municipality=candidate.municipality, imported=imported, **client_id(session, Trajectory, data.record_id),
    )
    _store_verdict(session, trajectory, verdict, data.motivation, override_reason)
    session.add(trajectory)
    return trajectory


def extend_trajectory(session: Session, rulebooks: Rulebooks, trajectory_id: uuid.UUID, expected_version: int | None,
                      new_end: dt.date | None, decision_date: dt.date, *, motivation: str | None = None,
                      override_reason: str | None = None) -> Trajectory:
    trajectory = _trajectory_for_update(session, trajectory_id, expected_version)
    candidate = session.get(Candidate, trajectory.candidate_id)
    if candidate is None:
        raise NotFound("De kandidaat van het traject bestaat niet (meer)")
    data = TrajectoryInput(kind=trajectory.kind, start=trajectory.start, planned_end=new_end,
                           provider=trajectory.provider, location=trajectory.location, motivation=motivation)
    # The history keeps the trajectory itself: the rules replace the entry with the same start by the proposal.
    verdict = judge(session, rulebooks, candidate, data, "extend", decision_date)
    enforce_verdict(session, verdict, motivation, override_reason, "all")
    trajectory.planned_end = new_end
    _store_verdict(session, trajectory, verdict, motivation, override_reason)
    return trajectory


REASON_MARK = "; reden: "


def outcome_text(outcome: str | None, reason: str | None) -> str | None:
    """The stored uitkomst: the outcome, and the reason of ending after ``; reden: `` (one column, 200 chars)."""
    outcome, reason = (outcome or "").strip(), (reason or "").strip()
    if not reason:
        return outcome or None
    text = f"{outcome or 'onbekend'}{REASON_MARK}{reason}"
    if len(text) > 200:
        raise ValidationError("uitkomst", text, "uitkomst en reden samen zijn langer dan 200 tekens")
    return text


def split_outcome(stored: str | None) -> tuple[str, str]:
    """(outcome, reason) of a stored uitkomst (``outcome_text`` reversed)."""
    outcome, _, reason = (stored or "").partition(REASON_MARK)
    return outcome, reason


def end_trajectory(session: Session, trajectory_id: uuid.UUID, expected_version: int | None, actual_end: dt.date,
                   outcome: str | None, aborted: bool = False, reason: str | None = None) -> Trajectory:
    """Record the last day, the uitkomst and the reason of ending (the window asks for one when aborted early)."""
    trajectory = _trajectory_for_update(session, trajectory_id, expected_version)
    if actual_end < trajectory.start:
        raise ValidationError("werkelijk_einde", actual_end, "het einde ligt vóór de start van het traject")
    trajectory.actual_end = actual_end
    trajectory.outcome = outcome_text(outcome, reason)
    trajectory.aborted = aborted
    return trajectory


def _trajectory_for_update(session: Session, trajectory_id: uuid.UUID, expected_version: int | None) -> Trajectory:
    trajectory = load_for_update(session, Trajectory, trajectory_id, expected_version, "Het traject")
    assert isinstance(trajectory, Trajectory)
    return trajectory


def enforce_verdict(session: Session, verdict: Verdict, motivation: str | None, override_reason: str | None,
                    mode: Enforcement = "all") -> None:
    """Raise ``RuleViolation`` when ``verdict`` refuses the write under ``mode`` (see ``start_trajectory``)."""
    if mode == "none":
        return
    if verdict.verdict == "blocked":
        user = session.info.get("user") or "systeem"
        if override_reason and override_reason.strip():
            if medewerker_role(session, user) != Role.TEAMLEIDER:
                raise RuleViolation("Alleen een teamleider kan een blokkade doorbreken.", verdict.findings)
            return
        reasons = "; ".join(f.message for f in verdict.findings if f.severity == "block")
        raise RuleViolation(f"Niet toegestaan: {reasons}", verdict.findings)
    if mode == "all" and verdict.verdict == "warning" and not (motivation and motivation.strip()):
        reasons = "; ".join(f.message for f in verdict.findings if f.severity == "warning")
        raise RuleViolation(f"Motivatie vereist: {reasons}", verdict.findings)


def _store_verdict(session: Session, trajectory: Trajectory, verdict: Verdict, motivation: str | None,
                   override_reason: str | None) -> None:
    user = session.info.get("user") or "systeem"
    trajectory.verdict = verdict.verdict
    trajectory.findings = json.dumps([{"rule": f.rule, "severity": f.severity, "message": f.message}
                                      for f in verdict.findings], ensure_ascii=False)
    if motivation:
        trajectory.motivation, trajectory.motivation_by = motivation, user
    if verdict.verdict == "blocked" and override_reason:
        trajectory.override_reason, trajectory.override_by = override_reason, user
        session.flush()
        log_event(session, "blokkade doorbroken", "traject", trajectory.id, detail="reden vastgelegd")
