"""One audited export for every list the command line and the window write to a file.

Lists name people, so every export leaves an audit entry (who, when, what kind, how many rows, the file's
name; never a value). The entry is committed before the complete file is renamed into place, so there is
never a file without its entry (a kill in between leaves an entry for a file that never arrived: the safe
side); when the entry cannot be written the previous file is left as it was. Values are
written as values (dates as ``datetime.date``), so a file holds ISO dates whatever wrote it
(CONTRACTS.md); ``matchdesk.transfer.writers`` does the CSV/XLSX details and the atomic write (a 0600
temporary file, ``fsync``, rename; ``matchdesk.files``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from matchdesk.plural import plural
from matchdesk.storage.audit import log_event
from matchdesk.transfer.writers import Cell, write_rows

if TYPE_CHECKING:
    from matchdesk.app import App


def export_rows(app: App, path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *,
                record_type: str, sheet_name: str | None = None) -> int:
    """Write ``rows`` under ``headers`` to ``path`` (.csv or .xlsx by its extension) and audit it as an
    export of ``record_type`` (e.g. ``kandidaten``, ``signalen``, ``rapportage``); returns the row count."""
    path = Path(path)

    def audit(count: int) -> None:
        with app.unit() as session:  # committed before the rename: no file without its entry
            log_event(session, "geëxporteerd", record_type, None, f"{plural(count, 'rij', 'rijen')} naar {path.name}")

    return write_rows(path, headers, rows, sheet_name=sheet_name, before_publish=audit)
