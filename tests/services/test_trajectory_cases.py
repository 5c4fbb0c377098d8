"""The trajectory use cases the window calls: the form's facts loaded once as a frozen value, judged without a
database; start, extend and end in their own unit of work, with the version read and the rules applied."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from matchdesk.dates import last_day_within
from matchdesk.domain import Location, Provider, Role, TrajectoryKind, VacancyKind
from matchdesk.errors import ConflictError, NotFound, RuleViolation, ValidationError
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services import trajectory_cases
from matchdesk.services.employers import ensure_medewerker
from matchdesk.services.trajectories import TrajectoryInput
from matchdesk.storage.models import AuditEntry, Trajectory

START = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def app_for(db, rulebooks):
    from matchdesk.app import App

    def make(user: str = "anouk", role: Role = Role.MATCHMAKER, today: dt.date = START) -> App:
        with db.unit("systeem") as session:
            ensure_medewerker(session, user, role)
        return App(db, user=user, today=today, rulebooks=rulebooks)

    return make


def _leerwerk(months: int, **extra) -> TrajectoryInput:
    return TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=START, planned_end=last_day_within(START, months),
                           provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER,
                           vacancy_kind=VacancyKind.LEERWERKPLEK, **extra)


def _stored(db) -> list[Trajectory]:
    with db.reading() as session:
        return session.scalars(select(Trajectory)).all()


def test_the_form_is_a_frozen_snapshot_by_klantnummer_or_id(app_for, make_candidate):
    candidate = make_candidate()
    app = app_for("ingrid", Role.TEAMLEIDER)
    form = trajectory_cases.trajectory_form(app, "1000001")
    assert form == trajectory_cases.trajectory_form(app, candidate)
    assert (form.candidate_id, form.klantnummer, form.label) == (candidate, "1000001", "Noël van den Berg (1000001)")
    assert (form.municipality, form.decision_date, form.history, form.trajectory) == ("Roosendaal", START, (), None)
    assert form.is_teamleider
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.role = Role.MATCHMAKER  # type: ignore[misc]


def test_the_form_of_a_trajectory_holds_it_with_its_version_and_the_history(app_for, make_candidate):
    make_candidate()
    app = app_for()
    saved = trajectory_cases.start(app, trajectory_cases.trajectory_form(app, "1000001").candidate_id, _leerwerk(3))
    form = trajectory_cases.trajectory_form(app, None, saved.id)
    assert form.trajectory is not None and (form.trajectory.id, form.trajectory.version) == (saved.id, saved.version)
    assert form.trajectory.kind is TrajectoryKind.LEERWERKTRAJECT and form.trajectory.start == START
    assert len(form.history) == 1 and form.history[0].end == last_day_within(START, 3)
    assert not form.is_teamleider


@pytest.mark.parametrize("candidate, trajectory_id, message", [
    ("9999999", None, "De kandidaat bestaat niet (meer)."),
    (None, uuid.UUID(int=7), "Het traject bestaat niet (meer)."),
    (None, None, "De kandidaat bestaat niet (meer)."),
])
def test_a_form_for_what_no_longer_exists_is_not_found(app_for, candidate, trajectory_id, message):
    with pytest.raises(NotFound, match=message.replace("(", r"\(").replace(")", r"\)")):
        trajectory_cases.trajectory_form(app_for(), candidate, trajectory_id)


def test_judging_the_form_needs_no_database(app_for, make_candidate, rulebooks):
    make_candidate()
    app = app_for()
    form = trajectory_cases.trajectory_form(app, "1000001")
    app.close()  # the database is gone: the facts are in the form
    assert trajectory_cases.judge_form(rulebooks, form, _leerwerk(6), "start").verdict == "allowed"
    blocked = trajectory_cases.judge_form(rulebooks, form, _leerwerk(9), "start")
    assert blocked.blocked and "maximum is 6 maanden" in blocked.findings[0].message


def test_start_applies_the_rules_and_returns_plain_values(app_for, make_candidate, db):
    candidate = make_candidate()
    app = app_for()
    with pytest.raises(RuleViolation, match="Niet toegestaan"):
        trajectory_cases.start(app, candidate, _leerwerk(9))
    assert _stored(db) == []
    fields = _leerwerk(6)
    saved = trajectory_cases.start(app, candidate, fields)
    assert saved == trajectory_cases.TrajectorySaved(saved.id, 1, candidate, "allowed")
    [row] = _stored(db)
    assert row.id == saved.id and row.updated_by == "anouk"
    assert fields == _leerwerk(6)  # the caller's fields are not changed


def test_a_teamleider_overrides_a_block_audited(app_for, make_candidate, db):
    candidate = make_candidate()
    with pytest.raises(RuleViolation, match="teamleider"):
        trajectory_cases.start(app_for("anouk"), candidate, _leerwerk(9), override_reason="maatwerk")
    saved = trajectory_cases.start(app_for("ingrid", Role.TEAMLEIDER), candidate, _leerwerk(9),
                                   override_reason="maatwerk")
    assert saved.verdict == "blocked"
    with db.reading() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "blokkade doorbroken"))
        assert (entry.medewerker, entry.record_id) == ("ingrid", saved.id)


def test_extend_and_end_send_back_the_version_read(app_for, make_candidate, db):
    candidate = make_candidate()
    app = app_for()
    started = trajectory_cases.start(app, candidate, _leerwerk(3))
    extended = trajectory_cases.extend(app, started.id, started.version, last_day_within(START, 6))
    assert (extended.id, extended.version, extended.verdict) == (started.id, 2, "allowed")
    with pytest.raises(ConflictError, match="intussen gewijzigd door anouk") as conflict:
        trajectory_cases.end(app, started.id, started.version, START + dt.timedelta(days=30), "verhuisd")
    assert conflict.value.changed_by == "anouk"
    with pytest.raises(RuleViolation, match="maximum is 6 maanden"):
        trajectory_cases.extend(app, started.id, extended.version, last_day_within(START, 8))
    with pytest.raises(ValidationError, match="vóór de start"):
        trajectory_cases.end(app, started.id, extended.version, START - dt.timedelta(days=1), None)
    ended = trajectory_cases.end(app, started.id, extended.version, START + dt.timedelta(days=30), "verhuisd",
                                 aborted=True)
    assert ended.version == 3
    [row] = _stored(db)
    assert (row.actual_end, row.outcome, row.aborted) == (START + dt.timedelta(days=30), "verhuisd", True)
