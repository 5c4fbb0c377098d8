"""Duration limits at their boundaries, on both sides (CONTRACTS.md date arithmetic)."""

from __future__ import annotations

import pytest

from matchdesk.errors import UsageError

LWT_BOUNDARIES = [
    ("2026-01-01", "2026-06-30", "allowed"),
    ("2026-01-01", "2026-07-01", "blocked"),
    ("2026-03-15", "2026-09-14", "allowed"),
    ("2026-03-15", "2026-09-15", "blocked"),
    ("2026-08-31", "2027-02-27", "allowed"),
    ("2026-08-31", "2027-02-28", "blocked"),
    ("2027-09-01", "2028-02-29", "allowed"),
    ("2027-09-01", "2028-03-01", "blocked"),
]


@pytest.mark.parametrize(("start", "end", "expected"), LWT_BOUNDARIES)
def test_leerwerktraject_six_months(scenario, judge, start, end, expected):
    verdict = judge(scenario(date=start, proposal={"start": start, "end": end}))
    assert verdict.verdict == expected
    if expected == "blocked":
        [finding] = verdict.findings
        assert finding.rule == "leerwerktraject_max_duur"
        assert "6 maanden en 1 dag" in finding.message and "maximum is 6 maanden" in finding.message


@pytest.mark.parametrize(("second_end", "expected"), [("2026-07-10", "allowed"), ("2026-07-11", "blocked")])
def test_leerwerktraject_limit_counts_all_of_the_chain(scenario, judge, second_end, expected):
    # 01-01..03-31 (90 days) and, 10 days later, 04-11..: 181 days in all are allowed.
    history = [{"kind": "leerwerktraject", "start": "2026-01-01", "end": "2026-03-31"}]
    data = scenario(date="2026-04-11", history=history, proposal={"start": "2026-04-11", "end": second_end})
    assert judge(data).verdict == expected


@pytest.mark.parametrize(("second_start", "expected"), [("2026-05-01", "blocked"), ("2026-05-02", "allowed")])
def test_chain_gap_of_31_days(scenario, judge, second_start, expected):
    # The first ended 03-31; starting 31 days later still chains, 32 days later starts afresh.
    history = [{"kind": "leerwerktraject", "start": "2026-01-01", "end": "2026-03-31"}]
    data = scenario(date=second_start, history=history, proposal={"start": second_start, "end": "2026-08-31"})
    assert judge(data).verdict == expected


DET_HISTORY = [{"kind": "leerwerktraject", "start": "2026-01-01", "end": "2026-06-30"}]


def _detachering(scenario, start, end, history=DET_HISTORY, **candidate):
    return scenario(date=start, history=history, candidate=candidate,
                    proposal={"kind": "detachering", "start": start, "end": end, "vacancy_kind": "regulier"})


@pytest.mark.parametrize(("end", "expected"), [("2027-11-30", "warning"), ("2027-12-01", "blocked")])
def test_detachering_23_months_including_leerwerkperiode(scenario, judge, rule_ids, end, expected):
    verdict = judge(_detachering(scenario, "2026-07-01", end))
    assert verdict.verdict == expected
    assert "detachering_max_duur" not in rule_ids(verdict) if expected == "warning" else True
    if expected == "blocked":
        message = next(f.message for f in verdict.findings if f.rule == "detachering_max_duur")
        assert "inclusief leerwerkperiode" in message and "maximum is 23" in message
        assert "23 maanden en 1 dag" in message


def test_detachering_message_names_the_months(scenario, judge):
    verdict = judge(_detachering(scenario, "2026-07-01", "2028-01-31"))
    message = next(f.message for f in verdict.findings if f.rule == "detachering_max_duur")
    assert message.startswith("Detachering zou 25 maanden duren inclusief leerwerkperiode; maximum is 23")


@pytest.mark.parametrize(("end", "expected"), [("2027-12-31", "warning"), ("2028-01-01", "blocked")])
def test_detachering_alone(scenario, judge, end, expected):
    assert judge(_detachering(scenario, "2026-02-01", end, history=[])).verdict == expected


@pytest.mark.parametrize(("start", "last_allowed"), [("2026-07-31", "2027-11-30"), ("2026-08-01", "2028-06-30")])
def test_detachering_chain_counts_the_gap(scenario, judge, start, last_allowed):
    import datetime as dt

    over = (dt.date.fromisoformat(last_allowed) + dt.timedelta(days=1)).isoformat()
    assert judge(_detachering(scenario, start, last_allowed)).verdict == "warning"
    assert judge(_detachering(scenario, start, over)).verdict == "blocked"


def test_limits_do_not_apply_to_wsw(scenario, judge, rule_ids):
    verdict = judge(_detachering(scenario, "2026-07-01", "2029-12-31", wsw=True))
    assert verdict.verdict == "allowed", verdict.findings
    lwt = judge(scenario(candidate={"wsw": True}, proposal={"end": "2027-06-30"}))
    assert "leerwerktraject_max_duur" not in rule_ids(lwt)


def test_open_ended_detachering_warns_with_last_day(scenario, judge):
    verdict = judge(_detachering(scenario, "2026-07-01", None))
    finding = next(f for f in verdict.findings if f.rule == "detachering_max_duur")
    assert finding.severity == "warning" and "30-11-2027" in finding.message


@pytest.mark.parametrize(("end", "expected"), [("2026-06-30", "allowed"), ("2026-07-01", "blocked")])
def test_extend_replaces_the_history_entry(scenario, judge, end, expected):
    history = [{"kind": "leerwerktraject", "start": "2026-01-01", "end": "2026-03-31"}]
    data = scenario(date="2026-03-20", history=history, proposal={"action": "extend", "end": end})
    assert judge(data).verdict == expected


def test_extend_without_history_entry_is_a_usage_error(scenario, judge):
    history = [{"kind": "leerwerktraject", "start": "2026-01-02", "end": "2026-03-31"}]
    with pytest.raises(UsageError, match="verlenging"):
        judge(scenario(history=history, proposal={"action": "extend"}))


def test_ending_an_overrun_is_reported_not_refused(scenario, judge):
    history = [{"kind": "leerwerktraject", "start": "2026-01-01", "end": None}]
    verdict = judge(scenario(date="2026-08-01", history=history, proposal={"action": "end", "end": "2026-07-31"}))
    assert verdict.verdict == "warning"
    assert "block" not in {f.severity for f in verdict.findings}


@pytest.mark.parametrize("municipality", ["Wassenaar", "Roosendaal"])
@pytest.mark.parametrize(("end", "expected"), [("2026-12-31", "allowed"), ("2027-01-01", "blocked")])
def test_bbz_at_most_twelve_months(scenario, judge, municipality, end, expected):
    data = scenario(municipality=municipality, proposal={"kind": "bbz", "start": "2026-01-01", "end": end,
                                                         "provider": None, "vacancy_kind": None})
    assert judge(data).verdict == expected
