"""A required driving licence on plain profiles: the licence field and a required "Rijbewijs CE" skill are one
requirement; the explanation says held, unknown or missing once, and a known missing licence knocks out."""

import dataclasses
import datetime as dt

import pytest

from matchdesk.matching.engine import MatchEngine
from matchdesk.matching.weights import load_weights
from matchdesk.rules.rulebook import load_rulebooks
from tests.matching.test_components import job, person

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def engine():
    return MatchEngine(load_weights("wvs"), load_rulebooks())


def explain(engine, candidate, vacancy):
    return engine.explain(candidate, engine.scorer.terms(vacancy, TODAY), TODAY)


def as_field(engine):
    return job(engine, required=("heftruck",), driving_licence="CE")


def as_skill(engine):
    return job(engine, required=("heftruck", "Rijbewijs CE"))


@pytest.mark.parametrize("held,known", [({"CE"}, True), ({"C"}, True), (set(), True), (set(), False)])
def test_a_licence_skill_and_the_licence_field_are_one_requirement(engine, held, known):
    c = person(engine, licences=frozenset(held), licences_known=known)
    by_field, by_skill = explain(engine, c, as_field(engine)), explain(engine, c, as_skill(engine))
    assert by_field["explanation"].replace("V1", "") == by_skill["explanation"].replace("V1", "")
    assert (by_field["score"], by_field["eligible"], by_field["knockouts"]) == \
        (by_skill["score"], by_skill["eligible"], by_skill["knockouts"])
    assert engine.scorer.terms(as_skill(engine), TODAY).licences == {"CE"}


def test_held_licence_is_present_once_and_eligible(engine):
    result = explain(engine, person(engine, licences=frozenset({"CE"})), as_skill(engine))
    assert "Rijbewijs CE: aanwezig." in result["explanation"].splitlines()
    assert "rijbewijs" not in (result["explanation"].split("Ontbreekt (vereist):") + [""])[1].split("\n")[0].lower()
    assert result["eligible"] and "driving_licence" not in result["unknown"]


@pytest.mark.parametrize("held", [{"C"}, set(), {"B", "95"}])
def test_a_known_missing_licence_is_missing_and_knocks_out(engine, held):
    result = explain(engine, person(engine, licences=frozenset(held), licences_known=True), as_field(engine))
    lines = result["explanation"].splitlines()
    assert "Ontbreekt (vereist): rijbewijs CE." in lines
    assert result["knockouts"] == [{"rule": "rijbewijs", "message": "Rijbewijs CE is vereist; de kandidaat heeft "
                                                                    "het niet"}]
    assert not result["eligible"] and "Knock-out: Rijbewijs CE is vereist; de kandidaat heeft het niet." in lines
    assert not [line for line in lines if "aanwezig" in line or line.startswith("Onbekend: rijbewijs")]
    assert "rijbewijs CE" in result["missing_skills"]
    assert any(i["change"] == "met rijbewijs CE" for i in result["improvements"])


def test_an_unknown_licence_is_unknown_once_and_no_knockout(engine):
    result = explain(engine, person(engine, licences=frozenset(), licences_known=False), as_skill(engine))
    text = result["explanation"]
    assert "Rijbewijs CE: onbekend." in text.splitlines()
    assert "welke rijbewijzen de kandidaat heeft" in text
    assert result["eligible"] and not result["knockouts"] and "rijbewijs CE" not in result["missing_skills"]


def test_what_a_licence_includes_counts(engine):
    c_job = job(engine, driving_licence="C")
    assert explain(engine, person(engine, licences=frozenset({"CE"})), c_job)["eligible"]
    assert not explain(engine, person(engine, licences=frozenset({"C1"})), c_job)["eligible"]
    b_job = job(engine, driving_licence="B")
    assert explain(engine, person(engine, licences=frozenset({"DE"})), b_job)["eligible"]


def test_a_related_licence_earns_no_credit_for_a_desired_one(engine):
    v = dataclasses.replace(job(engine), desired=(engine.resolver.resolve("Rijbewijs C"),))
    c1 = engine.scorer.score(person(engine, licences=frozenset({"C1"})), engine.scorer.terms(v, TODAY), TODAY)
    assert c1.values["desired_skills"] == 0.0 and c1.missing_desired == ["Rijbewijs C (vrachtwagen)"]
    ce = engine.scorer.score(person(engine, licences=frozenset({"CE"})), engine.scorer.terms(v, TODAY), TODAY)
    assert ce.values["desired_skills"] == 1.0
