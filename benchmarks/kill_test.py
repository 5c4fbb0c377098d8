"""Kill test (issue 13 item 9): ``kill -9`` real MatchDesk processes at random moments and check what is left.

    nice -n 10 .venv/bin/python benchmarks/kill_test.py [--kills N] [--seed S] [--spawn] [--only NAME ...]

Scenarios (a share of ``--kills`` each; the kill moment is drawn, seeded, from the time a full run takes):

- ``import-csv``, ``import-xlsx``: ``matchdesk import candidates`` of a 2,000-row file (with ``--report``) into
  a new database file (the kill may land in the schema creation too);
- ``demo``: ``matchdesk demo --candidates 3000``, on a new file and (every other kill) ``--replace`` over the
  complete demo the rerun before made;
- ``upgrade-0001``, ``upgrade-0002``, ``upgrade-0003``: ``matchdesk stats`` on a copy of
  ``tests/fixtures/rev0001.db`` and on 3,000-candidate demo files taken back to revisions 0002 and 0003;
- ``backup``: ``matchdesk backup`` over a previous backup in another folder;
- ``export``: ``matchdesk export candidates big.csv`` over a previous export;
- ``export-rename``: the same export, killed the instant the new file is renamed into place (not random:
  the one moment at which the file must already have its audit entry);
- ``window``: a process that opens the ``App`` and saves candidates (fields, skills, language levels) and
  starts trajectories through the use cases in a loop, standing in for the window.

After every kill: ``PRAGMA integrity_check`` of every database involved; the file opened by MatchDesk (a
file it no longer opens is *bricked*); the scenario's half records (below); then the same command again (the
*rerun*, never killed) must succeed, and after it: integrity again, half records again, no hidden temporary
(``.*.matchdesk-tmp*``) next to any target and no entry of a dead writer in the file journal (*stray
partial files*), and every backup (the previous ``backup`` target, the pre-migration and ``--replace``
copies, the previous export) whole (*lost backups*). Half records: import - a batch only partly stored, a
candidate whose skills or language levels differ from the file, a candidate without audit entry; demo - a
half demo that a plain ``demo`` refuses (``eigen gegevens``), a shrunken audit log, a rerun that is not a
complete demo; upgrade - a revision other than the old one or the newest, rows lost; export - a new file
without its audit entry; window - a candidate whose skills, language levels, fields and version disagree
(one save), a candidate or trajectory without its audit entry.

By default the killed processes are forked from this one after MatchDesk is imported (a real process,
really ``SIGKILL``-ed, without paying Python's start-up per kill); ``--spawn`` starts each as a fresh
``python`` process instead. Everything runs in a temporary folder (``MATCHDESK_FILE_JOURNAL`` pointed into
it, ``MATCHDESK_NO_CACHE=1``), removed at the end unless ``--keep``. Exit 1 when any count but the kills is
not zero. POSIX only.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = "2026-11-23"
FIXTURE = ROOT / "tests" / "fixtures" / "rev0001.db"
SHARES = {"import-csv": 15, "import-xlsx": 15, "demo": 16, "upgrade-0001": 30, "upgrade-0002": 15,
          "upgrade-0003": 15, "backup": 40, "export": 30, "window": 40, "export-rename": 8}
COLUMNS = ("kills", "integrity", "bricked", "half records", "stray partial", "lost backups", "rerun failed")
TEMP_GLOB = ".*matchdesk-tmp*"
SIDECARS = ("-wal", "-shm", "-journal")
OLDER_BACKUPS = 2
RERUN_TIMEOUT = 300.0


# -- the processes ---------------------------------------------------------------------------------------------

def child_main(job: list) -> int:
    """What a started (forked or spawned) process does; its exit code."""
    kind = job[0]
    if kind == "cli":
        from matchdesk.cli.main import main

        return main(["--today", TODAY, *job[1]])
    if kind == "writer":
        return _writer(Path(job[1]), int(job[2]), int(job[3]))
    if kind == "probe":
        return _probe(Path(job[1]), Path(job[2]))
    raise SystemExit(f"unknown job {kind}")


def _writer(path: Path, round_: int, count: int) -> int:
    """The window's writes through the use cases: per step a new candidate (2 skills, 5 language levels), the
    same candidate opened and saved with a note and a third skill (one unit: version 2), a trajectory."""
    import datetime as dt

    from matchdesk.app import App
    from matchdesk.domain import CefrLevel, LanguageSkill, Provider, TrajectoryKind
    from matchdesk.services.candidate_cases import open_candidate, save_candidate
    from matchdesk.services.candidates import SkillInput
    from matchdesk.services.trajectories import TrajectoryInput
    from matchdesk.services.trajectory_cases import start

    today = dt.date.fromisoformat(TODAY)
    two = [SkillInput("Orderpicken"), SkillInput("Heftruck rijden")]
    with App.open(path, user="kill-test", today=today) as app:
        for i in range(count):
            saved = save_candidate(app, None, None, {
                "klantnummer": f"9{round_:03d}{i:03d}", "voornaam": "Test", "achternaam": f"Kill{round_}x{i}",
                "municipality": "Roosendaal", "doelgroep": "B", "birth_date": dt.date(1990, 1, 1)},
                skills=two, languages=dict.fromkeys(LanguageSkill, CefrLevel.B1))
            record = open_candidate(app, saved.key)
            save_candidate(app, record.id, record.version, {"notes": f"ronde {round_}"},
                           skills=[*two, SkillInput("Schoonmaken")])
            start(app, saved.id, TrajectoryInput(
                kind=TrajectoryKind.PROEFPLAATSING, start=today, planned_end=today + dt.timedelta(days=59),
                provider=Provider.WERKGEVER, motivation="Regulier werk nog niet haalbaar; eerst een proef (test)."))
    return 0


def _probe(path: Path, out: Path) -> int:
    """Open the file as MatchDesk does (a command that creates nothing) and say what it holds."""
    import datetime as dt

    from matchdesk.app import App
    from matchdesk.errors import MatchDeskError
    from matchdesk.services.maintenance import what_it_holds

    result: dict[str, object]
    try:
        with App.open(path, user="kill-test", today=dt.date.fromisoformat(TODAY)) as app:
            result = {"ok": True, "holds": what_it_holds(app)}
    except MatchDeskError as error:
        result = {"ok": False, "error": str(error)}
    except Exception as error:  # a traceback where a Dutch message belongs counts as not opening too
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    out.write_text(json.dumps(result))
    return 0


@dataclass
class Outcome:
    killed: bool
    code: int | None  # exit code when it finished
    seconds: float


class Launcher:
    """Starts a job as a real process and SIGKILLs it after ``delay`` seconds (None: let it finish)."""

    def __init__(self, spawn: bool, log: Path) -> None:
        self.spawn, self.log = spawn, log

    def run(self, job: list, delay: float | None, kill_when: Callable[[], bool] | None = None) -> Outcome:
        """``kill_when``: polled while the job runs; SIGKILL the moment it says True."""
        started = time.monotonic()
        if self.spawn:
            with self.log.open("ab") as log:
                process = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(job)],
                                           stdout=log, stderr=log, cwd=ROOT)
            pid = process.pid
        else:
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                code = 70
                try:
                    handle = os.open(self.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                    os.dup2(handle, 1)
                    os.dup2(handle, 2)
                    code = child_main(job)
                except SystemExit as stop:
                    code = stop.code if isinstance(stop.code, int) else 2
                except BaseException:
                    traceback.print_exc()
                    code = 71
                finally:
                    with contextlib.suppress(Exception):
                        sys.stdout.flush()
                        sys.stderr.flush()
                    os._exit(code)
        deadline = started + (delay if delay is not None else RERUN_TIMEOUT)
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                if self.spawn:
                    process.returncode = os.waitstatus_to_exitcode(status)
                return Outcome(False, os.waitstatus_to_exitcode(status), time.monotonic() - started)
            now = time.monotonic()
            if now >= deadline or (kill_when is not None and kill_when()):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                if self.spawn:
                    process.returncode = -9
                return Outcome(delay is not None or now < deadline, None, now - started)
            if kill_when is None:
                time.sleep(min(0.002, max(0.0, deadline - now)))


# -- looking at what a kill left -------------------------------------------------------------------------------

def integrity(path: Path) -> str | None:
    """None when ``PRAGMA integrity_check`` says ok (or there is no file), else what it says."""
    if not path.exists():
        return None
    try:
        connection = _connect(path)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA integrity_check(5)")]
        finally:
            connection.close()
    except Exception as error:  # the driver's errors (SQLCipher's own module), a wrong key
        return str(error)
    return None if rows == ["ok"] else "; ".join(map(str, rows))


def query(path: Path, sql: str, *params: object) -> list[tuple]:
    # read-write on purpose: a read-only connection to a WAL file leaves its -wal and -shm behind
    connection = _connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def scalar(path: Path, sql: str, *params: object) -> object:
    rows = query(path, sql, *params)
    return rows[0][0] if rows else None


def revision(path: Path) -> str | None:
    try:
        return str(scalar(path, "select version_num from alembic_version"))
    except Exception:  # the driver's errors
        return None


def _key():  # noqa: ANN202 - a matchdesk.storage.keys.DatabaseKey
    """The run's key (``MATCHDESK_KEY_FILE``, set by ``main``): every database MatchDesk makes is encrypted."""
    from matchdesk.storage.keys import DatabaseKey

    return DatabaseKey(Path(os.environ["MATCHDESK_KEY_FILE"]).read_text().strip(), "sleutelbestand")


def _connect(path: Path):  # noqa: ANN202 - a driver connection
    from matchdesk.storage import cipher

    return cipher.connect(path, _key(), timeout=30)


def digest(path: Path) -> str | None:
    if not path.exists():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temporaries(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.glob(TEMP_GLOB)]


def journal_entries(journal: Path) -> list[Path]:
    return [p for p in journal.glob("*") if p.suffix in (".json", ".new")] if journal.exists() else []


@dataclass
class Tally:
    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))
    finished_first: int = 0
    left_temporary: int = 0  # kills that left a temporary behind (then removed by the next start)
    seconds: float = 0.0  # one full run
    notes: list[str] = field(default_factory=list)

    def fail(self, column: str, note: str) -> None:
        self.counts[column] += 1
        if len(self.notes) < 40:
            self.notes.append(f"{column}: {note}")


class Scenario:
    """One kind of work killed again and again. Subclasses: ``setup`` (a full run: the time to draw from),
    ``job``, ``before`` (per kill, before it), ``after_kill`` and ``after_rerun`` (the checks)."""

    name = ""
    expected_codes = (0,)

    def __init__(self, bench: Bench) -> None:
        self.bench = bench
        self.folder = bench.root / self.name
        self.folder.mkdir()
        self.tally = Tally(self.name)
        self.rng = random.Random(f"{bench.seed}-{self.name}")

    # the default flow
    def run(self, kills: int) -> Tally:
        started = time.monotonic()
        self.tally.seconds = self.setup()
        attempts = 0
        while self.tally.counts["kills"] < kills and attempts < kills * 3:
            attempts += 1
            self.before(attempts)
            outcome = self.launch(attempts)
            if not outcome.killed:
                self.tally.finished_first += 1
                if outcome.code not in self.expected_codes:
                    self.tally.fail("rerun failed", f"#{attempts}: a run that was not killed exited {outcome.code}")
                continue
            self.tally.counts["kills"] += 1
            if temporaries(*self.folders()):
                self.tally.left_temporary += 1
            self.after_kill(attempts)
            rerun = self.bench.launcher.run(self.rerun_job(attempts), None)
            if rerun.code not in self.expected_codes:
                self.tally.fail("rerun failed", f"#{attempts}: rerun exited {rerun.code} (see {self.bench.log.name})")
            self.after_rerun(attempts)
            self.check_strays(attempts)
        self.bench.progress(f"{self.name}: {self.tally.counts['kills']} kills in "
                            f"{time.monotonic() - started:.0f} s")
        return self.tally

    def setup(self) -> float:
        raise NotImplementedError

    def launch(self, attempt: int) -> Outcome:
        """The job, killed at a moment drawn (seeded) from the time a full run takes."""
        return self.bench.launcher.run(self.job(attempt), self.rng.uniform(0.0, self.tally.seconds))

    def job(self, attempt: int) -> list:
        raise NotImplementedError

    def rerun_job(self, attempt: int) -> list:
        return self.job(attempt)

    def before(self, attempt: int) -> None:
        pass

    def after_kill(self, attempt: int) -> None:
        pass

    def after_rerun(self, attempt: int) -> None:
        pass

    def folders(self) -> list[Path]:
        return [self.folder]

    # shared checks
    def timed(self, job: list) -> float:
        outcome = self.bench.launcher.run(job, None)
        if outcome.code not in self.expected_codes:
            raise SystemExit(f"{self.name}: set-up run {job} exited {outcome.code}; see {self.bench.log}")
        return outcome.seconds

    def check_integrity(self, attempt: int, *paths: Path) -> None:
        for path in paths:
            problem = integrity(path)
            if problem is not None:
                self.tally.fail("integrity", f"#{attempt}: {path.name}: {problem}")

    def probe(self, attempt: int, path: Path) -> dict | None:
        """MatchDesk opens the file (None when there is none); a refusal counts as bricked."""
        if not path.exists():
            return None
        out = self.folder / "probe.json"
        out.unlink(missing_ok=True)
        outcome = self.bench.launcher.run(["probe", str(path), str(out)], None)
        result = json.loads(out.read_text()) if out.exists() else {"ok": False, "error": f"exit {outcome.code}"}
        if not result["ok"]:
            self.tally.fail("bricked", f"#{attempt}: {path.name}: {result['error']}")
        return result

    def check_strays(self, attempt: int) -> None:
        for path in temporaries(*self.folders()):
            self.tally.fail("stray partial", f"#{attempt}: {path.name} after the next start")
            path.unlink()
        for entry in journal_entries(self.bench.journal):
            self.tally.fail("stray partial", f"#{attempt}: journal entry {entry.name} of a dead writer")
            entry.unlink()

    def check_backup(self, attempt: int, path: Path, what: str, candidates: int | None = None,
                     rev: str | None = None) -> None:
        """``path`` must be a whole MatchDesk database: integrity ok, the revision, the candidates."""
        problem = None
        if not path.exists() or path.stat().st_size == 0:
            problem = "missing or empty"
        else:
            problem = integrity(path)
            if problem is None and rev is not None and revision(path) != rev:
                problem = f"revision {revision(path)}, expected {rev}"
            if problem is None and candidates is not None:
                found = scalar(path, "select count(*) from candidates where deleted_at is null")
                if found != candidates:
                    problem = f"{found} candidates, expected {candidates}"
        if problem is not None:
            self.tally.fail("lost backups", f"#{attempt}: {what} {path.name}: {problem}")


# -- the scenarios ---------------------------------------------------------------------------------------------

CHILDREN_SQL = """select c.klantnummer,
    (select count(*) from candidate_skills s where s.candidate_id = c.id),
    (select count(*) from candidate_languages l where l.candidate_id = c.id)
    from candidates c where c.deleted_at is null"""
UNAUDITED_SQL = """select count(*) from {table} r where {where}
    not exists (select 1 from audit_log a where a.record_id = r.id and a.action = 'aangemaakt')"""


class ImportScenario(Scenario):
    suffix = "csv"

    def __init__(self, bench: Bench) -> None:
        self.name = f"import-{self.suffix}"
        super().__init__(bench)
        self.source = bench.import_files[self.suffix]

    def paths(self, attempt: int) -> tuple[Path, Path]:
        return self.folder / f"import{attempt}.db", self.folder / f"rapport{attempt}.csv"

    def job(self, attempt: int) -> list:
        db, report = self.paths(attempt)
        return ["cli", ["--db", str(db), "import", "candidates", str(self.source), "--report", str(report)]]

    def setup(self) -> float:
        seconds = self.timed(self.job(0))
        db = self.paths(0)[0]
        self.reference = {k: (s, lang) for k, s, lang in query(db, CHILDREN_SQL)}
        self.rows = len(self.reference)
        return seconds

    def half_records(self, attempt: int, db: Path, complete: bool) -> None:
        if not db.exists() or revision(db) is None:
            if complete:
                self.tally.fail("half records", f"#{attempt}: no database after the rerun")
            return
        found = {k: (s, lang) for k, s, lang in query(db, CHILDREN_SQL)}
        if len(found) not in ((self.rows,) if complete else (0, self.rows)):  # one batch: all or nothing
            self.tally.fail("half records", f"#{attempt}: {len(found)} of {self.rows} candidates stored")
        wrong = sum(1 for k, v in found.items() if self.reference.get(k) != v)
        if wrong:
            self.tally.fail("half records", f"#{attempt}: {wrong} candidates without their skills/languages")
        unaudited = scalar(db, UNAUDITED_SQL.format(table="candidates", where=""))
        if unaudited:
            self.tally.fail("half records", f"#{attempt}: {unaudited} candidates without audit entry")

    def after_kill(self, attempt: int) -> None:
        db = self.paths(attempt)[0]
        self.check_integrity(attempt, db)
        self.probe(attempt, db)
        self.half_records(attempt, db, complete=False)

    def after_rerun(self, attempt: int) -> None:
        db, report = self.paths(attempt)
        self.check_integrity(attempt, db)
        self.half_records(attempt, db, complete=True)
        if not report.exists():
            self.tally.fail("rerun failed", f"#{attempt}: no report after the rerun")
        for leftover in self.folder.glob(f"import{attempt}.db*"):
            leftover.unlink()


class ImportXlsx(ImportScenario):
    suffix = "xlsx"


class DemoScenario(Scenario):
    name = "demo"

    def setup(self) -> float:
        self.db = self.folder / "demo.db"
        return self.timed(self.job(0))

    def job(self, attempt: int) -> list:
        replace = ["--replace"] if attempt % 2 == 0 else []
        return ["cli", ["--db", str(self.db), "demo", "--candidates", "3000", *replace]]

    def before(self, attempt: int) -> None:
        if attempt % 2 == 1:  # a new file: the kill may land in its creation too
            for path in self.folder.glob("demo.db*"):
                path.unlink()
            self.audit_before = 0
        else:
            self.audit_before = int(scalar(self.db, "select count(*) from audit_log") or 0)

    def after_kill(self, attempt: int) -> None:
        self.check_integrity(attempt, self.db)
        result = self.probe(attempt, self.db)
        self.holds = result.get("holds") if result else "leeg"
        if self.holds == "eigen gegevens":
            self.tally.fail("half records", f"#{attempt}: a half demo a plain demo refuses (eigen gegevens)")
        if revision(self.db) is not None:
            audit = int(scalar(self.db, "select count(*) from audit_log") or 0)
            if audit < self.audit_before:
                self.tally.fail("half records", f"#{attempt}: audit log shrank from {self.audit_before} to {audit}")
        for backup in self.folder.glob("demo.db.bak-*"):
            self.check_backup(attempt, backup, "backup before --replace", candidates=3000)

    def rerun_job(self, attempt: int) -> list:
        replace = ["--replace"] if self.holds == "demo" else []  # a half demo: the plain demo finishes it
        return ["cli", ["--db", str(self.db), "demo", "--candidates", "3000", *replace]]

    def after_rerun(self, attempt: int) -> None:
        self.check_integrity(attempt, self.db)
        result = self.probe(attempt, self.db)
        if result and result.get("holds") != "demo":
            self.tally.fail("half records", f"#{attempt}: after the rerun the file holds {result.get('holds')}")
        count = scalar(self.db, "select count(*) from candidates where deleted_at is null")
        if count != 3000:
            self.tally.fail("half records", f"#{attempt}: {count} candidates after the rerun")
        backups = sorted(self.folder.glob("demo.db.bak-*"))
        for backup in backups:  # of a complete demo or of the half one the rerun replaced
            self.check_backup(attempt, backup, "backup before --replace")
            backup.unlink()  # checked: make room (15 MB each)


class UpgradeScenario(Scenario):
    source_revision = "0001"

    def __init__(self, bench: Bench) -> None:
        self.name = f"upgrade-{self.source_revision}"
        super().__init__(bench)
        self.source = bench.old_files[self.source_revision]
        self.rows = int(scalar(self.source, "select count(*) from candidates"))

    def db(self, attempt: int) -> Path:
        return self.folder / f"k{attempt}" / "oud.db"

    def before(self, attempt: int) -> None:
        self.db(attempt).parent.mkdir()
        shutil.copy(self.source, self.db(attempt))
        for i in range(OLDER_BACKUPS):  # a user's earlier backups: 3 are kept, so these two must stay
            older = self.db(attempt).with_name(f"oud.db.bak-0000-2020010100000{i}")
            shutil.copy(self.bench.old_files["0001"], older)
            os.utime(older, (1577836800 + i, 1577836800 + i))

    def job(self, attempt: int) -> list:
        return ["cli", ["--db", str(self.db(attempt)), "stats"]]

    def setup(self) -> float:
        self.before(0)
        return self.timed(self.job(0))

    def folders(self) -> list[Path]:
        return [p for p in self.folder.iterdir() if p.is_dir()]

    def after_kill(self, attempt: int) -> None:
        db = self.db(attempt)
        self.check_integrity(attempt, db)
        if revision(db) not in (self.source_revision, self.bench.head):
            self.tally.fail("half records", f"#{attempt}: revision {revision(db)} after the kill")
        self.check_backups(attempt, final=False)

    def check_backups(self, attempt: int, final: bool) -> None:
        folder = self.db(attempt).parent
        found = sorted(folder.glob("oud.db.bak-*"))
        sidecars = [p for p in found if p.name.endswith(SIDECARS)]
        backups = [p for p in found if p not in sidecars and p.name.startswith(f"oud.db.bak-{self.source_revision}-")]
        older = [p for p in found if p not in sidecars and p.name.startswith("oud.db.bak-0000-")]
        if final and len(backups) != 1:
            self.tally.fail("lost backups", f"#{attempt}: {len(backups)} pre-migration backups, expected 1")
        if len(older) != OLDER_BACKUPS:
            self.tally.fail("lost backups", f"#{attempt}: {OLDER_BACKUPS - len(older)} of the user's "
                            f"{OLDER_BACKUPS} earlier backups rotated away (3 are kept)")
        if final and sidecars:
            self.tally.fail("stray partial", f"#{attempt}: {', '.join(p.name.split('-', 3)[-1] for p in sidecars)} "
                            "beside a backup (listed as backups)")
        for backup in backups:
            self.check_backup(attempt, backup, "pre-migration backup", candidates=self.rows, rev=self.source_revision)

    def after_rerun(self, attempt: int) -> None:
        db = self.db(attempt)
        self.check_integrity(attempt, db)
        self.probe(attempt, db)
        if revision(db) != self.bench.head:
            self.tally.fail("half records", f"#{attempt}: revision {revision(db)} after the rerun")
        else:
            named = scalar(db, "select count(*) from candidates where name_key is not null")
            if named != self.rows:
                self.tally.fail("half records", f"#{attempt}: {named} of {self.rows} candidates upgraded")
        self.check_backups(attempt, final=True)
        self.check_strays(attempt)
        shutil.rmtree(db.parent)


class Upgrade0002(UpgradeScenario):
    source_revision = "0002"


class Upgrade0003(UpgradeScenario):
    source_revision = "0003"


class BackupScenario(Scenario):
    name = "backup"

    def setup(self) -> float:
        self.db = self.folder / "regio.db"
        shutil.copy(self.bench.demo_file, self.db)
        (self.folder / "kopieen").mkdir()
        self.target = self.folder / "kopieen" / "kopie.db"
        return self.timed(self.job(0))

    def job(self, attempt: int) -> list:
        return ["cli", ["--db", str(self.db), "backup", str(self.target)]]

    def folders(self) -> list[Path]:
        return [self.folder, self.target.parent]

    def before(self, attempt: int) -> None:
        self.previous = digest(self.target)

    def after_kill(self, attempt: int) -> None:
        self.check_integrity(attempt, self.db)
        self.probe(attempt, self.db)
        # the previous backup untouched, or the new one complete: never a partial or empty file
        if digest(self.target) != self.previous:
            self.check_backup(attempt, self.target, "new backup", candidates=3000, rev=self.bench.head)
        else:
            self.check_backup(attempt, self.target, "previous backup", candidates=3000, rev=self.bench.head)
        if (self.target.parent / f"{self.target.name}-wal").exists():
            self.tally.fail("stray partial", f"#{attempt}: a -wal beside the backup")

    def after_rerun(self, attempt: int) -> None:
        self.check_integrity(attempt, self.db)
        self.check_backup(attempt, self.target, "rerun's backup", candidates=3000, rev=self.bench.head)
        self.probe(attempt, self.target)  # a backup MatchDesk can open (copied aside: opening migrates nothing)


class ExportScenario(Scenario):
    name = "export"

    def setup(self) -> float:
        self.db = self.folder / "regio.db"
        shutil.copy(self.bench.demo_file, self.db)
        (self.folder / "uit").mkdir()
        self.target = self.folder / "uit" / "big.csv"
        seconds = self.timed(self.job(0))
        self.rows = self.count_rows()
        return seconds

    def job(self, attempt: int) -> list:
        return ["cli", ["--db", str(self.db), "export", "candidates", str(self.target)]]

    def folders(self) -> list[Path]:
        return [self.folder, self.target.parent]

    def count_rows(self) -> int | None:
        try:
            with self.target.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.reader(handle, delimiter=";"))
        except (OSError, UnicodeDecodeError, csv.Error):
            return None
        return len(rows) - 1 if rows and rows[-1] and len(rows[-1]) == len(rows[0]) else None

    def exports_audited(self) -> int:
        return int(scalar(self.db, "select count(*) from audit_log where action = 'geëxporteerd'") or 0)

    def before(self, attempt: int) -> None:
        self.previous = (self.target.stat().st_ino, digest(self.target))
        self.audited = self.exports_audited()

    def after_kill(self, attempt: int) -> None:
        self.check_integrity(attempt, self.db)
        self.probe(attempt, self.db)
        published = self.target.exists() and self.target.stat().st_ino != self.previous[0]
        if not self.target.exists() or (not published and digest(self.target) != self.previous[1]):
            self.tally.fail("lost backups", f"#{attempt}: the previous export was changed or removed")
        elif self.count_rows() != self.rows:
            self.tally.fail("lost backups", f"#{attempt}: the export in place is partial ({self.count_rows()} rows)")
        if published and self.exports_audited() == self.audited:
            self.tally.fail("half records", f"#{attempt}: a new export in place without its audit entry")

    def after_rerun(self, attempt: int) -> None:
        self.check_integrity(attempt, self.db)
        if self.count_rows() != self.rows:
            self.tally.fail("rerun failed", f"#{attempt}: rerun's export has {self.count_rows()} rows")


class ExportAtRename(ExportScenario):
    """Not a random moment: the kill comes the instant the new export is renamed into place (the target's
    inode changes), the moment the audit entry must already be there."""

    name = "export-rename"

    def launch(self, attempt: int) -> Outcome:
        inode = self.target.stat().st_ino

        def renamed() -> bool:
            try:
                return self.target.stat().st_ino != inode
            except FileNotFoundError:
                return False

        return self.bench.launcher.run(self.job(attempt), None, kill_when=renamed)


class WindowScenario(Scenario):
    name = "window"
    steps = 900  # more than any kill lets it do

    def setup(self) -> float:
        self.db = self.folder / "regio.db"
        shutil.copy(self.bench.demo_file, self.db)
        outcome = self.bench.launcher.run(["writer", str(self.db), 999, 20], None)
        if outcome.code != 0:
            raise SystemExit(f"window: the writer exited {outcome.code}; see {self.bench.log}")
        return outcome.seconds / 20 * 80  # about 80 steps: the kill lands anywhere in a run of saves

    def job(self, attempt: int) -> list:
        return ["writer", str(self.db), 2 * attempt, self.steps]

    def rerun_job(self, attempt: int) -> list:
        return ["writer", str(self.db), 2 * attempt + 1, 3]

    def half_records(self, attempt: int) -> None:
        rows = query(self.db, """select c.notes,
            (select count(*) from candidate_skills s where s.candidate_id = c.id),
            (select count(*) from candidate_languages l where l.candidate_id = c.id), c.version
            from candidates c where c.klantnummer like '9______'""")
        wrong = sum(1 for notes, skills, languages, version in rows
                    if languages != 5 or (skills, version) != ((2, 1) if notes is None else (3, 2)))
        if wrong:
            self.tally.fail("half records", f"#{attempt}: {wrong} candidates half saved")
        ours = "r.candidate_id in (select id from candidates where klantnummer like '9______') and"
        for table, where in (("candidates", "r.klantnummer like '9______' and"), ("trajectories", ours)):
            unaudited = scalar(self.db, UNAUDITED_SQL.format(table=table, where=where))
            if unaudited:
                self.tally.fail("half records", f"#{attempt}: {unaudited} {table} without audit entry")

    def after_kill(self, attempt: int) -> None:
        self.check_integrity(attempt, self.db)
        self.half_records(attempt)

    def after_rerun(self, attempt: int) -> None:
        self.check_integrity(attempt, self.db)
        self.probe(attempt, self.db)
        self.half_records(attempt)


SCENARIOS: dict[str, type[Scenario]] = {
    "import-csv": ImportScenario, "import-xlsx": ImportXlsx, "demo": DemoScenario, "upgrade-0001": UpgradeScenario,
    "upgrade-0002": Upgrade0002, "upgrade-0003": Upgrade0003, "backup": BackupScenario, "export": ExportScenario,
    "window": WindowScenario, "export-rename": ExportAtRename}


# -- the bench -------------------------------------------------------------------------------------------------

class Bench:
    """The temporary folder, the shared source files and the launcher."""

    def __init__(self, root: Path, seed: int, spawn: bool) -> None:
        self.root, self.seed = root, seed
        self.journal = root / "journal"
        self.log = root / "processes.log"
        self.launcher = Launcher(spawn, self.log)
        self.started = time.monotonic()
        from matchdesk.storage.migrate import head_revision

        self.head = head_revision()

    def progress(self, text: str) -> None:
        print(f"[{time.monotonic() - self.started:6.0f} s] {text}", file=sys.stderr, flush=True)

    def prepare(self, needed: set[str]) -> None:
        """The 3,000-candidate demo file, the import files and the old-revision files the scenarios use."""
        sources = self.root / "bronnen"
        sources.mkdir()
        self.demo_file = sources / "demo3000.db"
        self._cli(["--db", str(self.demo_file), "demo", "--candidates", "3000"])
        self.import_files: dict[str, Path] = {}
        if needed & {"import-csv", "import-xlsx"}:
            small = sources / "demo2000.db"
            self._cli(["--db", str(small), "demo", "--candidates", "2000", "--employers", "40", "--vacancies", "40"])
            for suffix in ("csv", "xlsx"):
                self.import_files[suffix] = sources / f"kandidaten.{suffix}"
                self._cli(["--db", str(small), "export", "candidates", str(self.import_files[suffix])])
        self.old_files = {"0001": _encrypted_fixture(sources / "rev0001.db")}
        for old in ("0002", "0003"):
            if f"upgrade-{old}" in needed:
                self.old_files[old] = sources / f"demo3000-{old}.db"
                shutil.copy(self.demo_file, self.old_files[old])
                _downgrade(self.old_files[old], old)
        for path in sources.glob(TEMP_GLOB):
            path.unlink()
        self.progress("source files ready")

    def _cli(self, args: list[str]) -> None:
        outcome = self.launcher.run(["cli", args], None)
        if outcome.code != 0:
            raise SystemExit(f"set-up failed: matchdesk {' '.join(args)} exited {outcome.code}; see {self.log}")


def _encrypted_fixture(target: Path) -> Path:
    """``tests/fixtures/rev0001.db`` (plaintext, from before encryption) encrypted with the run's key."""
    from matchdesk.storage.convert import encrypt_file

    shutil.copy(FIXTURE, target)
    encrypt_file(target).plaintext_copy.unlink()
    return target


def _downgrade(path: Path, target: str) -> None:
    """Take a file back to an older revision (Alembic's downgrades), the way an older MatchDesk left it."""
    from alembic import command
    from sqlalchemy import create_engine

    from matchdesk.storage import cipher
    from matchdesk.storage.migrate import alembic_config

    engine = create_engine("sqlite://", module=cipher.driver,
                           creator=lambda: cipher.connect(path, _key(), check_same_thread=False))
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, target)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    if revision(path) != target:
        raise SystemExit(f"could not take {path.name} back to {target}")


def shares(total: int, names: list[str]) -> dict[str, int]:
    weight = sum(SHARES[n] for n in names)
    result = {n: max(1, round(total * SHARES[n] / weight)) for n in names}
    result[names[0]] += max(0, total - sum(result.values()))
    return result


def table(tallies: list[Tally]) -> str:
    head = (f"{'scenario':<14}{'run s':>7}" + "".join(f"{c:>15}" for c in COLUMNS)
            + f"{'finished 1st':>14}{'left tmp':>10}")
    lines = [head, "-" * len(head)]
    for t in tallies:
        lines.append(f"{t.name:<14}{t.seconds:>7.1f}" + "".join(f"{t.counts[c]:>15}" for c in COLUMNS)
                     + f"{t.finished_first:>14}{t.left_temporary:>10}")
    lines.append("-" * len(head))
    totals = {c: sum(t.counts[c] for t in tallies) for c in COLUMNS}
    lines.append(f"{'total':<14}{'':>7}" + "".join(f"{totals[c]:>15}" for c in COLUMNS)
                 + f"{sum(t.finished_first for t in tallies):>14}{sum(t.left_temporary for t in tallies):>10}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=224, help="kills in all, shared over the scenarios (224)")
    parser.add_argument("--seed", type=int, default=13, help="seed of the kill moments (13)")
    parser.add_argument("--only", nargs="+", choices=list(SCENARIOS), help="run only these scenarios")
    parser.add_argument("--spawn", action="store_true", help="a fresh python process per run instead of a fork")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(json.loads(args.child))
    if sys.platform == "win32":
        parser.error("POSIX only (SIGKILL, fork)")
    if os.nice(0) < 10:
        os.nice(10 - os.nice(0))  # other work shares the machine
    root = Path(tempfile.mkdtemp(prefix="matchdesk-kill-"))
    key_file = root / "sleutel"  # every database MatchDesk makes is encrypted; no credential store here
    key_file.write_text(os.urandom(32).hex() + "\n")
    key_file.chmod(0o600)
    os.environ.update({"MATCHDESK_FILE_JOURNAL": str(root / "journal"), "MATCHDESK_NO_CACHE": "1",
                       "MATCHDESK_TODAY": TODAY, "MATCHDESK_KEY_FILE": str(key_file),
                       "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    for name in ("MATCHDESK_DB", "MATCHDESK_USER", "MATCHDESK_RULES"):
        os.environ.pop(name, None)
    import openpyxl  # noqa: F401  imported once here: forked runs start with it loaded

    import matchdesk.cli.main  # noqa: F401
    import matchdesk.transfer  # noqa: F401

    names = args.only or list(SCENARIOS)
    per = shares(args.kills, names)
    bench = Bench(root, args.seed, args.spawn)
    tallies: list[Tally] = []
    try:
        bench.progress(f"folder {root}; kills per scenario: {per}")
        bench.prepare(set(names))
        for name in names:
            tallies.append(SCENARIOS[name](bench).run(per[name]))
    finally:
        if tallies:
            print(table(tallies))
            for t in tallies:
                for note in t.notes:
                    print(f"  {t.name}: {note}")
        print(f"seed {args.seed}, {'spawned' if args.spawn else 'forked'} processes, "
              f"{time.monotonic() - bench.started:.0f} s in all", file=sys.stderr)
        if args.keep:
            print(f"kept: {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    failures = sum(t.counts[c] for t in tallies for c in COLUMNS if c != "kills")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
