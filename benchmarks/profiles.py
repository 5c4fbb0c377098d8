"""Median time to build and render one profile (both variants) and a 20-candidate shortlist.

    .venv/bin/python benchmarks/profiles.py [--candidates 200] [--db PATH]

Creates a demo database in a temporary folder unless --db is given. Target (issue 7): under 100 ms
per profile on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from matchdesk.profiles import render_profile, render_shortlist
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.demo import DemoSize, generate
from matchdesk.services.profiles import profile_document, shortlist_document
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, Vacancy

TODAY = dt.date(2026, 11, 23)


def main() -> int:
    from bench_key import ensure_key

    ensure_key()  # the demo databases are encrypted: one key file for the benchmark folder
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.db) if args.db else Path(folder) / "bench.db"
        if not args.db:
            db = Database.open(path, create=True)
            generate(db, load_rulebooks(), 1, TODAY, DemoSize(args.candidates, 20, 40))
        else:
            db = Database.open(path)
        with db.reading() as session:
            numbers = session.scalars(select(Candidate.klantnummer).where(Candidate.deleted_at.is_(None))
                                      .order_by(Candidate.klantnummer).limit(args.candidates)).all()
            reference = session.scalar(select(Vacancy.reference).order_by(Vacancy.reference).limit(1))
        render_profile(*_document(db, numbers[0], False))  # fonts and styles once, as in a running app
        for anonymous in (False, True):
            times = []
            for number in numbers:
                start = time.perf_counter()
                render_profile(*_document(db, number, anonymous))
                times.append(time.perf_counter() - start)
            label = "geanonimiseerd" if anonymous else "volledig"
            print(f"profiel {label:<15} mediaan {statistics.median(times) * 1000:6.1f} ms  "
                  f"max {max(times) * 1000:6.1f} ms  ({len(times)} kandidaten)")
        times = []
        for _ in range(5):
            start = time.perf_counter()
            with db.unit("benchmark") as session:
                shortlist = shortlist_document(session, reference, numbers[:20], TODAY, action=None)
            render_shortlist(shortlist)
            times.append(time.perf_counter() - start)
        print(f"shortlist van 20        mediaan {statistics.median(times) * 1000:6.1f} ms")
        db.dispose()
    return 0


def _document(db, number: str, anonymous: bool):
    with db.unit("benchmark") as session:
        document = profile_document(session, number, TODAY, anonymous=anonymous, action=None)
    return document, TODAY, document.info.author


if __name__ == "__main__":
    sys.exit(main())
