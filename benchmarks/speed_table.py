"""Issue 16's whole speed table in one run: each MatchDesk figure beside its floor measured in the same run.

    .venv/bin/python benchmarks/speed_table.py [--sizes 9000 100000] [--runs 5] [--cache /tmp/matchdesk-bench]
    .venv/bin/python benchmarks/speed_table.py --quick            # 9,000 only: a smoke run of every measure
    .venv/bin/python benchmarks/speed_table.py --quick --dry-run  # the plan only: nothing imported or run

Every figure is a median (the count is printed beside it), the floor is measured interleaved with it, run by
run, so the machine's load falls on both alike, and the ratio is figure / floor. Printed at the end as a
Markdown table in the issue's shape (``--json FILE`` also keeps every single run):

- index build: a fresh ``App`` without a cache folder, ``app.matcher.warm_up()`` (builds the candidate index
  from the database) | floor: a raw DBAPI cursor reading the rows the index reads (candidates, their skills
  and languages) from the same encrypted file;
- first ranking in the window after start: ``benchmarks/first_ranking.py``'s child process (the window as
  ``matchdesk`` starts it, a vacancy ranked on Matchen 3 s after the first paint and at the first paint) |
  floor: the same ranking asked again in that process;
- start to first painted page: ``benchmarks/startup.py`` (``matchdesk --quit-when-ready`` until
  MATCHDESK_READY) | floor: a bare PySide6 window process;
- rank one vacancy, top 50 explained: ``app.matcher.rank_for_vacancy`` (warm index), one per sampled
  vacancy | floor: one sparse product of the same shape (candidates x canonical skills, read with the raw
  cursor, times one vacancy's skill vector);
- all-vs-all (sizes up to 10,000): every open vacancy ranked, top 10 explained | floor: the sparse product of
  the whole (candidates x skills times skills x vacancies);
- index from the saved copy: a fresh ``App`` given the cache folder, ``app.matcher.warm_up()`` | floor: a raw
  read of the copy's bytes;
- cold ``matchdesk rank --json`` with a saved index (its own cache folder, saved by an untimed first run) |
  floor: a process that imports numpy and reads the saved index file raw;
- window memory peak after the first ranking (VmHWM of the first-ranking process) | floor: the index arrays'
  nbytes in that process;
- profile PDF (``services.profiles.profile_pdf``, smallest size) | floor: a plain reportlab document.

The measures are in ``speed_measures.py``, what they share in ``speed_common.py``. Only public entry points
are called (``App``, ``app.matcher``, ``services``, the ``matchdesk`` command and the window), so the table
measures whatever index and engine are merged. Databases are made once per size with
``matchdesk demo --seed 1 --today 2026-11-23`` into ``--cache`` (made under a temporary name, then renamed),
encrypted with the key of ``benchmarks/bench_key.py``. The rankings here are the engine's (no audit entry);
the window, the CLI and the PDF write their audit entries as they would for a user.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling benchmarks, from any working directory

from speed_common import ALL_VS_ALL_MAX, MEASURES, RANK_SAMPLE, ROOT, TODAY, Row, log  # noqa: E402


def plan(args) -> list[tuple[str, int, str]]:
    """What the run will do, in order: (measure, size, how)."""
    steps = []
    smallest = min(args.sizes)
    for size in args.sizes:
        db = _db_path(args.cache, size)
        made = "cached" if db.exists() else "to be generated"
        if "build" in args.only:
            steps.append(("build", size, f"{args.runs}x fresh App({db.name}, {made}).matcher.warm_up() | raw cursor"))
        if "rank" in args.only or "all" in args.only:
            steps.append(("rank", size, f"{RANK_SAMPLE} vacancies app.matcher.rank_for_vacancy(top=50) | sparse M@v"))
            if size <= ALL_VS_ALL_MAX and "all" in args.only:
                steps.append(("all", size, f"{args.runs}x every vacancy rank_for_vacancy(top=10) | sparse M@V"))
        if "start" in args.only:
            steps.append(("start", size, f"{args.runs}x matchdesk --quit-when-ready | bare PySide6 window"))
        if "cold" in args.only:
            steps.append(("cold", size, f"{args.runs}x matchdesk rank --json, saved index | import numpy + raw read"))
        if "load" in args.only:
            steps.append(("load", size, f"{args.runs}x fresh App(cache_dir).matcher.warm_up() | raw read of the copy"))
        if "first" in args.only or "memory" in args.only:
            steps.append(("first", size, f"{args.runs}x first_ranking.py child, asked {args.after} s after paint"))
        if "pdf" in args.only and size == smallest:
            steps.append(("pdf", size, f"{args.runs * 3}x services.profiles.profile_pdf | plain reportlab"))
    return steps


def _db_path(cache: Path, size: int) -> Path:
    return cache / f"demo-{size}.db"


def ensure_db(cache: Path, size: int) -> Path:
    """The demo database of this size, generated once (under a temporary name, renamed when complete)."""
    path = _db_path(cache, size)
    if path.exists():
        return path
    partial = cache / f"demo-{size}.partial-{os.getpid()}.db"
    log(f"generating the {size:,}-candidate demo in {path} (once) ...")
    subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(partial), "--today", TODAY.isoformat(), "demo",
                    "--candidates", str(size), "--seed", "1"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    for suffix in ("-wal", "-shm"):  # a cleanly closed SQLite file has none; never move a half-written one
        if Path(f"{partial}{suffix}").exists():
            raise SystemExit(f"{partial}{suffix} left behind: the demo run did not finish cleanly")
    os.replace(partial, path)
    return path


def compile_tree() -> str:
    """Byte-compile the measured ``matchdesk`` package first, as an installed copy is: with
    PYTHONDONTWRITEBYTECODE set (as in these sessions' shells) every start compiles its ~80 modules from
    source again (~0.2 s of a start under load)."""
    import compileall

    compileall.compile_dir(str(ROOT / "matchdesk"), quiet=1)
    flag = "PYTHONDONTWRITEBYTECODE set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "bytecode written"
    return f"matchdesk byte-compiled first ({flag})"

# -- the table ---------------------------------------------------------------------------------------------------
ORDER = {m: i for i, m in enumerate(MEASURES)}


def table(rows: dict[str, Row]) -> str:
    lines = ["| measure | candidates | MatchDesk | floor in the same run | ratio | goal |", "|---|---|---|---|---|---|"]
    for row in sorted(rows.values(), key=lambda r: (ORDER[r.measure], r.size, r.label)):
        if row.runs and row.floors:
            lines.append("| " + " | ".join(row.cells()) + " |")
    return "\n".join(lines)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9000, 100000])
    parser.add_argument("--quick", action="store_true", help="9,000 only (a smoke run of every measure)")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (at least 5 for the table)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/matchdesk-bench"),
                        help="folder of the generated demo databases, their key and the saved index copies")
    parser.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated subset of {','.join(MEASURES)}")
    parser.add_argument("--after", type=float, nargs="+", default=[3.0, 0.0],
                        help="seconds after the first paint to ask the window's first ranking (memory: the first)")
    parser.add_argument("--json", type=Path, help="also write every run to this file")
    parser.add_argument("--dry-run", action="store_true", help="print the plan; import and run nothing")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [9000]
    args.only = [m.strip() for m in args.only.split(",") if m.strip()]
    unknown = set(args.only) - set(MEASURES)
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.dry_run:
        for measure, size, how in plan(args):
            print(f"{measure:<7} {size:>7,}  {how}")
        return 0
    from bench_key import ensure_key

    args.cache.mkdir(parents=True, exist_ok=True)
    ensure_key(args.cache)  # the demo databases are encrypted like a real store: one key file for the folder
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    compiled = compile_tree()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    started, load_before = time.strftime("%Y-%m-%d %H:%M"), os.getloadavg()
    from speed_measures import in_process, process_rows

    rows: dict[str, Row] = {}
    for size in args.sizes:
        path = ensure_db(args.cache, size)
        in_process(args, size, path, rows)
        process_rows(args, size, path, rows)
    load_after = os.getloadavg()
    print(f"\n{started}, commit {head.stdout.strip() or '?'}, {os.cpu_count()} cores, Python "
          f"{sys.version.split()[0]}; load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end; "
          f"medians of {args.runs} runs unless said otherwise; {compiled}\n")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({key: vars(row) for key, row in rows.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
