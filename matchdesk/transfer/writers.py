"""Writing tables as CONTRACTS.md has them: CSV (UTF-8 with BOM, ``;``, CRLF, ISO dates, decimal comma,
formula guard), XLSX or ODS (real date and number cells, the sheet named after the record type), chosen by
the file's extension.

``write_rows`` is the one writer of every MatchDesk table file: exports, the import report and the
signals worklist. It writes through ``matchdesk.files.AtomicFile``: a 0600 temporary file next to the
target, ``fsync``, a rename into place; an interrupted or killed export never leaves half a file under
the chosen name, never touches the previous file, and leaves no partial file behind for long (the
journal of temporaries in progress; ``matchdesk.files.remove_stray_temporaries``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.files import AtomicFile
from matchdesk.transfer.ods import write_ods
from matchdesk.transfer.xlsx import write_xlsx

Cell = str | int | float | dt.date | bool | None
# A spreadsheet reads a text cell that starts with one of these as a formula (DDE payloads such as
# ``=1+cmd|' /C calc'!A0``, ``-2+3+cmd|...``, ``+1+cmd|...``, or one behind a tab): every such text cell gets a
# leading ``'``, whatever follows. Numbers are written as numbers and need none; the import removes the ``'``
# again (``transfer.reading``), so an exported file imports unchanged.
GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Cell) -> str:
    """One value as CSV text: ISO dates, decimal comma, ja/nee, and a ``'`` before a text that starts with
    =, +, -, @, a tab or a carriage return (``GUARDED_STARTS``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value).replace(".", ",") if not value.is_integer() else str(int(value))
    if isinstance(value, int):
        return str(value)  # a number, never read as a formula: -5 stays -5
    text = str(value)
    if text.startswith(GUARDED_STARTS):
        return "'" + text
    return text


def table_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv"
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".ods":
        return "ods"
    raise UsageError(f"{Path(path).name}: kies een bestandsnaam die eindigt op .csv, .xlsx of .ods")


def write_rows(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *,
               sheet_name: str | None = None, private: bool = True,
               before_publish: Callable[[int], object] | None = None) -> int:
    """Write a header and rows to ``path`` (.csv, .xlsx or .ods by its extension); returns the number of rows.

    ``private`` (default): the file is 0600 on POSIX, as every list of people should be; a file without
    personal data (a template) may pass False. ``before_publish(count)`` runs once every row is written,
    before the file is synced and renamed into place: an audit entry written there goes with the file (an
    exception from it leaves the previous file untouched)."""
    path = Path(path)
    kind = table_format(path)
    counted = _Counter(rows)
    with AtomicFile(path, private=private) as out:
        if kind == "xlsx":
            write_xlsx(out.file, list(headers), counted, sheet_name or "Blad1")
        elif kind == "ods":
            write_ods(out.file, list(headers), counted, sheet_name or "Blad1")
        else:
            text = io.TextIOWrapper(out.file, encoding="utf-8-sig", newline="")
            writer = csv.writer(text, delimiter=";", quotechar='"', lineterminator="\r\n",
                                quoting=csv.QUOTE_MINIMAL)
            writer.writerow([csv_cell(h) for h in headers])
            writer.writerows([csv_cell(v) for v in row] for row in counted)
            text.flush()
            text.detach()  # the handle stays AtomicFile's to sync and close
        if before_publish is not None:
            before_publish(counted.count)
        try:
            out.publish()
        except PermissionError:  # Windows: the target is open in another program
            raise UsageError(f"{path.name} kan niet worden geschreven; is het geopend in Excel? "
                             "Sluit het bestand en probeer opnieuw.") from None
    return counted.count


class _Counter:
    def __init__(self, rows: Iterable[Sequence[Cell]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[Sequence[Cell]]:
        for row in self.rows:
            self.count += 1
            yield row
