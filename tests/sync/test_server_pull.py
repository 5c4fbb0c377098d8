"""Pull and snapshot on a real PostgreSQL: the watermark never skips a long transaction, pages join up, the scope
holds (a candidate moving between municipalities takes everything under them along), and the snapshot is an
encrypted MatchDesk file of the region only, opened with its one-time key."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import create_engine, select, text

from matchdesk.storage import cipher
from matchdesk.storage.keys import DatabaseKey
from matchdesk.storage.models import Candidate
from tests.sync.server_helpers import contact, made_id

pytest_plugins = ["tests.sync.server_support"]

BRABANTSE_WAL = {"Bergen op Zoom", "Steenbergen", "Woensdrecht"}


def _ids(changes: list[dict], op: str, table: str) -> set[str]:
    return {c["id"] for c in changes if c["op"] == op and c["table"] == table}


def test_a_long_transaction_that_commits_after_a_pull_is_sent_by_the_next_one(service):
    t2, t3 = service.server.people["T2"], service.server.people["T3"]
    watermark, _ = service.pull_all("bram")
    long_running = create_engine(service.server.url).connect()
    try:
        long_running.begin()
        long_running.execute(text("UPDATE candidates SET telefoon = '0644444444', version = version + 1 "
                                  "WHERE id = :id"), {"id": t3})  # holds a transaction id, not committed yet
        pushed = contact(t2, who="bram")  # a later transaction that commits first
        assert service.push("bram", pushed).json()["results"][0]["status"] == "applied"
        between, changes = service.pull_all("bram", since=watermark)
        assert made_id(pushed) in _ids(changes, "upsert", "contact_moments")
        assert str(t3) not in _ids(changes, "upsert", "candidates")  # not visible yet
        long_running.commit()
    finally:
        long_running.close()
    _, changes = service.pull_all("bram", since=between)
    [row] = [c["row"] for c in changes if c["table"] == "candidates" and c["id"] == str(t3)]
    assert row["telefoon"] == "0644444444"


def test_pages_of_a_pull_join_up_to_the_whole_pull(service):
    for number in range(7):
        service.push("anouk", contact(service.server.people["T1"], summary=f"gesprek {number}"))
    _, whole = service.pull_all("anouk", since="0")
    first = service.get("pull", "anouk", since="0", limit=10).json()
    assert first["more"] is True and first["watermark"].count(":") == 2 and len(first["changes"]) <= 10
    final, paged = service.pull_all("anouk", since="0", limit=10)
    assert ":" not in final
    assert {(c["table"], c["id"]) for c in paged} == {(c["table"], c["id"]) for c in whole}


def test_a_pull_sends_only_the_scope(service):
    people = service.server.people
    _, changes = service.pull_all("bram", since="0")
    held = _ids(changes, "upsert", "candidates")
    assert str(people["T2"]) in held and str(people["T3"]) in held and str(people["T1"]) not in held
    for change in changes:
        if change["table"] == "candidates" and change["op"] == "upsert":
            assert change["row"]["municipality"] in BRABANTSE_WAL
    with service.db.reading() as session:
        ids = session.scalars(select(Candidate.id).where(Candidate.municipality.in_(BRABANTSE_WAL)))
        region = {str(i) for i in ids}
    assert held == region
    assert not _ids(changes, "upsert", "candidates") & _ids(changes, "delete", "candidates")
    assert not _ids(service.pull_all("carla", since="0")[1], "upsert", "candidates")


def test_a_candidate_moving_in_or_out_of_the_scope_takes_their_rows_along(service):
    t1 = service.server.people["T1"]  # Roosendaal: outside bram's scope
    moment = contact(t1, who="anouk")
    assert service.push("anouk", moment).json()["results"][0]["status"] == "applied"
    start, changes = service.pull_all("bram")
    assert made_id(moment) not in {c["id"] for c in changes}  # a change outside the scope is not even named

    def move(place: str) -> None:
        with service.db.unit("anouk") as session:
            candidate = session.get(Candidate, t1)
            candidate.municipality = candidate.woonplaats = place

    move("Woensdrecht")
    middle, changes = service.pull_all("bram", since=start)
    assert str(t1) in _ids(changes, "upsert", "candidates")
    assert made_id(moment) in _ids(changes, "upsert", "contact_moments")  # unchanged itself, sent along
    move("Rucphen")
    _, changes = service.pull_all("bram", since=middle)
    assert str(t1) in _ids(changes, "delete", "candidates")
    assert made_id(moment) in _ids(changes, "delete", "contact_moments")
    order = [(c["op"], c["table"]) for c in changes]
    assert order.index(("delete", "contact_moments")) < order.index(("delete", "candidates"))  # children first


def test_a_bad_watermark_is_a_dutch_400(service):
    answer = service.get("pull", "bram", since="gisteren")
    assert answer.status_code == 400 and "watermerk" in answer.json()["detail"]


def test_a_watermark_of_another_database_asks_for_a_new_snapshot(service):
    watermark, _ = service.pull_all("bram")
    epoch, _, position = watermark.partition("@")
    assert len(epoch) == 12 and epoch == service.get("handshake", "bram").json()["epoch"]
    answer = service.get("pull", "bram", since=f"000000000000@{position}")  # e.g. before a restore elsewhere
    assert answer.status_code == 409 and "momentopname" in answer.json()["detail"]


def test_the_snapshot_is_the_region_encrypted_with_its_one_time_key(service, tmp_path):
    answer = service.get("snapshot", "bram")
    assert answer.status_code == 200, answer.text
    key = answer.headers["x-matchdesk-snapshot-key"]
    watermark = answer.headers["x-matchdesk-watermark"]
    epoch = service.get("handshake", "bram").json()["epoch"]
    assert len(key) == 64 and watermark.startswith(f"{epoch}@") and int(watermark.partition("@")[2]) > 0
    path = tmp_path / "laptop.db"
    path.write_bytes(answer.content)
    assert not cipher.is_plaintext(path)
    with pytest.raises(cipher.driver.DatabaseError):
        other = cipher.connect(path, DatabaseKey("0" * 64, "x"))
        try:
            other.execute("SELECT count(*) FROM candidates").fetchone()
        finally:
            other.close()
    connection = cipher.connect(path, DatabaseKey(key, "eenmalig"))
    try:
        places = {row[0] for row in connection.execute("SELECT DISTINCT municipality FROM candidates")}
        count = connection.execute("SELECT count(*) FROM candidates").fetchone()[0]
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        audit = connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        tokens = connection.execute("SELECT count(*) FROM sync_tokens").fetchone()[0]
        orphans = connection.execute("SELECT count(*) FROM trajectories WHERE candidate_id NOT IN "
                                     "(SELECT id FROM candidates)").fetchone()[0]
    finally:
        connection.close()
    with service.db.reading() as session:
        expected = len(session.scalars(select(Candidate.id).where(Candidate.municipality.in_(BRABANTSE_WAL))).all())
    assert places <= BRABANTSE_WAL and count == expected and count > 0
    assert (audit, tokens, orphans) == (0, 0, 0)
    from matchdesk.storage.migrate import HEAD_REVISION

    assert revision == HEAD_REVISION
    _, later = service.pull_all("bram", since=watermark)  # what came after the snapshot: nothing of ours yet
    assert not _ids(later, "upsert", "candidates") - {str(service.server.people[k]) for k in ("T2", "T3")}


def test_the_snapshot_re_keyed_opens_as_a_matchdesk_database(service, tmp_path):
    from matchdesk.app import App
    from tests.conftest import TODAY, test_key

    answer = service.get("snapshot", "bram")
    path = tmp_path / "laptop.db"
    path.write_bytes(answer.content)
    connection = cipher.connect(path, DatabaseKey(answer.headers["x-matchdesk-snapshot-key"], "eenmalig"))
    connection.execute(f"PRAGMA rekey = \"x'{test_key().hex}'\"")  # what the laptop does with its own key
    connection.close()
    with App.open(path, user="bram", today=TODAY) as app:
        with app.reading() as session:
            assert session.get(Candidate, service.server.people["T2"]) is not None
            assert session.get(Candidate, service.server.people["T1"]) is None
    assert uuid.UUID(str(service.server.people["T2"]))


def test_narrowing_a_medewerkers_region_deletes_the_rest_from_their_laptop_at_the_next_pull(service):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.sync.users import set_region

    t2, t3 = service.server.people["T2"], service.server.people["T3"]  # Bergen op Zoom, Steenbergen
    moment = contact(t2, who="bram")
    assert service.push("bram", moment).json()["results"][0]["status"] == "applied"
    watermark, _ = service.pull_all("bram")
    app = App(service.db, user="privacy", today=dt.date(2026, 11, 23), rulebooks=load_rulebooks())
    set_region(app, "bram", "Steenbergen")  # narrowed by the privacy officer
    watermark, changes = service.pull_all("bram", since=watermark)
    assert str(t2) in _ids(changes, "delete", "candidates") and made_id(moment) in _ids(changes, "delete",
                                                                                        "contact_moments")
    assert str(t3) not in _ids(changes, "delete", "candidates")  # still theirs
    with service.db.reading() as session:
        elsewhere = session.scalars(select(Candidate.id).where(Candidate.municipality == "Woensdrecht")).all()
    assert elsewhere and {str(i) for i in elsewhere} <= _ids(changes, "delete", "candidates")
    set_region(app, "bram", "Brabantse Wal")  # and widened again: sent back
    _, changes = service.pull_all("bram", since=watermark)
    assert str(t2) in _ids(changes, "upsert", "candidates") and made_id(moment) in _ids(changes, "upsert",
                                                                                        "contact_moments")


def test_a_laptop_away_longer_than_the_log_keeps_is_told_to_take_a_new_copy(service):
    from sqlalchemy import update

    from matchdesk.storage.models import SyncChange
    from matchdesk.sync.changes import prune

    old_watermark, _ = service.pull_all("bram")
    pushed = contact(service.server.people["T2"], who="bram")
    assert service.push("bram", pushed).json()["results"][0]["status"] == "applied"
    recent, _ = service.pull_all("bram")
    with service.db.unit("systeem") as session:  # everything in the log so far: 200 days old
        session.execute(update(SyncChange).values(at=dt.datetime(2026, 5, 1)))
    assert prune(service.db, 180) > 0
    assert prune(service.db, 180) == 0
    answer = service.get("pull", "bram", since=old_watermark)
    assert answer.status_code == 409 and "nieuwe momentopname" in answer.json()["detail"]
    assert service.get("pull", "bram", since=recent).status_code == 200  # synced since: nothing missed
    later = contact(service.server.people["T3"], who="bram")
    service.push("bram", later)
    _, changes = service.pull_all("bram", since=recent)
    assert made_id(later) in _ids(changes, "upsert", "contact_moments")
