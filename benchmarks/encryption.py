"""The cost of encryption at rest (issue 14): the same operations on a plaintext and an encrypted copy of the
same demo, in the same run, medians and ratios.

    .venv/bin/python benchmarks/encryption.py [--candidates 2000] [--repeat 5] [--dir /tmp/matchdesk-enc]

Operations, each in a fresh application object (a command's work, the database opened anew):

- ``open + stats``: open the database (key check, schema check) and count the portfolio;
- ``rank``: open, build the candidate index from the database (no saved index) and rank one vacancy;
- ``import 2000``: import 2,000 candidates (an export of the demo) into an empty database;
- ``export``: export all candidates to CSV.

Three variants: ``plat`` (plaintext, opened writable as before encryption), ``versleuteld`` (SQLCipher, the
default page cache of 2 MB) and ``versleuteld+cache`` (``PRAGMA cache_size`` 64 MB). Keys come from a key
file in the benchmark folder (no credential store needed). Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CACHE_PAGES = -65536  # 64 MB (negative: KiB)


def _key_file(folder: Path) -> None:
    key = folder / "bench.sleutel"
    if not key.exists():
        key.write_text(os.urandom(32).hex())
        key.chmod(0o600)
    os.environ["MATCHDESK_KEY_FILE"] = str(key)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    os.environ["MATCHDESK_NO_CACHE"] = "1"


def _plaintext_copy(source: Path, target: Path) -> None:
    from matchdesk.storage import cipher
    from matchdesk.storage.keys import key_for

    target.unlink(missing_ok=True)
    cipher.create_private(target)
    connection = cipher.connect(source, key_for(source))
    connection.execute(f"ATTACH DATABASE '{target}' AS plat KEY ''")
    connection.execute("SELECT sqlcipher_export('plat')")
    connection.execute(f"PRAGMA plat.user_version = {connection.execute('PRAGMA user_version').fetchone()[0]}")
    connection.execute("DETACH DATABASE plat")
    connection.close()
    plain = cipher.driver.connect(str(target))
    plain.execute("PRAGMA journal_mode=WAL")
    plain.close()


def _open(path: Path, variant: str):
    """An ``App`` on ``path``: the plaintext file writable as before encryption; the larger cache if asked."""
    from sqlalchemy import event

    from matchdesk.app import App

    app = App.open(path, user="bench", today=TODAY)
    if variant == "plat":
        app.db.unencrypted = None  # the benchmark's own plaintext file: written as before encryption
        app.db.engine.dispose()
    if variant == "versleuteld+cache":
        event.listen(app.db.engine, "connect",
                     lambda connection, _record: connection.execute(f"PRAGMA cache_size = {CACHE_PAGES}"))
        app.db.engine.dispose()
    return app


def _time(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "matchdesk-enc")
    args = parser.parse_args()
    folder: Path = args.dir
    folder.mkdir(parents=True, exist_ok=True)
    _key_file(folder)

    from matchdesk.cli.main import main as matchdesk
    from matchdesk.services.matching import rank_for_vacancy
    from matchdesk.services.stats import portfolio_stats
    from matchdesk.services.transfers import run_import
    from matchdesk.storage.database import Database
    from matchdesk.transfer import export_file

    encrypted = folder / f"demo-{args.candidates}.db"
    if not encrypted.exists():
        print(f"demo met {args.candidates} kandidaten aanmaken ...", flush=True)
        assert matchdesk(["--db", str(encrypted), "--today", TODAY.isoformat(), "demo", "--candidates",
                          str(args.candidates), "--seed", "1"]) == 0
    plain = folder / f"demo-{args.candidates}-plat.db"
    _plaintext_copy(encrypted, plain)
    rows = folder / "kandidaten.csv"
    with _open(encrypted, "versleuteld") as app:
        export_file(app.db, "candidates", str(rows), user="bench")
        vacancy = app.db.engine.connect().exec_driver_sql(
            "select reference from vacancies order by reference limit 1").scalar()
    empty_encrypted = folder / "leeg.db"
    empty_encrypted.unlink(missing_ok=True)
    Database.open(empty_encrypted, create=True).dispose()
    empty_plain = folder / "leeg-plat.db"
    _plaintext_copy(empty_encrypted, empty_plain)

    files = {"plat": (plain, empty_plain), "versleuteld": (encrypted, empty_encrypted),
             "versleuteld+cache": (encrypted, empty_encrypted)}
    def operations(variant: str, demo: Path, empty: Path) -> dict[str, Callable[[], object]]:
        def stats() -> None:
            with _open(demo, variant) as app:
                portfolio_stats(app)

        def rank() -> None:
            with _open(demo, variant) as app:
                rank_for_vacancy(app, vacancy, top=20)

        def import_rows() -> None:
            target = folder / f"import-{variant}.db"
            shutil.copy(empty, target)
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            with _open(target, variant) as app:
                run_import(app, "candidates", str(rows), dry_run=False)

        def export() -> None:
            with _open(demo, variant) as app:
                export_file(app.db, "candidates", str(folder / f"export-{variant}.csv"), user="bench")

        return {"open + stats": stats, "rank": rank, f"import {args.candidates}": import_rows, "export": export}

    work = {variant: operations(variant, demo, empty) for variant, (demo, empty) in files.items()}
    times: dict[str, dict[str, list[float]]] = {v: {op: [] for op in ops} for v, ops in work.items()}
    for round_ in range(args.repeat):  # interleaved: a busy machine slows every variant alike
        for variant, ops in work.items():
            for name, operation in ops.items():
                times[variant][name].append(_time(operation, 1))
        print(f"ronde {round_ + 1}/{args.repeat} klaar", flush=True)
    results = {v: {op: statistics.median(ts) for op, ts in ops.items()} for v, ops in times.items()}

    print(f"\n{args.candidates} kandidaten, mediaan van {args.repeat}; verhouding tot plat")
    print(f"{'bewerking':<14}{'plat':>10}{'versleuteld':>14}{'ratio':>8}{'+cache':>10}{'ratio':>8}")
    for name in results["plat"]:
        base = results["plat"][name]
        enc = results["versleuteld"][name]
        cache = results["versleuteld+cache"][name]
        print(f"{name:<14}{base * 1000:>8.0f}ms{enc * 1000:>12.0f}ms{enc / base:>8.2f}{cache * 1000:>8.0f}ms"
              f"{cache / base:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
