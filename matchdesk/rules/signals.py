"""Deadlines and follow-ups to watch, computed from plain facts (the services layer fetches them).

A signal is listed when its due date is at most ``within_days`` ahead; overdue ones stay listed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from matchdesk.dates import format_nl, last_day_within
from matchdesk.domain import CefrLevel, ProposalStatus, TaaleisStatus, TrajectoryKind, TrajectoryStatus
from matchdesk.errors import MatchDeskError
from matchdesk.labels import label
from matchdesk.rules.chain import chain_of, kind_label
from matchdesk.rules.rulebook import Rulebook, Rulebooks
from matchdesk.rules.signal_limits import limit_day

KINDS = ("einde_nadert", "over_limiet", "detachering_23_nadert", "maatwerk_23_maanden", "ontheffing_verloopt",
         "voorstel_zonder_opvolging", "leerwerktraject_zonder_vervolg", "taaleis")
_OPEN_PROPOSALS = (ProposalStatus.VOORGESTELD, ProposalStatus.UITGENODIGD)
TAALEIS_OPEN = (None, TaaleisStatus.ONBEKEND, TaaleisStatus.NIET_VOLDAAN)
DET = TrajectoryKind.DETACHERING
LWT = TrajectoryKind.LEERWERKTRAJECT
BESIDE_WORK = (TrajectoryKind.TAALTRAJECT, TrajectoryKind.SCHOLING)


@dataclass(frozen=True)
class SignalCandidate:
    klantnummer: str
    municipality: str
    wsw: bool = False
    ontheffing_until: dt.date | None = None
    dutch_level: CefrLevel | None = None  # the lowest known Dutch level over the skills
    taaleis_status: TaaleisStatus | None = None
    taaleis_since: dt.date | None = None  # since when the taaleis status holds
    active: bool = True  # inactive (uitgestroomd, deleted) candidates give no signals


@dataclass(frozen=True)
class SignalTrajectory:
    id: int | str
    klantnummer: str
    kind: TrajectoryKind
    start: dt.date
    end: dt.date | None
    status: TrajectoryStatus | None = None

    def finished(self, today: dt.date) -> bool:
        if self.status is not None:
            return self.status in (TrajectoryStatus.BEEINDIGD, TrajectoryStatus.AFGEBROKEN)
        return self.end is not None and self.end < today


@dataclass(frozen=True)
class SignalProposal:
    id: int | str
    klantnummer: str
    status: ProposalStatus
    since: dt.date  # the day of the last status change
    vacancy: str | None = None  # reference shown in the message


@dataclass(frozen=True)
class Signal:
    kind: str
    due: dt.date
    candidate: str
    trajectory: int | str | None
    message: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "due": self.due.isoformat(), "candidate": self.candidate,
                "trajectory": self.trajectory, "message": self.message}


def compute_signals(today: dt.date, candidates: list[SignalCandidate], trajectories: list[SignalTrajectory],
                    proposals: list[SignalProposal], rulebooks: Rulebooks, within_days: int = 30) -> list[Signal]:
    horizon = today + dt.timedelta(days=within_days)
    by_candidate: dict[str, list[SignalTrajectory]] = defaultdict(list)
    for trajectory in trajectories:
        by_candidate[trajectory.klantnummer].append(trajectory)
    open_proposals: dict[str, list[SignalProposal]] = defaultdict(list)
    for proposal in proposals:
        if proposal.status in _OPEN_PROPOSALS:
            open_proposals[proposal.klantnummer].append(proposal)
    signals: list[Signal] = []
    for candidate in candidates:
        if not candidate.active:
            continue
        try:
            rulebook = rulebooks.for_municipality(candidate.municipality, today)
        except MatchDeskError:
            rulebook = None  # unknown or broken rulebook: only the signals that need no rules
        own = by_candidate.get(candidate.klantnummer, [])
        signals += _ending(candidate, own, today, horizon)
        signals += _ontheffing(candidate, today, horizon)
        if rulebook is not None:
            signals += _limits(candidate, own, rulebook, today)
            signals += _maatwerk(candidate, own, rulebook, today)
            signals += _no_follow_up(candidate, own, rulebook, today)
            signals += _proposals(candidate, open_proposals.get(candidate.klantnummer, []), rulebook, today)
            signals += _taaleis(candidate, rulebook, today)
    listed = [s for s in signals if s.due <= horizon]
    return sorted(listed, key=lambda s: (s.due, s.candidate, KINDS.index(s.kind), str(s.trajectory)))


def _signal(kind, due, candidate, trajectory, message) -> Signal:
    return Signal(kind, due, candidate.klantnummer, trajectory.id if trajectory is not None else None, message)


def _ending(candidate, own, today, horizon) -> list[Signal]:
    return [_signal("einde_nadert", t.end, candidate, t,
                    f"{kind_label(t.kind, capital=True)} eindigt op {format_nl(t.end)}; regel het vervolg")
            for t in own if not t.finished(today) and t.end is not None and today <= t.end <= horizon]


def _ontheffing(candidate, today, horizon) -> list[Signal]:
    until = candidate.ontheffing_until
    if until is None or not today <= until <= horizon:
        return []
    return [_signal("ontheffing_verloopt", until, candidate, None,
                    f"Ontheffing van de arbeidsverplichting loopt af op {format_nl(until)}; plan een gesprek")]


def _limits(candidate, own, rulebook: Rulebook, today) -> list[Signal]:
    signals = []
    for t in own:
        if t.finished(today) or (candidate.wsw and t.kind is not TrajectoryKind.BBZ):
            continue
        found = limit_day(t, own, rulebook, today)
        if found is None:
            continue
        last, label = found
        reach = t.end if t.end is not None else today
        if reach > last:
            signals.append(_signal("over_limiet", last, candidate, t,
                                   f"{kind_label(t.kind, capital=True)} loopt over de grens: "
                                   f"{label} tot en met {format_nl(last)}"))
        elif t.kind is DET and (t.end is None or t.end == last) and today <= last:
            signals.append(_signal("detachering_23_nadert", last, candidate, t,
                                   f"Detachering bereikt de grens ({label}) op {format_nl(last)}; "
                                   "bereid regulier werk of maatwerk voor"))
    return signals


def _maatwerk(candidate, own, rulebook: Rulebook, today) -> list[Signal]:
    rule, chain_rule = rulebook.active("signaal_maatwerk", today), rulebook.active("keten", today)
    if rule is None or chain_rule is None or candidate.wsw:
        return []
    signals = []
    for det in [t for t in own if t.kind is DET]:
        chain = chain_of(det, [t for t in own if t is not det], chain_rule.kinds("kinds"),
                         chain_rule.number("max_gap_days"), today)
        if det is not max((t for t in chain if t.kind is DET), key=lambda t: t.start):
            continue  # one signal per chain, on its last detachering
        first = min(t.start for t in chain)
        months = rule.number("months")
        day = last_day_within(first, months)
        if det.end is not None and det.end < day:
            continue  # the chain stops before the months are full
        beside = _beside_work(rulebook, today)
        followed = any(t.start >= first and t.kind not in chain_rule.kinds("kinds")
                       and not _runs_beside(t, det.end, beside) for t in own)
        if not followed:
            signals.append(_signal("maatwerk_23_maanden", day + dt.timedelta(days=1), candidate, det,
                                   f"{months} maanden in leerwerktraject en detachering op {format_nl(day)} "
                                   "zonder regulier werk: het werkplein pakt de kandidaat direct op (maatwerk)"))
    return signals


def _beside_work(rulebook: Rulebook, today) -> frozenset[TrajectoryKind]:
    """Kinds that run beside work (taaltraject, scholing): the overlap rule's list, else those two."""
    rule = rulebook.active("overlap", today)
    return rule.kinds("allowed_beside") if rule else frozenset(BESIDE_WORK)


def _runs_beside(other: SignalTrajectory, until: dt.date | None, beside) -> bool:
    """A course that started while the work ran (``until``: its last day, None while running) is no follow-up."""
    return other.kind in beside and (until is None or other.start <= until)


def _no_follow_up(candidate, own, rulebook: Rulebook, today) -> list[Signal]:
    rule = rulebook.active("signaal_leerwerktraject_vervolg", today)
    if rule is None:
        return []
    signals = []
    for t in own:
        if t.kind is not LWT or t.end is None:
            continue
        beside = _beside_work(rulebook, today)
        if any(o is not t and o.start > t.start and not _runs_beside(o, t.end, beside) for o in own):
            continue
        due = t.end + dt.timedelta(days=1 + rule.number("days"))
        signals.append(_signal("leerwerktraject_zonder_vervolg", due, candidate, t,
                               f"Leerwerktraject eindigt op {format_nl(t.end)} zonder vervolg; bemiddel naar "
                               "regulier werk of kies een ander instrument"))
    return signals


def _proposals(candidate, proposals, rulebook: Rulebook, today) -> list[Signal]:
    rule = rulebook.active("signaal_voorstel_opvolging", today)
    if rule is None:
        return []
    signals = []
    for p in proposals:
        due = p.since + dt.timedelta(days=rule.number("days"))
        what = f" voor {p.vacancy}" if p.vacancy else ""
        signals.append(Signal("voorstel_zonder_opvolging", due, candidate.klantnummer, None,
                              f"Voorstel{what} staat sinds {format_nl(p.since)} op {p.status}; "
                              f"na {rule.number('days')} dagen zonder opvolging: neem contact op"))
    return signals


def _taaleis(candidate, rulebook: Rulebook, today) -> list[Signal]:
    rule = rulebook.active("signaal_taaleis", today)
    level = candidate.dutch_level
    if rule is None or level is None or level.rank >= rule.level("level").rank or candidate.taaleis_since is None:
        return []
    if candidate.taaleis_status not in TAALEIS_OPEN:
        return []
    due = candidate.taaleis_since + dt.timedelta(weeks=rule.number("weeks"))
    status = label(candidate.taaleis_status or TaaleisStatus.ONBEKEND, TaaleisStatus).lower()
    return [Signal("taaleis", due, candidate.klantnummer, None,
                   f"Nederlands onder 1F ({level}) en taaleis {status} sinds {format_nl(candidate.taaleis_since)}; "
                   f"na {rule.number('weeks')} weken moet de kandidaat aan de taal werken (Wet taaleis)")]


__all__ = ["KINDS", "TAALEIS_OPEN", "Signal", "SignalCandidate", "SignalProposal", "SignalTrajectory",
           "compute_signals"]
