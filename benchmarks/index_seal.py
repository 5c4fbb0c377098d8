"""What sealing the saved ranking index costs (issue 14): the copy's size, a raw read of the file, opening its
AES-GCM seal, and a ranking in a fresh service that takes the copy over, medians beside each other in one run.

    MATCHDESK_KEY_FILE=.run/demo.sleutel .venv/bin/python benchmarks/index_seal.py --db .run/demo.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from matchdesk.app import App
from matchdesk.matching.index_file import unseal
from matchdesk.services.matching import CACHE_KEY, MatchService


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="matchdesk-seal-"))
    with App.open(args.db, user="demo", today=dt.date(2026, 11, 23)) as app:
        with app.reading() as session:
            reference = session.execute(text("select reference from vacancies order by reference limit 1")).scalar()
        first = MatchService(app, cache_dir=cache)
        first.rank_for_vacancy(reference, app.today)
        first.close()  # writes the sealed copy
        [path] = list(cache.glob("index-*"))
        key = bytes.fromhex(app.db.meta(CACHE_KEY))
        data = path.read_bytes()
        reads, opens, ranks = [], [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            path.read_bytes()
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert unseal(key, data) is not None
            opens.append(time.perf_counter() - started)
            started = time.perf_counter()
            service = MatchService(app, cache_dir=cache)
            service.rank_for_vacancy(reference, app.today)
            ranks.append(time.perf_counter() - started)
            assert service.from_cache
            service.close()
    read, opened, ranked = _median_ms(reads), _median_ms(opens), _median_ms(ranks)
    print(f"copy {len(data) / 1e6:.1f} MB; raw read {read:.1f} ms; unseal {opened:.1f} ms ({opened / read:.1f}x the "
          f"read); ranking from the copy {ranked:.0f} ms (unseal {opened / ranked:.0%} of it); medians of {args.runs}")


if __name__ == "__main__":
    main()
