"""Judge one proposed action (start, extend, end, placement) by the rules in force on the decision date."""

from __future__ import annotations

import datetime as dt

from matchdesk.dates import format_nl
from matchdesk.domain import Doelgroep, Location, Provider, TrajectoryKind
from matchdesk.errors import UsageError
from matchdesk.rules.chain import kind_label, overlaps
from matchdesk.rules.eligibility import categorie_findings, doelgroep_findings, ontheffing_findings, register_findings
from matchdesk.rules.facts import CandidateFacts, Finding, ProposedAction, TrajectoryFacts, Verdict
from matchdesk.rules.limits import Case, limit_findings
from matchdesk.rules.rulebook import Rulebook

REGULIER_KINDS = (TrajectoryKind.REGULIER, TrajectoryKind.REGULIER_LKS)


def evaluate(candidate: CandidateFacts, history: list[TrajectoryFacts], proposal: ProposedAction,
             rulebook: Rulebook, decision_date: dt.date) -> Verdict:
    """The verdict and its findings. A motivation is reported with warnings but never lifts a block."""
    target = proposal.as_trajectory()
    others = replace_extended(history, proposal)
    if target.end is not None and target.end < target.start:
        return Verdict.from_findings([Finding(
            "einde_voor_start", "block", f"Einde {format_nl(target.end)} ligt voor begin {format_nl(target.start)}")])
    case = Case(candidate, target, tuple(others), rulebook, decision_date)
    on = decision_date
    findings: list[Finding] = []
    if proposal.action == "end":
        # Ending records what happened: an overrun is reported, refusing it would change nothing.
        findings += [Finding(f.rule, "warning" if f.severity == "block" else f.severity, f.message)
                     for f in limit_findings(case)]
        findings += _after_the_fact(rulebook, on, target.end, "einde")
        return Verdict.from_findings(findings)
    placing = proposal.action in ("start", "placement")
    findings += _leerwerkbedrijf_regulier(case, proposal)
    if target.kind is TrajectoryKind.LEERWERKTRAJECT:
        findings += doelgroep_findings(candidate, rulebook, on, proposal.motivation)
    findings += register_findings(candidate, proposal.vacancy_kind, target.kind, rulebook, on)
    findings += ontheffing_findings(candidate, target.kind, target.start, rulebook, on, placing=placing)
    findings += categorie_findings(candidate, rulebook, on)
    findings += limit_findings(case)
    findings += _overlap(case)
    findings += _preference(case)
    findings += _location(case)
    if placing:
        findings += _after_the_fact(rulebook, on, target.start, "begin")
    return Verdict.from_findings(findings)


def replace_extended(history: list[TrajectoryFacts], proposal: ProposedAction) -> list[TrajectoryFacts]:
    """For extend and end, the history entry starting on the proposal's start is replaced by the proposal."""
    others = list(history)
    if proposal.action not in ("extend", "end"):
        return others
    same_start = [i for i, t in enumerate(others) if t.start == proposal.start]
    same_kind = [i for i in same_start if others[i].kind is proposal.kind]
    if not same_kind and not same_start:
        if proposal.action == "extend":
            raise UsageError(f"proposal.start: verlenging noemt geen traject uit de geschiedenis; geen traject "
                             f"begint op {proposal.start.isoformat()}")
        return others
    del others[(same_kind or same_start)[0]]
    return others


def _leerwerkbedrijf_regulier(case: Case, proposal: ProposedAction) -> list[Finding]:
    rule = case.rulebook.active("leerwerkbedrijf_geen_reguliere_werkgever", case.on)
    if rule and proposal.kind in REGULIER_KINDS and proposal.provider is Provider.LEERWERKBEDRIJF \
            and not case.candidate.wsw:
        return [Finding(rule.id, "block", "Het leerwerkbedrijf is geen reguliere werkgever; regulier werk "
                                          "is bij een werkgever (alleen Wsw-medewerkers zijn er in dienst)")]
    return []


def _overlap(case: Case) -> list[Finding]:
    rule = case.rulebook.active("overlap", case.on)
    if rule is None:
        return []
    allowed = rule.kinds("allowed_beside")
    findings = []
    for other in case.others:
        if overlaps(case.target, other) and case.target.kind not in allowed and other.kind not in allowed:
            end = format_nl(other.end) if other.end else "nu (loopt nog)"
            findings.append(Finding(rule.id, "block", f"Overlapt met {kind_label(other.kind)} van "
                                                      f"{format_nl(other.start)} tot en met {end}"))
    return findings


def _preference(case: Case) -> list[Finding]:
    """Regulier > detachering > met behoud van uitkering; doelgroep C and Wsw staff follow their own route."""
    rule = case.rulebook.active("voorkeursvolgorde", case.on)
    kind = case.target.kind
    if rule is None or kind not in rule.kinds("kinds") or kind is TrajectoryKind.LEERWERKTRAJECT:
        return []
    if case.candidate.wsw or case.candidate.doelgroep is Doelgroep.C:
        return []
    return [Finding(rule.id, "warning",
                    f"Regulier werk gaat voor; leg vast waarom dat nu niet kan (gekozen: {kind_label(kind)})")]


def _location(case: Case) -> list[Finding]:
    rule = case.rulebook.active("leerwerktraject_locatie", case.on)
    if rule and case.target.kind is TrajectoryKind.LEERWERKTRAJECT and case.target.location is Location.INTERN:
        return [Finding(rule.id, "warning", "Leerwerktraject binnen de muren van het leerwerkbedrijf; "
                                            "bij voorkeur bij een reguliere werkgever")]
    return []


def _after_the_fact(rulebook: Rulebook, on: dt.date, day: dt.date | None, label: str) -> list[Finding]:
    rule = rulebook.active("achteraf_vastgelegd", on)
    if rule is None or day is None or day >= on:
        return []
    days = (on - day).days
    return [Finding(rule.id, "info", f"Achteraf vastgelegd: {label} {format_nl(day)} ligt {days} "
                                     f"{'dag' if days == 1 else 'dagen'} voor de beslisdatum {format_nl(on)}")]
