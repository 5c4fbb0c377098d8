"""Ranking speed beside its floor, in the same run (issue 16, item 3).

Per size: rank one stored vacancy for the top 50 with all 50 explained (``rank_for_vacancy`` and reading every
result, as ``rank --json`` does), with the winners' profiles read from the database (the engine's kept
profiles let go before each ranking) and with them kept (a window ranking again); beside it the "sparse
floor": one sparse matrix-vector product of the candidate index's shape (candidates x skills), the least a
vectorised ranking does. At the demo size (9,000) also all vacancies against all candidates (``rank_many``,
top 10 each: ranked, and ranked with all 10 explained) beside its floor, one such product per vacancy.
Medians of at least 7, wall and CPU time (the CPU time is the better estimate of a quiet machine when others
share it); the ratios to the floor, measured the same way, beside each.

    .venv/bin/python benchmarks/rank_speed.py [--sizes 9000 100000] [--dir /tmp/matchdesk-bench] [--repeat 7]

Databases are generated with ``matchdesk demo --seed 1 --today 2026-11-23`` when missing (100,000 takes a few
minutes); the index is kept in ``DIR/index-cache`` between runs. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[1]


def ensure_db(path: Path, size: int) -> None:
    if path.exists():
        return
    print(f"demo met {size} kandidaten aanmaken in {path} ...", flush=True)
    subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(path), "--today", TODAY.isoformat(), "demo",
                    "--candidates", str(size), "--seed", "1"], check=True, cwd=ROOT)


class Clock:
    """Wall and CPU seconds of one block (``with Clock() as c``); on a shared machine the CPU time is the
    better estimate of a quiet one."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def figure(clocks: list[Clock], floor: Clock | None, unit: str = "ms") -> str:
    """Medians of wall and CPU time, and the ratios to the floor's."""
    scale = 1000 if unit == "ms" else 1
    wall = statistics.median(c.wall for c in clocks) * scale
    cpu = statistics.median(c.cpu for c in clocks) * scale
    text = f"{wall:8.2f} {unit} wall, {cpu:8.2f} {unit} CPU"
    if floor is not None:
        text += f"  = {wall / (floor.wall * scale):5.0f}x / {cpu / (floor.cpu * scale):5.0f}x floor"
    return text


def sparse_floor(index, repeat: int, times: int = 1) -> Clock:
    """One sparse matrix-vector product of the index's shape (``times`` of them in a row): the medians."""
    from scipy import sparse

    matrix = sparse.csr_matrix(index.S)
    vector = np.zeros(matrix.shape[1])
    vector[:: max(1, matrix.shape[1] // 6)] = 1.0  # about six wanted skills
    clocks = []
    for _ in range(max(repeat, 7) * (5 if times == 1 else 1)):
        with Clock() as clock:
            for _ in range(times):
                matrix @ vector
        clocks.append(clock)
    median = Clock()
    median.wall = statistics.median(c.wall for c in clocks)
    median.cpu = statistics.median(c.cpu for c in clocks)
    return median


def bench(path: Path, cache: Path, vacancies: int, repeat: int, all_against_all: bool) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from matchdesk.app import App
    from matchdesk.matching.engine import Filters
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import MatchService
    from matchdesk.storage.database import Database
    from matchdesk.storage.models import Vacancy

    lines: list[tuple[str, str]] = []
    db = Database.open(path)
    service = MatchService(App(db, user="bench", today=TODAY, rulebooks=load_rulebooks()), cache_dir=cache)
    engine = service.engine
    start = time.perf_counter()
    service.warm_up()
    lines.append(("index ready (saved copy: " + ("yes" if service.from_cache else "no") + ")",
                  f"{time.perf_counter() - start:.1f} s"))
    with db.reading() as session:
        refs = list(session.scalars(select(Vacancy.reference).where(Vacancy.deleted_at.is_(None))
                                    .order_by(Vacancy.reference)))
    sample = refs[:: max(1, len(refs) // vacancies)][:vacancies]
    candidates = len(engine.index)
    floor = sparse_floor(engine.index, repeat)

    def rank(ref: str, top: int = 50) -> None:
        list(service.rank_for_vacancy(ref, TODAY, Filters(), top).results)  # every result explained

    let_go = getattr(engine, "let_go", lambda: None)  # an engine from before issue 16 keeps no profiles
    rank(sample[0])  # the first ranking's one-time work (rule tables, places) out of the figures
    read: list[Clock] = []
    kept: list[Clock] = []
    window: list[Clock] = []
    for _ in range(max(1, repeat // len(sample) + 1)):
        for ref in sample:
            let_go()  # the winners' profiles are read from the database again
            with Clock() as clock:
                rank(ref)
            read.append(clock)
            with Clock() as clock:
                rank(ref)
            kept.append(clock)
            with Clock() as clock:
                service.rank_for_vacancy(ref, TODAY, Filters(), 50)  # the window: 20 explained, 30 when read
            window.append(clock)
    size = f"{candidates:,}".replace(",", ".")
    lines.append((f"sparse floor, {size} x {engine.index.S.shape[1]}", figure([floor], None)))
    for label, clocks in (("rank top 50, all explained, profiles read", read),
                          ("rank top 50, all explained, profiles kept", kept),
                          ("rank top 50, 20 explained (window)", window)):
        lines.append((f"{label} (n={len(clocks)})", figure(clocks, floor)))
    if all_against_all:
        ranked: list[Clock] = []
        explained: list[Clock] = []
        for _ in range(repeat):
            let_go()
            with Clock() as ranking:
                if hasattr(service, "rank_many"):
                    rankings = service.rank_many(refs, TODAY, Filters(), 10)
                else:  # an engine from before issue 16 (to compare): one ranking after the other
                    rankings = {ref: service.rank_for_vacancy(ref, TODAY, Filters(), 10) for ref in refs}
            ranked.append(ranking)
            with Clock() as explaining:
                for one in rankings.values():
                    list(one.results)
            explaining.wall += ranking.wall
            explaining.cpu += ranking.cpu
            explained.append(explaining)
        floor_all = sparse_floor(engine.index, repeat, times=len(refs))
        lines.append((f"all-vs-all floor: {len(refs)} sparse products", figure([floor_all], None, "s")))
        lines.append((f"all-vs-all {len(refs)} x {size}, top 10 ranked (n={repeat})", figure(ranked, floor_all, "s")))
        lines.append((f"all-vs-all {len(refs)} x {size}, top 10 explained (n={repeat})",
                      figure(explained, floor_all, "s")))
    service.close()
    db.dispose()
    return lines


def main() -> int:
    from bench_key import ensure_key

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9000, 100000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/matchdesk-bench"))
    parser.add_argument("--vacancies", type=int, default=9, help="vacancies ranked per round (default 9)")
    parser.add_argument("--repeat", type=int, default=7, help="at least this many timings per figure (default 7)")
    args = parser.parse_args()
    ensure_key(args.dir)  # the demo databases are encrypted: one key file for the benchmark folder
    args.dir.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load {load:.1f}; python {sys.version.split()[0]}")
    for size in args.sizes:
        path = args.dir / f"demo-{size}.db"
        ensure_db(path, size)
        lines = bench(path, args.dir / "index-cache", args.vacancies, max(7, args.repeat), size <= 10000)
        print(f"\n== {size} kandidaten ==")
        for label, value in lines:
            print(f"{label:<56} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
