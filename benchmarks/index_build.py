"""The candidate index (issue 16 items 1 and 4): build, load from disk, update of 100 changed rows, memory.

Per size, in one run and beside its floor: the build from the database (``index.refresh`` on an empty index:
the data-version marks, the three column reads, the arrays) beside a raw DB-API cursor read of the same rows
(the same three SELECTs, ``fetchall``); loading the saved copy (read, AES-GCM open, arrays) beside a plain read
of the file; a start with the copy (load, then the data-version check that finds nothing changed); the update
after 100 candidates changed (``refresh``: what changed, re-read, splice) on a scratch copy of the database;
and the peak RSS of a process that holds the index (loaded from the copy, or built) beside the same process
without it. Medians of ``--runs``, ratios printed.

    .venv/bin/python benchmarks/index_build.py [--sizes 9000 100000] [--runs 5] [--dir /tmp/bench16]

Databases are made once with ``matchdesk demo --seed 1 --today 2026-11-23`` (100,000 takes minutes) under
``--dir``, encrypted with a key file there. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[1]


def ensure(folder: Path, size: int) -> Path:
    key = folder / "index16.sleutel"
    if not key.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    os.environ.setdefault("MATCHDESK_KEY_FILE", str(key))
    path = folder / f"index16-demo-{size}.db"
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        print(f"demo met {size} kandidaten aanmaken in {path} ...", flush=True)
        subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(partial), "--today", TODAY.isoformat(), "demo",
                        "--candidates", str(size), "--seed", "1"], check=True, cwd=ROOT)
        partial.rename(path)
    return path


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def raw_read(app) -> tuple[float, float]:
    """The floor: the build's three SELECTs on a bare DB-API cursor, every row fetched: (wall, CPU) seconds."""
    from matchdesk.matching.index_store import statements

    with app.reading() as session:
        connection = session.connection()
        started, cpu = time.perf_counter(), time.process_time()
        for statement in statements():
            sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
            cursor = connection.connection.dbapi_connection.cursor()
            cursor.execute(sql)
            cursor.fetchall()
            cursor.close()
        return time.perf_counter() - started, time.process_time() - cpu


def build(app, engine) -> tuple[float, float]:
    """An empty index brought up to date (marks, reads, arrays): (wall, CPU) seconds."""
    from matchdesk.matching.index import CandidateIndex

    index = CandidateIndex(engine.scorer)
    with app.reading() as session:
        started, cpu = time.perf_counter(), time.process_time()
        index.refresh(session)
        return time.perf_counter() - started, time.process_time() - cpu


def child(mode: str, db: str, cache: str) -> None:
    """One process: open the database, take the index (``load`` from the copy, ``build``, or ``none``), print
    its RSS before and after, its peak RSS (``resource.getrusage``) in MB and the index's array bytes."""
    import gc
    import resource

    from matchdesk.app import App
    from matchdesk.services.matching import CACHE_KEY, MatchService

    with App.open(db, user="demo", today=TODAY) as app:
        opened = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        service = MatchService(app)
        engine = service.engine
        engine.scorer.text.vectors(["warm"])  # the same imports in every mode
        gc.collect()
        before = rss_mb()
        if mode == "load":
            [copy] = list(Path(cache).glob("index-*.idx"))
            assert engine.index.load(copy, engine.fingerprint(), bytes.fromhex(app.db.meta(CACHE_KEY)))
        if mode != "none":
            service.warm_up()
        gc.collect()
        print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "opened_mb": opened,
                          "before_mb": before, "after_mb": rss_mb(), "index_mb": engine.index.nbytes() / 1e6,
                          "rows": len(engine.index)}))


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


def peak(mode: str, db: Path, cache: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(db), str(cache)], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def memory_only(path: Path) -> None:
    from matchdesk.app import App
    from matchdesk.services.matching import MatchService

    cache = Path(tempfile.mkdtemp(prefix="index16-cache-"))
    with App.open(path, user="demo", today=TODAY) as app:
        service = MatchService(app, cache_dir=cache)
        service.warm_up()
        service.close()
    report_memory(path, cache)
    shutil.rmtree(cache, ignore_errors=True)


def report_memory(path: Path, cache: Path) -> None:
    for mode, name in (("none", "no index"), ("load", "index loaded"), ("build", "index built")):
        found = peak(mode, path, cache)
        print(f"RSS, {name:<13}   +{found['after_mb'] - found['before_mb']:.0f} MB held by the index "
              f"({found['before_mb']:.0f} -> {found['after_mb']:.0f} MB; index arrays {found['index_mb']:.0f} MB, "
              f"{found['rows']} rows); process peak {found['peak_mb']:.0f} MB, of it {found['opened_mb']:.0f} MB "
              f"already when the database was opened")


def incremental(path: Path, runs: int) -> tuple[float, float]:
    """(median refresh after 100 candidates changed, median refresh when nothing changed, median of the
    data-version marks alone), on a scratch copy."""
    from sqlalchemy import select

    from matchdesk.app import App
    from matchdesk.matching.index_store import _read_marks
    from matchdesk.services.matching import MatchService
    from matchdesk.storage.models import Candidate

    scratch = Path(tempfile.mkdtemp(prefix="index16-", dir=path.parent)) / path.name
    shutil.copyfile(path, scratch)
    try:
        with App.open(scratch, user="demo", today=TODAY) as app:
            service = MatchService(app)
            service.warm_up()
            index = service.engine.index
            with app.reading() as session:
                ids = session.scalars(select(Candidate.id).where(Candidate.deleted_at.is_(None),
                                                                 Candidate.archived_at.is_(None))
                                      .order_by(Candidate.klantnummer).limit(100 * runs)).all()
            changed, unchanged, marks = [], [], []
            for run in range(runs):
                with app.unit("demo") as session:
                    for candidate in session.scalars(select(Candidate).where(
                            Candidate.id.in_(ids[run * 100:(run + 1) * 100]))):
                        candidate.hours_per_week = (candidate.hours_per_week or 20) % 40 + 1
                with app.reading() as session:
                    started = time.perf_counter()
                    loaded = index.refresh(session)
                    changed.append(time.perf_counter() - started)
                assert 100 <= loaded <= 110, loaded
                with app.reading() as session:
                    started = time.perf_counter()
                    assert index.refresh(session) == 0
                    unchanged.append(time.perf_counter() - started)
                with app.reading() as session:
                    started = time.perf_counter()
                    _read_marks(session)
                    marks.append(time.perf_counter() - started)
            service.close()
    finally:
        shutil.rmtree(scratch.parent, ignore_errors=True)
    return median_ms(changed), median_ms(unchanged), median_ms(marks)


def bench(path: Path, runs: int) -> None:
    from matchdesk.app import App
    from matchdesk.matching.index import CandidateIndex
    from matchdesk.matching.index_file import unseal
    from matchdesk.services.matching import CACHE_KEY, MatchService

    cache = Path(tempfile.mkdtemp(prefix="index16-cache-"))
    with App.open(path, user="demo", today=TODAY) as app:
        service = MatchService(app, cache_dir=cache)
        engine = service.engine
        floors, builds = [], []
        for _ in range(runs):  # interleaved, so both see the same machine
            floors.append(raw_read(app))
            builds.append(build(app, engine))
        service.warm_up()
        service.save()  # makes the key and writes the copy once; then the write alone is timed
        [copy] = list(cache.glob("index-*.idx"))
        key = bytes.fromhex(app.db.meta(CACHE_KEY))
        saves = []
        for _ in range(runs):
            started = time.perf_counter()
            engine.index.save(copy, engine.fingerprint(), key)
            saves.append(time.perf_counter() - started)
        reads, opens, loads, starts = [], [], [], []
        for _ in range(runs):
            started = time.perf_counter()
            data = copy.read_bytes()
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert unseal(key, data) is not None
            opens.append(time.perf_counter() - started)
            index = CandidateIndex(engine.scorer)
            started = time.perf_counter()
            assert index.load(copy, engine.fingerprint(), key)
            loads.append(time.perf_counter() - started)
            with app.reading() as session:
                started = time.perf_counter()
                assert index.refresh(session) == 0
                starts.append(time.perf_counter() - started + loads[-1])
        size = copy.stat().st_size
        service.close()
    floor, built = median_ms([w for w, _ in floors]), median_ms([w for w, _ in builds])
    floor_cpu, built_cpu = median_ms([c for _, c in floors]), median_ms([c for _, c in builds])
    read, opened, loaded, start = median_ms(reads), median_ms(opens), median_ms(loads), median_ms(starts)
    print(f"build from the database   {built:8.0f} ms   raw-cursor read of the same rows {floor:.0f} ms   "
          f"ratio {built / floor:.2f}x (CPU {built_cpu:.0f} ms against {floor_cpu:.0f} ms: "
          f"{built_cpu / floor_cpu:.2f}x)")
    print(f"load the saved copy       {loaded:8.0f} ms   plain read of the file {read:.0f} ms, AES-GCM open "
          f"{opened:.0f} ms ({size / 1e6:.1f} MB)   ratio {loaded / read:.1f}x the read; build / load "
          f"{built / loaded:.0f}x")
    print(f"start with the copy       {start:8.0f} ms   load + the data-version check that finds no change "
          f"({start - loaded:.0f} ms: count, latest updated_at and version sum of the 3 tables, full scans)")
    print(f"save the copy             {median_ms(saves):8.0f} ms")
    changed, unchanged, marks = incremental(path, runs)
    print(f"update, 100 rows changed  {changed:8.0f} ms   of it the data-version marks {marks:.0f} ms; nothing "
          f"changed {unchanged:.0f} ms (SQLite data_version); {changed / built:.1%} of a build")
    report_memory(path, cache)
    shutil.rmtree(cache, ignore_errors=True)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench16"))
    parser.add_argument("--memory-only", action="store_true", help="only the RSS of a process holding the index")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}; "
          f"medians of {args.runs}")
    for size in args.sizes:
        path = ensure(args.dir, size)
        print(f"\n== {size} kandidaten ==", flush=True)
        if args.memory_only:
            memory_only(path)
        else:
            bench(path, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
