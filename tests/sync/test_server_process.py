"""The team server as IT runs it: ``matchdesk users`` on the PostgreSQL database and a real ``matchdesk serve``
process spoken to over HTTP (httpx); SQLite refused, the ready line, SIGTERM a clean stop."""

from __future__ import annotations

import signal
import subprocess
import sys

import httpx
import pytest
from sqlalchemy import create_engine

from tests.sync.server_helpers import ROOT, as_json, start_serve, users_cli

pytest_plugins = ["tests.sync.server_support"]


def _matchdesk(*words: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "matchdesk", *words], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("db", ["team.db", None])
def test_serve_refuses_a_sqlite_file_in_dutch(tmp_path, monkeypatch, db):
    monkeypatch.delenv("MATCHDESK_DB", raising=False)
    words = ["--db", str(tmp_path / db)] if db else []
    done = _matchdesk(*words, "serve", "--port", "0")
    assert done.returncode == 2
    assert "PostgreSQL" in done.stderr and "SQLite" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "team.db").exists()
    assert _matchdesk(*words, "users", "list").returncode == 2


def test_users_add_list_revoke_and_region_on_the_server(server):
    made = users_cli(server.url, "add", "dirk", "--role", "accountmanager", "--region", "Hart van West-Brabant")
    assert made.returncode == 0, made.stderr
    assert "één keer" in made.stdout and "Accountmanager" in made.stdout
    token = made.stdout.strip().splitlines()[-1]
    assert len(token) >= 40
    again = users_cli(server.url, "add", "dirk", "--role", "matchmaker", "--region", "WVS")
    assert again.returncode == 2 and "al een token" in again.stderr
    unknown = users_cli(server.url, "add", "eva", "--role", "matchmaker", "--region", "Atlantis")
    assert unknown.returncode == 2 and "Atlantis" in unknown.stderr and "Brabantse Wal" in unknown.stderr
    listed = {a["name"]: a for a in as_json(users_cli(server.url, "list", "--json"))}
    assert listed["dirk"]["active"] and listed["dirk"]["role"] == "accountmanager"
    assert listed["dirk"]["region"] == "Hart van West-Brabant"
    assert "Accountmanager" in users_cli(server.url, "list").stdout  # Dutch labels in the text output
    narrowed = users_cli(server.url, "region", "dirk", "Roosendaal;Rucphen")
    assert narrowed.returncode == 0 and "Roosendaal;Rucphen" in narrowed.stdout
    revoked = users_cli(server.url, "revoke", "dirk")
    assert revoked.returncode == 0 and "ingetrokken" in revoked.stdout
    assert not {a["name"]: a for a in as_json(users_cli(server.url, "list", "--json"))}["dirk"]["active"]
    renewed = as_json(users_cli(server.url, "add", "dirk", "--role", "accountmanager", "--region", "Zundert", "--json"))
    assert renewed["token"] != token and renewed["region"] == "Zundert"
    with create_engine(server.url).connect() as connection:
        stored = [row[0] for row in connection.exec_driver_sql("SELECT hash FROM sync_tokens")]
    assert token not in stored and renewed["token"] not in stored and all(len(h) == 64 for h in stored)


def test_a_real_serve_process_answers_over_http_and_stops_cleanly_on_sigterm(server):
    process, url = start_serve(server.url)
    try:
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        with httpx.Client(base_url=url, timeout=30) as client:
            assert client.get("/api/v1/handshake").status_code == 401
            answer = client.get("/api/v1/handshake", headers={"Authorization": f"Bearer {server.tokens['bram']}"})
            assert answer.status_code == 200 and answer.json()["medewerker"] == "bram"
            pulled = client.get("/api/v1/pull", params={"since": "0"},
                                headers={"Authorization": f"Bearer {server.tokens['bram']}"})
            assert pulled.status_code == 200 and pulled.json()["changes"]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in (process.stderr.read() if process.stderr else "")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_makes_the_schema_of_an_empty_postgresql_database(pg_url):
    process, url = start_serve(pg_url)
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            assert client.get("/api/v1/handshake").status_code == 401
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    with create_engine(pg_url).connect() as connection:
        from matchdesk.storage.migrate import HEAD_REVISION

        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
        assert connection.exec_driver_sql("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'sync_changes_%%'"
                                          ).scalar() == 15



def _pg_tool(name: str) -> str:
    import glob
    import shutil

    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[::-1]), None)
    if found is None:
        pytest.skip(f"{name} is niet geïnstalleerd")
    return found


def test_after_pg_dump_and_a_restore_over_it_old_watermarks_are_refused(server):
    from sqlalchemy.engine import make_url

    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.storage.database import Database
    from matchdesk.sync.changes import database_epoch, pull
    from matchdesk.sync.server_scope import scope_of

    db = Database.open(server.url)
    scope = scope_of("Brabantse Wal", load_rulebooks())
    before = database_epoch(db.engine)
    watermark = pull(db.engine, scope, None, epoch=before).watermark
    db.dispose()
    url = make_url(server.url)
    connect = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    dump = subprocess.run([_pg_tool("pg_dump"), *connect, "-Fc", "-d", url.database or ""], capture_output=True,
                          timeout=120, check=True).stdout
    subprocess.run([_pg_tool("pg_restore"), *connect, "--clean", "--if-exists", "-d", url.database or ""],
                   input=dump, capture_output=True, timeout=120, check=True)
    db = Database.open(server.url)
    try:
        after = database_epoch(db.engine)
        assert after != before
        from matchdesk.sync.changes import OtherDatabase

        with pytest.raises(OtherDatabase):
            pull(db.engine, scope, watermark, epoch=after)
    finally:
        db.dispose()


def test_serve_on_a_port_in_use_says_so_in_dutch(server):
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        done = _matchdesk("--db", server.url, "serve", "--port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Kan niet luisteren" in done.stderr and "al in gebruik" in done.stderr
