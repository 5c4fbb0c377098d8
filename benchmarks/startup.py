"""Whole-process time from starting `matchdesk` to MATCHDESK_READY (first page of the list painted).

Median of 5 cold processes on the 9,000- and the 100,000-candidate demo, next to a baseline measured in
the same run: a bare PySide6 process that shows an empty QMainWindow and quits. Target: under 2 s at 9,000.

    .venv/bin/python benchmarks/startup.py [--runs 5] [--sizes 9000 100000] [--compare DIR]

``--compare DIR`` times another checkout's ``matchdesk`` package (DIR holds its ``matchdesk/`` folder, e.g.
``git archive OLD matchdesk | tar -x -C DIR``) in the same run, the two interleaved run by run, so the
machine's noise falls on both alike.

Demo databases are made once in /tmp/matchdesk-bench/ (shared with benchmarks/rank.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path("/tmp/matchdesk-bench")
TODAY = "2026-11-23"
BASELINE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def demo(size: int) -> Path:
    path = BENCH / f"demo-{size}.db"
    if not path.exists():
        BENCH.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(path), "--today", TODAY, "demo",
                        "--candidates", str(size), "--seed", "1"], check=True)
    return path


def timed(command: list[str], ready_marker: str | None, pythonpath: str | None = None) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    if ready_marker:
        for line in process.stderr:
            if line.startswith(ready_marker):
                break
    elapsed = time.perf_counter() - started
    process.communicate(timeout=120)
    if process.returncode != 0:
        raise SystemExit(f"{command[:3]} exited with {process.returncode}")
    return elapsed if ready_marker else time.perf_counter() - started


def main() -> int:
    from bench_key import ensure_key

    ensure_key()  # the demo databases are encrypted: one key file for the benchmark folder
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[9000, 100000])
    parser.add_argument("--compare", metavar="DIR", help="also time the matchdesk package in DIR, interleaved")
    args = parser.parse_args()
    baseline = statistics.median(timed([sys.executable, "-c", BASELINE], None) for _ in range(args.runs))
    print(f"baseline (bare PySide6 window): median {baseline * 1000:.0f} ms")
    for size in args.sizes:
        path = demo(size)
        command = [sys.executable, "-m", "matchdesk", "--db", str(path), "--user", "demo", "--today", TODAY,
                   "--quit-when-ready"]
        timed(command, "MATCHDESK_READY")  # warm the OS file cache once
        runs, other = [], []
        for _ in range(args.runs):
            runs.append(timed(command, "MATCHDESK_READY"))
            if args.compare:
                other.append(timed(command, "MATCHDESK_READY", args.compare))
        for label, series in (("this tree", runs), (args.compare, other)):
            if not series:
                continue
            median = statistics.median(series)
            print(f"{size:>7} candidates, {label}: median {median * 1000:.0f} ms to MATCHDESK_READY "
                  f"(runs: {', '.join(f'{r * 1000:.0f}' for r in series)}; {median / baseline:.1f}x the baseline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
