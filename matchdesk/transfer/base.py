"""What every record type offers to the import and export drivers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Table
from sqlalchemy.orm import Session

from matchdesk.storage.models import Base
from matchdesk.transfer.columns import Column, RowInput

if TYPE_CHECKING:
    from matchdesk.rules.rulebook import Rulebooks
    from matchdesk.vocabulary import Vocabulary


@dataclass
class ImportOptions:
    today: dt.date
    user: str
    clear_empty: bool = False  # --leeg-wist: an empty cell clears the stored value on update
    dry_run: bool = False
    rulebooks: Rulebooks | None = None
    vocabulary: Vocabulary | None = None
    present: frozenset[str] = frozenset()  # fields whose column is in the file
    counters: dict[str, int] = field(default_factory=dict)

    def count(self, name: str, amount: int = 1) -> None:
        self.counters[name] = self.counters.get(name, 0) + amount


class RecordType:
    """One kind of record: its column table, its import step for a batch, and its export rows."""

    name: str  # candidates | employers | vacancies | trajectories (the command's argument)
    label: str  # Dutch plural: the sheet name of an export and of a template
    audit_type: str  # the record type in the audit log
    sheet_names: tuple[str, ...] = ()
    key_fields: tuple[str, ...] = ()
    personal: bool = False  # exports hold personal data: every export is audited
    batch_size: int = 500

    def columns(self, today: dt.date) -> tuple[Column, ...]:
        raise NotImplementedError

    def start(self, session: Session, options: ImportOptions) -> None:
        """Called once before the first batch, e.g. to load the keys already stored."""

    def refresh(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        """Forget what ``start`` (or an undone attempt at these rows) remembered about the records these rows
        name, and read them again: before a batch is tried again after another writer was first."""

    def process(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        """Check the parsed rows against the database and write the good ones; set each row's outcome.

        Rows that arrive rejected are left alone. A row rejected here must leave nothing behind. A row that
        would break a uniqueness of the database (a key twice in one file) must be caught here and rejected.
        ``process`` may run again on the same rows (reset to how they arrived, after ``refresh``) when the
        batch lost a race with another writer: it changes nothing outside the session and these rows."""
        raise NotImplementedError

    def export_values(self, session: Session) -> Iterator[dict[str, object]]:
        """Every live record as field -> stored value, in a stable order."""
        raise NotImplementedError

    def missing_for_new(self, row: RowInput, options: ImportOptions, columns: tuple[Column, ...]) -> None:
        """A new (or restored) record needs every required column; an update does not."""
        for column in columns:
            if column.required and column.field not in options.present:
                row.error(column.header, f"de kolom {column.header} ontbreekt; een nieuw record heeft hem nodig")

    def describe_key(self, key: tuple[object, ...]) -> str:
        return ", ".join(f"{name} {value}" for name, value in zip(self.key_headers(), key, strict=True))

    def key_headers(self) -> tuple[str, ...]:
        cached = self.__dict__.get("_key_headers")
        if cached is None:
            by_field = {c.field: c.header for c in self.columns(dt.date.today())}
            cached = self.__dict__["_key_headers"] = tuple(by_field[k] for k in self.key_fields)
        return cached


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class, for bulk inserts of plain rows (no ORM objects)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table
