"""Import and export of candidates, employers, vacancies and trajectories (CSV and XLSX), free of Qt.

Public API:

- ``import_file(db, record_type, path, *, user, today, rulebooks=None, vocabulary=None, dry_run=False,
  clear_empty=False, progress=None, batch_size=None, header_map=None) -> ImportResult``;
  ``header_map={"file header": "documented header" or None}`` maps an unrecognised header by hand
- ``preview_file(path, record_type, rows=20) -> Preview``: header, first rows and the header mapping
- ``export_file(db, record_type, path, *, user, progress=None) -> int``
- ``write_rows(path, headers, rows, *, sheet_name=None) -> int``: the CSV/XLSX writer of CONTRACTS.md
- ``write_report(db, problems, path, *, user, record_type) -> int``: the import report, audited
- ``progress(done, total)``: called between batches; ``total`` may be None
"""

import importlib
from typing import Any

# The names above, each from its module, imported on first use (PEP 562): importing one light module
# of the package (``transfer.writers`` for an export, ``transfer.columns``) must not load openpyxl and the
# whole importer into the window's start-up.
_HOMES = {
    "REPORT_HEADERS": "columns", "Problem": "columns", "export_file": "exporter", "write_report": "exporter",
    "ImportResult": "importer", "import_file": "importer", "Preview": "preview", "preview_file": "preview",
    "UnreadableFile": "reading", "open_table": "reading", "RECORD_TYPES": "registry", "record_type": "registry",
    "write_rows": "writers",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
