"""``benchmarks/speed_table.py --dry-run`` plans the whole table without importing MatchDesk, generating a
database or timing anything (the figures themselves stay in ``benchmarks/``; nothing here measures time)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = """
import json, runpy, sys
script, *options = sys.argv[1:]
sys.argv = [script, *options]
try:
    runpy.run_path(script, run_name="__main__")
except SystemExit as end:
    code = end.code
print(json.dumps({"code": code, "imported": sorted(m for m in sys.modules if m.split(".")[0] in
                  ("matchdesk", "sqlalchemy", "PySide6", "numpy", "scipy"))}))
"""


def _plan(tmp_path: Path, *options: str) -> tuple[list[str], dict]:
    script = ROOT / "benchmarks" / "speed_table.py"
    done = subprocess.run([sys.executable, "-c", CODE, str(script), *options, "--cache", str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path, check=True, timeout=60)
    *lines, last = done.stdout.strip().splitlines()
    return lines, json.loads(last)


def test_the_quick_plan_covers_every_measure_at_9000_and_runs_nothing(tmp_path):
    lines, end = _plan(tmp_path, "--quick", "--dry-run")
    assert end == {"code": 0, "imported": []}
    measures = [line.split()[0] for line in lines]
    assert measures == ["build", "rank", "all", "start", "cold", "load", "first", "pdf"]
    assert all(line.split()[1] == "9,000" for line in lines)
    assert "demo-9000.db, to be generated" in lines[0]
    assert list(tmp_path.iterdir()) == []  # no database, key or cache folder made


def test_sizes_and_a_subset_of_measures_are_planned_as_asked(tmp_path):
    lines, end = _plan(tmp_path, "--sizes", "9000", "100000", "--only", "start,cold", "--runs", "7", "--dry-run")
    assert end["code"] == 0
    assert [(line.split()[0], line.split()[1]) for line in lines] == [
        ("start", "9,000"), ("cold", "9,000"), ("start", "100,000"), ("cold", "100,000")]
    assert all(line.split()[2] == "7x" for line in lines)
