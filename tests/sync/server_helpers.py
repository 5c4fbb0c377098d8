"""Helpers of the team server's tests: commands as a laptop pushes them, a real ``matchdesk serve`` process, the
``matchdesk users`` command."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START = dt.date(2026, 1, 5)


def command(name: str, args: dict, *, ids: tuple | list = (), expects=None, touched=(), decided_on=START,
            who="anouk") -> dict:
    from matchdesk.sync import codec

    return {"id": str(uuid.uuid4()), "seq": 1, "name": name, "args": codec.encode_args(args),
            "ids": [str(i) for i in ids], "expects": expects or {}, "touched": list(touched),
            "decided_on": decided_on.isoformat(), "rulebook": "wvs@x", "verdict": "ok", "medewerker": who,
            "made_at": "2026-12-04T10:31:02Z"}


def contact(candidate: uuid.UUID, summary: str = "gebeld", **kwargs) -> dict:
    moment = uuid.uuid4()
    return command("contact.add", {"candidate_id": candidate, "date": dt.date(2026, 12, 1), "kind": "telefoon",
                                   "summary": summary}, ids=[f"contact_moments/{moment}"],
                   touched=[f"contact_moments/{moment}"], **kwargs)


def made_id(pushed: dict, number: int = 0) -> str:
    """The id of the ``number``-th row the pushed command made (``ids`` carries ``table/uuid``)."""
    return pushed["ids"][number].rpartition("/")[2]


# -- a real ``matchdesk serve`` process ------------------------------------------------------------------------
def start_serve(url: str, *extra: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """``matchdesk --db URL serve --port 0`` started; returns the process and its URL once it is ready."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    process = subprocess.Popen([sys.executable, "-m", "matchdesk", "--db", url, "serve", "--port", "0", *extra],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=environment)
    deadline = time.monotonic() + 60
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        if line.startswith("MATCHDESK_SERVER_READY "):
            return process, line.split()[1]
    process.kill()
    raise AssertionError(f"the server did not get ready: {process.stderr.read()}")


def users_cli(url: str, *words: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "matchdesk", "--db", url, "users", *words], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def as_json(process: subprocess.CompletedProcess):
    return json.loads(process.stdout)
