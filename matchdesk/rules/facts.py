"""Plain facts the rules engine judges, and what it answers. No Qt, no database: callers copy values in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from matchdesk.domain import Categorie, Doelgroep, Location, Provider, TrajectoryKind, VacancyKind

SEVERITIES = ("info", "warning", "block")
VERDICTS = ("allowed", "warning", "blocked")
ACTIONS = ("start", "extend", "end", "placement")


@dataclass(frozen=True)
class CandidateFacts:
    municipality: str
    doelgroep: Doelgroep | None
    categorie: Categorie | None
    birth_date: dt.date | None
    banenafspraak: bool = False
    beschut_indicatie: bool = False
    ontheffing_until: dt.date | None = None
    wsw: bool = False
    taalachterstand: bool = False

    def ontheffing_running(self, on: dt.date) -> bool:
        """An ontheffing runs when it lasts until ``on`` or later (scenarios README)."""
        return self.ontheffing_until is not None and self.ontheffing_until >= on


@dataclass(frozen=True)
class TrajectoryFacts:
    kind: TrajectoryKind
    start: dt.date
    end: dt.date | None
    provider: Provider | None = None
    location: Location | None = None


@dataclass(frozen=True)
class ProposedAction:
    action: str  # start | extend | end | placement
    kind: TrajectoryKind
    start: dt.date
    end: dt.date | None
    provider: Provider | None
    vacancy_kind: VacancyKind | None
    motivation: str | None
    location: Location | None = None

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"onbekende actie {self.action!r}; kies uit {', '.join(ACTIONS)}")

    def as_trajectory(self) -> TrajectoryFacts:
        return TrajectoryFacts(self.kind, self.start, self.end, self.provider, self.location)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # info | warning | block
    message: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"onbekende ernst {self.severity!r}")

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class Verdict:
    verdict: str  # allowed | warning | blocked
    findings: list[Finding] = field(default_factory=list)

    @classmethod
    def from_findings(cls, findings: list[Finding]) -> Verdict:
        """blocked if any block, else warning if any warning; info never changes the verdict."""
        severities = {f.severity for f in findings}
        verdict = "blocked" if "block" in severities else "warning" if "warning" in severities else "allowed"
        return cls(verdict, list(findings))

    @property
    def blocked(self) -> bool:
        return self.verdict == "blocked"

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "findings": [f.to_json() for f in self.findings]}
