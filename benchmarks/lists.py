"""First page of a list after a sort or filter: one COUNT and one LIMIT query (what the table model does).

Median of 7 per case on the 100,000-candidate demo, next to a plain `SELECT count(*)` of the table in
the same run as the baseline. Target: under 500 ms per case.

    .venv/bin/python benchmarks/lists.py [--db /tmp/matchdesk-bench/demo-100000.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from sqlalchemy import func, select

from matchdesk.services.lists import CANDIDATES, TRAJECTORIES, ListFilter, count_rows, fetch_page
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate

TODAY = dt.date(2026, 11, 23)
CASES = [
    ("kandidaten op naam", CANDIDATES, ListFilter(), "naam", False),
    ("kandidaten op naam, aflopend", CANDIDATES, ListFilter(), "naam", True),
    ("kandidaten op geboortedatum", CANDIDATES, ListFilter(), "geboortedatum", False),
    ("mijn kandidaten", CANDIDATES, ListFilter(owner="demo"), "naam", False),
    ("zoeken 'berg'", CANDIDATES, ListFilter(text="berg"), "naam", False),
    ("doelgroep B, 50-plus", CANDIDATES, ListFilter(doelgroep="B", fifty_plus=True), "naam", False),
    ("lopende trajecten", TRAJECTORIES, ListFilter(status="lopend"), "start", False),
]


def median_ms(action, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    from bench_key import ensure_key

    ensure_key()  # the demo databases are encrypted: one key file for the benchmark folder
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/matchdesk-bench/demo-100000.db")
    args = parser.parse_args()
    db = Database.open(args.db)

    def baseline():
        with db.reading() as session:
            session.scalar(select(func.count()).select_from(Candidate))

    base = median_ms(baseline)
    print(f"baseline SELECT count(*): {base:.1f} ms")
    for label, spec, flt, sort, descending in CASES:
        def first_page(spec=spec, flt=flt, sort=sort, descending=descending):
            with db.reading() as session:
                count_rows(session, spec, flt, TODAY)
                fetch_page(session, spec, flt, TODAY, sort, descending, 0, 200)

        ms = median_ms(first_page)
        print(f"{label:<32} {ms:7.1f} ms  ({ms / base:.1f}x the baseline)")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
