"""Boundaries of the duration limits for any start day (month ends, leap years), with Hypothesis."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from matchdesk.dates import last_day_within
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.rules.scenario import check_scenario
from tests.rules.conftest import BASE_SCENARIO

BOOKS = load_rulebooks()
DAY = dt.timedelta(days=1)
starts = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2035, 12, 31))


def _judge(date: dt.date, proposal: dict, history=(), **candidate) -> str:
    data = json.loads(json.dumps(BASE_SCENARIO))
    data["date"] = date.isoformat()
    data["candidate"].update(candidate)
    data["history"] = [{"provider": "leerwerkbedrijf", **h} for h in history]
    data["proposal"].update({k: v.isoformat() if isinstance(v, dt.date) else v for k, v in proposal.items()})
    return check_scenario(json.dumps(data), BOOKS).verdict


@settings(max_examples=60, deadline=None)
@given(starts)
def test_leerwerktraject_last_day_allowed_next_day_blocked(start):
    last = last_day_within(start, 6)
    assert _judge(start, {"start": start, "end": last}) == "allowed"
    assert _judge(start, {"start": start, "end": last + DAY}) == "blocked"


@settings(max_examples=60, deadline=None)
@given(starts, st.integers(min_value=1, max_value=6), st.integers(min_value=1, max_value=31))
def test_detachering_23_months_from_the_first_day_of_the_chain(start, lwt_months, gap):
    # the detachering starts at most 31 days after the leerwerktraject ended: one chain, the gap included
    lwt_end = last_day_within(start, lwt_months)
    det_start = lwt_end + dt.timedelta(days=gap)
    last = last_day_within(start, 23)
    history = [{"kind": "leerwerktraject", "start": start.isoformat(), "end": lwt_end.isoformat()}]
    proposal = {"kind": "detachering", "start": det_start, "vacancy_kind": "regulier"}
    assert _judge(det_start, {**proposal, "end": last}, history) == "warning"  # the order-of-preference warning
    assert _judge(det_start, {**proposal, "end": last + DAY}, history) == "blocked"
    # zittende SW-medewerkers are not bound by it
    assert _judge(det_start, {**proposal, "end": last + DAY}, history, wsw=True) == "allowed"


@settings(max_examples=40, deadline=None)
@given(starts, st.integers(min_value=1, max_value=6), st.integers(min_value=32, max_value=400))
def test_detachering_after_a_longer_gap_starts_a_new_chain(start, lwt_months, gap):
    lwt_end = last_day_within(start, lwt_months)
    det_start = lwt_end + dt.timedelta(days=gap)
    history = [{"kind": "leerwerktraject", "start": start.isoformat(), "end": lwt_end.isoformat()}]
    proposal = {"kind": "detachering", "start": det_start, "vacancy_kind": "regulier"}
    last = last_day_within(det_start, 23)
    assert _judge(det_start, {**proposal, "end": last}, history) == "warning"
    assert _judge(det_start, {**proposal, "end": last + DAY}, history) == "blocked"


@settings(max_examples=40, deadline=None)
@given(starts, st.integers(min_value=0, max_value=400))
def test_a_later_end_never_turns_blocked_into_allowed(start, days):
    end = start + dt.timedelta(days=days)
    verdicts = [_judge(start, {"start": start, "end": end + dt.timedelta(days=extra)}) for extra in (0, 1, 30)]
    order = {"allowed": 0, "warning": 1, "blocked": 2}
    assert [order[v] for v in verdicts] == sorted(order[v] for v in verdicts)
