"""Issue 16's whole speed table in one run: each MatchDesk figure beside its floor measured in the same run.

    .venv/bin/python benchmarks/speed_table.py [--sizes 9000 100000] [--runs 5] [--cache /tmp/matchdesk-bench]
    .venv/bin/python benchmarks/speed_table.py --quick            # 9,000 only: a smoke run of every measure
    .venv/bin/python benchmarks/speed_table.py --quick --dry-run  # the plan only: nothing imported or run

Every figure is a median (the count is printed beside it), the floor is measured interleaved with it, run by
run, so the machine's load falls on both alike, and the ratio is figure / floor. Printed at the end as a
Markdown table in the issue's shape (``--json FILE`` also keeps every single run):

- index build: a fresh ``App`` without a cache folder, ``app.matcher.warm_up()`` (builds the candidate index
  from the database) | floor: a raw DBAPI cursor reading the rows the index reads (candidates, their skills
  and languages) from the same encrypted file;
- first ranking in the window after start: ``benchmarks/first_ranking.py``'s child process (the window as
  ``matchdesk`` starts it, a vacancy ranked on Matchen 3 s after the first paint and at the first paint) |
  floor: the same ranking asked again in that process;
- start to first painted page: ``benchmarks/startup.py`` (``matchdesk --quit-when-ready`` until
  MATCHDESK_READY) | floor: a bare PySide6 window process;
- rank one vacancy, top 50 explained: ``app.matcher.rank_for_vacancy`` (warm index), one per sampled
  vacancy | floor: one sparse product of the same shape (candidates x canonical skills, read with the raw
  cursor, times one vacancy's skill vector);
- all-vs-all (sizes up to 10,000): every open vacancy ranked, top 10 explained | floor: the sparse product of
  the whole (candidates x skills times skills x vacancies);
- index from the saved copy: a fresh ``App`` given the cache folder, ``app.matcher.warm_up()`` | floor: a raw
  read of the copy's bytes;
- cold ``matchdesk rank --json`` with a saved index (its own cache folder, saved by an untimed first run) |
  floor: a process that imports numpy and reads the saved index file raw;
- window memory peak after the first ranking (VmHWM of the first-ranking process) | floor: the index arrays'
  nbytes in that process;
- profile PDF (``services.profiles.profile_pdf``, smallest size) | floor: a plain reportlab document.

Only public entry points are called (``App``, ``app.matcher``, ``services``, the ``matchdesk`` command and the
window), so the table measures whatever index and engine are merged. Databases are made once per size with
``matchdesk demo --seed 1 --today 2026-11-23`` into ``--cache`` (made under a temporary name, then renamed),
encrypted with the key of ``benchmarks/bench_key.py``. The rankings here are the engine's (no audit entry);
the window, the CLI and the PDF write their audit entries as they would for a user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # the sibling benchmarks, from any working directory

TODAY = dt.date(2026, 11, 23)
MEASURES = ("build", "load", "first", "start", "rank", "all", "cold", "memory", "pdf")
ALL_VS_ALL_MAX = 10_000  # all-vs-all is measured at sizes up to this (800 x 9,000 in the issue)
RANK_SAMPLE = 25  # vacancies timed one by one for "rank one vacancy"
CANDIDATE_SQL = ("SELECT id, klantnummer, municipality, woonplaats, doelgroep, categorie, banenafspraak, "
                 "beschut_indicatie, ontheffing_until, wsw, taalachterstand, driving_licences, max_travel_km, "
                 "hours_per_week, available_from, wishes, desired_occupations, work_limitations, deleted_at, "
                 "archived_at, version FROM candidates")
SKILL_SQL = "SELECT candidate_id, text, skill_id FROM candidate_skills ORDER BY candidate_id, position"
LANGUAGE_SQL = "SELECT candidate_id, language, skill, level FROM candidate_languages"
GOALS = {"build": "— (goal: the load below)", "load": "≤ 0.5 s", "first": "≤ 0.5 s", "start": "≤ 3x",
         "rank": "≤ 25 ms quiet", "all": "≤ 5 s", "cold": "≤ 1 s", "memory": "≤ 400 MB at 100,000", "pdf": "—"}


@dataclass
class Row:
    measure: str
    label: str
    size: int
    unit: str  # "s", "ms" or "MB"
    floor_label: str
    runs: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # CPU seconds of the timed work (processes: their children)
    note: str = ""

    def cells(self) -> list[str]:
        value, floor = statistics.median(self.runs), statistics.median(self.floors)
        scale = {"s": 1.0, "ms": 1000.0, "MB": 1.0}[self.unit]
        digits = 2 if self.unit == "s" else (1 if value * scale < 100 else 0)

        def shown(x: float) -> str:
            return f"{x * scale:,.{digits}f} {self.unit}"

        ratio = f"{value / floor:.1f}x" if floor > 0 else "—"
        counts = f"{len(self.runs)}" if len(self.runs) == len(self.floors) else f"{len(self.runs)}/{len(self.floors)}"
        goal = GOALS[self.measure] + (f"; {self.note}" if self.note else "")
        cpu = f", CPU {shown(statistics.median(self.cpu))}" if self.cpu else ""
        return [self.label, f"{self.size:,}", f"{shown(value)} (median of {counts}{cpu})",
                f"{self.floor_label} {shown(floor)}", ratio, goal]


def plan(args) -> list[tuple[str, int, str]]:
    """What the run will do, in order: (measure, size, how)."""
    steps = []
    smallest = min(args.sizes)
    for size in args.sizes:
        db = _db_path(args.cache, size)
        made = "cached" if db.exists() else "to be generated"
        if "build" in args.only:
            steps.append(("build", size, f"{args.runs}x fresh App({db.name}, {made}).matcher.warm_up() | raw cursor"))
        if "rank" in args.only or "all" in args.only:
            steps.append(("rank", size, f"{RANK_SAMPLE} vacancies app.matcher.rank_for_vacancy(top=50) | sparse M@v"))
            if size <= ALL_VS_ALL_MAX and "all" in args.only:
                steps.append(("all", size, f"{args.runs}x every vacancy rank_for_vacancy(top=10) | sparse M@V"))
        if "start" in args.only:
            steps.append(("start", size, f"{args.runs}x matchdesk --quit-when-ready | bare PySide6 window"))
        if "cold" in args.only:
            steps.append(("cold", size, f"{args.runs}x matchdesk rank --json, saved index | import numpy + raw read"))
        if "load" in args.only:
            steps.append(("load", size, f"{args.runs}x fresh App(cache_dir).matcher.warm_up() | raw read of the copy"))
        if "first" in args.only or "memory" in args.only:
            steps.append(("first", size, f"{args.runs}x first_ranking.py child, asked {args.after} s after paint"))
        if "pdf" in args.only and size == smallest:
            steps.append(("pdf", size, f"{args.runs * 3}x services.profiles.profile_pdf | plain reportlab"))
    return steps


def _db_path(cache: Path, size: int) -> Path:
    return cache / f"demo-{size}.db"


def ensure_db(cache: Path, size: int) -> Path:
    """The demo database of this size, generated once (under a temporary name, renamed when complete)."""
    path = _db_path(cache, size)
    if path.exists():
        return path
    partial = cache / f"demo-{size}.partial-{os.getpid()}.db"
    _log(f"generating the {size:,}-candidate demo in {path} (once) ...")
    subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(partial), "--today", TODAY.isoformat(), "demo",
                    "--candidates", str(size), "--seed", "1"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    for suffix in ("-wal", "-shm"):  # a cleanly closed SQLite file has none; never move a half-written one
        if Path(f"{partial}{suffix}").exists():
            raise SystemExit(f"{partial}{suffix} left behind: the demo run did not finish cleanly")
    os.replace(partial, path)
    return path


def compile_tree() -> str:
    """Byte-compile the measured ``matchdesk`` package first, as an installed copy is: with
    PYTHONDONTWRITEBYTECODE set (as in these sessions' shells) every start compiles its ~80 modules from
    source again (~0.2 s of a start under load)."""
    import compileall

    compileall.compile_dir(str(ROOT / "matchdesk"), quiet=1)
    flag = "PYTHONDONTWRITEBYTECODE set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "bytecode written"
    return f"matchdesk byte-compiled first ({flag})"


def _log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _timed_cpu(action, row: Row, children: bool = False) -> float:
    """Wall seconds of ``action``; its CPU seconds (this process's, or its child processes') go to ``row.cpu``."""
    def cpu() -> float:
        if not children:
            return time.process_time()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    before = cpu()
    wall = _timed(action)
    row.cpu.append(cpu() - before)
    return wall


# -- in-process measures: index build, one ranking, all-vs-all, the profile PDF --------------------------------
def raw_rows(app) -> dict[str, list[tuple]]:
    """The index's rows read through a raw DBAPI cursor of the same (encrypted) database: the floor."""
    connection = app.db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        rows = {}
        for name, sql in (("candidates", CANDIDATE_SQL), ("skills", SKILL_SQL), ("languages", LANGUAGE_SQL)):
            cursor.execute(sql)
            rows[name] = cursor.fetchall()
        return rows
    finally:
        connection.close()


def skill_matrices(app):
    """Candidates x canonical skills and canonical skills x vacancies (scipy CSR), read with a raw cursor."""
    import numpy as np
    from scipy import sparse

    connection = app.db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT candidate_id, skill_id FROM candidate_skills WHERE skill_id IS NOT NULL")
        candidate_skills = cursor.fetchall()
        cursor.execute("SELECT id FROM candidates WHERE deleted_at IS NULL")
        candidates = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT vacancy_id, skill_id FROM vacancy_skills WHERE skill_id IS NOT NULL")
        vacancy_skills = cursor.fetchall()
        cursor.execute("SELECT reference, id FROM vacancies WHERE deleted_at IS NULL ORDER BY reference")
        vacancies = cursor.fetchall()
    finally:
        connection.close()
    skills = {s: i for i, s in enumerate(sorted({s for _, s in candidate_skills} | {s for _, s in vacancy_skills}))}
    row_of = {c: i for i, c in enumerate(candidates)}
    pairs = [(row_of[c], skills[s]) for c, s in candidate_skills if c in row_of]
    people = sparse.csr_matrix((np.ones(len(pairs)), ([p[0] for p in pairs], [p[1] for p in pairs])),
                               shape=(len(candidates), len(skills)))
    column_of = {v: i for i, (_, v) in enumerate(vacancies)}
    wanted = [(skills[s], column_of[v]) for v, s in vacancy_skills if v in column_of]
    jobs = sparse.csr_matrix((np.ones(len(wanted)), ([w[0] for w in wanted], [w[1] for w in wanted])),
                             shape=(len(skills), len(vacancies)))
    return people, jobs, [reference for reference, _ in vacancies]


def in_process(args, size: int, path: Path, rows: dict[str, Row]) -> None:
    from matchdesk.app import App
    from matchdesk.matching.engine import Filters

    if "build" in args.only:
        row = rows.setdefault(f"build{size}", Row("build", "candidate index build", size, "s",
                                                  "raw-cursor read of the same rows"))
        for run in range(args.runs):
            with App.open(path, user="demo", today=TODAY) as app:  # no cache folder: built from the database
                row.floors.append(_timed(lambda app=app: raw_rows(app)))
                row.runs.append(_timed_cpu(lambda app=app: app.matcher.warm_up(), row))
            _log(f"build {size:,} run {run + 1}: {row.runs[-1]:.2f} s, raw read {row.floors[-1]:.2f} s")
    if not ({"rank", "all", "pdf"} & set(args.only)):
        return
    with App.open(path, user="demo", today=TODAY) as app:
        people, jobs, references = skill_matrices(app)
        service = app.matcher
        service.warm_up()
        if "rank" in args.only:
            row = rows.setdefault(f"rank{size}", Row("rank", "rank one vacancy, top 50 explained", size, "ms",
                                                     "one sparse product of the same shape"))
            sample = references[:: max(1, len(references) // RANK_SAMPLE)][:RANK_SAMPLE]
            service.rank_for_vacancy(sample[0], TODAY, Filters(), 50)  # first query's one-off costs
            for reference in sample:
                vector = jobs[:, references.index(reference)].toarray().ravel()
                row.floors.append(_timed(lambda vector=vector: people @ vector))
                row.runs.append(_timed(lambda r=reference: service.rank_for_vacancy(r, TODAY, Filters(), 50)))
            row.note = f"{len(sample)} vacancies, one each"
            _log(f"rank {size:,}: median {statistics.median(row.runs) * 1000:.0f} ms")
        if "all" in args.only and size <= ALL_VS_ALL_MAX:
            row = rows.setdefault(f"all{size}", Row("all", f"all-vs-all, {len(references)} vacancies x {size:,}",
                                                    size, "s", "the sparse product of the whole"))
            for run in range(args.runs):
                row.floors.append(_timed(lambda: people @ jobs))
                row.runs.append(_timed(lambda: [service.rank_for_vacancy(r, TODAY, Filters(), 10) for r in references]))
                _log(f"all-vs-all {size:,} run {run + 1}: {row.runs[-1]:.1f} s")
            row.note = "top 10 explained each"
        if "pdf" in args.only and size == min(args.sizes):
            pdf_rows(app, size, args.runs * 3, rows)


def plain_reportlab() -> bytes:
    """A plain reportlab document of about a profile's size: heading, paragraphs, a table; one page."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    styles = getSampleStyleSheet()
    story = [Paragraph("Kandidaatprofiel", styles["Title"])]
    for number in range(12):
        story += [Paragraph(f"Onderdeel {number + 1}", styles["Heading3"]),
                  Paragraph("Ervaring in productie en logistiek, heftruckcertificaat, beschikbaar per direct. " * 2,
                            styles["BodyText"])]
    story += [Spacer(1, 8), Table([[f"vaardigheid {i}", "niveau 3", "bevestigd"] for i in range(10)])]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def pdf_rows(app, size: int, runs: int, rows: dict[str, Row]) -> None:
    from matchdesk.services.profiles import profile_pdf

    connection = app.db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(f"SELECT klantnummer FROM candidates WHERE deleted_at IS NULL ORDER BY klantnummer LIMIT {runs}")
        numbers = [r[0] for r in cursor.fetchall()]
    finally:
        connection.close()
    row = rows.setdefault("pdf", Row("pdf", "profile PDF (full, one candidate)", size, "ms",
                                     "a plain reportlab document"))
    profile_pdf(app, numbers[0], anonymous=False)  # fonts and styles once, as in a running app
    plain_reportlab()
    for number in numbers:
        row.floors.append(_timed(plain_reportlab))
        row.runs.append(_timed(lambda n=number: profile_pdf(app, n, anonymous=False)))
    row.note = f"{len(numbers)} candidates, one each"


# -- process measures: start, first ranking and memory, cold rank ----------------------------------------------
def process_rows(args, size: int, path: Path, rows: dict[str, Row]) -> None:
    import first_ranking
    import startup

    env_cache = args.cache / f"xdg-{size}"  # this size's own user cache folder (the saved index copy)
    os.environ["XDG_CACHE_HOME"] = str(env_cache)
    if "start" in args.only:
        row = rows.setdefault(f"start{size}", Row("start", "start to first painted page", size, "ms",
                                                  "bare PySide6 window process"))
        command = [sys.executable, "-m", "matchdesk", "--db", str(path), "--user", "demo", "--today",
                   TODAY.isoformat(), "--quit-when-ready"]
        startup.timed(command, "MATCHDESK_READY")  # the OS file cache warmed once
        for run in range(args.runs):
            row.floors.append(startup.timed([sys.executable, "-c", startup.BASELINE], None))
            row.runs.append(startup.timed(command, "MATCHDESK_READY"))  # (its CPU would count the time after READY)
            _log(f"start {size:,} run {run + 1}: {row.runs[-1] * 1000:.0f} ms, bare {row.floors[-1] * 1000:.0f} ms")
    if "cold" in args.only:
        row = rows.setdefault(f"cold{size}", Row("cold", "cold `matchdesk rank --json` with a saved index", size,
                                                 "s", "import numpy + raw read of the copy"))
        references = [f"V2026-{n:05d}" for n in range(1, args.runs + 2)]
        command = [sys.executable, "-m", "matchdesk", "--db", str(path), "--today", TODAY.isoformat(), "rank",
                   "--top", "20", "--json", "--vacancy"]

        def cold(reference: str) -> None:
            subprocess.run([*command, reference], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)

        cold(references[0])  # saves the index copy when there is none yet (not timed)
        copies = sorted((env_cache / "MatchDesk").glob("index-*"))
        if not copies:
            raise SystemExit(f"no saved index in {env_cache / 'MatchDesk'}")
        floor = [sys.executable, "-c", "import sys, numpy; open(sys.argv[1], 'rb').read()", str(copies[-1])]
        for run, reference in enumerate(references[1:]):
            row.floors.append(_timed(lambda: subprocess.run(floor, check=True)))
            row.runs.append(_timed_cpu(lambda r=reference: cold(r), row, children=True))
            _log(f"cold rank {size:,} run {run + 1}: {row.runs[-1]:.2f} s, floor {row.floors[-1]:.2f} s")
        row.note = f"copy {copies[-1].stat().st_size / 1e6:.0f} MB"
    if "load" in args.only:
        load_rows(args, size, path, env_cache / "MatchDesk", rows)

    if "first" in args.only or "memory" in args.only:
        for after in args.after:
            row = rows.setdefault(f"first{size}-{after}", Row(
                "first", f"first ranking in the window, asked {after:g} s after the first paint", size, "ms",
                "the same ranking again in that process"))
            memory = rows.setdefault(f"memory{size}", Row("memory", "window memory peak after the first ranking",
                                                          size, "MB", "index arrays (nbytes)"))
            for run in range(args.runs):
                result = first_ranking.one(path, after, "V2026-00001", None)
                row.runs.append(result["first"] / 1000)
                row.floors.append(result["again"] / 1000)
                if after == args.after[0]:
                    memory.runs.append(result["peak_mb"])
                    memory.floors.append(result["index_mb"])
                _log(f"first ranking {size:,} after {after:g} s run {run + 1}: {result['first']:.0f} ms, "
                     f"again {result['again']:.0f} ms, peak {result['peak_mb']:.0f} MB")
            memory.note = f"VmHWM, asked {args.after[0]:g} s after paint"

def load_rows(args, size: int, path: Path, cache: Path, rows: dict[str, Row]) -> None:
    """A start that finds the saved index: a fresh ``App`` with the cache folder, ``app.matcher.warm_up()`` (the
    copy taken over and checked against the database) | floor: a raw read of the copy's bytes."""
    from matchdesk.app import App

    copies = sorted(cache.glob("index-*"))
    if not copies:  # no cold rank in this run: one untimed process saves it
        subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(path), "--today", TODAY.isoformat(), "rank",
                        "--top", "1", "--json", "--vacancy", "V2026-00001"], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        copies = sorted(cache.glob("index-*"))
    row = rows.setdefault(f"load{size}", Row("load", "candidate index from the saved copy (a start)", size, "s",
                                             "raw read of the copy"))
    for run in range(args.runs):
        row.floors.append(_timed(copies[-1].read_bytes))
        with App.open(path, user="demo", today=TODAY, cache_dir=cache) as app:
            row.runs.append(_timed_cpu(lambda app=app: app.matcher.warm_up(), row))
            taken_over = app.matcher.from_cache
        _log(f"index from the copy {size:,} run {run + 1}: {row.runs[-1]:.2f} s (taken over: {taken_over})")
    row.note = f"copy {copies[-1].stat().st_size / 1e6:.0f} MB" + ("" if taken_over else "; NOT taken over: rebuilt")


# -- the table ---------------------------------------------------------------------------------------------------
ORDER = {m: i for i, m in enumerate(MEASURES)}


def table(rows: dict[str, Row]) -> str:
    lines = ["| measure | candidates | MatchDesk | floor in the same run | ratio | goal |", "|---|---|---|---|---|---|"]
    for row in sorted(rows.values(), key=lambda r: (ORDER[r.measure], r.size, r.label)):
        if row.runs and row.floors:
            lines.append("| " + " | ".join(row.cells()) + " |")
    return "\n".join(lines)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9000, 100000])
    parser.add_argument("--quick", action="store_true", help="9,000 only (a smoke run of every measure)")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (at least 5 for the table)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/matchdesk-bench"),
                        help="folder of the generated demo databases, their key and the saved index copies")
    parser.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated subset of {','.join(MEASURES)}")
    parser.add_argument("--after", type=float, nargs="+", default=[3.0, 0.0],
                        help="seconds after the first paint to ask the window's first ranking (memory: the first)")
    parser.add_argument("--json", type=Path, help="also write every run to this file")
    parser.add_argument("--dry-run", action="store_true", help="print the plan; import and run nothing")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [9000]
    args.only = [m.strip() for m in args.only.split(",") if m.strip()]
    unknown = set(args.only) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.dry_run:
        for measure, size, how in plan(args):
            print(f"{measure:<7} {size:>7,}  {how}")
        return 0
    from bench_key import ensure_key

    args.cache.mkdir(parents=True, exist_ok=True)
    ensure_key(args.cache)  # the demo databases are encrypted like a real store: one key file for the folder
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    compiled = compile_tree()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    started, load_before = time.strftime("%Y-%m-%d %H:%M"), os.getloadavg()
    rows: dict[str, Row] = {}
    for size in args.sizes:
        path = ensure_db(args.cache, size)
        in_process(args, size, path, rows)
        process_rows(args, size, path, rows)
    load_after = os.getloadavg()
    print(f"\n{started}, commit {head.stdout.strip() or '?'}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}; load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end; "
          f"medians of {args.runs} runs unless said otherwise; {compiled}\n")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({key: vars(row) for key, row in rows.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
