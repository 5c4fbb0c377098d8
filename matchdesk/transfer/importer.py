"""The import driver: read a file, parse every row by the record type's column table, check and write
in batches, and account for every row (imported + rejected = data rows).

Each batch is one transaction: an interrupted import keeps the batches before it and leaves no half
row. ``dry_run`` runs every check and every write in one transaction that is rolled back at the end,
so its report and counts are exactly those of a real run.
A batch that loses a race with another writer is run again (``batches.py``): two imports at once never
abort each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from matchdesk.errors import StorageUnavailable, UsageError, ValidationError
from matchdesk.transfer.base import ImportOptions, RecordType
from matchdesk.transfer.batches import BatchRunner
from matchdesk.transfer.columns import ERROR, WARNING, Column, Problem, RowInput, header_key
from matchdesk.transfer.reading import UnreadableFile, open_table

if TYPE_CHECKING:
    from matchdesk.rules.rulebook import Rulebooks
    from matchdesk.storage.database import Database
    from matchdesk.vocabulary import Vocabulary

Progress = Callable[[int, "int | None"], None]
"""``progress(rows_done, rows_total)``: once before the first row (0, total), after each committed batch,
and at the end (read, read). ``rows_total`` is an estimate (the sheet's dimension, the text's line count)
or None. It runs on the importing thread; to cancel, raise from it: the batches committed so far stay,
nothing of the next one is written."""


@dataclass
class ImportResult:
    record_type: str
    file_name: str
    description: str = ""
    dry_run: bool = False
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    restored: int = 0
    rejected: int = 0
    unresolved_skills: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.new + self.updated + self.unchanged + self.restored

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems if p.severity == ERROR})


def import_file(db: Database, record_type: str | RecordType, path: str | Path, *, user: str, today: dt.date,
                rulebooks: Rulebooks | None = None, vocabulary: Vocabulary | None = None, dry_run: bool = False,
                clear_empty: bool = False,
                progress: Progress | None = None, batch_size: int | None = None,
                header_map: Mapping[str, str | None] | None = None) -> ImportResult:
    """Import ``path`` (.csv or .xlsx) as ``record_type``; raises ``UnreadableFile`` for an unusable file.

    ``header_map`` maps a header of the file to a documented header (``{"Geb. datum": "geboortedatum"}``)
    or to None/"" to leave that column out; headers compare as ``header_key`` does. A target that is no
    column of ``record_type`` is a ``UsageError``."""
    from matchdesk.transfer.registry import record_type as lookup

    kind = lookup(record_type) if isinstance(record_type, str) else record_type
    path = Path(path)
    table = open_table(path, kind.sheet_names)
    columns = kind.columns(today)
    result = ImportResult(kind.name, path.name, table.description, dry_run)
    mapping = _map_headers(table.headers, columns, table.header_row, result, kind, path, header_map)
    if vocabulary is None and any(c.field.endswith("skills") for c in columns):
        from matchdesk.vocabulary import load_vocabulary

        vocabulary = load_vocabulary()
    options = ImportOptions(today=today, user=user, clear_empty=clear_empty, dry_run=dry_run, rulebooks=rulebooks,
                            vocabulary=vocabulary, present=frozenset(c.field for _, c in mapping))
    size = batch_size or kind.batch_size
    seen: dict[tuple, int] = {}
    batch: list[RowInput] = []
    runner = BatchRunner(db, user, dry_run)
    try:
        with runner.reading() as session:
            kind.start(session, options)
        if progress:
            progress(0, table.total)
        for number, cells in table.rows:
            if all(c is None for c in cells):
                continue
            row = _parse_row(number, cells, mapping, clear_empty)
            _check_repeat(row, kind, seen)
            batch.append(row)
            if len(batch) >= size:
                _run_batch(runner, kind, batch, options, result)
                batch = []
                if progress:
                    progress(result.read, table.total)
        if batch:
            _run_batch(runner, kind, batch, options, result)
        if progress:
            progress(result.read, result.read)
    except StorageUnavailable as error:
        saved = result.read - result.rejected  # the batches committed before the failure stay
        if saved and not dry_run:
            raise error.after_saved(saved) from None
        raise
    finally:
        runner.close()
    result.unresolved_skills = options.counters.get("unresolved_skills", 0)
    result.problems.extend(Problem(row, column, "", message, WARNING) for row, column, message in table.warnings)
    return result


# Common spellings of other systems for the documented headers.
HEADER_ALIASES = {"e_mail": "email", "emailadres": "email", "e_mailadres": "email", "kvk_nummer": "kvk",
                  "kvknummer": "kvk", "telefoonnummer": "telefoon", "burgerservicenummer": "bsn",
                  "klantnr": "klantnummer", "referentienummer": "referentie"}


def column_index(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Each column by its ``header_key`` and by the common aliases of other systems."""
    by_key = {header_key(c.header): c for c in columns}
    for alias, target in HEADER_ALIASES.items():
        if target in by_key:
            by_key.setdefault(alias, by_key[target])
    return by_key


def resolve_header_map(header_map: Mapping[str, str | None] | None, columns: tuple[Column, ...],
                       label: str) -> dict[str, Column | None]:
    """``header_map`` by the file header's key: the chosen column, or None to leave it out."""
    by_key = column_index(columns)
    chosen: dict[str, Column | None] = {}
    for source, target in (header_map or {}).items():
        if not target or not str(target).strip():
            chosen[header_key(source)] = None
            continue
        column = by_key.get(header_key(target))
        if column is None:
            raise UsageError(f"{target!r} is geen kolom van {label}; kies uit {', '.join(c.header for c in columns)}")
        chosen[header_key(source)] = column
    return chosen


def _map_headers(headers: list[str], columns: tuple[Column, ...], header_row: int, result: ImportResult,
                 kind: RecordType, path: Path,
                 header_map: Mapping[str, str | None] | None = None) -> list[tuple[int, Column]]:
    by_key = column_index(columns)
    chosen = resolve_header_map(header_map, columns, kind.label)
    mapping: list[tuple[int, Column]] = []
    taken: set[str] = set()
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        if key in chosen:
            column = chosen[key]
            if column is None:
                result.problems.append(Problem(header_row, header, "", "kolom genegeerd (zo gekozen)", WARNING))
                continue
        else:
            column = by_key.get(key)
        if column is None:
            result.problems.append(Problem(header_row, header, "", "onbekende kolom; genegeerd", WARNING))
        elif column.field in taken:
            result.problems.append(Problem(header_row, header, "", "deze kolom staat er twee keer in; de eerste telt",
                                           WARNING))
        else:
            taken.add(column.field)
            mapping.append((index, column))
    missing = [c.header for c in columns if c.field in kind.key_fields and c.field not in taken]
    if missing:
        raise UnreadableFile(f"{path.name}: de kolom {', '.join(missing)} ontbreekt in de kopregel (rij {header_row}); "
                             f"is dit een bestand met {kind.label}?")
    return mapping


def _parse_row(number: int, cells: list, mapping: list[tuple[int, Column]], clear_empty: bool) -> RowInput:
    row = RowInput(number)
    values, raw_cells = row.values, row.cells
    width = len(cells)
    for index, column in mapping:
        raw = cells[index] if index < width else None
        if raw is None:
            if column.required:
                row.error(column.header, f"{column.header} is verplicht")
            elif clear_empty:
                try:
                    values[column.field] = column.parse(None)
                except ValidationError as error:
                    row.error(column.header, str(error))
            continue
        raw_cells[column.field] = raw
        try:
            values[column.field] = column.parse(raw)
        except ValidationError as error:
            if column.lenient and not column.required:
                row.warn(column.header, f"{error}; de rij is ingelezen zonder deze waarde", raw)
                continue
            row.error(column.header, str(error), raw)
            for other in getattr(error, "others", ()):
                row.error(column.header, str(other), raw)
    return row


def _check_repeat(row: RowInput, kind: RecordType, seen: dict[tuple, int]) -> None:
    key = tuple(row.values.get(k) for k in kind.key_fields)
    if any(part is None for part in key):
        return
    first = seen.setdefault(key, row.number)
    if first != row.number:
        header = kind.key_headers()[0]
        row.error(header, f"{kind.describe_key(key)} staat al in rij {first}; deze rij is niet ingelezen",
                  field_name=kind.key_fields[0])


def _run_batch(runner: BatchRunner, kind: RecordType, batch: list[RowInput], options: ImportOptions,
               result: ImportResult) -> None:
    runner.write(kind, batch, options)
    for row in batch:
        result.read += 1
        if row.rejected:
            result.rejected += 1
        else:
            outcome = row.outcome or "unchanged"
            setattr(result, outcome, getattr(result, outcome) + 1)
        result.problems.extend(row.problems)
