"""Chains of trajectories and the duration arithmetic of CONTRACTS.md (inclusive ends, clamped months)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from dateutil.relativedelta import relativedelta

from matchdesk.dates import format_nl, last_day_within
from matchdesk.domain import TrajectoryKind

ONE_DAY = dt.timedelta(days=1)


class Period(Protocol):
    """A trajectory as the arithmetic reads it (``TrajectoryFacts``, a stored trajectory, a signal's view)."""

    @property
    def kind(self) -> TrajectoryKind: ...

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date | None: ...


P = TypeVar("P", bound=Period)


def effective_end(item: Period, today: dt.date) -> dt.date:
    """A running trajectory (no end) is counted up to ``today``, never before its own start."""
    return item.end if item.end is not None else max(today, item.start)


def chain_of(target: P, items: Sequence[P], kinds: Iterable[TrajectoryKind], max_gap_days: int,
             today: dt.date) -> list[P]:
    """The chain holding ``target``: chain-kind trajectories where each starts at most ``max_gap_days``
    after the previous one ended (a running one never ends). Sorted by start; ``target`` included."""
    wanted = set(kinds)
    members = sorted((i for i in items if i.kind in wanted and i is not target), key=lambda i: i.start)
    members = sorted([*members, target], key=lambda i: (i.start, i is target))
    chains: list[list[P]] = []
    reach: dt.date | None = None  # last day of the current chain; None = still running
    for item in members:
        if chains and (reach is None or (item.start - reach).days <= max_gap_days):
            chains[-1].append(item)
        else:
            chains.append([item])
            reach = item.end
            continue
        reach = None if reach is None or item.end is None else max(reach, item.end)
    return next(chain for chain in chains if any(i is target for i in chain))


def covered_days(items: Iterable[Period], today: dt.date) -> int:
    """Days covered by the periods (overlaps counted once), inclusive ends."""
    spans = sorted((i.start, effective_end(i, today)) for i in items)
    total, cursor = 0, None
    for start, end in spans:
        if cursor is not None and start <= cursor:
            start = cursor + ONE_DAY
        if end >= start:
            total += (end - start).days + 1
        cursor = end if cursor is None else max(cursor, end)
    return total


def allowed_days(start: dt.date, months: int) -> int:
    """Days in "at most ``months`` months" from ``start``."""
    return (last_day_within(start, months) - start).days + 1


def describe_length(start: dt.date, end: dt.date) -> str:
    """Dutch length of the inclusive period start..end: "6 maanden", "6 maanden en 1 dag"."""
    delta = relativedelta(end + ONE_DAY, start)
    months, days = delta.years * 12 + delta.months, delta.days
    parts = []
    if months or not days:
        parts.append(f"{months} {'maand' if months == 1 else 'maanden'}")
    if days:
        parts.append(f"{days} {'dag' if days == 1 else 'dagen'}")
    return " en ".join(parts)


def describe_days_as_length(start: dt.date, days: int) -> str:
    return describe_length(start, start + dt.timedelta(days=days - 1))


def until(day: dt.date) -> str:
    return f"uiterlijk tot en met {format_nl(day)}"


def overlaps(a: Period, b: Period) -> bool:
    far = dt.date.max
    return a.start <= (b.end or far) and b.start <= (a.end or far)


_KIND_LABELS = {
    TrajectoryKind.REGULIER: "regulier werk", TrajectoryKind.REGULIER_LKS: "regulier werk met loonkostensubsidie",
    TrajectoryKind.BESCHUT: "beschut werk", TrajectoryKind.BEGELEID_WERKEN: "begeleid werken",
    TrajectoryKind.BBZ: "Bbz-traject",
}


def kind_label(kind: TrajectoryKind, capital: bool = False) -> str:
    """Dutch name of a trajectory kind for messages."""
    label = _KIND_LABELS.get(kind, str(kind))
    return label[0].upper() + label[1:] if capital else label
