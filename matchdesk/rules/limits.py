"""Duration limits: leerwerktraject and detachering per chain (WVS), Bbz, and the optional one clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from matchdesk.dates import last_day_within
from matchdesk.domain import TrajectoryKind
from matchdesk.rules.chain import (
    ONE_DAY,
    allowed_days,
    chain_of,
    covered_days,
    describe_days_as_length,
    describe_length,
    until,
)
from matchdesk.rules.facts import CandidateFacts, Finding, TrajectoryFacts
from matchdesk.rules.rulebook import Rulebook

LWT = TrajectoryKind.LEERWERKTRAJECT
DET = TrajectoryKind.DETACHERING


@dataclass(frozen=True)
class Case:
    """One trajectory to judge against the candidate's other trajectories."""

    candidate: CandidateFacts
    target: TrajectoryFacts
    others: tuple[TrajectoryFacts, ...]
    rulebook: Rulebook
    on: dt.date

    def chain(self) -> list[TrajectoryFacts]:
        rule = self.rulebook.active("keten", self.on)
        if rule is None:
            return [self.target]
        return chain_of(self.target, self.others, rule.kinds("kinds"), rule.number("max_gap_days"), self.on)


def limit_findings(case: Case) -> list[Finding]:
    findings: list[Finding] = []
    if not case.candidate.wsw:  # the WVS limits are for Participatiewet candidates, not zittende SW-staff
        findings += _leerwerktraject(case)
        findings += _detachering(case)
        findings += _one_clock(case)
    findings += _bbz(case)
    return findings


def _open_end(rule_id: str, label: str, months: int, last: dt.date) -> Finding:
    return Finding(rule_id, "warning", f"{label} zonder einddatum; maximum is {months} maanden, {until(last)}")


def _leerwerktraject(case: Case) -> list[Finding]:
    rule = case.rulebook.active("leerwerktraject_max_duur", case.on)
    if rule is None or case.target.kind is not LWT:
        return []
    months = rule.number("months")
    periods = [t for t in case.chain() if t.kind is LWT]
    first = min(t.start for t in periods)
    total, allowed = covered_days(periods, case.on), allowed_days(first, months)
    if total <= allowed:
        if case.target.end is None:
            last = case.target.start + dt.timedelta(days=allowed - total)
            return [_open_end(rule.id, "Leerwerktraject", months, last)]
        return []
    if len(periods) == 1:
        text = f"Leerwerktraject zou {describe_length(first, case.target.end or case.on)} duren"
    else:
        text = f"Leerwerktrajecten in deze keten zouden samen {describe_days_as_length(first, total)} duren"
    last = (case.target.end or case.on) - dt.timedelta(days=total - allowed)
    return [Finding(rule.id, "block", f"{text}; maximum is {months} maanden ({allowed} dagen, {until(last)})")]


def _detachering(case: Case) -> list[Finding]:
    rule = case.rulebook.active("detachering_max_duur", case.on)
    if rule is None or case.target.kind is not DET:
        return []
    months = rule.number("months")
    chain_start = min(t.start for t in case.chain())
    last = last_day_within(chain_start, months)
    including = " inclusief leerwerkperiode" if chain_start < case.target.start else ""
    if case.target.end is None:
        return [_open_end(rule.id, "Detachering", months, last)]
    if case.target.end <= last:
        return []
    length = describe_length(chain_start, case.target.end)
    return [Finding(rule.id, "block", f"Detachering zou {length} duren{including}; maximum is {months} "
                                      f"({until(last)})")]


def _bbz(case: Case) -> list[Finding]:
    rule = case.rulebook.active("bbz_max_duur", case.on)
    if rule is None or case.target.kind is not TrajectoryKind.BBZ:
        return []
    months = rule.number("months")
    last = last_day_within(case.target.start, months)
    if case.target.end is None:
        return [_open_end(rule.id, "Bbz-voorbereidingsjaar", months, last)]
    if case.target.end <= last:
        return []
    return [Finding(rule.id, "block", f"Bbz-voorbereiding zou {describe_length(case.target.start, case.target.end)} "
                                      f"duren; maximum is {months} maanden ({until(last)})")]


def _one_clock(case: Case) -> list[Finding]:
    """Off in the shipped rulebooks: all work met behoud van uitkering shares one clock."""
    rule = case.rulebook.active("een_klok", case.on)
    if rule is None or case.target.kind not in rule.kinds("kinds"):
        return []
    periods = [t for t in (*case.others, case.target) if t.kind in rule.kinds("kinds")]
    first, months = min(t.start for t in periods), rule.number("months")
    total, allowed = covered_days(periods, case.on), allowed_days(first, months)
    if total <= allowed:
        return []
    return [Finding(rule.id, "block", f"Werk met behoud van uitkering zou samen "
                                      f"{describe_days_as_length(first, total)} duren; maximum is {months} maanden "
                                      f"({allowed} dagen) voor alles samen")]


__all__ = ["Case", "limit_findings", "ONE_DAY"]
