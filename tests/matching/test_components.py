"""Each score component on its own, on plain profiles (no database)."""

import dataclasses
import datetime as dt

import pytest

from matchdesk.domain import LanguageSkill, VacancyKind
from matchdesk.matching.engine import MatchEngine
from matchdesk.matching.profiles import LANGUAGE_SKILLS, CandidateProfile, VacancyProfile
from matchdesk.matching.weights import load_weights
from matchdesk.rules.facts import CandidateFacts
from matchdesk.rules.rulebook import load_rulebooks

TODAY = dt.date(2026, 11, 23)
RANK = {"A0": 0, "A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}


@pytest.fixture(scope="module")
def engine():
    return MatchEngine(load_weights("wvs"), load_rulebooks())


def person(engine, skills=("Heftruckcertificaat",), level="B1", **values):
    resolve = engine.resolver.resolve
    base = dict(id="00000000-0000-0000-0000-000000000001", klantnummer="1", municipality="Roosendaal",
                woonplaats="Roosendaal", skills=tuple(resolve(s) for s in skills),
                languages=tuple(RANK[level] if level else None for _ in LANGUAGE_SKILLS),
                licences=frozenset({"B"}), licences_known=True, max_travel_km=20, hours_per_week=38,
                available_from=TODAY, wishes="heftruckchauffeur", desired_occupations=(),
                facts=CandidateFacts("Roosendaal", "A", "1A", None))
    base.update(values)
    return CandidateProfile(**base)


def job(engine, required=("heftruck",), language=None, **values):
    resolve = engine.resolver.resolve
    base = dict(reference="V1", title="Heftruckchauffeur", kind=VacancyKind.REGULIER, place="Roosendaal",
                required=tuple(resolve(s) for s in required), desired=(),
                languages={LanguageSkill(k): RANK[v]
                           for k, v in (language if language is not None else {"spreken": "A2"}).items()},
                hours_per_week=38, start_date=TODAY)
    base.update(values)
    return VacancyProfile(**base)


def score(engine, c, v):
    return engine.scorer.score(c, engine.scorer.terms(v, TODAY), TODAY)


def test_required_skills_exact_related_and_missing(engine):
    v = job(engine, required=("heftruck", "reachtruck"))
    assert score(engine, person(engine, skills=("heftruck", "reachtruck")), v).values["required_skills"] == 1.0
    related = score(engine, person(engine, skills=("heftruck", "pompwagen")), v)
    assert 0.5 < related.values["required_skills"] < 1.0
    assert any(m["via"] == "related" for m in related.matched)
    missing = score(engine, person(engine, skills=("kassawerk",)), v)
    assert missing.values["required_skills"] == 0.0 and set(missing.missing) == {"Heftruckcertificaat",
                                                                                   "Reachtruckcertificaat"}


def test_no_skills_recorded_is_unknown_not_zero(engine):
    result = score(engine, person(engine, skills=(), licences=frozenset(), licences_known=False), job(engine))
    assert "required_skills" in result.unknown
    assert 0 < result.values["required_skills"] < 1


def test_unresolved_vacancy_skill_is_compared_as_text(engine):
    v = job(engine, required=("tweedehands fietsen opknappen",))
    result = score(engine, person(engine, skills=("Tweedehands fietsen opknappen",)), v)
    assert result.values["required_skills"] == 1.0


@pytest.mark.parametrize("level,expected_order", [("B1", 0), ("A2", 0), ("A1", 1), ("A0", 2)])
def test_language_one_level_short_costs_less_than_two(engine, level, expected_order):
    v = job(engine, language={"spreken": "A2"})
    values = {lv: score(engine, person(engine, level=lv), v).values["language"] for lv in ("A2", "A1", "A0")}
    assert values["A2"] > values["A1"] > values["A0"]
    result = score(engine, person(engine, level=level), v)
    if expected_order:
        assert result.language_gaps == [{"skill": "spreken", "level": level, "required": "A2",
                                         "short_by": expected_order}]


def test_no_language_minimum_means_no_gap(engine):
    result = score(engine, person(engine, level="A0"), job(engine, language={}))
    assert result.values["language"] == 1.0 and not result.language_gaps


def test_taalondersteuning_accepts_one_level_below_on_a_leerwerkplek(engine):
    c = person(engine, level="A1")
    plain = job(engine, kind=VacancyKind.LEERWERKPLEK)
    supported = dataclasses.replace(plain, taalondersteuning=True)
    assert score(engine, c, plain).values["language"] < 1.0
    result = engine.explain(c, engine.scorer.terms(supported, TODAY), TODAY)
    assert result["components"]["language"] == 20
    assert "taalondersteuning" in result["explanation"]


def test_travel_within_beyond_and_unknown(engine):
    v = job(engine)
    assert score(engine, person(engine, woonplaats="Nispen", max_travel_km=10), v).values["travel"] == 1.0
    far = score(engine, person(engine, woonplaats="Amsterdam", municipality="Amsterdam", max_travel_km=10), v)
    assert far.values["travel"] == 0.0 and far.distance_km > 60
    lost = score(engine, person(engine, woonplaats="Nergenshuizen"), v)
    assert "travel" in lost.unknown and lost.distance_km is None


def test_hours_start_and_licence(engine):
    v = job(engine, hours_per_week=38, driving_licence="C")
    assert score(engine, person(engine, hours_per_week=16), v).values["hours"] < 1.0
    later = person(engine, available_from=TODAY + dt.timedelta(days=45))
    assert 0 < score(engine, later, v).values["start_date"] < 1
    assert score(engine, person(engine, licences=frozenset({"B"})), v).values["driving_licence"] == 0.0
    assert score(engine, person(engine, licences=frozenset({"CE"})), v).values["driving_licence"] == 1.0


def test_a_licence_typed_as_a_skill_counts_for_the_licence(engine):
    v = job(engine, driving_licence="C")
    c = person(engine, skills=("rijbewijs C", "heftruck"), licences=frozenset())
    # as the profile builder does: licences typed as skills join the declared ones
    c = dataclasses.replace(c, licences=frozenset({"C"}), licences_known=True)
    assert score(engine, c, v).values["driving_licence"] == 1.0


def test_wishes_by_occupation_and_text(engine):
    v = job(engine)
    assert score(engine, person(engine, desired_occupations=("Heftruckchauffeur",)), v).values["wishes"] == 1.0
    assert score(engine, person(engine, wishes="werken in de zorg", desired_occupations=()), v).values["wishes"] < 0.5
    assert "wishes" in score(engine, person(engine, wishes="", desired_occupations=()), v).unknown


def test_improvements_only_acquirable_changes(engine):
    v = job(engine, required=("heftruck", "laden en lossen"), driving_licence="C")
    c = person(engine, skills=("laden en lossen",), level="A1", woonplaats="Bergen op Zoom", max_travel_km=5)
    result = engine.explain(c, engine.scorer.terms(v, TODAY), TODAY)
    assert result["improvements"]
    for item in result["improvements"]:
        assert item["score_after"] > result["score"]
        assert not any(word in item["change"] for word in ("woonplaats", "leeftijd", "uren", "km"))
    assert result["improvements"][0]["change"] == "met heftruckcertificaat"


def test_components_add_up_to_the_score(engine):
    result = engine.explain(person(engine, level="A1"), engine.scorer.terms(job(engine), TODAY), TODAY)
    assert abs(sum(result["components"].values()) - result["score"]) <= 1


@pytest.mark.parametrize("hours", [0, 16, None])
def test_the_index_scores_a_profiles_hours_as_the_reference_does(engine, hours):
    """A profile given whole keeps its hours: 0 is 0, not unknown (the index built from database columns
    turned every 0 into unknown, as a profile read from the database does, and scored 3 points too many)."""
    from matchdesk.matching.index import CandidateIndex

    candidate, vacancy = person(engine, hours_per_week=hours), job(engine, hours_per_week=38)
    terms = engine.scorer.terms(vacancy, TODAY)
    index = CandidateIndex(engine.scorer)
    index.add_profiles([candidate])
    index.flush()
    assert index.score(terms, TODAY).total.tolist() == pytest.approx([score(engine, candidate, vacancy).total])
