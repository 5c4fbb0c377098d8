"""Benchmark: import N candidate rows (default 100,000) from .xlsx and .ods files into an empty database.

    .venv/bin/python benchmarks/import.py [--rows 100000] [--runs 3] [--formats xlsx,ods] [--keep DIR]

Writes a generated file per format once (the same rows; test data only: the BSNs are generated and pass
the elfproef), then per format and ``--runs`` times: the raw calamine read (open the workbook, every row
as Python values), MatchDesk's read (``open_table``: the limits pass of ``transfer.limits`` plus calamine
plus the cell conversion) and the import into a fresh SQLite database; it prints each time and the medians.
Target (issue 6): under 2 minutes for 100,000 rows on a 2-core machine. Not a test: nothing asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matchdesk.domain import Categorie, Doelgroep  # noqa: E402
from matchdesk.storage.database import Database  # noqa: E402
from matchdesk.transfer import import_file, open_table, write_rows  # noqa: E402
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


def raw_calamine(path: Path) -> int:
    """Calamine alone: the workbook opened, its first sheet read to Python lists."""
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    return sum(1 for _ in workbook.get_sheet_by_index(0).iter_rows())


def matchdesk_read(path: Path) -> int:
    table = open_table(path, ("kandidaten",))
    return sum(1 for _ in table.rows)


def timed(function, *args, **kwargs):
    gc.collect()
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def main() -> int:
    from bench_key import ensure_key

    ensure_key()  # the demo databases are encrypted: one key file for the benchmark folder
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="xlsx,ods")
    parser.add_argument("--keep", type=Path, help="folder to keep the files and databases in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="matchdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    summary = []
    for suffix in args.formats.split(","):
        source = folder / f"kandidaten-{args.rows}.{suffix}"
        if not source.exists():
            started = time.perf_counter()
            generate(source, args.rows)
            print(f"file: {source.name}, {source.stat().st_size / 1e6:.1f} MB, written in "
                  f"{time.perf_counter() - started:.1f} s")
        raw, read, imported = [], [], []
        for run in range(args.runs):
            seconds, count = timed(raw_calamine, source)
            raw.append(seconds)
            seconds, read_count = timed(matchdesk_read, source)
            read.append(seconds)
            target = folder / f"bench-{suffix}-{run}.db"
            for stale in folder.glob(f"bench-{suffix}-{run}.db*"):
                stale.unlink()
            db = Database.open(target, create=True)
            seconds, result = timed(import_file, db, "candidates", source, user="benchmark", today=TODAY)
            db.dispose()
            imported.append(seconds)
            print(f"{suffix} run {run + 1}: raw calamine {raw[-1]:.1f} s ({count} rows), MatchDesk read "
                  f"{read[-1]:.1f} s ({read_count} data rows), import {seconds:.1f} s ({result.read} read, "
                  f"{result.new} new, {result.rejected} rejected, {result.warnings} warnings)")
        summary.append(f"{suffix}: median raw calamine {statistics.median(raw):.1f} s, MatchDesk read "
                       f"{statistics.median(read):.1f} s, import {statistics.median(imported):.1f} s for {args.rows} "
                       f"rows ({args.rows / statistics.median(imported):.0f} rows/s)")
    print("\n".join(summary))
    print("target < 120 s for 100,000 rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
