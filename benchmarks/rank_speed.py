"""Ranking speed beside its floor, in the same run (issue 16, item 3).

Per size: rank one stored vacancy for the top 50 with all 50 explained (``rank_for_vacancy`` and reading every
result, as ``rank --json`` does), with the winners' profiles read from the database (the engine's kept
profiles let go before each ranking) and with them kept (a window ranking again); beside it the "sparse
floor": one sparse matrix-vector product of the candidate index's shape (candidates x skills), the least a
vectorised ranking does. At the demo size (9,000) also all vacancies against all candidates (``rank_many``,
top 10 each: ranked, and ranked with all 10 explained) beside its floor, one such product per vacancy.
Medians of at least 7; the ratio to the floor is printed beside each.

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


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def sparse_floor(index, repeat: int) -> float:
    """Seconds of one sparse matrix-vector product of the index's shape (median)."""
    from scipy import sparse

    matrix = sparse.csr_matrix(index.S)
    vector = np.zeros(matrix.shape[1])
    vector[:: max(1, matrix.shape[1] // 6)] = 1.0  # about six wanted skills
    times = []
    for _ in range(max(repeat, 7) * 5):
        start = time.perf_counter()
        matrix @ vector
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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

    rank(sample[0])  # the first ranking's one-time work (rule tables, places) out of the figures
    read, kept, ranked_only = [], [], []
    for _ in range(max(1, repeat // len(sample) + 1)):
        for ref in sample:
            engine.let_go()  # the winners' profiles are read from the database again
            start = time.perf_counter()
            rank(ref)
            read.append(time.perf_counter() - start)
            start = time.perf_counter()
            rank(ref)
            kept.append(time.perf_counter() - start)
            start = time.perf_counter()
            service.rank_for_vacancy(ref, TODAY, Filters(), 50)  # the window: 20 explained, 30 when read
            ranked_only.append(time.perf_counter() - start)
    size = f"{candidates:,}".replace(",", ".")
    lines.append((f"sparse floor, {size} x {engine.index.S.shape[1]}", f"{floor * 1000:.2f} ms"))
    for label, times in (("rank top 50, all explained, profiles read", read),
                         ("rank top 50, all explained, profiles kept", kept),
                         ("rank top 50, 20 explained (window)", ranked_only)):
        lines.append((f"{label} (n={len(times)})",
                      f"{median_ms(times):.1f} ms = {median_ms(times) / (floor * 1000):.0f}x floor"))
    if all_against_all:
        ranked, explained = [], []
        for _ in range(repeat):
            engine.let_go()
            start = time.perf_counter()
            rankings = service.rank_many(refs, TODAY, Filters(), 10)
            ranked.append(time.perf_counter() - start)
            start = time.perf_counter()
            for ranking in rankings.values():
                list(ranking.results)
            explained.append(time.perf_counter() - start + ranked[-1])
        floor_all = floor * len(refs)
        lines.append((f"all-vs-all floor: {len(refs)} sparse products", f"{floor_all:.3f} s"))
        lines.append((f"all-vs-all {len(refs)} x {size}, top 10 ranked (n={repeat})",
                      f"{statistics.median(ranked):.2f} s = {statistics.median(ranked) / floor_all:.0f}x floor"))
        lines.append((f"all-vs-all {len(refs)} x {size}, top 10 explained (n={repeat})",
                      f"{statistics.median(explained):.2f} s = {statistics.median(explained) / floor_all:.0f}x floor"))
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
            print(f"{label:<62} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
