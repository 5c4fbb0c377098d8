"""The first ranking in the window after a start: how long a matchmaker waits for it (issue 16).

One cold process per run on the 9,000-candidate demo (``benchmarks/startup.py`` makes it): the window
starts as ``matchdesk`` starts it (``--quit-when-ready`` context, the user's cache folder for the saved
index), and ``--after`` seconds after the first page is painted (the time to go to Matchen and type a
reference) it ranks a vacancy on the Matchen page, as ``rank_vacancy`` does for a chosen reference. Printed:
milliseconds from asking to the ranking shown, medians of ``--runs`` processes, for each ``--after``,
beside the floor measured in the same run: the same ranking asked a second time in that process (warm
index, nothing to load). Each process also reports its memory peak (VmHWM, after both rankings) and the
index arrays' bytes, which ``benchmarks/speed_table.py`` tabulates, and VmHWM / VmRSS at checkpoints (start,
after ``App.open``, at the first paint, when the background warm-up has ended, after each ranking), printed
as medians beside the index arrays' bytes (the floor). ``--db`` measures a copy instead of the shared demo
(with ``MATCHDESK_KEY_FILE`` its key, ``XDG_CACHE_HOME`` the folder of its saved index).
``--compare DIR`` times another checkout's ``matchdesk`` package (its folder holds
``matchdesk/``) interleaved run by run.

    .venv/bin/python benchmarks/first_ranking.py [--runs 5] [--after 0 3] [--compare DIR]

The index copy in the cache folder is what a second start of the day finds; the first run of each series
makes it when there was none.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from startup import TODAY, demo

CHILD = r"""
import json, sys, time

def _memory():
    # VmHWM (the peak so far) and VmRSS (resident now) of this process, MB
    with open("/proc/self/status") as status:
        found = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in status
                 if line.startswith(("VmHWM:", "VmRSS:"))}
    return [round(found.get("VmHWM", 0), 1), round(found.get("VmRSS", 0), 1)]

checkpoints = {"start": _memory()}
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from matchdesk.cli.main import build_parser, make_context
from matchdesk.ui.main_window import MainWindow

args = build_parser().parse_args(["--db", sys.argv[1], "--user", "demo", "--today", sys.argv[2]])
after, reference = float(sys.argv[3]), sys.argv[4]
qt = QApplication([])
ctx = make_context(args)
ctx.app()
checkpoints["app_open"] = _memory()
window = MainWindow(ctx.app())
window.show()
times = {"checkpoints": checkpoints}

def rank(label):
    page = window.page(type(window.pages[4]))  # Matchen
    window.show_page(type(page))
    started = time.perf_counter()
    def shown():
        page.ranked.disconnect(shown)
        times[label] = (time.perf_counter() - started) * 1000
        checkpoints[f"ranking_{label}"] = _memory()
        QTimer.singleShot(0, lambda: rank("again") if label == "first" else qt.quit())
    page.ranked.connect(shown)
    page.rank_vacancy(reference)

def _peak_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024

def _arrays_bytes(thing, seen=None):
    # the index's own nbytes() where it has one, else every numpy/scipy array reachable from it
    import numpy as np
    measured = getattr(thing, "nbytes", None)
    if seen is None and measured is not None:
        return measured() if callable(measured) else measured
    seen = set() if seen is None else seen
    if id(thing) in seen:
        return 0
    seen.add(id(thing))
    if isinstance(thing, np.ndarray):
        return thing.nbytes
    if all(hasattr(thing, a) for a in ("data", "indices", "indptr")):
        return sum(getattr(thing, a).nbytes for a in ("data", "indices", "indptr"))
    if isinstance(thing, dict):
        return sum(_arrays_bytes(v, seen) for v in thing.values())
    if isinstance(thing, (list, tuple)):
        return sum(_arrays_bytes(v, seen) for v in thing[:64])
    if type(thing).__module__.startswith("matchdesk") and hasattr(thing, "__dict__"):
        return sum(_arrays_bytes(v, seen) for v in vars(thing).values())
    return 0

def warmed():
    # the background warm-up (imports, the index taken over, the file's check) has ended
    if window.warm_ops.busy or ctx.app()._matcher is None:
        QTimer.singleShot(50, warmed)
    else:
        checkpoints["warm_up"] = _memory()

def painted():
    checkpoints["first_page"] = _memory()
    QTimer.singleShot(50, warmed)
    QTimer.singleShot(int(after * 1000), lambda: rank("first"))

window.first_page_painted.connect(painted)
qt.exec()
times["peak_mb"] = _peak_mb()
checkpoints.setdefault("warm_up", None)
matcher = ctx.app().matcher  # the index where it is now, else every array the matcher holds
times["index_mb"] = _arrays_bytes(getattr(getattr(matcher, "engine", None), "index", None) or matcher) / 2 ** 20
ctx.close()
print("FIRST_RANKING " + json.dumps(times), file=sys.stderr, flush=True)
"""


CHECKPOINTS = ("start", "app_open", "first_page", "warm_up", "ranking_first", "ranking_again")


def _median(runs: list[dict], name: str, which: int) -> float:
    values = [r["checkpoints"][name][which] for r in runs if r["checkpoints"].get(name)]
    return statistics.median(values) if values else float("nan")


def one(path, after: float, reference: str, pythonpath: str | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = pythonpath or env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), TODAY, str(after), reference], env=env,
                          capture_output=True, text=True, timeout=600)
    line = next((x for x in done.stderr.splitlines() if x.startswith("FIRST_RANKING ")), None)
    if line is None:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(line.split(" ", 1)[1])


def main() -> int:
    from bench_key import ensure_key

    ensure_key()
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--after", type=float, nargs="+", default=[0.0, 3.0])
    parser.add_argument("--size", type=int, default=9000)
    parser.add_argument("--reference", default="V2026-00001")
    parser.add_argument("--compare", metavar="DIR")
    parser.add_argument("--db", help="this database instead of the benchmark folder's demo (e.g. a copy of it)")
    args = parser.parse_args()
    path = args.db or demo(args.size)
    trees = [("this tree", None)] + ([(args.compare, args.compare)] if args.compare else [])
    for after in args.after:
        series: dict[str, list[dict]] = {label: [] for label, _ in trees}
        for _ in range(args.runs):
            for label, tree in trees:
                series[label].append(one(path, after, args.reference, tree))
        for label, runs in series.items():
            first = statistics.median(r["first"] for r in runs)
            again = statistics.median(r["again"] for r in runs)
            listed = ", ".join(f"{r['first']:.0f}" for r in runs)
            print(f"{args.size:>7} candidates, {label}, ranking asked {after:g} s after the first paint: median "
                  f"{first:.0f} ms (runs: {listed}); the same ranking "
                  f"again (floor): {again:.0f} ms; {first / again:.1f}x")
            print("  memory, MB (median VmHWM / VmRSS at each checkpoint; index arrays "
                  f"{statistics.median(r['index_mb'] for r in runs):.1f} MB, the floor): " + ", ".join(
                      f"{name} {_median(runs, name, 0):.0f} / {_median(runs, name, 1):.0f}"
                      for name in CHECKPOINTS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
