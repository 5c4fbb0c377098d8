"""The last allowed day of a running trajectory under its rulebook's limits (for the signals)."""

from __future__ import annotations

import datetime as dt

from matchdesk.dates import last_day_within
from matchdesk.domain import TrajectoryKind
from matchdesk.rules.chain import Period, allowed_days, chain_of, covered_days
from matchdesk.rules.rulebook import Rulebook


def _chain(target: Period, own: list[Period], rulebook: Rulebook, today: dt.date) -> list[Period]:
    rule = rulebook.active("keten", today)
    if rule is None:
        return [target]
    others = [t for t in own if t is not target]
    return chain_of(target, others, rule.kinds("kinds"), rule.number("max_gap_days"), today)


def limit_day(target: Period, own: list[Period], rulebook: Rulebook, today: dt.date) -> tuple[dt.date, str] | None:
    """(last allowed day, Dutch description of the limit), or None when no limit applies."""
    if target.kind is TrajectoryKind.LEERWERKTRAJECT:
        rule = rulebook.active("leerwerktraject_max_duur", today)
        if rule is None:
            return None
        periods = [t for t in _chain(target, own, rulebook, today) if t.kind is TrajectoryKind.LEERWERKTRAJECT]
        first = min(t.start for t in periods)
        used = covered_days([t for t in periods if t is not target], today)
        months = rule.number("months")
        remaining = allowed_days(first, months) - used
        return target.start + dt.timedelta(days=remaining - 1), f"leerwerktraject hoogstens {months} maanden"
    if target.kind is TrajectoryKind.DETACHERING:
        rule = rulebook.active("detachering_max_duur", today)
        if rule is None:
            return None
        first = min(t.start for t in _chain(target, own, rulebook, today))
        return (last_day_within(first, rule.number("months")),
                f"detachering hoogstens {rule.number('months')} maanden inclusief leerwerkperiode")
    if target.kind is TrajectoryKind.BBZ:
        rule = rulebook.active("bbz_max_duur", today)
        if rule is None:
            return None
        months = rule.number("months")
        return last_day_within(target.start, months), f"Bbz-voorbereiding hoogstens {months} maanden"
    return None
