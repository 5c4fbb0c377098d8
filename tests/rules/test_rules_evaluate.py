"""One test per evaluation rule, each on both sides of its condition."""

from __future__ import annotations

import datetime as dt

import pytest

from matchdesk.domain import Doelgroep, TrajectoryKind
from matchdesk.rules.evaluate import evaluate
from matchdesk.rules.facts import CandidateFacts, Finding, ProposedAction, TrajectoryFacts, Verdict


@pytest.mark.parametrize(("doelgroep", "taal", "expected"), [
    ("B", False, "allowed"), ("A", True, "warning"), ("A", False, "blocked"), ("C", False, "blocked"),
    ("C", True, "blocked"), (None, False, "blocked"),
])
def test_leerwerktraject_doelgroep(scenario, judge, rule_ids, doelgroep, taal, expected):
    verdict = judge(scenario(candidate={"doelgroep": doelgroep, "taalachterstand": taal}))
    assert verdict.verdict == expected
    assert ("doelgroep_leerwerktraject" in rule_ids(verdict)) == (expected != "allowed")


def test_same_leerwerktraject_without_doelgroep_roosendaal_blocked_wassenaar_not(scenario, judge):
    candidate = {"doelgroep": None, "categorie": "1B"}
    roosendaal = judge(scenario(candidate=candidate))
    wassenaar = judge(scenario(candidate=candidate, municipality="Wassenaar"))
    assert roosendaal.verdict == "blocked"
    assert wassenaar.verdict == "allowed", wassenaar.findings


def test_motivation_never_lifts_a_block(scenario, judge):
    data = scenario(candidate={"doelgroep": "C"}, proposal={"motivation": "Kandidaat wil graag"})
    assert judge(data).verdict == "blocked"


def test_motivation_is_asked_for_a_warning(scenario, judge):
    without = judge(scenario(candidate={"doelgroep": "A", "taalachterstand": True}))
    with_it = judge(scenario(candidate={"doelgroep": "A", "taalachterstand": True},
                             proposal={"motivation": "statushouder, alleen taal"}))
    assert without.verdict == with_it.verdict == "warning"
    assert "motivatie ontbreekt" in without.findings[0].message
    assert "motivatie ontbreekt" not in with_it.findings[0].message


@pytest.mark.parametrize(("kind", "warned"), [
    ("detachering", True), ("proefplaatsing", True), ("participatie", True), ("regulier", False),
    ("regulier_lks", False), ("leerwerktraject", False), ("beschut", False),
])
def test_order_of_preference(scenario, judge, rule_ids, kind, warned):
    data = scenario(candidate={"beschut_indicatie": True},
                    proposal={"kind": kind, "provider": "werkgever", "vacancy_kind": None})
    verdict = judge(data)
    assert ("voorkeursvolgorde" in rule_ids(verdict, "warning")) == warned
    if warned:
        assert any("Regulier werk gaat voor; leg vast waarom dat nu niet kan" in f.message for f in verdict.findings)


@pytest.mark.parametrize(("kind", "wsw", "expected"), [
    ("regulier", False, "blocked"), ("regulier_lks", False, "blocked"), ("regulier", True, "allowed"),
])
def test_leerwerkbedrijf_is_no_regular_employer(scenario, judge, kind, wsw, expected):
    verdict = judge(scenario(candidate={"wsw": wsw}, proposal={"kind": kind, "vacancy_kind": "regulier"}))
    assert verdict.verdict == expected
    if expected == "blocked":
        assert "het leerwerkbedrijf is geen reguliere werkgever" in verdict.findings[0].message.lower()


def test_regular_work_at_an_employer_is_allowed(scenario, judge):
    data = scenario(proposal={"kind": "regulier", "provider": "werkgever", "vacancy_kind": "regulier"})
    assert judge(data).verdict == "allowed"


@pytest.mark.parametrize(("register", "expected"), [(False, "blocked"), (True, "allowed")])
def test_garantiebaan_needs_register(scenario, judge, register, expected):
    data = scenario(candidate={"banenafspraak": register},
                    proposal={"kind": "regulier_lks", "provider": "werkgever", "vacancy_kind": "garantiebaan"})
    assert judge(data).verdict == expected


@pytest.mark.parametrize(("indicatie", "wsw", "expected"), [
    (False, False, "blocked"), (True, False, "allowed"), (False, True, "allowed"),
])
def test_beschut_needs_indicatie(scenario, judge, indicatie, wsw, expected):
    data = scenario(candidate={"beschut_indicatie": indicatie, "wsw": wsw},
                    proposal={"kind": "beschut", "vacancy_kind": "beschut"})
    assert judge(data).verdict == expected


@pytest.mark.parametrize(("until", "kind", "expected"), [
    ("2026-01-01", "leerwerktraject", "blocked"),  # running on the start day
    ("2025-12-31", "leerwerktraject", "allowed"),  # ended the day before
    ("2026-06-30", "taaltraject", "warning"),  # voluntary step beside it
])
def test_running_ontheffing(scenario, judge, until, kind, expected):
    data = scenario(candidate={"ontheffing_until": until}, proposal={"kind": kind})
    assert judge(data).verdict == expected


OVERLAP_HISTORY = [{"kind": "leerwerktraject", "start": "2025-10-01", "end": "2026-01-15"}]


@pytest.mark.parametrize(("kind", "start", "expected"), [
    ("proefplaatsing", "2026-01-15", "blocked"),  # shares the last day
    ("taaltraject", "2026-01-01", "allowed"),
    ("scholing", "2026-01-01", "allowed"),
])
def test_overlap(scenario, judge, kind, start, expected):
    data = scenario(date=start, candidate={"doelgroep": "C"}, history=OVERLAP_HISTORY,
                    proposal={"kind": kind, "start": start, "end": "2026-03-31", "vacancy_kind": None})
    assert judge(data).verdict == expected


def test_no_overlap_the_day_after(scenario, judge, rule_ids):
    data = scenario(date="2026-01-16", history=OVERLAP_HISTORY,
                    proposal={"kind": "proefplaatsing", "start": "2026-01-16", "end": "2026-03-31"})
    assert "overlap" not in rule_ids(judge(data))


@pytest.mark.parametrize(("location", "expected"), [("intern", "warning"), ("werkgever", "allowed"), (None, "allowed")])
def test_leerwerktraject_inside_the_walls(scenario, judge, location, expected):
    proposal = {} if location is None else {"location": location}
    assert judge(scenario(proposal=proposal)).verdict == expected


def test_recording_after_the_fact_is_only_info(scenario, judge):
    verdict = judge(scenario(date="2026-03-01"))
    assert verdict.verdict == "allowed"
    assert [f.severity for f in verdict.findings] == ["info"]
    assert verdict.findings[0].rule == "achteraf_vastgelegd"


def test_end_before_start_is_blocked(scenario, judge):
    verdict = judge(scenario(proposal={"end": "2025-12-31"}))
    assert verdict.verdict == "blocked" and verdict.findings[0].rule == "einde_voor_start"


@pytest.mark.parametrize(("categorie", "expected"), [("3B", "warning"), ("3A", "allowed")])
def test_wassenaar_categorie_3b_passive_service(scenario, judge, categorie, expected):
    data = scenario(municipality="Wassenaar", candidate={"doelgroep": None, "categorie": categorie},
                    proposal={"kind": "regulier", "provider": "werkgever", "vacancy_kind": "regulier"})
    assert judge(data).verdict == expected


def test_wassenaar_has_no_wvs_rules(scenario, judge):
    data = scenario(municipality="Wassenaar", candidate={"doelgroep": "C"},
                    proposal={"kind": "detachering", "end": "2029-12-31", "location": "intern"})
    assert judge(data).verdict == "allowed"


def test_verdict_from_findings_and_json_shape():
    info, warn, block = (Finding("r", s, "m") for s in ("info", "warning", "block"))
    assert Verdict.from_findings([info]).verdict == "allowed"
    assert Verdict.from_findings([info, warn]).verdict == "warning"
    assert Verdict.from_findings([warn, block, info]).verdict == "blocked"
    assert Verdict.from_findings([warn]).to_json() == {
        "verdict": "warning", "findings": [{"rule": "r", "severity": "warning", "message": "m"}]}


def test_evaluate_directly_with_facts(shipped_rulebooks):
    rulebook = shipped_rulebooks.for_municipality("bergen op zoom", dt.date(2026, 7, 1))
    candidate = CandidateFacts("Bergen op Zoom", Doelgroep.B, None, None)
    history = [TrajectoryFacts(TrajectoryKind.LEERWERKTRAJECT, dt.date(2026, 1, 1), dt.date(2026, 6, 30))]
    proposal = ProposedAction("start", TrajectoryKind.DETACHERING, dt.date(2026, 7, 1), dt.date(2027, 12, 31),
                              None, None, None)
    verdict = evaluate(candidate, history, proposal, rulebook, dt.date(2026, 7, 1))
    assert verdict.verdict == "blocked"
    assert history[0].end == dt.date(2026, 6, 30)  # the caller's history is not changed
