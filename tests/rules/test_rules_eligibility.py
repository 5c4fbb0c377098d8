"""The knock-out interface of the matching engine."""

from __future__ import annotations

import datetime as dt

import pytest

from matchdesk.domain import Categorie, Doelgroep, VacancyKind
from matchdesk.rules.eligibility import eligibility
from matchdesk.rules.facts import CandidateFacts

ON = dt.date(2026, 3, 1)


def _candidate(**values) -> CandidateFacts:
    base = {"municipality": "Roosendaal", "doelgroep": Doelgroep.B, "categorie": None, "birth_date": None}
    return CandidateFacts(**{**base, **values})


@pytest.mark.parametrize(("values", "kind", "severities"), [
    ({}, VacancyKind.REGULIER, set()),
    ({}, VacancyKind.GARANTIEBAAN, {"block"}),
    ({"banenafspraak": True}, VacancyKind.GARANTIEBAAN, set()),
    ({}, VacancyKind.BESCHUT, {"block"}),
    ({"beschut_indicatie": True}, VacancyKind.BESCHUT, set()),
    ({"ontheffing_until": ON}, VacancyKind.REGULIER, {"block"}),
    ({"ontheffing_until": ON - dt.timedelta(days=1)}, VacancyKind.REGULIER, set()),
    ({}, VacancyKind.LEERWERKPLEK, set()),
    ({"doelgroep": Doelgroep.A, "taalachterstand": True}, VacancyKind.LEERWERKPLEK, {"warning"}),
    ({"doelgroep": Doelgroep.A}, VacancyKind.LEERWERKPLEK, {"block"}),
    ({"doelgroep": Doelgroep.C}, VacancyKind.LEERWERKPLEK, {"block"}),
    ({"doelgroep": None}, VacancyKind.LEERWERKPLEK, {"block"}),
    ({"doelgroep": Doelgroep.A}, VacancyKind.REGULIER, set()),
])
def test_eligibility_wvs(shipped_rulebooks, values, kind, severities):
    rulebook = shipped_rulebooks.for_municipality("Roosendaal", ON)
    findings = eligibility(_candidate(**values), kind, ON, rulebook)
    assert {f.severity for f in findings} == severities


def test_eligibility_wassenaar_uses_categorie(shipped_rulebooks):
    rulebook = shipped_rulebooks.for_municipality("Wassenaar", ON)
    plain = _candidate(municipality="Wassenaar", doelgroep=None, categorie=Categorie.C1B)
    assert eligibility(plain, VacancyKind.LEERWERKPLEK, ON, rulebook) == []
    passive = _candidate(municipality="Wassenaar", doelgroep=None, categorie=Categorie.C3B)
    assert [f.severity for f in eligibility(passive, VacancyKind.REGULIER, ON, rulebook)] == ["warning"]
