"""The use cases around a ranking (services/match_desk.py), proposing and placing several pairs from it
(services/proposals.py) and keeping a vacancy typed in (services/vacancy_create.py), on a real demo file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from matchdesk.domain import ProposalStatus, Provider, TrajectoryKind, VacancyKind
from matchdesk.errors import NotFound
from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry, Candidate, Employer, Vacancy, VacancySkill


@pytest.fixture
def app(demo_db_path, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    app = App(db=Database.open(demo_db_path), user="demo", today=today, rulebooks=load_rulebooks())
    yield app
    app.close()


def _vacancy(app):
    with app.db.reading() as session:
        return session.execute(select(Vacancy.reference, Vacancy.title, Employer.name, Vacancy.place)
                               .join(Employer, Employer.id == Vacancy.employer_id)
                               .where(Vacancy.kind == VacancyKind.REGULIER).order_by(Vacancy.reference)).first()


def test_find_a_vacancy_by_part_of_its_title_employer_or_place(app):
    from matchdesk.services.match_desk import find_vacancies, key_of

    reference, title, employer, place = _vacancy(app)
    word = max(title.split(), key=len).lower()
    assert reference in [c.key for c in find_vacancies(app, word)]
    both = find_vacancies(app, f"{word} {employer.split()[0]}")  # every word must match somewhere
    assert reference in [c.key for c in both]
    assert all(word in (c.label + c.detail + c.key).lower() for c in both)
    choice = next(c for c in both if c.key == reference)
    assert choice.label == title and employer in choice.detail
    assert key_of(choice.text) == reference and key_of(" V2026-00001 ") == "V2026-00001"
    assert find_vacancies(app, "x") == [] and find_vacancies(app, "qqqqzzzz") == []


def test_find_a_candidate_by_klantnummer_or_name_without_accents(app):
    from matchdesk.services.match_desk import find_candidates

    with app.db.reading() as session:
        c = session.scalar(select(Candidate).where(Candidate.deleted_at.is_(None)).order_by(Candidate.klantnummer))
        number, achternaam, voornaam = c.klantnummer, c.achternaam, c.voornaam
    assert find_candidates(app, number)[0].key == number
    by_name = find_candidates(app, f"{voornaam} {achternaam}".upper(), limit=50)
    assert number in [h.key for h in by_name] and all(h.label for h in by_name)
    with app.db.reading() as session:
        c = session.scalar(select(Candidate).where(Candidate.tussenvoegsel.is_not(None))
                           .order_by(Candidate.klantnummer))
        full, number = " ".join(p for p in (c.tussenvoegsel, c.achternaam) if p), c.klantnummer
    assert number in [h.key for h in find_candidates(app, full, limit=50)]  # "van den Berg" as one says it


def test_rank_view_shows_the_vacancy_its_requirements_and_marks_proposals(app):
    from matchdesk.services.match_desk import proposal_marks, rank_view
    from matchdesk.services.proposals import Pair, propose_pairs

    reference, title, employer, _place = _vacancy(app)
    view = rank_view(app, vacancy=reference, top=10)
    assert view.vacancy.title == title and view.vacancy.employer == employer
    with app.db.reading() as session:
        required = session.scalars(select(VacancySkill.text).join(Vacancy).where(
            Vacancy.reference == reference, VacancySkill.required.is_(True))).all()
    assert set(view.vacancy.required_skills) == set(required)
    first, second = view.ranking.key(0), view.ranking.key(1)
    done = propose_pairs(app, [Pair(first, reference, 80, "uitleg"), Pair(second, reference),
                               Pair(first, reference)])  # the third: already proposed
    assert [p.klantnummer for p in done.proposed] == [first, second]
    assert len(done.refused) == 1 and "al voorgesteld" in done.refused[0][1]
    marks = proposal_marks(app, reference=reference)
    assert marks[first] == marks[second] == ProposalStatus.VOORGESTELD
    assert rank_view(app, vacancy=reference, top=10).marks[first] == ProposalStatus.VOORGESTELD
    assert proposal_marks(app, klantnummer=first)[reference] == ProposalStatus.VOORGESTELD


def test_a_candidates_vacancies_come_with_employer_place_and_kind(app):
    from matchdesk.services.match_desk import rank_view, result_rows

    with app.db.reading() as session:
        number = session.scalar(select(Candidate.klantnummer).order_by(Candidate.klantnummer))
    view = rank_view(app, candidate=number, top=5)
    assert view.candidate.klantnummer == number and view.ranking.direction == "vacancies"
    for i in range(len(view.ranking.results)):
        line = view.lines[view.ranking.key(i)]
        assert line.employer and isinstance(line.kind, VacancyKind)
    headers, rows = result_rows(view)
    assert headers[:6] == ("rang", "referentie", "titel", "werkgever", "plaats", "soort")
    assert rows[0][5] in {k.value for k in VacancyKind}  # contract codes in files


def test_place_a_pair_without_a_proposal_in_one_unit_of_work(app, today):
    from matchdesk.services.candidates import create_candidate
    from matchdesk.services.match_desk import proposal_marks
    from matchdesk.services.proposals import NO_PROPOSAL, place_pair, placement_row
    from matchdesk.services.trajectories import TrajectoryInput
    from tests.conftest import candidate_values

    with app.unit() as session:  # a fresh candidate, so no other trajectory overlaps
        create_candidate(session, candidate_values(klantnummer="9900001"), today)
    reference = _vacancy(app)[0]
    row = placement_row(app, "9900001", reference)
    assert row.id == NO_PROPOSAL and row.reference == reference
    data = TrajectoryInput(kind=TrajectoryKind.REGULIER, start=today, provider=Provider.WERKGEVER,
                           planned_end=today + dt.timedelta(days=180))
    moved = place_pair(app, row, data, score=77, explanation="uit de rangschikking")
    assert moved.status == ProposalStatus.GEPLAATST and moved.trajectory_id is not None
    assert proposal_marks(app, reference=reference)["9900001"] == ProposalStatus.GEPLAATST


def test_keep_a_vacancy_typed_in_for_an_employer(app):
    from matchdesk.services.match_desk import find_employers, vacancy_summary
    from matchdesk.services.vacancy_create import create_vacancy_for

    with app.db.reading() as session:
        kvk, name = session.execute(select(Employer.kvk, Employer.name).order_by(Employer.name)).first()
    assert kvk in [c.key for c in find_employers(app, name)]
    typed = {"titel": "Heftruckchauffeur", "soort": "regulier", "plaats": "", "uren_per_week": 32,
             "vereiste_vaardigheden": "heftruck certificaat; orderpicken", "gewenste_vaardigheden": "",
             "min_nl_spreken": "A2"}
    saved = create_vacancy_for(app, kvk, typed)
    again = create_vacancy_for(app, kvk, typed)
    assert saved.key.startswith(f"V{app.today.year}-") and again.key > saved.key
    summary = vacancy_summary(app, saved.key)
    assert summary.employer == name and summary.title == "Heftruckchauffeur" and summary.hours_per_week == 32
    assert len(summary.required_skills) == 2 and [(s.value, lv.value) for s, lv in summary.languages] == [
        ("spreken", "A2")]
    with app.db.reading() as session:
        assert session.scalar(select(AuditEntry.id).where(AuditEntry.record_type == "vacature",
                                                          AuditEntry.action == "aangemaakt"))
    with pytest.raises(NotFound):
        create_vacancy_for(app, "00000000", typed)


def test_a_rankings_audit_entry_is_no_change_the_next_ranking_must_look_for(app, demo_db_path, monkeypatch):
    """Issue 16: each ranking writes its audit entry; the next ranking's index check (SQLite's data_version,
    then the high-water marks of the candidate tables: a scan of every row) must not take that entry for a
    change, while a change by another process or another unit of this one is still seen."""
    from matchdesk.matching import index_store
    from matchdesk.services.match_desk import rank_view
    from matchdesk.storage.audit_chain import chain_rows, check_chain
    from matchdesk.storage.ids import utcnow

    def ranked_entries() -> list[AuditEntry]:
        with app.db.reading() as session:
            return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "gerangschikt")))

    reference, before = _vacancy(app).reference, len(ranked_entries())
    first = rank_view(app, vacancy=reference, top=10).ranking
    looks = []
    real = index_store._read_marks
    monkeypatch.setattr(index_store, "_read_marks", lambda session: looks.append(1) or real(session))

    again = rank_view(app, vacancy=reference, top=10).ranking
    assert looks == [] and again.keys == first.keys  # the audit entry of the first ranking was not a change
    audited = ranked_entries()[before:]
    assert len(audited) == 2 and all(e.medewerker == "demo" and reference in (e.detail or "") for e in audited)
    with app.db.reading() as session:
        assert check_chain(chain_rows(session.connection())).broken is None  # chained like any other entry

    other = Database.open(demo_db_path)  # another process erases the best candidate
    with other.unit("collega") as session:
        session.scalars(select(Candidate).where(Candidate.klantnummer == first.keys[0])).one().deleted_at = utcnow()
    other.dispose()
    after = rank_view(app, vacancy=reference, top=10).ranking
    assert looks and first.keys[0] not in after.keys

    looks.clear()
    with app.unit() as session:  # a unit of this process (another connection than the index's) is seen too
        session.scalars(select(Candidate).where(Candidate.klantnummer == after.keys[0])).one().deleted_at = utcnow()
    latest = rank_view(app, vacancy=reference, top=10).ranking
    assert looks and after.keys[0] not in latest.keys


def test_the_warm_up_changes_no_ranking_and_checks_the_file(app, demo_db_path, today):
    """``warm_up`` (the window, right after its first paint) computes the engine's per-day knock-outs and the
    scorer's codes ahead and checks the file on a thread of its own: rankings after it are the same as in a
    process that did not warm up, for a vacancy of every kind, and the first write finds the file checked."""
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import rank_for_vacancy, warm_up

    with app.db.reading() as session:
        references = [session.scalar(select(Vacancy.reference).where(Vacancy.kind == kind, Vacancy.deleted_at.is_(None))
                                     .order_by(Vacancy.reference)) for kind in VacancyKind]
    references = [r for r in references if r]
    assert len(references) >= 3
    assert warm_up(app) > 0 and app.db._checked and app.db.damaged is None
    cold = App(db=Database.open(demo_db_path), user="demo", today=today, rulebooks=load_rulebooks())
    try:
        for reference in references:
            warmed, plain = rank_for_vacancy(app, reference, top=30), rank_for_vacancy(cold, reference, top=30)
            assert warmed.keys == plain.keys and warmed.total == plain.total
            assert [r["score"] for r in warmed.results] == [r["score"] for r in plain.results]
            assert [r["eligible"] for r in warmed.results] == [r["eligible"] for r in plain.results]
    finally:
        cold.close()
