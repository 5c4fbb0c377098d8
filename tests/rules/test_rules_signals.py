"""rules/signals.py per signal kind, on plain facts: a signal is listed when its due date is at most
``within_days`` ahead (exactly on the horizon listed, one day beyond not); overdue ones stay listed."""

from __future__ import annotations

import datetime as dt

import pytest

from matchdesk.domain import CefrLevel, ProposalStatus, TaaleisStatus, TrajectoryKind, TrajectoryStatus
from matchdesk.rules.signals import KINDS, SignalCandidate, SignalProposal, SignalTrajectory, compute_signals

TODAY = dt.date(2026, 11, 23)
HORIZON = dt.date(2026, 12, 23)  # today + 30 days, the default
DAY = dt.timedelta(days=1)
LWT, DET = TrajectoryKind.LEERWERKTRAJECT, TrajectoryKind.DETACHERING
D = dt.date.fromisoformat


def _candidate(klantnummer="1000001", municipality="Roosendaal", **values) -> SignalCandidate:
    return SignalCandidate(klantnummer=klantnummer, municipality=municipality, **values)


def _trajectory(id_, kind, start, end, klantnummer="1000001", status=None) -> SignalTrajectory:
    return SignalTrajectory(id_, klantnummer, kind, D(start) if isinstance(start, str) else start,
                            D(end) if isinstance(end, str) else end, status)


@pytest.fixture
def signals(shipped_rulebooks):
    def run(candidates=(), trajectories=(), proposals=(), within=30, today=TODAY):
        return compute_signals(today, list(candidates), list(trajectories), list(proposals), shipped_rulebooks,
                               within_days=within)
    return run


def _kinds(found, kind=None):
    return [(s.kind, s.due, s.trajectory) for s in found if kind is None or s.kind == kind]


# --------------------------------------------------------------------------- einde_nadert

@pytest.mark.parametrize(("end", "listed"), [
    (TODAY, True), (HORIZON, True), (HORIZON + DAY, False), (TODAY - DAY, False),
])
def test_einde_nadert_boundaries(signals, end, listed):
    found = signals([_candidate()], [_trajectory(1, TrajectoryKind.REGULIER, "2026-01-01", end)])
    assert _kinds(found, "einde_nadert") == ([("einde_nadert", end, 1)] if listed else [])


def test_einde_nadert_within_widens_the_horizon(signals):
    trajectory = _trajectory(1, TrajectoryKind.REGULIER, "2026-01-01", HORIZON + DAY)
    assert _kinds(signals([_candidate()], [trajectory], within=31), "einde_nadert") == \
           [("einde_nadert", HORIZON + DAY, 1)]
    assert _kinds(signals([_candidate()], [trajectory], within=0), "einde_nadert") == []


def test_einde_nadert_not_for_a_finished_or_open_ended_trajectory(signals):
    stopped = _trajectory(1, TrajectoryKind.REGULIER, "2026-01-01", "2026-12-01", status=TrajectoryStatus.AFGEBROKEN)
    open_ended = _trajectory(2, TrajectoryKind.REGULIER, "2026-01-01", None)
    assert _kinds(signals([_candidate()], [stopped, open_ended]), "einde_nadert") == []


def test_einde_nadert_needs_no_rulebook(signals):
    found = signals([_candidate(municipality="Breda")], [_trajectory(1, LWT, "2026-06-24", "2026-12-23")])
    assert _kinds(found) == [("einde_nadert", HORIZON, 1)]


# --------------------------------------------------------------------------- over_limiet

@pytest.mark.parametrize(("start", "end", "due"), [
    ("2026-06-01", "2026-11-30", None),  # exactly 6 months
    ("2026-06-01", "2026-12-01", D("2026-11-30")),  # one day more
    ("2026-04-01", None, D("2026-09-30")),  # running without an end, past its limit
    ("2026-07-01", None, None),  # running without an end, within its limit (up to 2026-12-31)
])
def test_over_limiet_leerwerktraject(signals, start, end, due):
    found = signals([_candidate()], [_trajectory(7, LWT, start, end)])
    assert _kinds(found, "over_limiet") == ([("over_limiet", due, 7)] if due else [])
    if due:
        message = next(s.message for s in found if s.kind == "over_limiet")
        assert "6 maanden" in message and due.strftime("%d-%m-%Y") in message


def test_over_limiet_is_listed_from_when_it_falls_within_the_horizon(signals):
    # planned 2026-07-01..2027-01-01: the limit passes on 2026-12-31, beyond the 30 days
    trajectory = _trajectory(7, LWT, "2026-07-01", "2027-01-01")
    assert _kinds(signals([_candidate()], [trajectory]), "over_limiet") == []
    assert _kinds(signals([_candidate()], [trajectory], within=38), "over_limiet") == \
           [("over_limiet", D("2026-12-31"), 7)]
    assert _kinds(signals([_candidate()], [trajectory], within=37), "over_limiet") == []


def test_over_limiet_detachering_counts_the_leerwerkperiode(signals):
    history = [_trajectory(1, LWT, "2025-01-01", "2025-06-30"),
               _trajectory(2, DET, "2025-07-01", "2026-12-01")]  # the chain may last up to 2026-11-30
    assert _kinds(signals([_candidate()], history), "over_limiet") == [("over_limiet", D("2026-11-30"), 2)]


def test_over_limiet_not_for_finished_trajectories(signals):
    ended = _trajectory(7, LWT, "2026-01-01", "2026-08-31")  # ended before today: that is history
    assert _kinds(signals([_candidate()], [ended]), "over_limiet") == []


def test_limits_do_not_apply_to_wsw(signals):
    trajectories = [_trajectory(1, LWT, "2025-01-01", "2025-06-30"), _trajectory(2, DET, "2025-07-01", None),
                    _trajectory(3, LWT, "2026-04-01", None, klantnummer="1000002")]
    candidates = [_candidate(wsw=True), _candidate("1000002", wsw=True)]
    found = signals(candidates, trajectories, within=365)
    assert {s.kind for s in found} & {"over_limiet", "detachering_23_nadert", "maatwerk_23_maanden"} == set()
    assert _kinds(signals([_candidate(), _candidate("1000002")], trajectories, within=365), "over_limiet")


def test_bbz_limit_also_for_wsw(signals):
    trajectory = _trajectory(4, TrajectoryKind.BBZ, "2025-09-01", None)  # 12 months up to 2026-08-31
    assert _kinds(signals([_candidate(wsw=True)], [trajectory]), "over_limiet") == \
           [("over_limiet", D("2026-08-31"), 4)]


# --------------------------------------------------------------------------- detachering_23_nadert

@pytest.mark.parametrize(("start", "listed"), [
    ("2025-01-24", True),  # 23 months end on 2026-12-23, the horizon
    ("2025-01-25", False),  # ... on 2026-12-24, one day beyond
])
def test_detachering_23_nadert_boundaries(signals, start, listed):
    last = D("2026-12-23") if listed else D("2026-12-24")
    found = signals([_candidate()], [_trajectory(5, DET, start, None)])
    assert _kinds(found, "detachering_23_nadert") == ([("detachering_23_nadert", last, 5)] if listed else [])
    assert _kinds(signals([_candidate()], [_trajectory(5, DET, start, None)], within=31),
                  "detachering_23_nadert") == [("detachering_23_nadert", last, 5)]


def test_detachering_23_nadert_counts_from_the_leerwerktraject(signals):
    trajectories = [_trajectory(1, LWT, "2025-01-24", "2025-07-23"), _trajectory(2, DET, "2025-08-01", None)]
    assert _kinds(signals([_candidate()], trajectories), "detachering_23_nadert") == \
           [("detachering_23_nadert", HORIZON, 2)]


def test_detachering_23_nadert_when_planned_up_to_the_limit_not_before(signals):
    up_to = _trajectory(5, DET, "2025-01-01", "2026-11-30")
    shorter = _trajectory(6, DET, "2025-01-01", "2026-10-31", klantnummer="1000002")
    found = signals([_candidate(), _candidate("1000002")], [up_to, shorter], within=60)
    assert _kinds(found, "detachering_23_nadert") == [("detachering_23_nadert", D("2026-11-30"), 5)]


# --------------------------------------------------------------------------- maatwerk_23_maanden

def _maatwerk_chain(det_end, klantnummer="1000001"):
    return [_trajectory(f"{klantnummer}-l", LWT, "2024-06-01", "2024-11-30", klantnummer),
            _trajectory(f"{klantnummer}-d", DET, "2024-12-01", det_end, klantnummer)]


def test_maatwerk_after_23_months_without_regular_work(signals):
    # 2024-06-01 + 23 months: the last day is 2026-04-30; the werkplein picks up on 2026-05-01
    found = signals([_candidate()], _maatwerk_chain("2026-04-30"))
    assert _kinds(found, "maatwerk_23_maanden") == [("maatwerk_23_maanden", D("2026-05-01"), "1000001-d")]
    assert "maatwerk" in found[0].message


def test_no_maatwerk_when_the_chain_stops_earlier_or_regular_work_follows(signals):
    earlier = _maatwerk_chain("2026-04-29")
    followed = _maatwerk_chain("2026-04-30", "1000002") + [
        _trajectory("r", TrajectoryKind.REGULIER_LKS, "2026-05-01", None, "1000002")]
    found = signals([_candidate(), _candidate("1000002")], earlier + followed)
    assert _kinds(found, "maatwerk_23_maanden") == []


def test_maatwerk_due_the_day_after_23_months_on_the_horizon(signals):
    # chain from 2025-01-25: the last day is 2026-12-24, so maatwerk is due on 2026-12-25
    det = _trajectory(5, DET, "2025-01-25", None)
    assert _kinds(signals([_candidate()], [det], within=32), "maatwerk_23_maanden") == \
           [("maatwerk_23_maanden", D("2026-12-25"), 5)]
    assert _kinds(signals([_candidate()], [det], within=31), "maatwerk_23_maanden") == []


def test_maatwerk_not_for_wsw_nor_in_wassenaar(signals):
    found = signals([_candidate(wsw=True), _candidate("1000002", municipality="Wassenaar")],
                    _maatwerk_chain("2026-04-30") + _maatwerk_chain("2026-04-30", "1000002"))
    assert _kinds(found, "maatwerk_23_maanden") == []


# --------------------------------------------------------------------------- ontheffing_verloopt

@pytest.mark.parametrize(("until", "listed"), [
    (TODAY, True), (HORIZON, True), (HORIZON + DAY, False), (TODAY - DAY, False), (None, False),
])
def test_ontheffing_verloopt_boundaries(signals, until, listed):
    found = signals([_candidate(ontheffing_until=until)])
    assert _kinds(found) == ([("ontheffing_verloopt", until, None)] if listed else [])


# --------------------------------------------------------------------------- voorstel_zonder_opvolging

@pytest.mark.parametrize(("since", "listed"), [
    (HORIZON - dt.timedelta(days=14), True),  # due exactly on the horizon
    (HORIZON - dt.timedelta(days=13), False),
    (dt.date(2026, 10, 1), True),  # long overdue
])
def test_voorstel_zonder_opvolging_after_14_days(signals, since, listed):
    proposal = SignalProposal(9, "1000001", ProposalStatus.VOORGESTELD, since, vacancy="V-12")
    found = signals([_candidate()], proposals=[proposal])
    due = since + dt.timedelta(days=14)
    assert _kinds(found) == ([("voorstel_zonder_opvolging", due, None)] if listed else [])
    if listed:
        assert "V-12" in found[0].message and "14 dagen" in found[0].message


@pytest.mark.parametrize("status", [ProposalStatus.GEPLAATST, ProposalStatus.AFGEWEZEN,
                                    ProposalStatus.TERUGGETROKKEN])
def test_no_signal_for_a_proposal_that_was_followed_up(signals, status):
    proposal = SignalProposal(9, "1000001", status, dt.date(2026, 10, 1))
    assert signals([_candidate()], proposals=[proposal]) == []


def test_invited_proposal_still_needs_follow_up(signals):
    proposal = SignalProposal(9, "1000001", ProposalStatus.UITGENODIGD, dt.date(2026, 11, 9))
    assert _kinds(signals([_candidate()], proposals=[proposal])) == \
           [("voorstel_zonder_opvolging", TODAY, None)]


# --------------------------------------------------------------------------- leerwerktraject_zonder_vervolg

@pytest.mark.parametrize(("end", "listed"), [
    (HORIZON - DAY, True),  # due the day after it ends: on the horizon
    (HORIZON, False),
    (dt.date(2026, 10, 31), True),  # ended, overdue
])
def test_leerwerktraject_zonder_vervolg_boundaries(signals, end, listed):
    start = end - dt.timedelta(days=90)
    found = signals([_candidate()], [_trajectory(3, LWT, start, end)])
    assert _kinds(found, "leerwerktraject_zonder_vervolg") == \
           ([("leerwerktraject_zonder_vervolg", end + DAY, 3)] if listed else [])


def test_no_leerwerktraject_signal_with_a_follow_up_or_while_open(signals):
    followed = [_trajectory(3, LWT, "2026-05-01", "2026-10-31"),
                _trajectory(4, TrajectoryKind.REGULIER, "2026-11-01", None)]
    open_ended = [_trajectory(5, LWT, "2026-08-01", None, klantnummer="1000002")]
    found = signals([_candidate(), _candidate("1000002")], followed + open_ended)
    assert _kinds(found, "leerwerktraject_zonder_vervolg") == []


# --------------------------------------------------------------------------- taaleis

EIGHT_WEEKS = dt.timedelta(weeks=8)


@pytest.mark.parametrize(("since", "listed"), [
    (HORIZON - EIGHT_WEEKS, True), (HORIZON - EIGHT_WEEKS + DAY, False), (dt.date(2026, 1, 5), True),
])
def test_taaleis_after_8_weeks(signals, since, listed):
    candidate = _candidate(dutch_level=CefrLevel.A1, taaleis_status=TaaleisStatus.ONBEKEND, taaleis_since=since)
    assert _kinds(signals([candidate])) == ([("taaleis", since + EIGHT_WEEKS, None)] if listed else [])


@pytest.mark.parametrize(("level", "status", "listed"), [
    (CefrLevel.A0, TaaleisStatus.NIET_VOLDAAN, True),
    (CefrLevel.A1, None, True),
    (CefrLevel.A2, TaaleisStatus.ONBEKEND, False),  # A2 is 1F: at the required level
    (CefrLevel.B1, TaaleisStatus.NIET_VOLDAAN, False),
    (CefrLevel.A1, TaaleisStatus.VOLDAAN, False),
    (CefrLevel.A1, TaaleisStatus.TAALTRAJECT, False),  # working on it
    (None, TaaleisStatus.ONBEKEND, False),  # level unknown
])
def test_taaleis_level_and_status(signals, level, status, listed):
    candidate = _candidate(dutch_level=level, taaleis_status=status, taaleis_since=dt.date(2026, 6, 1))
    assert bool(_kinds(signals([candidate]), "taaleis")) == listed


def test_taaleis_also_in_wassenaar_but_not_without_a_date(signals):
    wassenaar = _candidate(municipality="Wassenaar", dutch_level=CefrLevel.A1, taaleis_status=TaaleisStatus.ONBEKEND,
                           taaleis_since=dt.date(2026, 6, 1))
    no_date = _candidate("1000002", dutch_level=CefrLevel.A1, taaleis_status=TaaleisStatus.ONBEKEND)
    assert _kinds(signals([wassenaar, no_date])) == [("taaleis", dt.date(2026, 7, 27), None)]


# --------------------------------------------------------------------------- all together

def test_inactive_candidates_give_no_signals(signals):
    candidate = _candidate(active=False, ontheffing_until=TODAY)
    assert signals([candidate], [_trajectory(1, TrajectoryKind.REGULIER, "2026-01-01", TODAY)]) == []


def test_sorted_by_due_then_klantnummer_with_the_contract_shape(signals):
    candidates = [_candidate("1000003", ontheffing_until=TODAY), _candidate("1000002", ontheffing_until=TODAY),
                  _candidate("1000001", ontheffing_until=TODAY - DAY)]
    trajectories = [_trajectory(1, TrajectoryKind.REGULIER, "2026-01-01", "2026-12-01", "1000001"),
                    _trajectory(2, LWT, "2026-04-01", None, "1000003")]
    found = signals(candidates, trajectories)
    keys = [(s.due, s.candidate) for s in found]
    assert keys == sorted(keys)
    assert [s.kind for s in found] == ["over_limiet", "ontheffing_verloopt", "ontheffing_verloopt", "einde_nadert"]
    for signal in found:
        data = signal.to_json()
        assert set(data) == {"kind", "due", "candidate", "trajectory", "message"}
        assert data["kind"] in KINDS and dt.date.fromisoformat(data["due"])


# --------------------------------------------------------------------------- a course beside work is no follow-up

BESIDE = [TrajectoryKind.TAALTRAJECT, TrajectoryKind.SCHOLING]


@pytest.mark.parametrize("kind", BESIDE)
def test_a_course_beside_the_chain_does_not_stop_the_maatwerk_signal(signals, kind):
    course = _trajectory("t", kind, "2025-03-01", "2025-06-30")
    found = signals([_candidate()], _maatwerk_chain("2026-04-30") + [course])
    assert _kinds(found, "maatwerk_23_maanden") == [("maatwerk_23_maanden", D("2026-05-01"), "1000001-d")]


@pytest.mark.parametrize("kind", BESIDE)
def test_a_course_beside_the_leerwerktraject_is_no_follow_up(signals, kind):
    trajectories = [_trajectory(3, LWT, "2026-05-01", "2026-10-31"), _trajectory(4, kind, "2026-06-01", "2026-12-31")]
    assert _kinds(signals([_candidate()], trajectories), "leerwerktraject_zonder_vervolg") == \
           [("leerwerktraject_zonder_vervolg", D("2026-11-01"), 3)]


def test_work_after_the_leerwerktraject_is_a_follow_up(signals):
    for kind in (TrajectoryKind.PROEFPLAATSING, TrajectoryKind.DETACHERING, TrajectoryKind.BESCHUT):
        trajectories = [_trajectory(3, LWT, "2026-05-01", "2026-10-31"), _trajectory(4, kind, "2026-11-10", None)]
        assert _kinds(signals([_candidate()], trajectories), "leerwerktraject_zonder_vervolg") == [], kind
