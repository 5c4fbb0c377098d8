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

from matchdesk.transfer.columns import REPORT_HEADERS, Problem
from matchdesk.transfer.exporter import export_file, write_report
from matchdesk.transfer.importer import ImportResult, import_file
from matchdesk.transfer.preview import Preview, preview_file
from matchdesk.transfer.reading import UnreadableFile, open_table
from matchdesk.transfer.registry import RECORD_TYPES, record_type
from matchdesk.transfer.writers import write_rows

__all__ = ["REPORT_HEADERS", "RECORD_TYPES", "ImportResult", "Preview", "Problem", "UnreadableFile", "export_file",
           "import_file", "open_table", "preview_file", "record_type", "write_report", "write_rows"]
