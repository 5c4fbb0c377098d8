"""The team server under load, on this machine (loopback only): a real ``matchdesk serve`` process on PostgreSQL
and laptops synced through the client (``matchdesk.sync.client``, in this process; a ``matchdesk sync`` command
adds its own start of ~0.6 s).

1. First sync of a 9,000-candidate region onto an empty laptop: the snapshot made, downloaded, re-keyed, taken.
2. 200 offline edits (100 contact moments, 100 phone numbers) pushed by one laptop, and pulled by another.
3. 20 laptops (one municipality each) syncing at once, each with 10 offline edits: at most ``--parallel`` at a
   time (default 20, all of them).

    MATCHDESK_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/sync_load.py [--candidates 9000] [--rounds 3] [--laptops 20]

Makes a database of its own on that server (dropped at the end unless ``--keep``) and a key file for the
laptops (``MATCHDESK_KEY_FILE``) in a temporary folder. Prints medians (and the runs) per step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)
WVS = ("Bergen op Zoom", "Steenbergen", "Woensdrecht", "Etten-Leur", "Halderberge", "Moerdijk", "Roosendaal",
       "Rucphen", "Zundert")


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.2f} s (runs: {', '.join(f'{s:.2f}' for s in samples)})"


def _serve(url: str) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "matchdesk", "--db", url, "serve", "--port", "0"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("MATCHDESK_SERVER_READY "):
            threading.Thread(target=lambda: [None for _ in process.stderr or ()], daemon=True).start()
            return process, line.split()[1]
    raise SystemExit(f"serve did not start (exit {process.wait()})")


def _first_sync(server: str, token: str, target: Path) -> float:
    from matchdesk.app import App
    from matchdesk.sync import client

    started = time.perf_counter()
    with client.ServerConnection(server, token, timeout=600) as connection:
        watermark = client.first_copy(connection, target)
        with App.open(target, user="bench", today=TODAY) as app:
            client.become_laptop(app, server, watermark)
            client.sync_app(app, connection)
    return time.perf_counter() - started


def _snapshot_only(server: str, token: str) -> float:
    import httpx

    started = time.perf_counter()
    answer = httpx.get(f"{server}/api/v1/snapshot", headers={"Authorization": f"Bearer {token}"}, timeout=600)
    answer.raise_for_status()
    return time.perf_counter() - started


def _sync(server: str, token: str, target: Path, user: str) -> tuple[float, object]:
    from matchdesk.app import App
    from matchdesk.sync import client

    with App.open(target, user=user, today=TODAY) as app, client.ServerConnection(server, token) as connection:
        started = time.perf_counter()
        report = client.sync_app(app, connection)
        return time.perf_counter() - started, report


def _edit_offline(target: Path, user: str, contacts: int, phones: int, tag: str) -> None:
    """Edits on the laptop alone (the outbox records them): contact moments and phone numbers."""
    from sqlalchemy import select

    from matchdesk.app import App
    from matchdesk.services.candidate_cases import save_candidate
    from matchdesk.services.contacts import record_contact
    from matchdesk.storage.models import Candidate

    with App.open(target, user=user, today=TODAY) as app:
        with app.reading() as session:
            people = list(session.execute(select(Candidate.id, Candidate.version)
                                          .where(Candidate.deleted_at.is_(None), Candidate.archived_at.is_(None))
                                          .order_by(Candidate.klantnummer)).all())
        for number in range(contacts):
            record_contact(app, people[number % len(people)].id, TODAY, "telefoon", f"belronde {tag} {number}")
        for number in range(phones):
            person = people[-1 - number % len(people)]
            with app.reading() as session:
                version = session.get(Candidate, person.id).version
            save_candidate(app, person.id, version, {"telefoon": f"06{secrets.randbelow(10**8):08d}"})


def _together(server: str, tokens: dict[str, str], laptops: dict[str, Path], parallel: int) -> list[float]:
    """Every laptop syncs at once (at most ``parallel`` at a time): the seconds each took."""
    def one(who: str) -> float:
        seconds, report = _sync(server, tokens[who], laptops[who], who)
        assert report.applied == 10 and not report.refused, report  # type: ignore[attr-defined]
        return seconds

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return list(pool.map(one, laptops))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("MATCHDESK_TEST_PG"), help="maintenance database URL")
    parser.add_argument("--candidates", type=int, default=9000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--laptops", type=int, default=20)
    parser.add_argument("--parallel", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database (its URL is printed)")
    args = parser.parse_args()
    if not args.pg:
        raise SystemExit("geef --pg of MATCHDESK_TEST_PG")
    work = Path(tempfile.mkdtemp(prefix="matchdesk-syncload-"))
    key_file = work / "laptops.sleutel"
    key_file.write_text(secrets.token_hex(32) + "\n")
    key_file.chmod(0o600)
    os.environ["MATCHDESK_KEY_FILE"] = str(key_file)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    os.environ["MATCHDESK_NO_CACHE"] = "1"

    from sqlalchemy import create_engine, select
    from sqlalchemy.engine import make_url

    from matchdesk.app import App
    from matchdesk.cli.main import main as matchdesk
    from matchdesk.domain import Role
    from matchdesk.storage.models import Candidate
    from matchdesk.sync.users import add_user

    name = f"matchdesk_syncload_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(args.pg).set(database=name).render_as_string(hide_password=False)
    process = None
    try:
        started = time.perf_counter()
        assert matchdesk(["--db", url, "--today", TODAY.isoformat(), "demo", "--candidates", str(args.candidates),
                          "--seed", "7"]) == 0
        print(f"setup: demo of {args.candidates} candidates on PostgreSQL in {time.perf_counter() - started:.0f} s")
        with App.open(url, user="systeem", today=TODAY) as app:
            tokens = {"bench": add_user(app, "bench", Role.ACCOUNTMANAGER, "WVS").token,
                      "office": add_user(app, "office", Role.MATCHMAKER, "WVS").token}
            for number in range(args.laptops):
                who = f"laptop{number:02d}"
                tokens[who] = add_user(app, who, Role.ACCOUNTMANAGER, WVS[number % len(WVS)]).token
            with app.reading() as session:
                region = len(session.scalars(select(Candidate.id)).all())
        process, server = _serve(url)
        print(f"server: {server} (pid {process.pid}); {region} candidates in WVS\n")

        # 1. first sync of the whole region onto an empty laptop
        firsts = [_first_sync(server, tokens["bench"], work / f"first-{run}.db") for run in range(args.rounds)]
        size = (work / "first-0.db").stat().st_size / 1e6
        print(f"1. first sync, {region} candidates (snapshot {size:.0f} MB): median {_median(firsts)}")
        made = [_snapshot_only(server, tokens["bench"]) for _run in range(args.rounds)]
        print(f"   of which the server making and sending the snapshot (download only): median {_median(made)}")

        # 2. 200 offline edits pushed by one laptop and pulled by another
        pushes, pulls = [], []
        office = work / "office.db"
        _first_sync(server, tokens["office"], office)
        for run in range(args.rounds):
            _edit_offline(work / "first-0.db", "bench", args.edits // 2, args.edits - args.edits // 2, str(run))
            seconds, report = _sync(server, tokens["bench"], work / "first-0.db", "bench")
            assert report.applied == args.edits and not report.refused, report  # type: ignore[attr-defined]
            pushes.append(seconds)
            seconds, report = _sync(server, tokens["office"], office, "office")
            pulls.append(seconds)
            pulled = report.pulled  # type: ignore[attr-defined]
        print(f"2. {args.edits} offline edits: push+pull on the editing laptop median {_median(pushes)}; "
              f"the other laptop pulls them ({pulled} changes) median {_median(pulls)}")

        # 3. 20 laptops syncing at once
        laptops = {f"laptop{n:02d}": work / f"laptop{n:02d}.db" for n in range(args.laptops)}
        copies = [_first_sync(server, tokens[who], path) for who, path in laptops.items()]
        print(f"   ({args.laptops} laptops copied one by one, one municipality each: median {_median(copies)})")
        for round_number in range(args.rounds):
            for who, path in laptops.items():
                _edit_offline(path, who, 10, 0, f"samen {round_number}")
            started = time.perf_counter()
            each = sorted(_together(server, tokens, laptops, args.parallel))
            wall = time.perf_counter() - started
            print(f"3. {args.laptops} laptops at once (at most {args.parallel} at a time), 10 edits each, round "
                  f"{round_number + 1}: all done in {wall:.2f} s; per laptop median {statistics.median(each):.2f} s, "
                  f"slowest {each[-1]:.2f} s")
    finally:
        if process is not None:
            process.terminate()
            process.wait(30)
        if args.keep:
            print(f"kept: {url}")
        else:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    main()
