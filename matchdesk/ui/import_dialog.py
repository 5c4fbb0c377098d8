"""Import a CSV or Excel file in the app: choose what it holds, see its first rows and how each header is
read (an unrecognised header can be mapped by hand or left out), try it (Proefdraaien) or import it,
follow the progress, cancel, and read and save the report.

The preview, the import and the report are use cases (``services.transfers``) run through the dialog's
ops (``self.ops``): the import's progress comes back on the GUI thread, and cancelling sets an event the
import checks between batches: the batches committed so far stay, the rest of the file is not read.
Expected errors (an .xls, an unreadable file, a file Excel holds open) are shown as a Dutch message in the
dialog, which stays open. The tables are in ``import_models``, the widgets are laid out by
``import_layout``.
"""

from __future__ import annotations

import html
import math
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import QDialog, QWidget

from matchdesk.app import App
from matchdesk.services import transfers
from matchdesk.services.transfers import FilePreview, ImportCancelled, ImportOutcome
from matchdesk.ui import file_dialogs
from matchdesk.ui.import_layout import build_import_dialog
from matchdesk.ui.import_models import (
    AMBER,
    GREY,
    IGNORE,
    RECORD_TYPE_LABELS,
    RED,
    MappingModel,
    PreviewModel,
    ReportModel,
    _n,
    error_text,
    problem_html,
    summary_html,
)
from matchdesk.ui.ops import Ops, show_failure

translate = QCoreApplication.translate


class ImportDialog(QDialog):
    """``ImportDialog(app, parent)``, shown with ``open()``; ``import_result`` holds the last ImportOutcome."""

    preview_changed = Signal()  # a preview was shown, or the file could not be read
    run_finished = Signal(object)  # the ImportOutcome, or None when cancelled or failed
    progressed = Signal(int, int)  # rows done, rows expected (-1: unknown), as the import reports them
    report_saved = Signal(str)  # the report's file, once written

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = Ops(self)
        self.import_result: ImportOutcome | None = None
        self.running = False
        self.dry_run = False
        self.batch_size: int | None = None  # None: chosen from the file's size (about 25 progress steps)
        self._cancel = threading.Event()
        self._close_when_done = False
        self._last_progress = (0, -1)
        self.setWindowTitle(self.tr("Import file — MatchDesk"))
        self.setAccessibleName(self.tr("Import file"))
        self.preview_model: PreviewModel
        self.mapping_model: MappingModel
        self.report_model: ReportModel
        build_import_dialog(self)
        self._update_buttons()

    @property
    def preview(self) -> FilePreview | None:
        """The file's preview under the columns chosen so far (None: no file, or it could not be read)."""
        return self.mapping_model.preview

    # -- widgets (laid out by import_layout) -------------------------------------------------------------
    def _open_editors(self) -> None:
        for row in range(self.mapping_model.rowCount()):
            self.mapping_view.openPersistentEditor(self.mapping_model.index(row, MappingModel.TARGET))

    # -- choosing the file -------------------------------------------------------------------------------
    @property
    def record_type(self) -> str:
        return self.kind.currentData()

    def set_record_type(self, name: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(name)))

    def browse(self) -> None:
        if self.running:
            return
        start = self.path_edit.text().strip() or str(Path.home())
        tables = self.tr("Tables (*.csv *.xlsx *.xlsm *.xls *.ods *.txt *.tsv);;All files (*)")
        name, _ = file_dialogs.get_open_file_name(self, self.tr("Choose file"), start, tables)
        if name:
            self.set_path(name)

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))
        self._path_edited()

    def _path_edited(self) -> None:
        text = self.path_edit.text().strip()
        if text != getattr(self, "_previewed_path", None):
            self._load_preview()

    def _load_preview(self, *_args) -> None:
        if self.running:
            return
        text = self.path_edit.text().strip()
        self._previewed_path = text
        self.import_result = None
        self._clear_message()
        self.preview_model.set_preview([], [])
        self.mapping_model.set_preview(None)
        self.report_model.set_problems([])
        self.tabs.setTabEnabled(2, False)
        self.summary.clear()
        self.status.clear()
        self.description.clear()
        self._reset_progress()
        self._update_buttons()
        if not text:
            self.mapping_hint.clear()
            self.preview_changed.emit()
            return
        app, path, kind = self.app, Path(text), self.record_type
        self.description.setText(self.tr("Reading the file…"))
        self.ops.run(lambda: transfers.preview_import(app, path, kind), self._show_preview, self._preview_failed,
                     key="preview")

    def _show_preview(self, preview: FilePreview) -> None:
        self.preview_model.set_preview(preview.headers, preview.rows)
        self.mapping_model.set_preview(preview)
        preview = self.mapping_model.preview or preview
        if preview.total is None:
            rows = self.tr("unknown number of rows")
        else:
            rows = self.tr("about %Ln row(s) with data", "", preview.total)
        shown = self.tr("the first %Ln row(s) shown below", "", len(preview.rows)) if preview.rows \
            else self.tr("no rows with data")
        # the description of the file format comes from matchdesk.transfer (Dutch by design)
        self.description.setText(self.tr("{file}: {description}, header in row {row}, {rows}; {shown}.").format(
            file=html.escape(preview.file_name), description=preview.description, row=preview.header_row,
            rows=rows, shown=shown))
        self._mapping_changed()
        self.tabs.setCurrentIndex(1 if self.mapping_model.unknown_count() or preview.missing_keys else 0)
        self.preview_changed.emit()

    def _fit_preview_columns(self) -> None:
        self.preview_view.resizeColumnsToContents()
        for column in range(self.preview_model.columnCount()):
            if self.preview_view.columnWidth(column) > 260:
                self.preview_view.setColumnWidth(column, 260)

    def _preview_failed(self, error: Exception) -> None:
        self.description.clear()
        self._show_error(error)
        self._update_buttons()
        self.preview_changed.emit()

    # -- the column mapping ------------------------------------------------------------------------------
    def map_header(self, file_header: str, target: str | None) -> None:
        """Read ``file_header`` as the documented column ``target``; None leaves it out (as the combo does)."""
        self.mapping_model.choose(file_header, target)

    def _mapping_changed(self) -> None:
        self.preview_model.set_targets(self.mapping_model.targets())
        preview = self.preview
        if preview is None:
            return
        missing = preview.missing_keys
        unknown = [m.header for m in self.mapping_model.items if m.state == "onbekend"]
        doubles = [m.header for m in self.mapping_model.items if m.state == "dubbel"]
        label = translate("ImportDialog", RECORD_TYPE_LABELS[preview.record_type]).lower()
        parts = []
        if missing:
            text = self.tr("<b>The column {columns} is missing.</b> Choose which column of the file it is; without it "
                           "MatchDesk cannot recognise the {records}.").format(
                columns=html.escape(", ".join(missing)), records=label)
            parts.append(f"<span style='color:{RED}'>{text}</span>")
        if unknown:
            names = ", ".join(f"“{html.escape(h)}”" for h in unknown)
            text = self.tr("Not recognised: {names}. Under “Read as”, choose which column it is, or have the "
                           "column ignored.").format(names=names)
            parts.append(f"<span style='color:{AMBER}'>{text}</span>")
        if doubles:
            text = self.tr("Two columns for the same field: the first one counts ({columns} is ignored).").format(
                columns=html.escape(", ".join(doubles)))
            parts.append(f"<span style='color:{AMBER}'>{text}</span>")
        if not parts:
            text = self.tr("All columns were recognised. You can also link a column to another field yourself or "
                           "have it ignored.")
            parts.append(f"<span style='color:{GREY}'>{text}</span>")
        self.mapping_hint.setText("<br>".join(parts))
        if missing:
            self.tabs.setTabText(1, self.tr("&Columns ({columns} missing)").format(columns=", ".join(missing)))
        elif unknown:
            self.tabs.setTabText(1, self.tr("&Columns ({count} not recognised)").format(count=len(unknown)))
        else:
            self.tabs.setTabText(1, self.tr("&Columns"))
        self._fit_preview_columns()
        self._update_buttons()

    # -- running the import ------------------------------------------------------------------------------
    def can_run(self) -> bool:
        return self.preview is not None and not self.preview.missing_keys and not self.running

    def run(self, dry_run: bool = False) -> bool:
        """Start the import (or the dry run) on the worker thread; False when it cannot start."""
        if not self.can_run():
            return False
        preview = self.preview
        assert preview is not None
        app, path, kind = self.app, Path(self._previewed_path), preview.record_type
        header_map = self.mapping_model.header_map() or None
        clear_empty = self.clear_empty.isChecked()
        batch_size = self.batch_size or transfers.batch_size_for(kind, preview.total)
        self._cancel = cancel = threading.Event()

        def work(report) -> ImportOutcome:
            return transfers.run_import(app, kind, path, dry_run=dry_run, clear_empty=clear_empty,
                                        header_map=header_map, batch_size=batch_size, cancel=cancel,
                                        progress=lambda done, total: report(done, -1 if total is None else total))

        self.running, self.dry_run, self.import_result = True, dry_run, None
        self._clear_message()
        self.report_model.set_problems([])
        self.summary.clear()
        self.tabs.setTabEnabled(2, False)
        self._last_progress = (0, -1)
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.status.setText(self.tr("Dry run: everything is checked, nothing is saved…") if dry_run
                            else self.tr("Importing…"))
        self._update_buttons()
        self.ops.run(work, self._import_done, self._import_failed, on_progress=self._show_progress)
        return True

    def cancel(self) -> None:
        if not self.running:
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling… the rows being processed now are still finished."))

    def _show_progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)
        if not self.running:
            return
        self._last_progress = (done, total)
        if total < 0:
            self.progress.setRange(0, 0)
            return
        total = max(total, done, 1)
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("{done} of %Ln row(s) ({percent}%)", "", total).format(
            done=_n(done), percent=math.floor(100 * done / total)))

    def _import_done(self, result: ImportOutcome) -> None:
        self.running = False
        self.import_result = result
        done = result.read
        self.progress.setRange(0, max(done, 1))
        self.progress.setValue(max(done, 1))
        self.progress.setFormat(self.tr("{done} of %Ln row(s) ({percent}%)", "", done).format(
            done=_n(done), percent=100))
        self.report_model.set_problems(result.problems)
        self.summary.setText(summary_html(result))
        self.tabs.setTabEnabled(2, True)
        self.tabs.setCurrentIndex(2)
        self.report_view.resizeColumnToContents(2)
        if self.report_view.columnWidth(2) > 220:
            self.report_view.setColumnWidth(2, 220)
        what = self.tr("Dry run finished: nothing has been saved.") if result.dry_run else self.tr("Import finished.")
        lines = self.tr("The report has %Ln line(s).", "", len(result.problems))
        self.status.setText(f"{what} {lines}")
        self._update_buttons()
        self.run_finished.emit(result)
        self._close_if_asked()

    def _import_failed(self, error: Exception) -> None:
        self.running = False
        done, _total = self._last_progress
        self._reset_progress()
        if isinstance(error, ImportCancelled):
            if self.dry_run:
                self.status.setText(self.tr("Dry run cancelled; nothing has been saved."))
            else:
                self.status.setText(self.tr("Import cancelled. The first %Ln row(s) have been processed and stay "
                                            "saved; the rest of the file has not been read.", "", error.done))
        else:
            self.status.clear()
            self._update_buttons()
            self.run_finished.emit(None)
            self._show_error(error)
            self._close_if_asked()
            return
        self._update_buttons()
        self.run_finished.emit(None)
        self._close_if_asked()

    # -- the report --------------------------------------------------------------------------------------
    def _show_report_line(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The selected line in full: long messages do not fit in the table."""
        problems = self.report_model.problems
        if not current.isValid() or not 0 <= current.row() < len(problems):
            self.report_detail.hide()
            return
        self.report_detail.setText(problem_html(problems[current.row()]))
        self.report_detail.show()

    def save_report(self) -> bool:
        """Ask where, then write the report off the GUI thread (``report_saved`` when written); False when
        there is no report or the user cancels the file dialog."""
        if self.import_result is None or self.running:
            return False
        stem = Path(self.import_result.file_name).stem
        suggested = str(Path(self._previewed_path).with_name(f"{stem}-rapport.csv"))
        kinds = self.tr("CSV, semicolon (*.csv);;Excel workbook (*.xlsx);;OpenDocument spreadsheet (*.ods)")
        name, chosen = file_dialogs.get_save_file_name(self, self.tr("Save report"), suggested, kinds)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in (".csv", ".xlsx", ".ods"):
            extension = ".xlsx" if "xlsx" in (chosen or "") else ".ods" if "ods" in (chosen or "") else ".csv"
            path = path.with_name(path.name + extension)
        app, result = self.app, self.import_result
        self.ops.run(lambda: transfers.write_import_report(app, result.problems, path, record_type=result.record_type),
                     lambda count: self._report_saved(path, count), self._show_error)
        return True

    def _report_saved(self, path: Path, count: int) -> None:
        self._clear_message()
        self.status.setText(self.tr("Report saved in {file} (%Ln line(s)).", "", count).format(file=path.name))
        self.report_saved.emit(str(path))

    # -- state and messages ------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        idle = not self.running
        for widget in (self.kind, self.path_edit, self.browse_button, self.clear_empty, self.mapping_view):
            widget.setEnabled(idle)
        self.dry_run_button.setEnabled(self.can_run())
        self.import_button.setEnabled(self.can_run())
        self.cancel_button.setEnabled(self.running and not self._cancel.is_set())
        self.save_report_button.setEnabled(idle and self.import_result is not None)
        self.close_button.setText(self.tr("C&lose") if idle else self.tr("Cancel and c&lose"))

    def _reset_progress(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")

    def _show_error(self, error: Exception) -> None:
        text = error_text(error)
        if text is None:
            show_failure(self, error)  # unexpected: the global handler logs it and tells the user
            return
        self.message.setText(text)
        self.message.show()

    def _clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    def _close_if_asked(self) -> None:
        if self._close_when_done:
            self._close_when_done = False
            super().reject()

    def reject(self) -> None:
        """Closing while an import runs cancels it first; the dialog closes when the worker has stopped."""
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.running:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


__all__ = ["IGNORE", "ImportCancelled", "ImportDialog", "MappingModel", "PreviewModel", "ReportModel"]
