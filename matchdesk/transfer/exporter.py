"""Export: every live record of a type with exactly the import headers, in the documented order.

Candidates and trajectories hold personal data: each export of them is written to the audit log
(who, what, how many rows, the file name without its folder)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from matchdesk.storage.audit import log_event
from matchdesk.transfer.base import RecordType
from matchdesk.transfer.columns import REPORT_HEADERS, Problem
from matchdesk.transfer.writers import table_format, write_rows


def export_file(db, record_type: str | RecordType, path: str | Path, *, user: str,
                progress: Callable[[int, int | None], None] | None = None) -> int:
    """Write every live record of ``record_type`` to ``path`` (.csv or .xlsx); returns the number of rows."""
    from matchdesk.transfer.registry import record_type as lookup

    kind = lookup(record_type) if isinstance(record_type, str) else record_type
    path = Path(path)
    table_format(path)  # refuse a bad extension before any work
    columns = kind.columns(dt.date.today())
    headers = [c.header for c in columns]

    with db.reading() as session:
        def rows():
            for done, values in enumerate(kind.export_values(session), start=1):
                yield [c.format(values.get(c.field)) for c in columns]
                if progress and done % 1000 == 0:
                    progress(done, None)

        count = write_rows(path, headers, rows(), sheet_name=kind.label)
    if kind.personal:
        with db.unit(user) as session:
            log_event(session, "geëxporteerd", kind.audit_type, None, detail=f"{count} rijen naar {path.name}")
    if progress:
        progress(count, count)
    return count


def write_report(db, problems: list[Problem], path: str | Path, *, user: str, record_type: str) -> int:
    """The import report (``rij;kolom;waarde;melding;ernst``), always written, also with only its header.

    A report that repeats values from the file can hold personal data: it is audited."""
    path = Path(path)
    count = write_rows(path, REPORT_HEADERS, (p.cells() for p in problems), sheet_name="rapport")
    if any(p.value for p in problems) and db is not None:
        with db.unit(user) as session:
            log_event(session, "rapport geschreven", record_type, None,
                      detail=f"importrapport met {count} regels naar {path.name}")
    return count
