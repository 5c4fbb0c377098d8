"""Writing tables as CONTRACTS.md has them: CSV (UTF-8 with BOM, ``;``, CRLF, ISO dates, decimal comma,
formula guard) or XLSX (real date and number cells), chosen by the file's extension.

``write_rows`` is the one writer of every MatchDesk table file: exports, the import report and the
signals worklist. It writes to a temporary file next to the target and renames it at the end, so an
interrupted export never leaves half a file under the chosen name.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.transfer.xlsx import write_xlsx

Cell = str | int | float | dt.date | bool | None
_NEEDS_GUARD = re.compile(r"^[=@+\-](?!\d)")
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once at import: mkstemp makes 0600 files, an export gets the usual permissions


def csv_cell(value: Cell) -> str:
    """One value as CSV text: ISO dates, decimal comma, ja/nee, and a ``'`` before =, @, + or -."""
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
    text = str(value)
    if len(text) > 1 and _NEEDS_GUARD.match(text):
        return "'" + text
    return text


def table_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv"
    if suffix == ".xlsx":
        return "xlsx"
    raise UsageError(f"{Path(path).name}: kies een bestandsnaam die eindigt op .csv of .xlsx")


def write_rows(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *,
               sheet_name: str | None = None) -> int:
    """Write a header and rows to ``path`` (.csv or .xlsx by its extension); returns the number of rows."""
    path = Path(path)
    kind = table_format(path)
    counted = _Counter(rows)
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=directory)
    try:
        os.close(handle)
        if kind == "xlsx":
            with open(temporary, "wb") as raw:
                write_xlsx(raw, list(headers), counted, sheet_name or "Blad1")
        else:
            with open(temporary, "w", encoding="utf-8-sig", newline="") as text:
                writer = csv.writer(text, delimiter=";", quotechar='"', lineterminator="\r\n",
                                    quoting=csv.QUOTE_MINIMAL)
                writer.writerow([csv_cell(h) for h in headers])
                writer.writerows([csv_cell(v) for v in row] for row in counted)
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except PermissionError:
        _discard(temporary)
        raise UsageError(f"{path.name} kan niet worden geschreven; is het geopend in Excel? "
                         "Sluit het bestand en probeer opnieuw.") from None
    except BaseException:
        _discard(temporary)
        raise
    return counted.count


def _discard(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


class _Counter:
    def __init__(self, rows: Iterable[Sequence[Cell]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row
