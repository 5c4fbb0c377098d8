"""What the speed table's parts share: the measures' names and goals, a row of runs beside its floors, timing."""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = dt.date(2026, 11, 23)
MEASURES = ("build", "load", "first", "start", "rank", "all", "cold", "memory", "pdf")
ALL_VS_ALL_MAX = 10_000  # all-vs-all is measured at sizes up to this (800 x 9,000 in the issue)
RANK_SAMPLE = 25  # vacancies timed one by one for "rank one vacancy"
GOALS = {"build": "— (goal: the load below)", "load": "≤ 0.5 s", "first": "≤ 0.5 s", "start": "≤ 3x",
         "rank": "≤ 25 ms quiet", "all": "≤ 5 s", "cold": "≤ 1 s", "memory": "≤ 400 MB at 100,000", "pdf": "—"}


@dataclass
class Row:
    measure: str
    label: str
    size: int
    unit: str  # "s", "ms" or "MB"
    floor_label: str
    runs: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # CPU seconds of the timed work (processes: their children)
    note: str = ""

    def cells(self) -> list[str]:
        value, floor = statistics.median(self.runs), statistics.median(self.floors)
        scale = {"s": 1.0, "ms": 1000.0, "MB": 1.0}[self.unit]
        def shown(x: float) -> str:  # enough places for a floor of a few ms beside a figure of seconds
            scaled = x * scale
            if self.unit == "s":
                places = 3 if scaled < 0.1 else 2
            else:
                places = 2 if scaled < 1 else (1 if scaled < 100 else 0)
            return f"{scaled:,.{places}f} {self.unit}"

        ratio = "—" if floor <= 0 else f"{value / floor:,.{0 if value / floor >= 100 else 1}f}x"
        counts = f"{len(self.runs)}" if len(self.runs) == len(self.floors) else f"{len(self.runs)}/{len(self.floors)}"
        goal = GOALS[self.measure] + (f"; {self.note}" if self.note else "")
        cpu = f", CPU {shown(statistics.median(self.cpu))}" if self.cpu else ""
        return [self.label, f"{self.size:,}", f"{shown(value)} (median of {counts}{cpu})",
                f"{self.floor_label} {shown(floor)}", ratio, goal]


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def timed_cpu(action, row: Row, children: bool = False) -> float:
    """Wall seconds of ``action``; its CPU seconds (this process's, or its child processes') go to ``row.cpu``."""
    def cpu() -> float:
        if not children:
            return time.process_time()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    before = cpu()
    wall = timed(action)
    row.cpu.append(cpu() - before)
    return wall
