"""The sync scenarios of issue 18 against a real PostgreSQL and a real ``matchdesk serve`` process: two laptops
(anouk, bram) take the server's copy, work offline and sync through ``matchdesk sync``. Skipped without
MATCHDESK_TEST_PG.

The tests run in the order written on one team (module scope): overlapping leerwerktrajecten (the second
refused by the server's rules, its local effect undone), one phone edited twice (a conflict naming who), a push
whose answer was cut off (sent again, applied once), the server killed mid-push (nothing lost, nothing twice),
and at the end the server and both laptops hold the same synced content.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from matchdesk.dates import last_day_within
from matchdesk.domain import Location, Provider, TrajectoryKind, VacancyKind
from matchdesk.services import candidate_cases, contacts, trajectory_cases
from matchdesk.services.trajectories import TrajectoryInput
from matchdesk.storage.models import Candidate, ContactMoment, OutboxCommand, Trajectory
from tests.conftest import PG_ENV, TODAY
from tests.sync.scenario_support import Proxy, Server, laptop_rows, matchdesk, server_rows, wait_for

pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is niet gezet: geen PostgreSQL-server")


class Laptop:
    def __init__(self, path: Path, user: str, token: str, server: str) -> None:
        self.path, self.user, self.token, self.server = path, user, token, server

    def sync(self) -> tuple[int, dict]:
        done = matchdesk("--db", str(self.path), "--user", self.user, "--today", TODAY.isoformat(), "sync",
                         "--server", self.server, "--json", token=self.token)
        assert done.returncode in (0, 1, 2), done.stderr
        return done.returncode, (json.loads(done.stdout) if done.stdout.strip() else {"stderr": done.stderr})

    def app(self):
        from matchdesk.app import App

        return App.open(self.path, user=self.user, today=TODAY)

    def outbox(self) -> list[OutboxCommand]:
        with self.app() as app, app.reading() as session:
            return list(session.scalars(select(OutboxCommand).order_by(OutboxCommand.seq)))


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    base = os.environ[PG_ENV]
    name = f"matchdesk_sync_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    server = proxy = None
    try:
        made = matchdesk("--db", url, "--today", TODAY.isoformat(), "demo", "--candidates", "120", "--employers",
                         "12", "--vacancies", "24", "--seed", "3")
        assert made.returncode == 0, made.stderr
        tokens = {}
        for user in ("anouk", "bram"):
            added = matchdesk("--db", url, "users", "add", user, "--role", "matchmaker", "--region", "WVS", "--json")
            assert added.returncode == 0, added.stderr
            tokens[user] = json.loads(added.stdout)["token"]
        server = Server(url)
        proxy = Proxy(server.port)
        folder = tmp_path_factory.mktemp("laptops")
        laptops = {user: Laptop(folder / f"{user}.db", user, tokens[user], proxy.url) for user in tokens}
        for laptop in laptops.values():
            assert laptop.sync() == (0, {"pushed": 0, "applied": 0, "pulled": 0, "refused": []})
        team = {"url": url, "server": server, "proxy": proxy, **laptops}
        yield team
        server = team["server"]
    finally:
        if proxy is not None:
            proxy.close()
        if server is not None:
            server.stop()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _server_scalar(url: str, statement):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(statement).scalar()
    finally:
        engine.dispose()


def _free_candidates(url: str, count: int) -> list[tuple[uuid.UUID, str]]:
    """Doelgroep-B candidates without any trajectory (a leerwerktraject is allowed for them)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Candidate.id, Candidate.klantnummer).where(
                Candidate.doelgroep == "B", Candidate.deleted_at.is_(None), Candidate.archived_at.is_(None),
                ~Candidate.id.in_(select(Trajectory.candidate_id))).order_by(Candidate.klantnummer).limit(count))
            return [(row.id, row.klantnummer) for row in rows]
    finally:
        engine.dispose()


def _leerwerk(start: dt.date, months: int) -> TrajectoryInput:
    return TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start, planned_end=last_day_within(start, months),
                           provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER,
                           vacancy_kind=VacancyKind.LEERWERKPLEK)


def test_overlapping_leerwerktrajecten_the_second_is_refused_and_undone(team):
    anouk, bram = team["anouk"], team["bram"]
    (candidate, _klantnummer), = _free_candidates(team["url"], 1)
    with anouk.app() as app:
        first = trajectory_cases.start(app, candidate, _leerwerk(dt.date(2026, 12, 1), 6))
    with bram.app() as app:  # offline, the same candidate: allowed by the rules on bram's laptop
        second = trajectory_cases.start(app, candidate, _leerwerk(dt.date(2027, 1, 4), 3))
    assert anouk.sync() == (0, {"pushed": 1, "applied": 1, "pulled": 1, "refused": []})
    code, report = bram.sync()
    assert code == 1 and (report["pushed"], report["applied"]) == (1, 0), report
    [refused] = report["refused"]
    assert (refused["command"], refused["status"]) == ("trajectory.start", "rules")
    with bram.app() as app, app.reading() as session:
        assert session.get(Trajectory, second.id) is None  # undone on the laptop
        assert session.get(Trajectory, first.id) is not None  # anouk's, pulled
    row = bram.outbox()[-1]
    assert row.status == "rules" and json.loads(row.findings)
    assert json.loads(row.current) == {f"trajectories/{second.id}": None}
    assert json.loads(row.local)[f"trajectories/{second.id}"]["start"] == "2027-01-04"  # the laptop's version kept
    assert _server_scalar(team["url"], select(func.count()).select_from(Trajectory)
                          .where(Trajectory.candidate_id == candidate)) == 1


def test_both_edit_one_phone_the_second_is_a_conflict_naming_who(team):
    anouk, bram = team["anouk"], team["bram"]
    _, (_candidate, klantnummer) = _free_candidates(team["url"], 2)
    for laptop, phone in ((anouk, "0611111111"), (bram, "0622222222")):
        with laptop.app() as app:
            record = candidate_cases.open_candidate(app, klantnummer)
            candidate_cases.save_candidate(app, record.id, record.version, {"telefoon": phone})
    assert anouk.sync()[0] == 0
    code, report = bram.sync()
    assert code == 1, report
    [refused] = report["refused"]
    assert refused["status"] == "conflict" and "anouk" in refused["message"], refused
    row = bram.outbox()[-1]
    assert row.changed_by == "anouk" and row.changed_at is not None
    with bram.app() as app:
        assert candidate_cases.open_candidate(app, klantnummer).values["telefoon"] == "0611111111"


def test_a_push_whose_answer_was_cut_off_is_sent_again_and_applied_once(team):
    anouk, proxy = team["anouk"], team["proxy"]
    (candidate, _), = _free_candidates(team["url"], 3)[2:]
    with anouk.app() as app:
        moment = contacts.record_contact(app, candidate, dt.date(2026, 11, 20), "telefoon", "eerste contact")
    proxy.drop_push = True
    try:
        code, report = anouk.sync()
    finally:
        proxy.drop_push = False
    assert code == 2 and "niet bereikbaar" in report["stderr"], report
    assert [row.status for row in anouk.outbox()][-1] == "pending"  # the outbox untouched
    count = select(func.count()).select_from(ContactMoment).where(ContactMoment.candidate_id == candidate)
    assert _server_scalar(team["url"], count) == 1  # the server did apply it
    code, report = anouk.sync()
    assert (code, report["pushed"], report["applied"], report["refused"]) == (0, 1, 1, [])  # the stored answer
    assert _server_scalar(team["url"], count) == 1  # not twice
    assert _server_scalar(team["url"], select(ContactMoment.id).where(ContactMoment.id == moment.id)) == moment.id


def test_the_server_killed_mid_push_loses_nothing(team):
    anouk, proxy, url = team["anouk"], team["proxy"], team["url"]
    (candidate, _), = _free_candidates(url, 4)[3:]
    with anouk.app() as app:
        for day in range(1, 31):
            contacts.record_contact(app, candidate, dt.date(2026, 10, day), "telefoon", f"contact {day}")
    received = _server_scalar(url, text("SELECT count(*) FROM sync_received"))

    def kill_once_some_are_applied() -> None:
        wait_for(lambda: _server_scalar(url, text("SELECT count(*) FROM sync_received")) >= received + 3, 60)
        team["server"].kill()

    proxy.on_push = kill_once_some_are_applied
    try:
        code, report = anouk.sync()
    finally:
        proxy.on_push = None
    assert code == 2, report
    applied_before = _server_scalar(url, text("SELECT count(*) FROM sync_received")) - received
    assert 3 <= applied_before < 30  # killed in the middle
    team["server"] = Server(url)
    proxy.upstream = team["server"].port
    code, report = anouk.sync()
    assert code == 0 and report["pushed"] == 30 and report["applied"] == 30, report
    assert _server_scalar(url, select(func.count()).select_from(ContactMoment)
                          .where(ContactMoment.candidate_id == candidate)) == 30
    assert {row.status for row in anouk.outbox()[-30:]} == {"applied"}


def test_afterwards_server_and_both_laptops_hold_the_same_content(team):
    anouk, bram = team["anouk"], team["bram"]
    assert anouk.sync()[0] == 0 and bram.sync()[0] == 0
    on_anouk, on_bram, on_server = laptop_rows(anouk.path), laptop_rows(bram.path), server_rows(team["url"])
    for table in on_server:
        assert on_anouk[table] == on_bram[table], table
        assert on_anouk[table] == on_server[table], table


def test_a_narrowed_scope_leaves_the_laptop_only_that_scope(team):
    bram, url = team["bram"], team["url"]
    candidate = _server_scalar(url, select(Candidate.id).where(Candidate.municipality == "Roosendaal").limit(1))
    with bram.app() as app:  # made before the narrowing: sent first, then the pull takes the others away
        contacts.record_contact(app, candidate, dt.date(2026, 11, 21), "bezoek", "op locatie")
    narrowed = matchdesk("--db", url, "users", "region", "bram", "Roosendaal")
    assert narrowed.returncode == 0, narrowed.stderr
    code, report = bram.sync()
    assert (code, report.get("pushed"), report.get("applied")) == (0, 1, 1), report
    with bram.app() as app, app.reading() as session:
        places = set(session.scalars(select(Candidate.municipality)))
        assert places == {"Roosendaal"}
    assert _server_scalar(url, select(func.count()).select_from(ContactMoment)
                          .where(ContactMoment.candidate_id == candidate)) == 1
    assert bram.sync()[0] == 0  # and it syncs on from there
