"""Helpers of the sync scenarios: a real ``matchdesk serve`` process, a proxy in front of it that can drop the
answer to a push or kill the server while a push is under way, laptops synced by a real ``matchdesk sync``,
and a digest over the synced tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, select

from matchdesk.sync.codec import SYNCED_TABLES, row_to_json, table_of

READY = "MATCHDESK_SERVER_READY"
ROOT = Path(__file__).resolve().parents[2]


def matchdesk(*args: str, token: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MATCHDESK_SERVER_TOKEN", None)
    if token:
        env["MATCHDESK_SERVER_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "matchdesk", *args], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=ROOT)


class Server:
    """``matchdesk --db URL serve --port 0`` until ``stop()`` or ``kill()``."""

    def __init__(self, url: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.process = subprocess.Popen([sys.executable, "-m", "matchdesk", "--db", url, "serve", "--port", "0"],
                                        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
                                        cwd=ROOT)
        self.lines: list[str] = []
        ready = threading.Event()

        def drain() -> None:
            assert self.process.stderr is not None
            for line in self.process.stderr:
                self.lines.append(line)
                if line.startswith(READY):
                    ready.set()

        threading.Thread(target=drain, daemon=True).start()
        if not ready.wait(90):
            self.process.kill()
            raise AssertionError("de server meldde zich niet: " + "".join(self.lines[-20:]))
        self.url = next(line.split()[1] for line in self.lines if line.startswith(READY))
        self.port = int(self.url.rsplit(":", 1)[1])

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no shutdown of any kind
        self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


def _read_http(sock: socket.socket) -> bytes | None:
    """One HTTP message (headers and a Content-Length body) from ``sock``; None when it closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


class Proxy:
    """A TCP proxy on 127.0.0.1 in front of the server. ``drop_push``: a push reaches the server but its
    answer never reaches the laptop (the connection is cut). ``on_push``: called once a push has been passed
    on, before its answer is read (the scenario kills the server there)."""

    def __init__(self, upstream: int) -> None:
        self.upstream = upstream
        self.drop_push = False
        self.on_push: Callable[[], None] | None = None
        self.pushes = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        with connection:
            while True:
                request = _read_http(connection)
                if request is None:
                    return
                push = request.startswith(b"POST /api/v1/push")
                try:
                    upstream = socket.create_connection(("127.0.0.1", self.upstream), timeout=120)
                except OSError:
                    return  # the server is down: the laptop sees a cut connection
                with upstream:
                    upstream.sendall(request)
                    if push:
                        self.pushes += 1
                        if self.on_push is not None:
                            self.on_push()
                    try:
                        response = _read_http(upstream)
                    except OSError:
                        response = None
                if response is None or (push and self.drop_push):
                    return  # cut: no answer
                connection.sendall(response)

    def close(self) -> None:
        self.listener.close()


def digest(url: str, *, only_ids: dict[str, set[str]] | None = None) -> dict[str, str]:
    """Per synced table: a SHA-256 over its rows as they travel, sorted by id (``only_ids``: those rows)."""
    engine = create_engine(url) if "://" in url else None
    if engine is None:
        raise ValueError(url)
    out = {}
    try:
        with engine.connect() as connection:
            for name in SYNCED_TABLES:
                table = table_of(name)
                rows = [row_to_json(table, row) for row in connection.execute(select(table))]
                if only_ids is not None:
                    rows = [row for row in rows if row["id"] in only_ids[name]]
                rows.sort(key=lambda row: row["id"])
                out[name] = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
    finally:
        engine.dispose()
    return out


def laptop_rows(path: Path) -> dict[str, dict[str, dict]]:
    """The synced rows of a laptop file by table and id (through MatchDesk's keyed connection)."""
    from matchdesk.storage.database import Database

    db = Database.open(path)
    try:
        with db.engine.connect() as connection:
            return {name: {str(row.id): row_to_json(table_of(name), row)
                           for row in connection.execute(select(table_of(name)))} for name in SYNCED_TABLES}
    finally:
        db.dispose()


def server_rows(url: str) -> dict[str, dict[str, dict]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {name: {str(row.id): row_to_json(table_of(name), row)
                           for row in connection.execute(select(table_of(name)))} for name in SYNCED_TABLES}
    finally:
        engine.dispose()


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return False


def today() -> dt.date:
    from tests.conftest import TODAY

    return TODAY
