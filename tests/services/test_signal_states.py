"""Signals as work: handled, snoozed and handed-over signals (services/signal_states.py), whose a signal is,
the order of the work list, the region's age limit for "zonder vervolg" signals, the navigation's count."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from matchdesk.dates import last_day_within
from matchdesk.domain import Provider, TrajectoryKind, VacancyKind
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services import signal_states
from matchdesk.services.signals import open_signal_count, signals_for
from matchdesk.services.trajectories import TrajectoryInput, start_trajectory
from matchdesk.storage.models import AuditEntry, Candidate, SignalState, Trajectory


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def app(db, rulebooks, today):
    from matchdesk.app import App

    return App(db, user="anouk", today=today, rulebooks=rulebooks)


def _own(db, candidate_id, name):
    from matchdesk.services.employers import ensure_medewerker

    with db.unit("tester") as session:
        session.get(Candidate, candidate_id).owner_id = ensure_medewerker(session, name).id


def _leerwerktraject(db, rulebooks, candidate, start, months=6):
    with db.unit("tester") as session:
        trajectory = start_trajectory(session, rulebooks, candidate,
                                      TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start,
                                                      planned_end=last_day_within(start, months),
                                                      provider=Provider.LEERWERKBEDRIJF,
                                                      vacancy_kind=VacancyKind.LEERWERKPLEK), start)
        session.flush()
        return trajectory.id


def _kinds(worklist):
    return [(item.signal.kind, item.signal.candidate) for item in worklist.items]


def test_a_handled_signal_stays_away_until_its_facts_change(db, app, make_candidate, rulebooks, today):
    candidate = make_candidate(klantnummer="4000001")
    _own(db, candidate, "anouk")
    trajectory = _leerwerktraject(db, rulebooks, candidate, dt.date(2026, 9, 1), months=3)  # ends 30-11-2026
    before = signals_for(app, 30, mine=True)
    assert _kinds(before) == [("einde_nadert", "4000001"), ("leerwerktraject_zonder_vervolg", "4000001")]
    ending = before.items[0]
    assert ending.name == "Noël van den Berg" and ending.owner == "anouk" and ending.status == "open"

    assert signal_states.handle_signals(app, [ending.ref], "  Gebeld met de werkgever  ") == 1
    after = signals_for(app, 30, mine=True)
    assert _kinds(after) == [("leerwerktraject_zonder_vervolg", "4000001")]
    closed = signals_for(app, 30, mine=True, closed=True)
    handled = next(item for item in closed.items if item.signal.kind == "einde_nadert")
    assert handled.status == "afgehandeld" and handled.note == "Gebeld met de werkgever"
    assert handled.handled_by == "anouk"
    assert signals_for(app, 30).signals == after.signals  # the region's list honours it too

    with db.unit("tester") as session:  # the facts change: the trajectory runs two weeks longer (within 6 months)
        session.get(Trajectory, trajectory).planned_end = dt.date(2026, 12, 14)
    again = signals_for(app, 30, mine=True)
    assert _kinds(again) == [("einde_nadert", "4000001"), ("leerwerktraject_zonder_vervolg", "4000001")]
    assert again.items[0].signal.due == dt.date(2026, 12, 14) and again.items[0].status == "open"

    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "afgehandeld")).one()
    assert entry.record_type == "signaal" and entry.record_id == candidate and entry.medewerker == "anouk"
    assert "einde_nadert" in entry.detail and "werkgever" not in entry.detail  # never the note


def test_a_snoozed_signal_is_back_on_its_date(db, app, make_candidate, rulebooks, today):
    candidate = make_candidate(klantnummer="4000002")
    _own(db, candidate, "anouk")
    _leerwerktraject(db, rulebooks, candidate, dt.date(2026, 6, 1))
    ending = signals_for(app, 30, mine=True).items[0]
    until = today + dt.timedelta(days=3)
    with pytest.raises(signal_states.ValidationError, match="na vandaag"):
        signal_states.snooze_signals(app, [ending.ref], today)
    signal_states.snooze_signals(app, [ending.ref], until)
    assert "einde_nadert" not in [s.kind for s in signals_for(app, 30, mine=True).signals]
    snoozed = signals_for(app, 30, mine=True, closed=True).items[0]
    assert snoozed.status == "uitgesteld" and snoozed.snoozed_until == until
    from matchdesk.app import App

    later = App(db, user="anouk", today=until, rulebooks=app.rulebooks)
    back = signals_for(later, 30, mine=True).items[0]
    assert back.signal == ending.signal and back.status == "open"


def test_a_handed_over_signal_is_the_colleagues(db, app, make_candidate, rulebooks, today):
    from matchdesk.app import App

    candidate = make_candidate(klantnummer="4000003")
    _own(db, candidate, "anouk")
    _own(db, make_candidate(klantnummer="4000004"), "bram")  # bram exists as a medewerker
    _leerwerktraject(db, rulebooks, candidate, dt.date(2026, 6, 1))
    ending = signals_for(app, 30, mine=True).items[0]
    assert "bram" in signal_states.colleagues(app) and "anouk" not in signal_states.colleagues(app)
    with pytest.raises(signal_states.NotFound):
        signal_states.hand_over_signals(app, [ending.ref], "niemand")
    signal_states.hand_over_signals(app, [ending.ref], "bram")

    mine = signals_for(app, 30, mine=True)
    assert _kinds(mine) == [("leerwerktraject_zonder_vervolg", "4000003")]  # the other one stays anouk's
    brams = signals_for(App(db, user="bram", today=today, rulebooks=app.rulebooks), 30, mine=True)
    assert _kinds(brams) == [("einde_nadert", "4000003")]
    item = brams.items[0]
    assert item.owner == "bram" and item.casushouder == "anouk" and item.handed_over_by == "anouk"
    assert item.to_json()["owner"] == "bram" and item.to_json()["status"] == "open"
    everyone = {i.signal.kind: i.owner for i in signals_for(app, 30).items if i.signal.candidate == "4000003"}
    assert everyone == {"einde_nadert": "bram", "leerwerktraject_zonder_vervolg": "anouk"}


def test_the_work_list_groups_soon_first_then_later_then_overdue_by_age():
    from matchdesk.ui.signals_model import group_of  # the page's order (pure function)

    today = dt.date(2026, 11, 23)
    days = [0, 1, 7, 8, 30, -1, -28, -29, -91, -92, -727]
    assert [group_of(today + dt.timedelta(days=d), today) for d in days] == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def _rules_with_age_limit(tmp_path, days):
    from matchdesk.resources import resource

    folder = tmp_path / "regels"
    folder.mkdir()
    text = resource("rules", "wvs.toml").read_text(encoding="utf-8")
    old = 'id = "signaal_zonder_vervolg_max_dagen"'
    head, tail = text.split(old)
    tail = tail.replace("enabled = false\ndays = 365", f"enabled = true\ndays = {days}", 1)
    (folder / "wvs.toml").write_text(head + old + tail, encoding="utf-8")
    return load_rulebooks(folder)


def test_the_regions_age_limit_for_zonder_vervolg(db, app, make_candidate, rulebooks, today, tmp_path):
    from matchdesk.app import App

    old, recent = make_candidate(klantnummer="4000005"), make_candidate(klantnummer="4000006")
    _leerwerktraject(db, rulebooks, old, dt.date(2024, 1, 1))  # ended 30-06-2024: 2 years without a sequel
    _leerwerktraject(db, rulebooks, recent, dt.date(2026, 4, 1))  # ended 30-09-2026
    without = [s.candidate for s in signals_for(app, 30).signals if s.kind == "leerwerktraject_zonder_vervolg"]
    assert without == ["4000005", "4000006"]  # shipped: no limit (the rule is off)
    limited = App(db, user="anouk", today=today, rulebooks=_rules_with_age_limit(tmp_path, 365))
    assert not limited.rulebooks.errors
    kept = [s.candidate for s in signals_for(limited, 30).signals if s.kind == "leerwerktraject_zonder_vervolg"]
    assert kept == ["4000006"]


def test_open_count_is_mine_open_and_due(db, app, make_candidate, rulebooks, today):
    assert open_signal_count(app) == 0  # no medewerker anouk yet
    candidate = make_candidate(klantnummer="4000007")
    _own(db, candidate, "anouk")
    _leerwerktraject(db, rulebooks, candidate, dt.date(2025, 1, 1))  # over: zonder vervolg since 2025
    _leerwerktraject(db, rulebooks, make_candidate(klantnummer="4000008"), dt.date(2025, 1, 1))  # nobody's
    listed = signals_for(app, 30, mine=True)
    assert open_signal_count(app) == listed.open_count() == 1
    signal_states.handle_signals(app, [listed.items[0].ref])
    assert open_signal_count(app) == 0


def test_erasure_removes_the_signal_states(db, app, make_candidate, rulebooks):
    from matchdesk.services.erasure import erase_candidate

    candidate = make_candidate(klantnummer="4000009")
    _leerwerktraject(db, rulebooks, candidate, dt.date(2025, 1, 1))
    item = signals_for(app, 30).items[0]
    signal_states.handle_signals(app, [item.ref], "Notitie over de persoon")
    erase_candidate(app, "4000009")
    with db.reading() as session:
        assert session.scalars(select(SignalState)).all() == []


def test_reopen_undoes_handled_and_snoozed_but_keeps_the_hand_over(db, app, make_candidate, rulebooks, today):
    candidate = make_candidate(klantnummer="4000010")
    _own(db, candidate, "anouk")
    _own(db, make_candidate(klantnummer="4000011"), "bram")
    _leerwerktraject(db, rulebooks, candidate, dt.date(2026, 6, 1))
    ending, follow_up = signals_for(app, 30, mine=True).items
    signal_states.handle_signals(app, [ending.ref], "per abuis")
    signal_states.snooze_signals(app, [follow_up.ref], today + dt.timedelta(days=5))
    signal_states.hand_over_signals(app, [follow_up.ref], "bram")
    assert all(i.signal.candidate != "4000010" for i in signals_for(app, 30).items)
    assert signal_states.reopen_signals(app, [ending.ref, follow_up.ref, ending.ref]) == 2  # the second: open
    again = {i.signal.kind: i for i in signals_for(app, 30).items if i.signal.candidate == "4000010"}
    assert again["einde_nadert"].status == "open" and again["einde_nadert"].note is None
    assert again["leerwerktraject_zonder_vervolg"].owner == "bram"
    with db.reading() as session:
        assert len(session.scalars(select(AuditEntry).where(AuditEntry.action == "heropend")).all()) == 2
