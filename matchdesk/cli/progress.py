"""A one-line progress bar on stderr, only when stderr is a terminal (scripts and tests see nothing)."""

from __future__ import annotations

import sys

from matchdesk.dates import format_number_nl


class ProgressBar:
    def __init__(self, label: str, stream=None, width: int = 30) -> None:
        self.label, self.width = label, width
        self.stream = stream or sys.stderr
        self.active = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = False
        self.done = 0

    def __call__(self, done: int, total: int | None) -> None:
        self.done = done
        if not self.active:
            return
        if total:
            share = min(1.0, done / total)
            filled = int(share * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            text = f"\r{self.label}: [{bar}] {share:4.0%} {format_number_nl(done)} van {format_number_nl(total)}"
        else:
            text = f"\r{self.label}: {format_number_nl(done)}"
        print(text, end="", file=self.stream, flush=True)
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            print(file=self.stream, flush=True)
            self.shown = False
