"""Benchmark: import N candidate rows (default 100,000) from an .xlsx file into an empty database.

    .venv/bin/python benchmarks/import.py [--rows 100000] [--runs 3] [--keep DIR]

Writes a generated file once (test data only: the BSNs are generated and pass the elfproef), then
imports it ``--runs`` times, each into a fresh SQLite database, and prints each time and the median.
Target (issue 6): under 2 minutes for 100,000 rows on a 2-core machine. Not a test: nothing asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matchdesk.domain import Categorie, Doelgroep  # noqa: E402
from matchdesk.storage.database import Database  # noqa: E402
from matchdesk.transfer import import_file, write_rows  # noqa: E402
from matchdesk.transfer.candidates import candidate_columns  # noqa: E402
from matchdesk.vocabulary import load_vocabulary  # noqa: E402

TODAY = dt.date(2026, 11, 23)
FIRST = ("Anna", "Mohammed", "Sanne", "Daan", "Fatima", "Lucas", "Eva", "Noah", "Yara", "Sem", "Julia", "Ahmed")
LAST = ("Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Yilmaz", "El Amrani", "Mulder", "Bos")
PLACES = (("Roosendaal", "4701"), ("Bergen op Zoom", "4611"), ("Etten-Leur", "4871"), ("Zundert", "4881"),
          ("Steenbergen", "4651"), ("Moerdijk", "4782"), ("Rucphen", "4715"), ("Halderberge", "4731"))
LEVELS = ("A0", "A1", "A2", "B1", "B2", "1F", "2F", "", "onbekend")


def test_bsn(rng: random.Random) -> str:
    """A generated nine-digit number that passes the elfproef (test data, never a real person's)."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        last = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def generate(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    used: set[str] = set()

    def unique_bsn() -> str:
        while True:
            bsn = test_bsn(rng)
            if bsn not in used:
                used.add(bsn)
                return bsn

    skills = [s.label for s in load_vocabulary().skills.values()]
    headers = [c.header for c in candidate_columns(TODAY)]

    def row(i: int) -> dict:
        place, digits = rng.choice(PLACES)
        return {
            "klantnummer": str(3_000_000 + i), "voornaam": rng.choice(FIRST), "tussenvoegsel": None,
            "achternaam": rng.choice(LAST),
            "geboortedatum": dt.date(1960, 1, 1) + dt.timedelta(days=rng.randint(0, 20000)),
            "bsn": unique_bsn(), "adres": f"Markt {rng.randint(1, 200)}",
            "postcode": f"{digits}{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}".lower(),
            "woonplaats": place, "gemeente": place, "telefoon": f"06{rng.randint(10000000, 99999999)}",
            "email": f"kandidaat{i}@test.example", "doelgroep": rng.choice(list(Doelgroep)).value,
            "categorie": rng.choice(list(Categorie)).value, "uitkering": "Participatiewet",
            "uren_per_week": rng.choice((16, 24, 32, 36)),
            "beschikbaar_vanaf": (TODAY + dt.timedelta(days=rng.randint(-300, 60))).strftime("%d-%m-%Y"),
            "rijbewijs": rng.choice(("", "B", "B,C")), "max_reisafstand_km": rng.choice((10, 20, 30)),
            "vaardigheden": "; ".join(rng.sample(skills, rng.randint(0, 5))),
            "nl_luisteren": rng.choice(LEVELS), "nl_lezen": rng.choice(LEVELS), "nl_spreken": rng.choice(LEVELS),
            "nl_gesprekken": rng.choice(LEVELS), "nl_schrijven": rng.choice(LEVELS),
            "banenafspraak": rng.choice(("ja", "nee", "")), "statushouder": rng.choice(("j", "n", "x", "")),
            "wensen": "Wil graag in de buurt werken.",
        }

    write_rows(path, headers, ([r.get(h) for h in headers] for r in map(row, range(rows))),
               sheet_name="kandidaten")


def main() -> int:
    from bench_key import ensure_key

    ensure_key()  # the demo databases are encrypted: one key file for the benchmark folder
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep the file and databases in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="matchdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"kandidaten-{args.rows}.xlsx"
    if not source.exists():
        started = time.perf_counter()
        generate(source, args.rows)
        print(f"file: {source.name}, {source.stat().st_size / 1e6:.1f} MB, written in "
              f"{time.perf_counter() - started:.1f} s")
    times = []
    for run in range(args.runs):
        target = folder / f"bench-{run}.db"
        for stale in folder.glob(f"bench-{run}.db*"):
            stale.unlink()
        db = Database.open(target, create=True)
        started = time.perf_counter()
        result = import_file(db, "candidates", source, user="benchmark", today=TODAY)
        elapsed = time.perf_counter() - started
        db.dispose()
        times.append(elapsed)
        print(f"run {run + 1}: {elapsed:.1f} s ({result.read} read, {result.new} new, {result.rejected} rejected, "
              f"{result.warnings} warnings)")
    print(f"median: {statistics.median(times):.1f} s for {args.rows} rows "
          f"({args.rows / statistics.median(times):.0f} rows/s); target < 120 s for 100,000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
