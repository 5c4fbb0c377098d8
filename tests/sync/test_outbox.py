"""Recording on a laptop: every registered use case appends its command to the outbox in the same
transaction as its effect; a plain desktop file records nothing; a recorded command replayed elsewhere makes
the same rows with the same ids."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matchdesk.dates import last_day_within
from matchdesk.domain import Location, Provider, Role, TrajectoryKind, VacancyKind
from matchdesk.errors import RuleViolation
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services import candidate_cases, contacts, trajectory_cases
from matchdesk.services.employers import ensure_medewerker
from matchdesk.services.trajectories import TrajectoryInput
from matchdesk.storage.database import Database
from matchdesk.storage.migrate import sqlite_backup
from matchdesk.storage.models import Candidate, OutboxCommand, Trajectory
from matchdesk.sync import outbox
from matchdesk.sync.commands import replay
from tests.conftest import test_key

START = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


def _app(db, rulebooks, user="anouk"):
    from matchdesk.app import App

    with db.unit("systeem") as session:
        ensure_medewerker(session, user, Role.MATCHMAKER)
    return App(db, user=user, today=START, rulebooks=rulebooks)


def _laptop(db):
    with db.unit("systeem") as session:
        outbox.make_laptop(session, "http://server")


def _outbox(db) -> list[OutboxCommand]:
    with db.reading() as session:
        return list(session.scalars(select(OutboxCommand).order_by(OutboxCommand.seq)))


def _leerwerk(months: int, start: dt.date = START) -> TrajectoryInput:
    return TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start, planned_end=last_day_within(start, months),
                           provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER,
                           vacancy_kind=VacancyKind.LEERWERKPLEK)


def test_a_plain_desktop_file_records_nothing(db, rulebooks, make_candidate):
    app = _app(db, rulebooks)
    candidate = make_candidate()
    trajectory_cases.start(app, candidate, _leerwerk(6))
    contacts.record_contact(app, candidate, START, "telefoon", "gebeld")
    assert _outbox(db) == []


def test_a_laptop_records_each_command_in_order_with_its_ids_and_touched_rows(db, rulebooks, make_candidate):
    candidate = make_candidate()
    _laptop(db)
    app = _app(db, rulebooks)
    saved = candidate_cases.save_candidate(app, None, None, {"klantnummer": "2000002", "achternaam": "Jansen",
                                                               "birth_date": dt.date(1991, 2, 3),
                                                               "municipality": "Roosendaal"})
    started = trajectory_cases.start(app, candidate, _leerwerk(6))
    with pytest.raises(RuleViolation):  # refused locally: no effect, no command
        trajectory_cases.start(app, candidate, _leerwerk(9, START + dt.timedelta(days=200)))
    first, second = _outbox(db)
    assert (first.seq, first.name, second.seq, second.name) == (1, "candidate.save", 2, "trajectory.start")
    assert str(saved.id) in json.loads(first.ids)  # made before a table was named: a bare id
    assert json.loads(first.touched)[0] == f"candidates/{saved.id}"
    assert any(key.startswith("candidate_languages/") for key in json.loads(first.touched))
    assert json.loads(second.ids) == [f"trajectories/{started.id}"]
    assert json.loads(second.touched) == [f"trajectories/{started.id}"]
    assert (second.status, second.verdict, second.medewerker, second.decided_on) == ("pending", "ok", "anouk", START)
    assert "wvs" in json.loads(second.rulebook)
    command = outbox.as_command(second)
    assert command["args"]["candidate_id"] == {"$uuid": str(candidate)}
    edited = candidate_cases.save_candidate(app, saved.id, saved.version, {"telefoon": "0612345678"})
    third = _outbox(db)[2]
    assert json.loads(third.expects) == {f"candidates/{saved.id}": saved.version}
    assert edited.version == saved.version + 1


def test_the_command_is_written_in_the_same_transaction_as_its_effect(db, rulebooks, make_candidate, monkeypatch):
    candidate = make_candidate()
    _laptop(db)
    app = _app(db, rulebooks)

    def broken(*_args):
        raise OSError("schijf vol")

    monkeypatch.setattr(outbox, "_outbox_row", broken)
    with pytest.raises(OSError):
        trajectory_cases.start(app, candidate, _leerwerk(6))
    with db.reading() as session:
        assert session.scalars(select(Trajectory)).all() == []  # the effect went with the command


def test_a_recorded_command_replayed_elsewhere_makes_the_same_rows(db, db_path, rulebooks, make_candidate, tmp_path):
    candidate = make_candidate()
    _app(db, rulebooks)
    server_path = tmp_path / "server.db"
    sqlite_backup(db_path, server_path, test_key())  # the server holds what the laptop held before going offline
    _laptop(db)
    app = _app(db, rulebooks)
    started = trajectory_cases.start(app, candidate, _leerwerk(6))
    candidate_cases.save_candidate(app, None, None, {"klantnummer": "2000002", "achternaam": "Jansen",
                                                     "birth_date": dt.date(1991, 2, 3), "municipality": "Roosendaal"},
                                   skills=[])
    server_db = Database.open(server_path)
    try:
        server = _app(server_db, rulebooks, user="anouk")
        for row in _outbox(db):
            assert replay(server, outbox.as_command(row))["status"] == "applied"
        assert _outbox(server_db) == []  # the server is no laptop: it records nothing
        with server_db.reading() as session:
            assert session.get(Trajectory, started.id) is not None
            new = session.scalar(select(Candidate).where(Candidate.klantnummer == "2000002"))
        with db.reading() as session:
            assert new.id == session.scalar(select(Candidate.id).where(Candidate.klantnummer == "2000002"))
    finally:
        server_db.dispose()


def test_a_write_outside_a_command_is_refused_on_a_laptop_and_nothing_is_stored(db, rulebooks, make_candidate,
                                                                                tmp_path):
    """An import on a laptop would never reach the server (imports are not commands) and the next pull would
    overwrite it: refused with a Dutch message, nothing stored, the outbox empty. A desktop file imports."""
    from matchdesk.errors import UsageError
    from matchdesk.services.transfers import run_import

    app = _app(db, rulebooks)
    _laptop(db)
    sheet = Path(__file__).parents[1] / "fixtures" / "messy_kandidaten.csv"
    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(Candidate))
    with pytest.raises(UsageError, match="laptop"):
        run_import(app, "candidates", sheet)
    kept = make_candidate()
    from matchdesk.services.erasure import erase_candidate

    with db.reading() as session:
        klantnummer = session.get(Candidate, kept).klantnummer
    with pytest.raises(UsageError, match="wissen"):
        erase_candidate(app, klantnummer)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Candidate)) == before + 1
    assert _outbox(db) == []
