"""Benchmark: every hostile file of tests/transfer/hostile_corpus.py through `matchdesk import`, one process each.

    .venv/bin/python benchmarks/hostile_files.py [--keep DIR] [--small]

Per file: the exit code (2 expected), the wall time, the peak memory of that process (``ru_maxrss`` from
``os.wait4``), whether a traceback appeared, the first words of the Dutch message; then the candidates in the
database (0 expected) and the highest peak. Issue 17 asks for under 500 MB each. ``--small`` leaves out the two
700 MB zip bombs (they take a few seconds to build). Not a test: test_hostile_files.py asserts the same in one
process. `matchdesk stats` on the same database is measured last for comparison.

Figures on the 2-core build machine, 4 December 2026 (shared with six other sessions), 42 files:
see benchmarks/README-hostile.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "transfer"))

from hostile_corpus import build  # noqa: E402


def run(argv: list[str], env: dict[str, str]) -> tuple[int, float, int, str]:
    """Exit code, seconds, peak memory in MB and stderr of one process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return process.returncode, time.perf_counter() - started, usage.ru_maxrss // 1024, text


def stored_candidates(database: Path) -> int:
    from sqlalchemy import func, select

    from matchdesk.storage.database import Database
    from matchdesk.storage.models import Candidate

    db = Database.open(database)
    try:
        with db.reading() as session:
            return int(session.scalar(select(func.count()).select_from(Candidate)) or 0)
    finally:
        db.dispose()


def main() -> int:
    from bench_key import ensure_key

    ensure_key()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="folder to keep the corpus and the database in")
    parser.add_argument("--small", action="store_true", help="without the two 700 MB zip bombs")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="matchdesk-hostile-"))
    started = time.perf_counter()
    corpus = build(folder / "corpus", big=not args.small)
    print(f"corpus: {len(corpus)} files in {time.perf_counter() - started:.1f} s")
    database = folder / "vijandig.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    base = [sys.executable, "-m", "matchdesk", "--db", str(database), "--today", "2026-11-23", "--user", "bench"]
    worst = 0
    bad = []
    for name, path, words in corpus:
        code, seconds, peak, err = run([*base, "import", "candidates", str(path)], env)
        worst = max(worst, peak)
        message = err.strip().splitlines()[-1] if err.strip() else ""
        ok = code == 2 and words.lower() in err.lower() and "Traceback" not in err
        if not ok:
            bad.append(name)
        print(f"{name:26} exit {code}  {seconds:4.1f} s  {peak:4d} MB  {'ok ' if ok else 'BAD'}  {message[:90]}")
    code, seconds, peak, _ = run([*base, "stats"], env)
    print(f"for comparison, matchdesk stats on that database: exit {code}, {seconds:.1f} s, {peak} MB")
    count = stored_candidates(database)
    print(f"candidates stored: {count} (0 expected)")
    print(f"highest peak: {worst} MB (limit 500 MB); files not refused as expected: {bad or 'none'}")
    return 0 if not bad and worst < 500 and count == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
