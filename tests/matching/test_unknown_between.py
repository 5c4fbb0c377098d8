"""An unknown never ranks above an otherwise identical candidate known to meet the requirement, nor below
one known to miss it: for every component, on random vacancies and candidates, in the reference and
the vectorised scorer alike."""

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchdesk.domain import LanguageSkill, VacancyKind
from matchdesk.matching.engine import MatchEngine
from matchdesk.matching.index import CandidateIndex
from matchdesk.matching.profiles import LANGUAGE_SKILLS, CandidateProfile, VacancyProfile
from matchdesk.matching.weights import COMPONENTS, load_weights
from matchdesk.occupations import load_occupations
from matchdesk.rules.facts import CandidateFacts
from matchdesk.rules.rulebook import load_rulebooks

TODAY = dt.date(2026, 11, 23)
OCCUPATIONS = sorted(load_occupations().values(), key=lambda o: o.id)
RANK = {"A0": 0, "A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}


@pytest.fixture(scope="module")
def engine():
    return MatchEngine(load_weights("wvs"), load_rulebooks())


def vacancy_for(engine, occupation, hours, licence):
    resolve = engine.resolver.resolve
    label = lambda sid: engine.resolver.skill(sid).label  # noqa: E731
    return VacancyProfile(
        reference="V", title=occupation.label, kind=VacancyKind.REGULIER, place="Roosendaal",
        required=tuple(resolve(label(s)) for s in occupation.required if not engine.resolver.skill(s).licence),
        desired=tuple(resolve(label(s)) for s in occupation.desired),
        languages={LanguageSkill(k): RANK[v] for k, v in occupation.language.items()},
        driving_licence=licence, hours_per_week=hours, start_date=TODAY)


def base_candidate(engine, vacancy, data):
    skills = tuple(r for r in (*vacancy.required, *vacancy.desired) if data.draw(st.booleans()))
    levels = tuple(data.draw(st.one_of(st.none(), st.integers(0, 6))) for _ in LANGUAGE_SKILLS)
    return CandidateProfile(
        id="00000000-0000-0000-0000-00000000000a", klantnummer="K", municipality="Roosendaal",
        woonplaats=data.draw(st.sampled_from(["Roosendaal", "Nispen", "Bergen op Zoom", "Breda", "Nergenshuizen"])),
        skills=skills or vacancy.required[:1], languages=levels,
        licences=frozenset(data.draw(st.sampled_from([(), ("B",), ("C",)]))),
        licences_known=True, max_travel_km=data.draw(st.one_of(st.none(), st.integers(0, 60))),
        hours_per_week=data.draw(st.one_of(st.none(), st.integers(8, 40))),
        available_from=data.draw(st.one_of(st.none(), st.dates(TODAY - dt.timedelta(days=90),
                                                               TODAY + dt.timedelta(days=120)))),
        wishes=data.draw(st.sampled_from(["", "werken in de zorg", "magazijn"])), desired_occupations=(),
        facts=CandidateFacts("Roosendaal", "A", "1A", None))


def variants(engine, component, c, v, data):
    """(meets, unknown, misses) versions of ``c`` that differ only in what ``component`` judges."""
    r = dataclasses.replace
    if component in ("required_skills", "desired_skills"):
        wanted = v.required if component == "required_skills" else v.desired
        if not wanted:
            return None
        groups = {engine.resolver.skill(x.skill_id).group for x in (*v.required, *v.desired) if x.skill_id}
        other = next(engine.resolver.resolve(s.label) for s in engine.resolver.vocabulary.skills.values()
                     if s.group not in groups and not s.licence)
        kept = tuple(x for x in (v.required if component == "desired_skills" else v.desired))
        no_licence = dict(licences=frozenset(), licences_known=False)
        if component == "required_skills":
            return (r(c, skills=(*v.required, *v.desired), **no_licence), r(c, skills=(), **no_licence),
                    r(c, skills=(other,), **no_licence))
        return (r(c, skills=(*kept, *v.desired)), None, r(c, skills=(*kept, other)))
    if component == "language":
        if not v.languages:
            return None
        skill = data.draw(st.sampled_from(sorted(v.languages)))
        required = v.languages[skill]
        if required == 0:
            return None
        i = list(LANGUAGE_SKILLS).index(skill)
        with_level = lambda level: r(c, languages=c.languages[:i] + (level,) + c.languages[i + 1:])  # noqa: E731
        return with_level(required), with_level(None), with_level(required - data.draw(st.integers(1, required)))
    if component == "travel":
        far = r(c, woonplaats="Nispen")
        return r(far, max_travel_km=300), r(far, max_travel_km=None), r(far, max_travel_km=data.draw(st.integers(0, 3)))
    if component == "hours":
        off = data.draw(st.sampled_from([-20, -10, 10, 20]))
        return (r(c, hours_per_week=v.hours_per_week), r(c, hours_per_week=None),
                r(c, hours_per_week=max(0, v.hours_per_week + off)))
    if component == "start_date":
        late = TODAY + dt.timedelta(days=data.draw(st.integers(15, 400)))
        return r(c, available_from=TODAY), r(c, available_from=None), r(c, available_from=late)
    if component == "driving_licence":
        if not v.driving_licence:
            return None
        return (r(c, licences=frozenset({v.driving_licence}), licences_known=True),
                r(c, licences=frozenset(), licences_known=False),
                r(c, licences=frozenset({"AM"}), licences_known=True))
    if component == "wishes":
        other = data.draw(st.sampled_from([o for o in OCCUPATIONS if o.sector != "logistiek"]))
        return (r(c, wishes="", desired_occupations=(v.title,)), r(c, wishes="", desired_occupations=()),
                r(c, wishes="wil iets anders", desired_occupations=(other.label,)))
    raise AssertionError(component)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_unknown_sits_strictly_between_meets_and_misses(engine, data):
    occupation = data.draw(st.sampled_from([o for o in OCCUPATIONS if o.sector == "logistiek"]))
    v = vacancy_for(engine, occupation, data.draw(st.integers(16, 40)), data.draw(st.sampled_from([None, "B", "C"])))
    c = base_candidate(engine, v, data)
    component = data.draw(st.sampled_from(COMPONENTS))
    trio = variants(engine, component, c, v, data)
    if trio is None:
        return
    trio = [p for p in trio if p is not None]
    trio = [dataclasses.replace(p, id=f"00000000-0000-0000-0000-00000000000{i}", klantnummer=f"K{i}")
            for i, p in enumerate(trio)]
    terms = engine.scorer.terms(v, TODAY)
    reference = [engine.scorer.score(p, terms, TODAY) for p in trio]
    totals = [s.total for s in reference]
    assert all(a > b for a, b in zip(totals, totals[1:], strict=False)), (component, totals)
    if len(trio) == 3:
        assert component in reference[1].unknown
    index = CandidateIndex(engine.scorer)
    index.add_profiles(trio)
    index.flush()
    vector = index.score(terms, TODAY)
    assert vector.total.tolist() == pytest.approx(totals, abs=1e-4)
