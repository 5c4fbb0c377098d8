"""Ranking on small hand-made cases where the right order is obvious, through the service."""

import datetime as dt

import numpy as np
import pytest

from matchdesk.errors import NotFound
from matchdesk.matching.engine import Filters


def order(ranking):
    return [r["candidate"] for r in ranking.results]


def test_forklift_driver_with_b1_above_cleaner_with_a1(levels, service, add_vacancy, add_candidate, today):
    add_vacancy("V1", "Heftruckchauffeur", required=["heftruck", "laden en lossen"],
                language={"spreken": "A2", "luisteren": "A2"})
    cleaner = add_candidate(["schoonmaken", "sanitair reinigen"], levels(all="A1"), wishes="schoonmaakwerk")
    driver = add_candidate(["heftruckcertificaat", "laden en lossen"], levels(all="B1"))
    ranking = service.rank_for_vacancy("V1", today)
    assert order(ranking) == [driver, cleaner]
    gaps = ranking.results[1]["language_gaps"]
    assert {"skill": "spreken", "level": "A1", "required": "A2", "short_by": 1} in gaps
    assert "spreken: A1, vereist A2" in ranking.results[1]["explanation"]


def test_far_candidate_ranks_below_an_equal_one_nearby(service, add_vacancy, add_candidate, today):
    add_vacancy("V1", required=["heftruck"])
    far = add_candidate(["heftruck"], woonplaats="Amsterdam", municipality="Roosendaal", max_travel_km=10)
    near = add_candidate(["heftruck"], woonplaats="Nispen", max_travel_km=10)
    ranking = service.rank_for_vacancy("V1", today)
    assert order(ranking) == [near, far]
    assert ranking.results[1]["distance_km"] > 60


def test_knocked_out_result_keeps_its_score_and_comes_last(service, add_vacancy, add_candidate, today):
    add_vacancy("G1", kind="garantiebaan", required=["heftruck"])
    strong = add_candidate(["heftruck"], banenafspraak=False)
    weaker = add_candidate(["kassawerk"], banenafspraak=True)
    ranking = service.rank_for_vacancy("G1", today)
    assert order(ranking) == [weaker, strong]
    last = ranking.results[-1]
    assert not last["eligible"] and last["knockouts"][0]["rule"] == "garantiebaan_register"
    assert last["score"] > ranking.results[0]["score"]
    assert "Knock-out" in last["explanation"]


def test_unknown_sits_between_known_meets_and_known_misses(levels, service, add_vacancy, add_candidate, today):
    """An unknown never ranks above an otherwise identical candidate who meets, nor below one who misses."""
    add_vacancy("V1", required=["heftruck"], language={"spreken": "B1"}, driving_licence="B")
    meets = add_candidate(["heftruck"], levels(all="B1"))
    unknown = add_candidate(["heftruck"], levels(all="B1", spreken=None))
    short = add_candidate(["heftruck"], levels(all="B1", spreken="A2"))
    ranking = service.rank_for_vacancy("V1", today)
    assert order(ranking) == [meets, unknown, short]
    scores = [r["score"] for r in ranking.results]
    assert scores[0] >= scores[1] >= scores[2]
    middle = ranking.results[1]
    assert middle["unknown"] == ["language"]
    assert "Vraag bij het volgende contact: taalniveau spreken" in middle["explanation"]


@pytest.mark.parametrize("field,meets,unknown,misses", [
    ("max_travel_km", 30, None, 1),
    ("hours_per_week", 38, None, 12),
    ("driving_licences", "B", "", "AM"),
])
def test_unknown_between_for_other_components(service, add_vacancy, add_candidate, today, field, meets, unknown,
                                              misses):
    add_vacancy("V1", required=["heftruck"], driving_licence="B", hours_per_week=38, place="Bergen op Zoom")
    ids = [add_candidate(["heftruck"], **{field: value}) for value in (meets, unknown, misses)]
    ranking = service.rank_for_vacancy("V1", today, top=0)
    by_id = {r["candidate"]: r for r in ranking.results}
    assert by_id[ids[0]]["score"] >= by_id[ids[1]]["score"] >= by_id[ids[2]]["score"]
    assert order(ranking) == ids


def test_filters_and_top(service, add_vacancy, add_candidate, today):
    add_vacancy("V1", required=["heftruck"])
    a = add_candidate(["heftruck"], doelgroep="B", categorie="1B")
    b = add_candidate(["heftruck"], municipality="Bergen op Zoom", woonplaats="Bergen op Zoom")
    c = add_candidate(["heftruck"], available_from=today + dt.timedelta(days=30))
    assert order(service.rank_for_vacancy("V1", today, Filters(doelgroep="B"))) == [a]
    assert order(service.rank_for_vacancy("V1", today, Filters(municipality="bergen op zoom"))) == [b]
    assert c not in order(service.rank_for_vacancy("V1", today, Filters(available_now=True)))
    assert len(service.rank_for_vacancy("V1", today, top=2).results) == 2
    assert service.rank_for_vacancy("V1", today, top=2).total == 3
    assert service.rank_for_vacancy("V1", today, Filters(min_score=101)).total == 0


def test_unknown_reference_is_not_found(service, today):
    with pytest.raises(NotFound):
        service.rank_for_vacancy("BESTAATNIET", today)
    with pytest.raises(NotFound):
        service.rank_for_candidate("0", today)


def test_vacancies_for_a_candidate(service, add_vacancy, add_candidate, today):
    add_vacancy("V1", "Heftruckchauffeur", required=["heftruck"])
    add_vacancy("V2", "Kassamedewerker", required=["kassawerk"])
    add_vacancy("L1", "Leerwerkplek heftruckchauffeur", required=["heftruck"], kind="leerwerkplek")
    who = add_candidate(["heftruck"], doelgroep="A")
    ranking = service.rank_for_candidate(who, today)
    refs = [r["vacancy"] for r in ranking.results]
    assert refs[0] == "V1" and refs[-1] == "L1"  # doelgroep A: the leerwerkplek is a knock-out, listed last
    assert not ranking.results[-1]["eligible"]
    assert order_kind(service.rank_for_candidate(who, today, Filters(kind="leerwerkplek"))) == ["L1"]


def order_kind(ranking):
    return [r["vacancy"] for r in ranking.results]


def test_index_sees_changes_made_elsewhere(service, add_vacancy, add_candidate, db, today):
    """The long-running index applies only what changed since its high-water mark."""
    from matchdesk.services.candidates import SkillInput, delete_candidate, find_live, set_skills, update_candidate
    from matchdesk.vocabulary import load_vocabulary

    add_vacancy("V1", required=["heftruck"])
    first = add_candidate(["heftruck"])
    others = [add_candidate(["heftruck"]) for _ in range(3)]
    assert order(service.rank_for_vacancy("V1", today))[0] == first
    second = add_candidate(["heftruck"], klantnummer="0000001")
    assert order(service.rank_for_vacancy("V1", today))[0] == second
    index = service.engine.index
    with db.reading() as session:
        assert index.refresh(session) == 0  # nothing changed: nothing re-read
    with db.unit("collega") as session:
        candidate = find_live(session, first)
        set_skills(session, candidate, [SkillInput("kassawerk")], load_vocabulary())
    with db.reading() as session:
        # the changed candidate, plus at most the one written at the old high-water mark itself (>= is safe)
        assert 1 <= index.refresh(session) <= 2
    ranking = service.rank_for_vacancy("V1", today, top=0)
    assert order(ranking)[-1] == first and ranking.results[-1]["missing_skills"] == ["Heftruckcertificaat"]
    with db.unit("collega") as session:
        update_candidate(session, find_live(session, second).id, None, {"max_travel_km": 1,
                                                                        "woonplaats": "Amsterdam"}, today)
    assert order(service.rank_for_vacancy("V1", today, top=0))[-2] == second
    with db.unit("collega") as session:
        delete_candidate(session, find_live(session, second).id, None)
    assert set(order(service.rank_for_vacancy("V1", today, top=0))) == {first, *others}
    assert len(index) == 4


def test_vectorised_scores_equal_the_reference(levels, service, add_vacancy, add_candidate, today):
    add_vacancy("V1", required=["heftruck", "laden en lossen", "fietsen opknappen"], desired=["reachtruck"],
                language={"spreken": "B1", "lezen": "A2"}, driving_licence="C", hours_per_week=32,
                place="Bergen op Zoom")
    variants = [
        dict(skills=["heftruk"], language=levels(all="A2")),
        dict(skills=["pompwagen", "Fietsen opknappen"], language=levels(all="B2", lezen=None), driving_licences="CE"),
        dict(skills=[], language=levels(), max_travel_km=None, hours_per_week=None, driving_licences=""),
        dict(skills=["rijbewijs C", "reachtruck"], woonplaats="Nergenshuizen", wishes=""),
        dict(skills=["laden en lossen"], available_from=today + dt.timedelta(days=40), woonplaats="Amsterdam"),
    ]
    for values in variants:
        add_candidate(**values)
    engine = service.engine
    with service.db.reading() as session:
        from matchdesk.matching.profiles import vacancy_profile
        from matchdesk.services.vacancies import get_by_reference

        vacancy = vacancy_profile(get_by_reference(session, "V1", full=True), engine.resolver)
        engine.index.refresh(session)
        terms = engine.scorer.terms(vacancy, today)
        scores = engine.index.score(terms, today)
        ids = [engine.index.ids[r] for r in scores.rows]
        by_id = {p.id: p for p in engine.index.load_profiles(session, ids)}
    assert len(by_id) == 5
    for i, profile in enumerate(by_id[str(cid)] for cid in ids):
        reference = engine.scorer.score(profile, terms, today)
        assert np.isclose(scores.total[i], reference.total, atol=1e-4), profile.klantnummer
        for name, value in reference.values.items():
            assert np.isclose(scores.values[name][i], value, atol=1e-4), (profile.klantnummer, name)
            assert bool(scores.unknown[name][i]) == (name in reference.unknown), (profile.klantnummer, name)


def test_saved_index_is_reused_and_brought_up_to_date(db, add_vacancy, add_candidate, levels, today, tmp_path):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import MatchService

    add_vacancy("V1", required=["heftruck"])
    first = add_candidate(["heftruck"])
    service = MatchService(App(db, user="tester", today=today, rulebooks=load_rulebooks()), cache_dir=tmp_path)
    assert not service.from_cache
    assert order(service.rank_for_vacancy("V1", today)) == [first]
    service.close()
    saved = list(tmp_path.glob("index-*.idx"))
    assert len(saved) == 1 and (saved[0].stat().st_mode & 0o777) == 0o600
    second = add_candidate(["heftruck"], klantnummer="0000001")  # written while no process held the index
    again = MatchService(App(db, user="tester", today=today, rulebooks=load_rulebooks()), cache_dir=tmp_path)
    assert again.from_cache
    assert order(again.rank_for_vacancy("V1", today)) == [second, first]
    again.close()
    saved[0].write_bytes(b"kapot")
    broken = MatchService(App(db, user="tester", today=today, rulebooks=load_rulebooks()), cache_dir=tmp_path)
    assert not broken.from_cache and len(broken.rank_for_vacancy("V1", today).results) == 2
    broken.close()


def test_questions_for_the_next_contact(service, add_candidate, add_vacancy, levels, today):
    add_vacancy("V1", required=["heftruck"], language={"spreken": "B1"})
    who = add_candidate(["heftruck"], levels(all="B1", spreken=None, schrijven=None), max_travel_km=None,
                        woonplaats="Nergenshuizen")
    asks = service.questions_for(who)
    assert "taalniveau spreken, schrijven" in asks and "maximale reisafstand" in asks
    assert "woonplaats (niet gevonden)" in asks
    result = service.rank_for_vacancy("V1", today).results[0]
    assert result["questions"][0] == "taalniveau spreken"  # only what this vacancy needs


def test_the_windows_ranking_comes_with_names_and_is_frozen(db, add_vacancy, add_candidate, today):
    """``rank_named``: the use case behind Matchen; the names come from the use case, not from the window."""
    import dataclasses

    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import rank_named, result_names

    add_vacancy("V1", "Heftruckchauffeur", required=["heftruck"])
    who = add_candidate(["heftruck"], voornaam="Noël", tussenvoegsel="van den", achternaam="Berg")
    with App(db, user="tester", today=today, rulebooks=load_rulebooks()) as app:
        shown = rank_named(app, vacancy="V1")
        assert shown.direction == "candidates" and shown.vacancy == "V1" and not shown.typed
        assert shown.key(0) == who and shown.names[who] == "Berg, Noël van den"
        with pytest.raises(dataclasses.FrozenInstanceError):
            shown.total = 0  # type: ignore[misc]
        typed = rank_named(app, fields={"titel": "Heftruck", "vereiste_vaardigheden": "heftruck"})
        assert typed.typed and typed.vacancy is None and typed.key(0) == who
        back = rank_named(app, candidate=who)
        assert back.direction == "vacancies" and back.vacancy is None and back.names == {"V1": "Heftruckchauffeur"}
        assert result_names(app, "candidates", []) == {}
