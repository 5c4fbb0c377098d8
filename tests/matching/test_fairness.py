"""Protected attributes never change points or order (Hypothesis varies each of them, null included)."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchdesk.services.candidates import find_live, update_candidate

protected = st.fixed_dictionaries({
    "birth_date": st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2008, 1, 1))),
    "statushouder": st.booleans(),
    "work_limitations": st.one_of(st.none(), st.sampled_from(["Niet zwaar tillen", "Geen nachtdiensten"])),
    "notes": st.one_of(st.none(), st.text(max_size=30)),
    "benefit_type": st.one_of(st.none(), st.sampled_from(["Participatiewet", "Wajong", "geen"])),
    "voornaam": st.one_of(st.none(), st.sampled_from(["Mohammed", "Anna", "Zoë", "Jan"])),
    "achternaam": st.sampled_from(["Jansen", "El Amrani", "Öztürk", "de Vries"]),
    "wsw": st.booleans(),
})


def _plain(ranking):
    return [(r["candidate"], r["score"], r["components"], r["eligible"], r["knockouts"], r["matched_skills"],
             r["missing_skills"], r["language_gaps"], r["unknown"], r["improvements"]) for r in ranking.results]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(protected, min_size=4, max_size=4))
def test_protected_attributes_change_nothing(db, service, add_vacancy, add_candidate, levels, today, changes):
    if not service.engine.index.ids:
        add_vacancy("V1", required=["heftruck", "laden en lossen"], language={"spreken": "A2"}, driving_licence="B")
        add_vacancy("L1", "Leerwerkplek heftruckchauffeur", required=["heftruck"], kind="leerwerkplek",
                    taalondersteuning=True, language={"spreken": "A2"})
        add_candidate(["heftruck", "laden en lossen"], levels(all="B1"), klantnummer="K1", doelgroep="B")
        add_candidate(["heftruck"], levels(all="A1"), klantnummer="K2", doelgroep="B")
        add_candidate(["heftruck"], levels(all="A1"), klantnummer="K3", doelgroep="A", taalachterstand=True)
        add_candidate(["kassawerk"], levels(), klantnummer="K4", doelgroep="A", woonplaats="Amsterdam")
        service.baseline = {ref: _plain(service.rank_for_vacancy(ref, today, top=0)) for ref in ("V1", "L1")}
        service.baseline_vacancies = _plain_vacancies(service.rank_for_candidate("K2", today, top=0))
    with db.unit("tester") as session:
        for number, values in zip(("K1", "K2", "K3", "K4"), changes, strict=True):
            update_candidate(session, find_live(session, number).id, None, values, today)
    for ref in ("V1", "L1"):
        ranking = service.rank_for_vacancy(ref, today, top=0)
        assert _plain(ranking) == service.baseline[ref]
        for result, values in zip(sorted(ranking.results, key=lambda r: r["candidate"]), changes, strict=True):
            if values["work_limitations"]:
                assert "bespreken met werkgever" in result["explanation"]
                assert values["work_limitations"] not in result["explanation"]
    assert _plain_vacancies(service.rank_for_candidate("K2", today, top=0)) == service.baseline_vacancies


def _plain_vacancies(ranking):
    return [(r["vacancy"], r["score"], r["components"], r["eligible"]) for r in ranking.results]


def test_registrations_only_set_eligibility(db, service, add_vacancy, add_candidate, levels, today):
    """doelgroepregister, beschut-indicatie and ontheffing change eligibility, never points."""
    add_vacancy("G1", kind="garantiebaan", required=["heftruck"])
    add_vacancy("B1", kind="beschut", required=["heftruck"])
    who = add_candidate(["heftruck"], levels(all="A2"), klantnummer="R1")
    before = {ref: service.rank_for_vacancy(ref, today).results[0] for ref in ("G1", "B1")}
    assert not before["G1"]["eligible"] and not before["B1"]["eligible"]
    with db.unit("tester") as session:
        update_candidate(session, find_live(session, who).id, None,
                         {"banenafspraak": True, "beschut_indicatie": True}, today)
    after = {ref: service.rank_for_vacancy(ref, today).results[0] for ref in ("G1", "B1")}
    for ref in ("G1", "B1"):
        assert after[ref]["eligible"] and after[ref]["score"] == before[ref]["score"]
        assert after[ref]["components"] == before[ref]["components"]
    with db.unit("tester") as session:
        update_candidate(session, find_live(session, who).id, None,
                         {"ontheffing_until": today + dt.timedelta(days=30)}, today)
    blocked = service.rank_for_vacancy("G1", today).results[0]
    assert not blocked["eligible"] and blocked["knockouts"][0]["rule"] == "ontheffing"
    assert blocked["components"] == before["G1"]["components"]
