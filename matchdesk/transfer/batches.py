"""Writing an import's batches: one transaction each, safe beside other writers.

Other writers at the same time (a second import, the window, a colleague on the same server): a batch that
loses a race - the database refuses a row as a duplicate another writer has just stored, or stays busy - is
undone whole and run again on its rows as they arrived, after the record type has read again what the rows
name (``RecordType.refresh``); so two imports never abort each other. Only a batch that keeps being refused
is written row by row, each row in its own savepoint inside the batch's one transaction, and a row the
database still refuses is one ``fout`` line in the report.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from matchdesk.errors import StorageUnavailable
from matchdesk.services.insert_or_get import is_busy, is_conflict, savepoint
from matchdesk.storage.database import IN_USE
from matchdesk.transfer.base import ImportOptions, RecordType
from matchdesk.transfer.columns import RowInput

if TYPE_CHECKING:
    from matchdesk.storage.database import Database

CONFLICT_ATTEMPTS = 4  # a batch refused this often (another writer first each time) is written row by row
BUSY_PATIENCE_S = 120.0  # how long a batch waits, in all, for a database other writers keep busy
_REFUSED = "botst met een record dat al in de database staat; deze rij is niet ingelezen"


class _Retry(Exception):
    """A batch lost a race with another writer: ``conflict`` (a duplicate refused) or busy."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.conflict = is_conflict(error)


class _Rows:
    """The rows of a batch as they arrived, to run the batch again from the start."""

    def __init__(self, rows: list[RowInput], options: ImportOptions) -> None:
        self.rows, self.options = rows, options
        self.kept = [(dict(r.values), len(r.problems), r.outcome) for r in rows]
        self.counters = dict(options.counters)

    def restore(self) -> None:
        for row, (values, problems, outcome) in zip(self.rows, self.kept, strict=True):
            row.values = dict(values)
            del row.problems[problems:]
            row.outcome = outcome
        self.options.counters.clear()
        self.options.counters.update(self.counters)


def _attempt(session: Session, kind: RecordType, rows: list[RowInput], options: ImportOptions,
             again: bool) -> None:
    try:
        if again:
            kind.refresh(session, rows, options)
        kind.process(session, rows, options)
        session.flush()
    except DBAPIError as error:
        if is_conflict(error) or is_busy(error):
            raise _Retry(error) from error
        raise


def _in_use(error: StorageUnavailable) -> bool:
    return getattr(error, "kind", None) == "busy" or str(error) == IN_USE


class BatchRunner:
    """A transaction per batch, run again when another writer was first; in a dry run one transaction for
    everything, rolled back."""

    def __init__(self, db: Database, user: str, dry_run: bool) -> None:
        self.db, self.user, self.dry_run = db, user, dry_run
        self.session: Session | None = None

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        if self.dry_run:
            with self.batch() as session:
                yield session
            return
        with self.db.reading() as session:
            yield session

    def write(self, kind: RecordType, rows: list[RowInput], options: ImportOptions) -> None:
        """``kind.process`` on ``rows`` in one transaction; run again when another writer was first."""
        if self.dry_run:
            with self.batch() as session:
                kind.process(session, rows, options)
            return
        arrived = _Rows(rows, options)
        deadline = time.monotonic() + BUSY_PATIENCE_S
        conflicts, again = 0, False
        while True:
            try:
                with self.db.unit(self.user) as session:
                    _attempt(session, kind, rows, options, again)
                return
            except _Retry as retry:
                conflicts += retry.conflict
            except StorageUnavailable as error:
                if not _in_use(error):
                    raise
            arrived.restore()
            again = True
            if conflicts >= CONFLICT_ATTEMPTS:
                self.write_each(kind, rows, options)
                return
            if time.monotonic() > deadline:
                raise StorageUnavailable(IN_USE, kind="busy")
            time.sleep(random.uniform(0.05, 0.3))  # not in step with the other writer

    def write_each(self, kind: RecordType, rows: list[RowInput], options: ImportOptions) -> None:
        """The last resort for a batch the database keeps refusing: each row in its own savepoint (the batch
        stays one transaction); a row refused twice is a ``fout`` line, the others are written."""
        with self.db.unit(self.user) as session:
            kind.refresh(session, rows, options)
            for row in rows:
                if row.rejected:
                    continue
                arrived = _Rows([row], options)
                for last in (False, True):
                    try:
                        with savepoint(session):
                            kind.process(session, [row], options)
                            session.flush()
                        break
                    except IntegrityError:
                        arrived.restore()
                        kind.refresh(session, [row], options)
                        if last:
                            key = tuple(row.values.get(k) for k in kind.key_fields)
                            row.error(kind.key_headers()[0], f"{kind.describe_key(key)}: {_REFUSED}",
                                      field_name=kind.key_fields[0])

    @contextlib.contextmanager
    def batch(self) -> Iterator[Session]:
        if not self.dry_run:
            with self.db.unit(self.user) as session:
                yield session
            return
        if self.session is None:
            self.session = self.db.sessions()
            self.session.info["user"] = self.user
            self.session.begin()
        session = self.session
        yield session
        session.flush()

    def close(self) -> None:
        if self.session is not None:
            self.session.rollback()
            self.session.close()
            self.session = None
