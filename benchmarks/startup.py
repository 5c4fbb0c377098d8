"""Whole-process time from starting `matchdesk` to MATCHDESK_READY (first page of the list painted).

Median of 5 cold processes on the 9,000- and the 100,000-candidate demo, next to a baseline measured in
the same run: a bare PySide6 process that shows an empty QMainWindow and quits. Target: under 2 s at 9,000.

    .venv/bin/python benchmarks/startup.py [--runs 5] [--sizes 9000 100000]

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


def timed(command: list[str], ready_marker: str | None) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
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
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[9000, 100000])
    args = parser.parse_args()
    baseline = statistics.median(timed([sys.executable, "-c", BASELINE], None) for _ in range(args.runs))
    print(f"baseline (bare PySide6 window): median {baseline * 1000:.0f} ms")
    for size in args.sizes:
        path = demo(size)
        command = [sys.executable, "-m", "matchdesk", "--db", str(path), "--user", "demo", "--today", TODAY,
                   "--quit-when-ready"]
        timed(command, "MATCHDESK_READY")  # warm the OS file cache once
        runs = [timed(command, "MATCHDESK_READY") for _ in range(args.runs)]
        median = statistics.median(runs)
        print(f"{size:>7} candidates: median {median * 1000:.0f} ms to MATCHDESK_READY "
              f"(runs: {', '.join(f'{r * 1000:.0f}' for r in runs)}; {median / baseline:.1f}x the baseline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
