"""Matching benchmark (issue 5): ranking speed at 9,000 and 100,000 candidates.

For each size: index build time and memory; the median time to rank one vacancy with top-50
explanations over at least 20 vacancies (warm index); the same work as a plain per-candidate Python
loop over preloaded profiles (the reference components, eligibility per candidate, sort, explanations),
and the ratio; the wall time of a cold ``matchdesk rank`` process; and for the demo region (9,000) all
vacancies against all candidates. A cold process is timed without a saved index, on the run that
saves it, and with it (median of 3).

    .venv/bin/python benchmarks/rank.py [--sizes 9000 100000] [--dir /tmp/matchdesk-bench]

Databases are generated with ``matchdesk demo --seed 1 --today 2026-11-23`` when missing (100,000
takes a few minutes). Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[1]
MATCHDESK = [sys.executable, "-m", "matchdesk"]


def ensure_db(path: Path, size: int) -> None:
    if path.exists():
        return
    print(f"demo met {size} kandidaten aanmaken in {path} ...", flush=True)
    subprocess.run([*MATCHDESK, "--db", str(path), "--today", TODAY.isoformat(), "demo", "--candidates", str(size),
                    "--seed", "1"], check=True, cwd=ROOT)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def loop_rank(engine, profiles, vacancy, today, top=50):
    """The plain way: every candidate through the reference components and the rules, one by one."""
    terms = engine.scorer.terms(vacancy, today)
    scored = []
    for profile in profiles:
        pair = engine.scorer.score(profile, terms, today)
        blocked = any(f.severity == "block" for f in engine.findings(profile.facts, vacancy.kind, today))
        scored.append((blocked, -round(pair.total, 6), profile.klantnummer, profile))
    scored.sort(key=lambda item: item[:3])
    return [engine.explain(p, terms, today) for *_, p in scored[:top]]


def bench(path: Path, size: int, n_vacancies: int, loop_vacancies: int, all_against_all: bool) -> dict:
    from sqlalchemy import select

    from matchdesk.app import App
    from matchdesk.matching.engine import Filters
    from matchdesk.matching.profiles import vacancy_profile
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import MatchService
    from matchdesk.services.vacancies import get_by_reference
    from matchdesk.storage.database import Database
    from matchdesk.storage.models import Vacancy

    figures: dict = {"candidates": size}
    db = Database.open(path)
    service = MatchService(App(db, user='tester', today=dt.date(2026, 11, 23), rulebooks=load_rulebooks()))
    engine = service.engine
    before = rss_mb()
    start = time.perf_counter()
    with db.reading() as session:
        engine.index.refresh(session)
    figures["index_build_s"] = time.perf_counter() - start
    figures["index_arrays_mb"] = engine.index.nbytes() / 2 ** 20
    figures["index_rss_growth_mb"] = rss_mb() - before
    with db.reading() as session:
        refs = list(session.scalars(select(Vacancy.reference).where(Vacancy.deleted_at.is_(None))
                                    .order_by(Vacancy.reference)))
    sample = refs[:: max(1, len(refs) // n_vacancies)][:n_vacancies]
    service.rank_for_vacancy(sample[0], TODAY, Filters(), 50)  # warm caches
    times = []
    for ref in sample:
        start = time.perf_counter()
        service.rank_for_vacancy(ref, TODAY, Filters(), 50)
        times.append(time.perf_counter() - start)
    figures["vacancies_timed"] = len(times)
    figures["median_rank_top50_ms"] = statistics.median(times) * 1000
    figures["p90_rank_top50_ms"] = sorted(times)[int(0.9 * (len(times) - 1))] * 1000

    with db.reading() as session:
        profiles = engine.index.load_profiles(session, list(engine.index.row_of))
        vacancies = [vacancy_profile(get_by_reference(session, ref, full=True), engine.resolver)
                     for ref in sample[:loop_vacancies]]
    loop_times = []
    for vacancy in vacancies:
        start = time.perf_counter()
        loop_rank(engine, profiles, vacancy, TODAY)
        loop_times.append(time.perf_counter() - start)
    figures["loop_vacancies_timed"] = len(loop_times)
    figures["median_loop_ms"] = statistics.median(loop_times) * 1000
    figures["speedup_vs_loop"] = figures["median_loop_ms"] / figures["median_rank_top50_ms"]

    def cold_run(ref: str, env: dict) -> float:
        start = time.perf_counter()
        subprocess.run([*MATCHDESK, "--db", str(path), "--today", TODAY.isoformat(), "rank", "--vacancy", ref,
                        "--top", "20", "--json"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                       env={**os.environ, **env})
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory() as cache:  # a private cache folder, not the user's
        figures["cold_process_no_saved_index_s"] = cold_run(sample[0], {"MATCHDESK_NO_CACHE": "1"})
        env = {"XDG_CACHE_HOME": cache}
        figures["cold_process_first_run_s"] = cold_run(sample[0], env)  # builds and saves the index
        figures["cold_process_saved_index_s"] = statistics.median(cold_run(ref, env) for ref in sample[1:4])

    if all_against_all:
        start = time.perf_counter()
        for ref in refs:
            service.rank_for_vacancy(ref, TODAY, Filters(), 10)
        figures["all_vacancies"] = len(refs)
        figures["all_against_all_s"] = time.perf_counter() - start
    service.close()
    db.dispose()
    return figures


def main() -> int:
    from bench_key import ensure_key

    ensure_key()  # the demo databases are encrypted: one key file for the benchmark folder
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9000, 100000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/matchdesk-bench"))
    parser.add_argument("--vacancies", type=int, default=25)
    parser.add_argument("--loop-vacancies", type=int, default=5)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    for size in args.sizes:
        path = args.dir / f"demo-{size}.db"
        ensure_db(path, size)
        figures = bench(path, size, args.vacancies, args.loop_vacancies, all_against_all=size <= 10000)
        print(f"\n== {size} kandidaten ==")
        for key, value in figures.items():
            print(f"{key:<24} {value:.1f}" if isinstance(value, float) else f"{key:<24} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
