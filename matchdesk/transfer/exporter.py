"""Export: every live record of a type with exactly the import headers, in the documented order.

Candidates and trajectories hold personal data: each export of them is written to the audit log
(who, what, how many rows, the file name without its folder). The entry is COMMITTED before the complete
file is renamed into place (``write_rows``: a 0600 temporary file next to the target, ``fsync``, rename):
there is never a file without its entry. A kill between the two leaves an entry for a file that never
arrived, the safe side (benchmarks/kill_test.py once found 8 of 8 kills at the rename leaving a 3,000-row
export with BSNs and no entry when the commit came after the rename). A failed entry leaves the previous
file as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from matchdesk.plural import plural
from matchdesk.storage.audit import log_event
from matchdesk.transfer.base import RecordType
from matchdesk.transfer.columns import REPORT_HEADERS, Problem
from matchdesk.transfer.writers import table_format, write_rows

if TYPE_CHECKING:

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
            "geëxporteerd", kind.audit_type, f"{plural(n, 'rij', 'rijen')} naar {path.name}"))
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
                                                          f"importrapport met {plural(n, 'regel', 'regels')} "
                                                          f"naar {path.name}"))
    return count


class _Entry:
    """The audit entry of one written file, committed in its own unit of work before the file is renamed
    into place (``None`` database: nothing to record)."""

    def __init__(self, db: Database | None, user: str) -> None:
        self.db, self.user = db, user

    def __call__(self, action: str, record_type: str, detail: str) -> None:
        if self.db is not None:
            with self.db.unit(self.user) as session:
                log_event(session, action, record_type, None, detail=detail)


@contextlib.contextmanager
def _audited(db: Database | None, user: str, path: Path) -> Iterator[_Entry]:
    """The file's audit entry (see ``_Entry``); ``path`` is kept for the callers' symmetry."""
    yield _Entry(db, user)
