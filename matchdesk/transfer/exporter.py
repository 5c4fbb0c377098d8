"""Export: every live record of a type with exactly the import headers, in the documented order.

Candidates and trajectories hold personal data: each export of them is written to the audit log
(who, what, how many rows, the file name without its folder). The entry goes with the file: it is
flushed before the complete file is renamed into place (``write_rows``: a 0600 temporary file next to
the target, ``fsync``, rename) and committed right after; a failed or killed export leaves the previous
file as it was and no entry."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from matchdesk.storage.audit import log_event
from matchdesk.transfer.base import RecordType
from matchdesk.transfer.columns import REPORT_HEADERS, Problem
from matchdesk.transfer.writers import table_format, write_rows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from matchdesk.storage.database import Database


def export_file(db: Database, record_type: str | RecordType, path: str | Path, *, user: str,
                progress: Callable[[int, int | None], None] | None = None) -> int:
    """Write every live record of ``record_type`` to ``path`` (.csv or .xlsx); returns the number of rows."""
    from matchdesk.transfer.registry import record_type as lookup

    kind = lookup(record_type) if isinstance(record_type, str) else record_type
    path = Path(path)
    table_format(path)  # refuse a bad extension before any work
    columns = kind.columns(dt.date.today())
    headers = [c.header for c in columns]

    with db.reading() as reading, _audited(db if kind.personal else None, user, path) as audit:
        def rows() -> Iterator[list]:
            for done, values in enumerate(kind.export_values(reading), start=1):
                yield [c.format(values.get(c.field)) for c in columns]
                if progress and done % 1000 == 0:
                    progress(done, None)

        count = write_rows(path, headers, rows(), sheet_name=kind.label, before_publish=lambda n: audit(
            "geëxporteerd", kind.audit_type, f"{n} rijen naar {path.name}"))
        audit.published = True
    if progress:
        progress(count, count)
    return count


def write_report(db: Database | None, problems: list[Problem], path: str | Path, *, user: str,
                 record_type: str) -> int:
    """The import report (``rij;kolom;waarde;melding;ernst``), always written, also with only its header.

    A report that repeats values from the file can hold personal data: it is audited."""
    path = Path(path)
    personal = any(p.value for p in problems)
    with _audited(db if personal else None, user, path) as audit:
        count = write_rows(path, REPORT_HEADERS, (p.cells() for p in problems), sheet_name="rapport",
                           before_publish=lambda n: audit("rapport geschreven", record_type,
                                                          f"importrapport met {n} regels naar {path.name}"))
        audit.published = True
    return count


class _Entry:
    """The audit entry of one written file (``None`` session: nothing to record)."""

    def __init__(self, session: Session | None) -> None:
        self.session = session
        self.published = False  # set by the caller once write_rows has renamed the file into place

    def __call__(self, action: str, record_type: str, detail: str) -> None:
        if self.session is not None:
            log_event(self.session, action, record_type, None, detail=detail)
            self.session.flush()  # a failing entry stops the write before the file is in place


@contextlib.contextmanager
def _audited(db: Database | None, user: str, path: Path) -> Iterator[_Entry]:
    """The file's audit entry, in a unit of work committed when the block ends (after the file is in
    place); when that commit fails the new file is removed again. Without ``db`` nothing is recorded."""
    if db is None:
        yield _Entry(None)
        return
    entry = _Entry(None)
    try:
        with db.unit(user) as session:
            entry.session = session
            yield entry
    except BaseException:
        if entry.published:  # no file without its audit entry
            with contextlib.suppress(OSError):
                path.unlink()
        raise
