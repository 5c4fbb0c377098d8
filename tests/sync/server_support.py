"""Fixtures of the team server's tests: a small demo region on a real PostgreSQL (skipped without
MATCHDESK_TEST_PG), made once per session and cloned per test (``CREATE DATABASE ... TEMPLATE``), with three
accounts and three candidates of known municipalities; the service in-process (FastAPI's TestClient) or as a
real ``matchdesk serve`` process."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

import pytest

from tests.conftest import PG_ENV, TODAY

# (klantnummer, municipality): anouk (WVS) holds all three, bram (Brabantse Wal) only the second and third
PEOPLE = {"T1": "Roosendaal", "T2": "Bergen op Zoom", "T3": "Steenbergen"}
ACCOUNTS = {"anouk": ("matchmaker", "WVS"), "bram": ("accountmanager", "Brabantse Wal"),
            "carla": ("teamleider", "Wassenaar")}


@dataclass(frozen=True)
class Server:
    url: str  # the PostgreSQL database's URL
    tokens: dict[str, str]  # medewerker -> token
    people: dict[str, uuid.UUID]  # klantnummer -> candidate id


def _admin():
    from sqlalchemy import create_engine

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is niet gezet: geen PostgreSQL-server voor deze test")
    return base, create_engine(base, isolation_level="AUTOCOMMIT")


def _url(base: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(base).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def server_template():
    """A demo region of 60 candidates on PostgreSQL with the accounts and the three known candidates."""
    from matchdesk.app import App
    from matchdesk.cli.main import main
    from matchdesk.domain import Role
    from matchdesk.services.candidates import create_candidate
    from matchdesk.storage.database import Database
    from matchdesk.sync.users import add_user
    from tests.conftest import candidate_values

    base, admin = _admin()
    name = f"matchdesk_server_tpl_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = _url(base, name)
    try:
        assert main(["--db", url, "--today", TODAY.isoformat(), "demo", "--candidates", "60", "--employers", "8",
                     "--vacancies", "12", "--seed", "3"]) == 0
        app = App.open(url, user="systeem", today=TODAY)
        try:
            tokens = {who: add_user(app, who, Role(role), region).token for who, (role, region) in ACCOUNTS.items()}
            people = {}
            with app.unit() as session:
                for number, (klant, municipality) in enumerate(PEOPLE.items()):
                    candidate = create_candidate(session, candidate_values(
                        klantnummer=f"99000{number}", voornaam=klant, municipality=municipality,
                        woonplaats=municipality), TODAY)
                    session.flush()
                    people[klant] = candidate.id
        finally:
            app.close()
        Database.open(url).dispose()
        yield name, tokens, people
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def server(server_template):
    """A fresh copy of the template for one test."""
    template, tokens, people = server_template
    base, admin = _admin()
    name = f"matchdesk_server_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield Server(_url(base, name), tokens, people)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def service(server):
    """The sync service on ``server``'s database, in-process: ``service.client`` (TestClient), ``service.db``."""
    from fastapi.testclient import TestClient

    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.storage.database import Database
    from matchdesk.sync.server import create_app

    db = Database.open(server.url)
    client = TestClient(create_app(db, load_rulebooks(), clock=lambda: TODAY))
    try:
        yield _Service(client, db, server)
    finally:
        client.close()
        db.dispose()


@dataclass
class _Service:
    client: object
    db: object
    server: Server

    def as_(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.server.tokens[who]}"}

    def get(self, path: str, who: str, **params):
        return self.client.get(f"/api/v1/{path}", headers=self.as_(who), params=params)  # type: ignore[attr-defined]

    def push(self, who: str, *commands: dict, audit: list | None = None, laptop: str = "laptop-1"):
        body = {"laptop": laptop, "commands": list(commands), "audit": audit or []}
        return self.client.post("/api/v1/push", headers=self.as_(who), json=body)  # type: ignore[attr-defined]

    def pull_all(self, who: str, since: str | None = None, limit: int = 5000) -> tuple[str, list[dict]]:
        changes: list[dict] = []
        while True:
            params = {"limit": limit} | ({"since": since} if since is not None else {})
            answer = self.get("pull", who, **params)
            assert answer.status_code == 200, answer.text
            page = answer.json()
            changes += page["changes"]
            since = page["watermark"]
            if not page["more"]:
                return since, changes
