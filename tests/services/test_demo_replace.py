"""`demo --replace` replaces a demo and nothing else; a killed demo is replaced by the next run (issue 13,
item 4). Real processes for the kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matchdesk.cli.main import main
from matchdesk.services.candidates import create_candidate
from matchdesk.storage.cipher import DRIVER_ERRORS
from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry, Candidate
from tests.conftest import TODAY, candidate_values, raw_connect

DEMO = ["demo", "--candidates", "40", "--employers", "5", "--vacancies", "10", "--seed", "3"]


def _run(path: Path, *args: str) -> int:
    return main(["--db", str(path), "--today", TODAY.isoformat(), *args])


def _counts(path: Path) -> tuple[int, list]:
    db = Database.open(path)
    try:
        with db.reading() as session:
            return (session.scalar(select(func.count()).select_from(Candidate)),
                    sorted(str(i) for i in session.scalars(select(AuditEntry.id))))
    finally:
        db.dispose()


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.bak-demo-*"))


def test_replace_refuses_a_database_with_real_records_and_deletes_nothing(db_path, capsys):
    db = Database.open(db_path)
    try:
        with db.unit("anouk") as session:
            for n in range(300):
                create_candidate(session, candidate_values(klantnummer=f"{3000000 + n}"), TODAY)
    finally:
        db.dispose()
    before = _counts(db_path)
    for args in (["--replace"], []):
        assert _run(db_path, *DEMO, *args) == 2
        err = capsys.readouterr().err
        assert "geen demo-gegevens" in err if args else "bevat al gegevens" in err
        assert "Traceback" not in err
    assert _counts(db_path) == before and before[0] == 300
    assert _backups(db_path) == []  # refused before anything, the backup included


def test_replace_refuses_a_demo_someone_added_records_to(db_path, capsys):
    assert _run(db_path, *DEMO) == 0
    db = Database.open(db_path)
    try:
        with db.unit("anouk") as session:
            create_candidate(session, candidate_values(klantnummer="3999999"), TODAY)
    finally:
        db.dispose()
    before = _counts(db_path)
    capsys.readouterr()
    assert _run(db_path, *DEMO, "--replace") == 2
    assert "geen demo-gegevens" in capsys.readouterr().err
    assert _counts(db_path) == before


def test_replace_on_a_demo_makes_a_backup_and_keeps_the_audit_log(db_path, capsys):
    assert _run(db_path, *DEMO) == 0
    candidates, audit = _counts(db_path)
    capsys.readouterr()
    assert _run(db_path, *DEMO) == 2  # a complete demo is replaced only on request
    assert "--replace" in capsys.readouterr().err
    assert _run(db_path, *DEMO, "--replace") == 0
    (backup,) = _backups(db_path)
    assert "Reservekopie gemaakt" in capsys.readouterr().err
    assert _counts(backup) == (candidates, audit)  # the backup holds the demo as it was
    after_candidates, after_audit = _counts(db_path)
    assert after_candidates == candidates
    assert set(audit) < set(after_audit)  # nothing of the old audit log is gone, the new run's lines beside it
    assert len(after_audit) >= 2 * len(audit)
    db = Database.open(db_path)
    try:
        with db.reading() as session:
            wiped = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "gewist")).one()
    finally:
        db.dispose()
    assert f"{candidates} kandidaten" in wiped and backup.name in wiped


def _stats_and_ids(path: Path) -> tuple[str, list]:
    db = Database.open(path)
    try:
        with db.reading() as session:
            ids = session.execute(select(Candidate.id, Candidate.profile_number).order_by(Candidate.id)).all()
    finally:
        db.dispose()
    out = subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(path), "--today", TODAY.isoformat(),
                          "stats", "--json"], capture_output=True, text=True, check=True).stdout
    return out, ids


def _count(path: Path, table: str) -> int:
    try:
        with raw_connect(f"file:{path}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute(f"select count(*) from {table}").fetchone()[0]
    except DRIVER_ERRORS:
        return 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_demo_killed_half_way_is_replaced_by_the_next_run_with_the_same_result(tmp_path):
    command = [sys.executable, "-m", "matchdesk", "--today", TODAY.isoformat(), "demo", "--candidates", "2000",
               "--employers", "20", "--vacancies", "40", "--seed", "5"]
    env = os.environ | {"MATCHDESK_NO_CACHE": "1"}
    whole, killed = tmp_path / "heel.db", tmp_path / "gedood.db"
    subprocess.run([*command, "--db", str(whole)], check=True, capture_output=True, env=env)

    # killed once when the employers are in, and again (while replacing that half demo) when candidates are
    for table in ("employers", "candidates"):
        child = subprocess.Popen([*command, "--db", str(killed)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < deadline and _count(killed, table) == 0:
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        assert child.wait(10) == -signal.SIGKILL  # killed before it finished
        assert _count(killed, table) > 0  # a half demo
    audit_before = _counts(killed)[1]

    again = subprocess.run([*command, "--db", str(killed)], capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    assert "onafgemaakte demo" in again.stderr
    assert _stats_and_ids(killed) == _stats_and_ids(whole)
    assert set(audit_before) < set(_counts(killed)[1])  # the killed runs' audit lines are kept
    db = Database.open(killed)
    try:
        assert db.meta("demo_state") == "klaar" and json.loads(db.meta("demo") or "")["seed"] == 5
    finally:
        db.dispose()
