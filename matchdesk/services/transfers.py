"""Import use cases: a file's preview, the import itself (or its dry run), and the import report.

The window's import dialog and ``matchdesk import`` both call these; ``matchdesk.transfer`` does the
reading, checking and writing (in batches, one transaction each). What comes back are plain values:
``FilePreview`` (frozen; ``remap`` gives a new one) and ``ImportOutcome`` (the counts and the report).

Progress and cancelling: ``progress(done, total)`` is called between batches on the importing thread
(``total`` None when unknown); when the ``cancel`` event is set, the import stops after the batch being
written and raises ``ImportCancelled`` (the batches before it stay saved; a dry run saves nothing).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from matchdesk import transfer
from matchdesk.plural import plural
from matchdesk.sync.outbox import refuse_on_laptop
from matchdesk.transfer.columns import ERROR, REPORT_HEADERS, WARNING, Column, Problem
from matchdesk.transfer.preview import DUPLICATE, HeaderMapping, map_headers

if TYPE_CHECKING:
    from matchdesk.app import App

PREVIEW_ROWS = 20
Progress = Callable[[int, "int | None"], None]


class ImportCancelled(Exception):
    """The user cancelled; ``done``: rows handled until then (those of committed batches stay saved)."""

    def __init__(self, done: int) -> None:
        super().__init__(f"Afgebroken na {plural(done, 'rij', 'rijen')}")
        self.done = done


@dataclass(frozen=True)
class FilePreview:
    """The header and first rows of a file, and how each header is read under the chosen mapping."""

    path: str
    record_type: str
    file_name: str
    description: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]  # (spreadsheet row number, cells)
    total: int | None  # data rows expected (an estimate), None when unknown
    columns: tuple[Column, ...]  # every documented column of the record type
    key_headers: tuple[str, ...]
    mapping: tuple[HeaderMapping, ...]
    header_map: tuple[tuple[str, str | None], ...] = ()  # the choices by hand behind ``mapping``

    @property
    def missing_keys(self) -> list[str]:
        """Key columns no header fills: the import would refuse the file."""
        filled = {m.column.header for m in self.mapping if m.column is not None and m.state != DUPLICATE}
        return [h for h in self.key_headers if h not in filled]

    def remap(self, header_map: Mapping[str, str | None] | None) -> FilePreview:
        """The same preview with ``header_map`` ({"file header": "documented header" or None}) applied as
        the import would apply it."""
        chosen = dict(header_map or {})
        mapping = map_headers(list(self.headers), self.columns, chosen, self.record_type)
        return replace(self, mapping=tuple(mapping), header_map=tuple(chosen.items()))

    def mapping_with(self, header_map: Mapping[str, str | None] | None) -> tuple[HeaderMapping, ...]:
        """The mapping ``header_map`` would give, without making a new preview."""
        return tuple(map_headers(list(self.headers), self.columns, dict(header_map or {}), self.record_type))


@dataclass(frozen=True)
class ImportOutcome:
    """The counts of an import (or dry run) and its report lines; every data row is imported or rejected."""

    record_type: str
    file_name: str
    description: str
    dry_run: bool
    read: int
    new: int
    updated: int
    unchanged: int
    restored: int
    rejected: int
    unresolved_skills: int
    problems: tuple[Problem, ...]

    @property
    def imported(self) -> int:
        return self.new + self.updated + self.unchanged + self.restored

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems if p.severity == ERROR})


def preview_import(app: App, path: str | Path, record_type: str, rows: int = PREVIEW_ROWS) -> FilePreview:
    """Header and the first ``rows`` data rows of ``path`` (nothing read from or written to the database);
    raises ``UnreadableFile`` (a Dutch message) as the import does."""
    found = transfer.preview_file(path, record_type, rows, app.today)
    return FilePreview(str(path), found.record_type, found.file_name, found.description, found.header_row,
                       tuple(found.headers), tuple((n, tuple(cells)) for n, cells in found.rows), found.total,
                       tuple(found.columns), tuple(found.key_headers), tuple(found.mapping))


def batch_size_for(record_type: str, total: int | None) -> int | None:
    """About 25 progress steps, never a batch larger than the record type's own nor smaller than 1,000 rows
    (smaller batches make a large candidate import markedly slower: 500 rows cost 40%)."""
    default = transfer.record_type(record_type).batch_size
    if not total:
        return None
    return min(default, max(1000, math.ceil(total / 25)))


def run_import(app: App, record_type: str, path: str | Path, *, dry_run: bool = False, clear_empty: bool = False,
               header_map: Mapping[str, str | None] | None = None, batch_size: int | None = None,
               progress: Progress | None = None, cancel: threading.Event | None = None) -> ImportOutcome:
    """Import ``path`` as ``record_type`` as the app's medewerker (trajectories judged by the app's
    rulebooks). ``dry_run``: every check and write, then rolled back."""
    refuse_on_laptop(app, "Importeren")

    def report(done: int, total: int | None) -> None:
        if progress is not None:
            progress(done, total)
        if cancel is not None and cancel.is_set() and not (total is not None and done >= total):
            raise ImportCancelled(done)

    result = transfer.import_file(app.db, record_type, path, user=app.user, today=app.today,
                                  rulebooks=app.rulebooks if record_type == "trajectories" else None,
                                  dry_run=dry_run, clear_empty=clear_empty, progress=report,
                                  batch_size=batch_size, header_map=dict(header_map) if header_map else None)
    return ImportOutcome(result.record_type, result.file_name, result.description, result.dry_run, result.read,
                         result.new, result.updated, result.unchanged, result.restored, result.rejected,
                         result.unresolved_skills, tuple(result.problems))


def unreadable_problem(path: str | Path, message: str) -> Problem:
    """The one report line of a file that could not be read at all."""
    return Problem(0, "", Path(path).name, message, ERROR)


def write_import_report(app: App, problems: tuple[Problem, ...] | list[Problem], path: str | Path, *,
                        record_type: str) -> int:
    """The import report (``rij;kolom;waarde;melding;ernst``) to .csv or .xlsx; audited when it repeats
    values from the file. Returns the number of lines."""
    return transfer.write_report(app.db, list(problems), path, user=app.user, record_type=record_type)


__all__ = ["ERROR", "PREVIEW_ROWS", "REPORT_HEADERS", "WARNING", "FilePreview", "ImportCancelled", "ImportOutcome",
           "Problem", "batch_size_for", "preview_import", "run_import", "unreadable_problem", "write_import_report"]
