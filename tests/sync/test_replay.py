"""The server's side of one command (``commands.replay``): the laptop's ids again, its decision date, the
versions it read, and each refusal as the protocol names it, with the server's rows to undo the laptop's."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from matchdesk.dates import last_day_within
from matchdesk.domain import Location, Provider, Role, TrajectoryKind, VacancyKind
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.employers import ensure_medewerker
from matchdesk.services.trajectories import TrajectoryInput
from matchdesk.storage.models import Candidate, Trajectory
from matchdesk.sync import codec
from matchdesk.sync.commands import COMMANDS, execute, replay

START = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def app(db, rulebooks):
    from matchdesk.app import App

    with db.unit("systeem") as session:
        ensure_medewerker(session, "anouk", Role.MATCHMAKER)
        ensure_medewerker(session, "bram", Role.MATCHMAKER)
    return App(db, user="anouk", today=dt.date(2026, 12, 4), rulebooks=rulebooks)


def _leerwerk(months: int, start: dt.date = START) -> TrajectoryInput:
    return TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start, planned_end=last_day_within(start, months),
                           provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER,
                           vacancy_kind=VacancyKind.LEERWERKPLEK)


def _command(name: str, args: dict, *, ids=(), expects=None, touched=(), decided_on=START) -> dict:
    return {"id": str(uuid.uuid4()), "seq": 1, "name": name, "args": codec.encode_args(args),
            "ids": [f"trajectories/{i}" for i in ids], "expects": expects or {}, "touched": list(touched),
            "decided_on": decided_on.isoformat(), "rulebook": "wvs@x", "verdict": "ok", "medewerker": "anouk",
            "made_at": "2026-12-04T10:31:02Z"}


def test_every_name_of_the_protocol_is_registered():
    names = {"candidate.save", "candidate.archive", "candidate.restore", "employer.save", "vacancy.save",
             "vacancy.create_for", "proposal.propose", "proposal.move", "placement.place", "trajectory.start",
             "trajectory.extend", "trajectory.end", "contact.add", "signal.state"}
    assert names <= set(COMMANDS)
    for spec in COMMANDS.values():
        if spec.function:
            assert callable(spec.use_case())


def test_applied_with_the_laptops_ids_as_of_its_decision_date(app, make_candidate, db):
    candidate = make_candidate()
    laptop_id = uuid.uuid4()
    result = replay(app, _command("trajectory.start", {"candidate_id": candidate, "fields": _leerwerk(6)},
                                 ids=[laptop_id], touched=[f"trajectories/{laptop_id}"]))
    assert result["status"] == "applied", result
    with db.reading() as session:
        stored = session.get(Trajectory, laptop_id)
        assert stored is not None and stored.updated_by == "anouk" and stored.verdict == "allowed"
    assert result["current"] == {}


def test_the_servers_rules_refuse_an_overlap_and_give_the_rows_to_undo(app, make_candidate, db):
    candidate = make_candidate()
    first = replay(app, _command("trajectory.start", {"candidate_id": candidate, "fields": _leerwerk(6)}))
    assert first["status"] == "applied"
    second_id = uuid.uuid4()
    second = replay(app, _command("trajectory.start", {"candidate_id": candidate,
                                                       "fields": _leerwerk(3, START + dt.timedelta(days=30))},
                                  ids=[second_id], touched=[f"trajectories/{second_id}"]))
    assert second["status"] == "rules", second
    assert second["findings"] and {"rule", "severity", "message"} <= set(second["findings"][0])
    assert second["current"] == {f"trajectories/{second_id}": None}  # the server has no such row: delete it


def test_a_changed_version_is_a_conflict_naming_who(app, make_candidate, db):
    candidate = make_candidate(user="bram")
    key = f"candidates/{candidate}"
    result = replay(app, _command("candidate.save", {"candidate_id": candidate, "version": 0,
                                                     "values": {"telefoon": "0612345678"}},
                                  expects={key: 0}, touched=[key]))
    assert result["status"] == "conflict" and result["changed_by"] == "bram", result
    assert "bram" in result["message"] and result["changed_at"].endswith("Z")
    assert result["current"][key]["telefoon"] is None and result["current"][key]["version"] == 1
    applied = replay(app, _command("candidate.save", {"candidate_id": candidate, "version": 1,
                                                      "values": {"telefoon": "0612345678"}},
                                   expects={key: 1}, touched=[key]))
    assert applied["status"] == "applied", applied
    with db.reading() as session:
        assert session.get(Candidate, candidate).telefoon == "0612345678"


@pytest.mark.parametrize("command", [
    {"name": "candidate.delete_everything", "args": {}, "decided_on": "2026-12-04"},
    {"name": "trajectory.start", "args": {"nonsense": 1}, "decided_on": "2026-12-04"},
    {"name": "trajectory.start", "args": {}, "decided_on": "gisteren"},
    {"name": "contact.add", "args": {"candidate_id": {"$uuid": str(uuid.UUID(int=5))}, "date": {"$date": "2026-12-01"},
                                     "kind": "telefoon", "summary": None}, "decided_on": "2026-12-04",
     "expects": {"audit_log/00000000-0000-0000-0000-000000000001": 1}},
])
def test_what_cannot_be_replayed_is_invalid(app, command):
    assert replay(app, {"id": "x"} | command)["status"] == "invalid"


def test_a_missing_record_is_invalid_not_a_crash(app):
    missing = uuid.uuid4()
    result = replay(app, _command("trajectory.extend", {"trajectory_id": missing, "version": 1,
                                                        "new_end": START}, expects={f"trajectories/{missing}": 1}))
    assert result["status"] == "invalid" and "bestaat niet" in result["message"]


def test_execute_runs_the_use_case(app, make_candidate):
    candidate = make_candidate()
    line = execute(app, "contact.add", {"candidate_id": candidate, "date": dt.date(2026, 12, 1),
                                        "kind": "telefoon", "summary": "gebeld"})
    assert line.medewerker == "anouk"
