"""Two real ``matchdesk import`` processes at once (issue 13, item 5), on SQLite and on PostgreSQL.

Both files name the same new medewerkers (consulenten) in another order and leave the profile numbers to
MatchDesk, so each process creates medewerkers and random profile numbers the other may create too. Since
issue 17 item 3 a candidate list creates no medewerkers: two ``import medewerkers`` of the same list (in another
order) run at once first, and the candidate lists then name those.
Before insert-or-get, one of the two aborted with "UNIQUE constraint failed: medewerkers.name" or
``candidates.profile_number``. Now: no abort, exit 0, every row of both files stored once.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry, Candidate, Medewerker
from tests.transfer.transfer_helpers import TODAY, write_text

ROWS = 1500
OWNERS = [f"Consulent {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60)]
HEADER = ["klantnummer", "voornaam", "achternaam", "geboortedatum", "gemeente", "consulent", "vaardigheden"]


def candidate_file(path: Path, first: int, *, reverse_owners: bool = False) -> Path:
    owners = OWNERS[::-1] if reverse_owners else OWNERS
    rows = [HEADER]
    for i in range(ROWS):
        number = first + i
        born = dt.date(1960, 1, 1) + dt.timedelta(days=number % 15000)
        rows.append([str(number), f"Voornaam{i}", f"Achternaam{number}", born.isoformat(), "Roosendaal",
                     owners[i % len(owners)], "Heftruck rijden"])
    return write_text(path, rows)


def staff_file(path: Path, *, reverse: bool = False) -> Path:
    names = OWNERS[::-1] if reverse else OWNERS
    return write_text(path, [["naam", "rol"], *([name, "matchmaker"] for name in names)])


def start_import(target: str, path: Path, user: str, kind: str = "candidates") -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHDESK_") or k == "MATCHDESK_KEY_FILE"}
    return subprocess.Popen(
        [sys.executable, "-m", "matchdesk", "--db", target, "--user", user, "--today", TODAY.isoformat(),
         "import", kind, str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def run_together(target: str, files: list[Path], kind: str = "candidates") -> list[tuple[int, str]]:
    processes = [start_import(target, path, f"importeur{n}", kind) for n, path in enumerate(files)]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        outcomes.append((process.returncode, out + err))
    return outcomes


def stored(target: str) -> tuple[list[str], list[str], int, int]:
    """klantnummers of the live candidates, medewerker names, distinct profile numbers, candidates' audit rows."""
    db = Database.open(target)
    try:
        with db.reading() as session:
            klant = list(session.scalars(select(Candidate.klantnummer).where(Candidate.deleted_at.is_(None))))
            names = list(session.scalars(select(Medewerker.name)))
            profiles = session.scalar(select(func.count(func.distinct(Candidate.profile_number))))
            created = session.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.record_type == "kandidaat", AuditEntry.action == "aangemaakt"))
            return klant, names, profiles or 0, created or 0
    finally:
        db.dispose()


def test_two_different_files_at_once(store, tmp_path):
    staff = run_together(store, [staff_file(tmp_path / "m1.csv"), staff_file(tmp_path / "m2.csv", reverse=True)],
                         "medewerkers")
    assert [code for code, _ in staff] == [0, 0], staff
    files = [candidate_file(tmp_path / "a.csv", 2_000_000),
             candidate_file(tmp_path / "b.csv", 3_000_000, reverse_owners=True)]
    outcomes = run_together(store, files)
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    for _, output in outcomes:
        assert "1.500 rijen gelezen, 1.500 nieuw" in output
    klant, names, profiles, created = stored(store)
    assert sorted(klant) == sorted(str(n) for start in (2_000_000, 3_000_000) for n in range(start, start + ROWS))
    assert profiles == 2 * ROWS
    assert created == 2 * ROWS
    assert sorted(n for n in names if n.startswith("Consulent")) == sorted(OWNERS)  # each once


def test_the_same_file_twice_at_once(store, tmp_path):
    staff = run_together(store, [staff_file(tmp_path / "m.csv")] * 2, "medewerkers")
    assert [code for code, _ in staff] == [0, 0], staff
    path = candidate_file(tmp_path / "same.csv", 4_000_000)
    outcomes = run_together(store, [path, path])
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    klant, names, profiles, created = stored(store)
    assert sorted(klant) == sorted(str(n) for n in range(4_000_000, 4_000_000 + ROWS))  # each once
    assert profiles == ROWS
    assert created == ROWS
    assert sorted(n for n in names if n.startswith("Consulent")) == sorted(OWNERS)
