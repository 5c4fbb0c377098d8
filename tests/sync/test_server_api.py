"""The team server's endpoints through FastAPI's TestClient on a real PostgreSQL: sign-in, handshake, push (each
answer of docs/sync.md, once per command id), the laptop's audit facts."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from sqlalchemy import func, select

from matchdesk.dates import last_day_within
from matchdesk.domain import Location, Provider, TrajectoryKind, VacancyKind
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.trajectories import TrajectoryInput
from matchdesk.storage.migrate import HEAD_REVISION
from matchdesk.storage.models import AuditEntry, Candidate, ContactMoment, SyncReceived, Trajectory
from matchdesk.sync.versions import rulebook_versions
from tests.sync.server_helpers import START, command, contact, made_id

pytest_plugins = ["tests.sync.server_support"]

ENDPOINTS = [("get", "/api/v1/handshake"), ("post", "/api/v1/push"), ("get", "/api/v1/pull"),
             ("get", "/api/v1/snapshot")]


def _leerwerk(months: int, start: dt.date = START) -> TrajectoryInput:
    return TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start, planned_end=last_day_within(start, months),
                           provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER,
                           vacancy_kind=VacancyKind.LEERWERKPLEK)


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer onzin", "Basic YW5vdWs6eA=="])
def test_every_endpoint_refuses_a_request_without_a_valid_token(service, header):
    headers = {"Authorization": header} if header else {}
    for method, path in ENDPOINTS:
        kwargs = {"json": {"laptop": "x", "commands": []}} if method == "post" else {}
        answer = getattr(service.client, method)(path, headers=headers, **kwargs)
        assert answer.status_code == 401, (path, answer.text)
        assert answer.headers["www-authenticate"] == "Bearer"
        assert "Niet aangemeld" in answer.json()["detail"]


def test_a_revoked_token_is_refused_at_once(service):
    from matchdesk.app import App
    from matchdesk.sync.users import revoke_user

    assert service.get("handshake", "bram").status_code == 200
    app = App(service.db, user="systeem", today=START, rulebooks=load_rulebooks())
    assert revoke_user(app, "bram") is True
    assert service.get("handshake", "bram").status_code == 401
    assert service.get("handshake", "anouk").status_code == 200


def test_handshake_names_schema_rulebooks_and_the_signed_in_medewerker(service):
    answer = service.get("handshake", "bram").json()
    assert answer["schema"] == HEAD_REVISION
    assert answer["rulebooks"] == rulebook_versions(load_rulebooks())
    assert answer["rulebooks"]["wvs"].startswith("wvs@") and len(answer["rulebooks"]["wvs"]) == 4 + 64
    assert (answer["medewerker"], answer["role"], answer["region"]) == ("bram", "accountmanager", "Brabantse Wal")
    assert answer["server_time"].endswith("Z")
    assert answer["scope"] != service.get("handshake", "anouk").json()["scope"]


def test_a_pushed_command_is_applied_as_the_signed_in_medewerker(service):
    t2 = service.server.people["T2"]
    pushed = contact(t2)
    answer = service.push("bram", pushed)
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["status"] == "applied" and result["id"] == pushed["id"] and result["current"] == {}
    moment_id = uuid.UUID(made_id(pushed))
    with service.db.reading() as session:
        moment = session.get(ContactMoment, moment_id)  # the laptop's id
        assert moment is not None and moment.medewerker == "bram" and moment.updated_by == "bram"
        receipt = session.get(SyncReceived, uuid.UUID(pushed["id"]))
        assert receipt.status == "applied" and receipt.medewerker == "bram"
        audited = session.scalars(select(AuditEntry.medewerker).where(AuditEntry.record_id == moment_id)).all()
        assert audited == ["bram"]


def test_a_command_sent_again_is_answered_but_not_applied_twice(service):
    t2 = service.server.people["T2"]
    pushed = contact(t2)
    first = service.push("bram", pushed).json()["results"][0]
    again = service.push("bram", pushed).json()["results"][0]
    assert first == again and again["status"] == "applied"
    with service.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ContactMoment)
                              .where(ContactMoment.candidate_id == t2)) == 1


def test_the_same_command_racing_in_four_requests_is_applied_once(service):
    t3 = service.server.people["T3"]
    pushed = command("contact.add", {"candidate_id": t3, "date": dt.date(2026, 12, 1), "kind": "telefoon",
                                     "summary": "race"})  # no ids: each request would make its own row
    answers: list[dict] = []

    def send() -> None:
        answers.append(service.push("bram", pushed).json()["results"][0])

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [a["status"] for a in answers] == ["applied"] * 4, answers
    with service.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ContactMoment)
                              .where(ContactMoment.candidate_id == t3)) == 1


def test_the_servers_rules_refuse_an_overlapping_trajectory_with_the_rows_to_undo(service):
    t1 = service.server.people["T1"]
    first = command("trajectory.start", {"candidate_id": t1, "fields": _leerwerk(6)},
                    ids=[f"trajectories/{uuid.uuid4()}"])
    assert service.push("anouk", first).json()["results"][0]["status"] == "applied"
    second_id = uuid.uuid4()
    second = command("trajectory.start", {"candidate_id": t1, "fields": _leerwerk(3, START + dt.timedelta(days=30))},
                     ids=[f"trajectories/{second_id}"], touched=[f"trajectories/{second_id}", f"candidates/{t1}"])
    [result] = service.push("anouk", second).json()["results"]
    assert result["status"] == "rules", result
    assert result["findings"] and {"rule", "severity", "message"} <= set(result["findings"][0])
    assert result["current"][f"trajectories/{second_id}"] is None  # the server has no such row: undo it
    assert result["current"][f"candidates/{t1}"]["id"] == str(t1)
    again = service.push("anouk", second).json()["results"][0]
    assert again == result  # the stored answer, with the current rows read again
    with service.db.reading() as session:
        assert session.get(Trajectory, second_id) is None
        assert session.get(SyncReceived, uuid.UUID(second["id"])).status == "rules"


def test_a_record_changed_on_the_server_meanwhile_is_a_conflict_naming_who(service):
    t2 = service.server.people["T2"]
    key = f"candidates/{t2}"
    with service.db.reading() as session:
        version = session.get(Candidate, t2).version
    mine = command("candidate.save", {"candidate_id": t2, "version": version, "values": {"telefoon": "0611111111"}},
                   expects={key: version}, touched=[key], who="anouk")
    assert service.push("anouk", mine).json()["results"][0]["status"] == "applied"
    theirs = command("candidate.save", {"candidate_id": t2, "version": version, "values": {"telefoon": "0622222222"}},
                     expects={key: version}, touched=[key], who="bram")
    [result] = service.push("bram", theirs).json()["results"]
    assert result["status"] == "conflict" and result["changed_by"] == "anouk", result
    assert "anouk" in result["message"] and result["changed_at"].endswith("Z")
    assert result["current"][key]["telefoon"] == "0611111111" and result["current"][key]["version"] == version + 1


def test_unknown_commands_and_records_outside_the_scope_are_invalid(service):
    t1 = service.server.people["T1"]  # Roosendaal: not in bram's Brabantse Wal
    unknown = command("candidate.delete_everything", {})
    outside = contact(t1, who="bram")
    touching = command("candidate.save", {"candidate_id": t1, "version": 1, "values": {"telefoon": "0633333333"}},
                       expects={f"candidates/{t1}": 1}, touched=[f"candidates/{t1}"], who="bram")
    results = service.push("bram", unknown, outside, touching, {"id": "geen-uuid"}).json()["results"]
    assert [r["status"] for r in results] == ["invalid"] * 4, results
    assert "werkgebied" in results[1]["message"] and "werkgebied" in results[2]["message"]
    assert results[2]["current"] == {f"candidates/{t1}": None}  # nothing of another region leaves the server
    with service.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ContactMoment)
                              .where(ContactMoment.candidate_id == t1)) == 0
        assert session.get(Candidate, t1).telefoon is None


def test_a_command_whose_new_rows_land_outside_the_scope_is_undone_whole(service):
    t2 = service.server.people["T2"]  # in bram's scope; the command moves the candidate to Roosendaal
    with service.db.reading() as session:
        version = session.get(Candidate, t2).version
    key = f"candidates/{t2}"
    moving = command("candidate.save", {"candidate_id": t2, "version": version,
                                        "values": {"municipality": "Roosendaal", "woonplaats": "Roosendaal"}},
                     expects={key: version}, touched=[key], who="bram")
    [result] = service.push("bram", moving).json()["results"]
    assert result["status"] == "invalid" and "werkgebied" in result["message"], result
    with service.db.reading() as session:
        assert session.get(Candidate, t2).municipality == "Bergen op Zoom"


def test_the_laptops_audit_entries_are_appended_once_as_facts(service):
    t2 = service.server.people["T2"]
    fact = {"id": str(uuid.uuid4()), "at": "2026-12-01T09:15:00Z", "medewerker": "bram", "action": "bekeken",
            "record_type": "kandidaat", "record_id": str(t2), "fields": None, "detail": None}
    assert service.push("bram", audit=[fact, {"action": "bekeken"}, "onzin"], laptop="laptop-7").json()["audit"] == 1
    assert service.push("bram", audit=[fact], laptop="laptop-7").json()["audit"] == 0
    with service.db.reading() as session:
        entry = session.get(AuditEntry, uuid.UUID(fact["id"]))
    assert (entry.medewerker, entry.action, entry.record_id) == ("bram", "bekeken", t2)
    assert entry.at == dt.datetime(2026, 12, 1, 9, 15) and entry.detail == "laptop laptop-7"
    assert entry.seq is not None and entry.entry_hash  # in the server's chain


def test_a_push_that_is_no_push_is_a_dutch_400(service):
    answer = service.client.post("/api/v1/push", headers=service.as_("bram"), json={"commands": "alles"})
    assert answer.status_code == 400 and "laptop" in answer.json()["detail"]


def test_a_database_that_cannot_be_used_is_a_503_and_the_command_stays_unjudged(service):
    from fastapi.testclient import TestClient

    from matchdesk.errors import StorageUnavailable
    from matchdesk.sync.server import create_app

    def busy(_app, _command, **_hook):
        raise StorageUnavailable("De database is in gebruik; probeer het zo opnieuw.", kind="busy")

    client = TestClient(create_app(service.db, load_rulebooks(), replay=busy))
    pushed = contact(service.server.people["T2"], who="bram")
    answer = client.post("/api/v1/push", headers=service.as_("bram"),
                         json={"laptop": "x", "commands": [pushed], "audit": []})
    assert answer.status_code == 503 and "opnieuw" in answer.json()["detail"]
    with service.db.reading() as session:
        assert session.get(SyncReceived, uuid.UUID(pushed["id"])) is None  # sent again later, judged then
    assert service.push("bram", pushed).json()["results"][0]["status"] == "applied"
