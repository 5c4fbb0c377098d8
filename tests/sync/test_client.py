"""The laptop's side of a sync without a server: a fake service (``httpx.MockTransport``) answers; the answers
are kept per command, a refused command's rows are replaced by the server's (the laptop's kept beside them),
pulled changes are applied without rules or recording, and a server that cannot be reached leaves the outbox
as it was. The refused changes as the window lists them, redone or dropped."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import httpx
import pytest
from sqlalchemy import select

from matchdesk.domain import Role
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services import candidate_cases, contacts
from matchdesk.services.employers import ensure_medewerker
from matchdesk.storage.models import Candidate, ContactMoment, OutboxCommand
from matchdesk.sync import client, desk, outbox
from matchdesk.sync.apply import local_rows
from tests.sync.fake_server import FakeServer

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def laptop(db, rulebooks, make_candidate):
    from matchdesk.app import App

    candidate = make_candidate()
    with db.unit("systeem") as session:
        ensure_medewerker(session, "anouk", Role.MATCHMAKER)
        outbox.make_laptop(session, "http://server")
    return App(db, user="anouk", today=TODAY, rulebooks=rulebooks), candidate


def _connection(server: FakeServer, token: str = "geheim") -> client.ServerConnection:
    return client.ServerConnection("http://server", token, client=httpx.Client(transport=httpx.MockTransport(server)))


def _outbox(app) -> list[OutboxCommand]:
    with app.reading() as session:
        return list(session.scalars(select(OutboxCommand).order_by(OutboxCommand.seq)))


def test_applied_commands_are_marked_and_pulled_rows_applied_without_recording(laptop, rulebooks):
    app, candidate = laptop
    contacts.record_contact(app, candidate, TODAY, "telefoon", "gebeld")
    server = FakeServer(rulebooks)
    with app.reading() as session:
        row = local_rows(session, [f"candidates/{candidate}"])[f"candidates/{candidate}"]
    server.changes = [{"table": "candidates", "id": str(candidate), "op": "upsert",
                       "row": row | {"telefoon": "0699999999", "version": row["version"] + 1}}]
    report = client.sync_app(app, _connection(server))
    assert report.to_json() == {"pushed": 1, "applied": 1, "pulled": 1, "refused": []}
    assert [c["name"] for c in server.pushed] == ["contact.add"] and server.facts  # the audit entries as facts
    assert [r.status for r in _outbox(app)] == ["applied"]  # and no new command for the pulled row
    with app.reading() as session:
        stored = session.get(Candidate, candidate)
        assert (stored.telefoon, stored.version) == ("0699999999", row["version"] + 1)
    assert desk.sync_state(app).last_sync is not None
    again = client.sync_app(app, _connection(server))
    assert again.to_json() == {"pushed": 0, "applied": 0, "pulled": 0, "refused": []} and len(server.pushed) == 1


def test_a_refused_command_is_undone_with_the_servers_rows_and_listed_to_redo_or_drop(laptop, rulebooks):
    app, candidate = laptop
    record = candidate_cases.open_candidate(app, "1000001")
    saved = candidate_cases.save_candidate(app, candidate, record.version, {"telefoon": "0622222222"})
    key = f"candidates/{candidate}"
    with app.reading() as session:
        mine = local_rows(session, [key])[key]
    theirs = mine | {"telefoon": "0611111111", "version": saved.version + 3, "updated_by": "bram"}
    server = FakeServer(rulebooks)
    server.answers["candidate.save"] = {"status": "conflict", "message": "Gewijzigd door bram", "changed_by": "bram",
                                        "changed_at": "2026-11-22T10:00:00Z", "current": {key: theirs}}
    report = client.sync_app(app, _connection(server))
    assert report.to_json()["refused"] == [{"command": "candidate.save", "status": "conflict",
                                            "message": "Gewijzigd door bram"}]
    with app.reading() as session:
        assert session.get(Candidate, candidate).telefoon == "0611111111"  # the server's, until redone
    [change] = desk.refused_changes(app)
    assert (change.status, change.changed_by, change.what) == ("conflict", "bram", "kandidaat opslaan")
    [pair] = change.rows
    assert desk.FieldPair("telefoon", "0622222222", "0611111111") in pair.fields
    assert desk.sync_state(app).refused == 1
    desk.redo_refused(app, change.id)  # on the version the laptop holds now: a new command
    assert desk.refused_changes(app) == ()
    statuses = [(r.name, r.status, json.loads(r.expects)) for r in _outbox(app)]
    assert statuses[-2][1] == "dropped" and statuses[-1] == ("candidate.save", "pending", {key: saved.version + 3})
    with app.reading() as session:
        assert session.get(Candidate, candidate).telefoon == "0622222222"


def test_a_refused_new_row_is_removed_and_a_dropped_change_stays_away(laptop, rulebooks):
    app, candidate = laptop
    line = contacts.record_contact(app, candidate, TODAY, "telefoon", "gebeld")
    server = FakeServer(rulebooks)
    server.answers["contact.add"] = {"status": "invalid", "message": "Buiten uw werkgebied",
                                     "current": {f"contact_moments/{line.id}": None}}
    assert client.sync_app(app, _connection(server)).refused[0].status == "invalid"
    with app.reading() as session:
        assert session.get(ContactMoment, line.id) is None
    [change] = desk.refused_changes(app)
    assert change.rows[0].on_laptop and not change.rows[0].on_server
    desk.drop_refused(app, change.id)
    assert desk.refused_changes(app) == () and [r.status for r in _outbox(app)] == ["dropped"]


def test_rows_an_applied_command_made_are_the_servers_after_the_pull(laptop, rulebooks):
    app, candidate = laptop
    kept = contacts.record_contact(app, candidate, TODAY, "telefoon", "gebeld")
    gone = contacts.record_contact(app, candidate, TODAY, "bezoek", "langs geweest")
    key = f"contact_moments/{kept.id}"
    with app.reading() as session:
        theirs = local_rows(session, [key])[key] | {"summary": "gebeld (server)", "version": 2}
    server = FakeServer(rulebooks)  # applies both; made the second one's row not (it changed another instead)
    server.changes = [{"table": "contact_moments", "id": str(kept.id), "op": "upsert", "row": theirs}]
    assert client.sync_app(app, _connection(server)).applied == 2
    with app.reading() as session:
        assert session.get(ContactMoment, kept.id).summary == "gebeld (server)"
        assert session.get(ContactMoment, gone.id) is None  # the server's state wins, nothing left behind


def test_pages_apply_together_a_child_may_come_before_its_parent(laptop, rulebooks):
    from matchdesk.services import trajectory_cases
    from matchdesk.storage.models import Employer, Trajectory
    from tests.sync.test_outbox import _leerwerk

    app, candidate = laptop
    started = trajectory_cases.start(app, candidate, _leerwerk(6))
    employer_id, vacancy_id = uuid.uuid4(), uuid.uuid4()
    stamp = {"created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:00:00Z", "updated_by": "bram",
             "version": 1}
    employer = {"id": str(employer_id), "kvk": "12345678", "name": "Bakkerij de Korst"} | stamp
    vacancy = {"id": str(vacancy_id), "employer_id": str(employer_id), "reference": "V2026-09999", "title": "Bakker",
               "kind": "regulier", "positions": 1, "status": "open", "driving_licence": None} | stamp
    server = FakeServer(rulebooks)
    server.pages = [[{"table": "vacancies", "id": str(vacancy_id), "op": "upsert", "row": vacancy},
                     {"table": "candidates", "id": str(candidate), "op": "delete"}],
                    [{"table": "employers", "id": str(employer_id), "op": "upsert", "row": employer}]]
    server.changes = [{"table": "trajectories", "id": str(started.id), "op": "delete"}]
    report = client.sync_app(app, _connection(server))
    assert report.pulled == 4
    with app.reading() as session:
        assert session.get(Employer, employer_id) is not None
        assert session.get(Candidate, candidate) is None and session.get(Trajectory, started.id) is None


def test_a_restored_server_keeps_what_was_sent_and_asks_for_a_new_copy(laptop, rulebooks):
    app, candidate = laptop
    contacts.record_contact(app, candidate, TODAY, "telefoon", "gebeld")
    server = FakeServer(rulebooks)
    server.restored = True
    report = client.sync_app(app, _connection(server))
    assert (report.pushed, report.applied, report.pulled, report.recopy) == (1, 1, 0, True)
    assert [r.status for r in _outbox(app)] == ["applied"]
    assert desk.sync_state(app).last_sync is None  # not a finished sync


@pytest.mark.parametrize("trouble", ["down", "signin", "schema", "rulebooks"])
def test_trouble_leaves_the_outbox_untouched(laptop, rulebooks, trouble):
    app, candidate = laptop
    contacts.record_contact(app, candidate, TODAY, "telefoon", "gebeld")
    server = FakeServer(rulebooks)
    server.down = trouble == "down"
    if trouble == "schema":
        server.handshake["schema"] = "9999"
    if trouble == "rulebooks":
        server.handshake["rulebooks"] = {"wvs": "wvs@anders"}
    connection = _connection(server, "fout" if trouble == "signin" else "geheim")
    with pytest.raises(client.SyncTrouble) as refused:
        client.check_versions(connection.handshake(), app.rulebooks)
        client.sync_app(app, connection)
    assert refused.value.kind == {"down": "unreachable", "signin": "signin"}.get(trouble, "version")
    if trouble in ("schema", "rulebooks"):
        assert "Werk MatchDesk bij" in str(refused.value)
    assert [r.status for r in _outbox(app)] == ["pending"] and server.pushed == []


def test_a_plain_desktop_file_is_not_synced(db, rulebooks):
    from matchdesk.app import App

    app = App(db, user="anouk", today=TODAY, rulebooks=rulebooks)
    with pytest.raises(client.SyncTrouble, match="geen laptopkopie"):
        client.sync_app(app, _connection(FakeServer(rulebooks)))
