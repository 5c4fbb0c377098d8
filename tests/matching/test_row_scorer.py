"""Issue 16, item 3: the engine's vectorised score (``matching/scoring.py``: distances per distinct place, skill
credit as column products, per-value tables) gives the values of the reference components for varied candidates,
and exactly the values of the index's own score for every demo vacancy, over all rows and over a subset."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.conftest import TODAY


def test_row_scores_equal_the_reference_components(levels, service, add_vacancy, add_candidate, today):
    add_vacancy("V1", required=["heftruck", "laden en lossen", "fietsen opknappen"], desired=["reachtruck"],
                language={"spreken": "B1", "lezen": "A2"}, driving_licence="C", hours_per_week=32,
                place="Bergen op Zoom")
    for values in (
        dict(skills=["heftruk"], language=levels(all="A2")),
        dict(skills=["pompwagen", "Fietsen opknappen"], language=levels(all="B2", lezen=None), driving_licences="CE"),
        dict(skills=[], language=levels(), max_travel_km=None, hours_per_week=None, driving_licences=""),
        dict(skills=["rijbewijs C", "reachtruck"], woonplaats="Nergenshuizen", wishes=""),
        dict(skills=["laden en lossen"], available_from=today + dt.timedelta(days=40), woonplaats="Amsterdam"),
        dict(skills=["heftruck"], hours_per_week=12, max_travel_km=5, woonplaats="Roosendaal"),
    ):
        add_candidate(**values)
    engine = service.engine
    with service.db.reading() as session:
        from matchdesk.matching.profiles import vacancy_profile
        from matchdesk.services.vacancies import get_by_reference

        vacancy = vacancy_profile(get_by_reference(session, "V1", full=True), engine.resolver)
        engine.index.refresh(session)
        terms = engine.scorer.terms(vacancy, today)
        scores = engine.rows.score(engine.index, terms, today)
        ids = [engine.index.ids[r] for r in scores.rows]
        by_id = {p.id: p for p in engine.index.load_profiles(session, ids)}
    assert len(by_id) == 6
    for i, profile in enumerate(by_id[str(cid)] for cid in ids):
        reference = engine.scorer.score(profile, terms, today)
        assert np.isclose(scores.total[i], reference.total, atol=1e-9), profile.klantnummer
        assert (np.isnan(scores.distance[i]) if reference.distance_km is None
                else scores.distance[i] == pytest.approx(reference.distance_km)), profile.klantnummer
        for name, value in reference.values.items():
            assert np.isclose(scores.values[name][i], value, atol=1e-9), (profile.klantnummer, name)
            assert bool(scores.unknown[name][i]) == (name in reference.unknown), (profile.klantnummer, name)


def test_row_scores_are_the_index_scores_exactly_for_every_demo_vacancy(demo_db_path):
    from matchdesk.app import App

    app = App.open(demo_db_path, user="tester", today=TODAY)
    try:
        engine = app.matcher.engine
        index = engine.index
        if not hasattr(index, "score"):
            pytest.skip("the index keeps no score of its own to compare with")
        with app.reading() as session:
            index.refresh(session)
            vacancies = engine.open_vacancies(session)
        subset = np.flatnonzero(index.alive)[::3]
        for vacancy in vacancies:
            terms = engine.scorer.terms(vacancy, TODAY)
            for rows in (None, subset):
                old, new = index.score(terms, TODAY, rows), engine.rows.score(index, terms, TODAY, rows)
                assert np.array_equal(old.rows, new.rows)
                assert np.array_equal(old.total, new.total), vacancy.reference
                assert np.array_equal(old.distance, new.distance, equal_nan=True), vacancy.reference
                for name in old.values:
                    assert np.array_equal(old.values[name], new.values[name]), (vacancy.reference, name)
                    assert np.array_equal(old.unknown[name], new.unknown[name]), (vacancy.reference, name)
    finally:
        app.close()


def test_a_vacancy_without_candidates_ranks_nobody(service, add_vacancy, today):
    add_vacancy("V1", required=["heftruck", "onbekende vaardigheid xyz"], language={"spreken": "B1"},
                driving_licence="C", hours_per_week=32)
    ranking = service.rank_for_vacancy("V1", today, top=50)
    assert (ranking.total, ranking.keys, ranking.to_json()["results"]) == (0, [], [])
    assert service.rank_many(["V1"], today)["V1"].total == 0
