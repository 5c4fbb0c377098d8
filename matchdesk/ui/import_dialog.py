"""Import a CSV or Excel file in the app: choose what it holds, see its first rows and how each header is
read (an unrecognised header can be mapped by hand or left out), try it (Proefdraaien) or import it,
follow the progress, cancel, and read and save the report.

The import runs on a worker thread (``BackgroundTask``); its progress callback emits a signal that Qt
queues to the GUI thread. Cancelling raises from that callback: the batches committed so far stay, the
rest of the file is not read. Expected errors (an .xls, an unreadable file, a file Excel holds open)
are shown as a Dutch message in the dialog, which stays open.
"""

from __future__ import annotations

import html
import math
import threading
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from matchdesk.dates import format_nl, format_number_nl
from matchdesk.errors import MatchDeskError
from matchdesk.transfer.columns import ERROR, REPORT_HEADERS
from matchdesk.ui.background import BackgroundTask

translate = QCoreApplication.translate

# labels marked here, translated when shown (context "ImportDialog")
RECORD_TYPE_LABELS = {"candidates": QT_TRANSLATE_NOOP("ImportDialog", "Candidates"),
                      "employers": QT_TRANSLATE_NOOP("ImportDialog", "Employers"),
                      "vacancies": QT_TRANSLATE_NOOP("ImportDialog", "Vacancies"),
                      "trajectories": QT_TRANSLATE_NOOP("ImportDialog", "Trajectories")}
PREVIEW_ROWS = 20
IGNORE = QT_TRANSLATE_NOOP("ImportDialog", "— ignore —")
RED, AMBER, GREY = "#b00020", "#8a5a00", "#5f6368"
_AMBER_BACKGROUND = "#fff6e0"
# keys: the states of matchdesk.transfer.preview (data, Dutch); values: what the user reads
_STATE_TEXTS = {"herkend": QT_TRANSLATE_NOOP("ImportDialog", "recognised"),
                "zelf gekozen": QT_TRANSLATE_NOOP("ImportDialog", "chosen by hand"),
                "genegeerd": QT_TRANSLATE_NOOP("ImportDialog", "is ignored"),
                "onbekend": QT_TRANSLATE_NOOP("ImportDialog", "unknown: is ignored"),
                "dubbel": QT_TRANSLATE_NOOP("ImportDialog", "duplicate: the first column counts")}
_AnyIndex = QModelIndex | QPersistentModelIndex


def _n(value: int) -> str:
    return format_number_nl(value)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return format_nl(value)
    return str(value)


class ImportCancelled(Exception):
    """Raised from the progress callback when the user cancels; ``done``: rows handled until then."""

    def __init__(self, done: int) -> None:
        super().__init__(f"afgebroken na {done} rijen")
        self.done = done


# -- models ---------------------------------------------------------------------------------------------------

class PreviewModel(QAbstractTableModel):
    """The first rows of the file, one column per header; the vertical header is the spreadsheet row number.
    A column that will not be read is grey; the header says which column it fills."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[tuple[int, list]] = []
        self.targets: list[str | None] = []  # per file column: the documented header it fills, None: not read

    def set_preview(self, headers: list[str], rows: list[tuple[int, list]]) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = list(rows)
        self.targets = [None] * len(self.headers)
        self.endResetModel()

    def set_targets(self, targets: list[str | None]) -> None:
        self.targets = list(targets) + [None] * (len(self.headers) - len(targets))
        if self.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.headers) - 1),
                                      [Qt.ItemDataRole.ForegroundRole])

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or not (0 <= index.column() < len(self.headers)):
            return None
        cells = self.rows[index.row()][1]
        value = cells[index.column()] if index.column() < len(cells) else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _cell_text(value)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 30 else None
            return text.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ForegroundRole and self.targets[index.column()] is None:
            return QBrush(QColor(GREY))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.rows):
                return str(self.rows[section][0])
            return None
        if not 0 <= section < len(self.headers):
            return None
        header = self.headers[section] or self.tr("(column {number})").format(number=section + 1)
        target = self.targets[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{header}\n→ {target}" if target else self.tr("{header}\n(not read)").format(header=header)
        if role == Qt.ItemDataRole.ToolTipRole:
            if target:
                return self.tr("{header} is read as {target}").format(header=header, target=target)
            return self.tr("{header} is not read").format(header=header)
        if role == Qt.ItemDataRole.ForegroundRole and target is None:
            return QBrush(QColor(GREY))
        return None


class MappingModel(QAbstractTableModel):
    """One row per header of the file: the column it fills (editable), its state, and a sample value.

    ``header_map()`` gives the choices that differ from what the import recognises by itself, as
    ``import_file(header_map=...)`` takes them."""

    COLUMNS = (QT_TRANSLATE_NOOP("MappingModel", "Column in the file"), QT_TRANSLATE_NOOP("MappingModel", "Read as"),
               QT_TRANSLATE_NOOP("MappingModel", "Recognition"), QT_TRANSLATE_NOOP("MappingModel", "Sample"))
    TARGET = 1
    mapping_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.preview = None
        self.overrides: dict[str, str | None] = {}
        self.items: list = []  # HeaderMapping of the non-empty headers

    def set_preview(self, preview) -> None:
        self.beginResetModel()
        self.preview = preview
        self.overrides = {}
        self.items = [m for m in preview.remap(None) if m.state != "leeg"] if preview is not None else []
        self.endResetModel()

    def choices(self) -> list[tuple[str, str]]:
        """(label, value) for the editor: leave out, then every documented column."""
        columns = self.preview.columns if self.preview is not None else ()
        return [(translate("ImportDialog", IGNORE), "")] + [(c.header, c.header) for c in columns]

    def column_doc(self, header: str) -> str:
        columns = self.preview.columns if self.preview is not None else ()
        return next((c.doc for c in columns if c.header == header), "")

    def header_map(self) -> dict[str, str | None]:
        return dict(self.overrides)

    def choose(self, file_header: str, target: str | None) -> None:
        """Read ``file_header`` as the documented column ``target`` (None or "": leave it out)."""
        if self.preview is None:
            return
        target = target or None
        automatic = {m.header: m.column.header if m.column else None
                     for m in self._remap({k: v for k, v in self.overrides.items() if k != file_header})}
        if automatic.get(file_header) == target and file_header in automatic:
            self.overrides.pop(file_header, None)
        else:
            self.overrides[file_header] = target
        self.items = [m for m in self.preview.remap(self.overrides) if m.state != "leeg"]
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, len(self.COLUMNS) - 1))
        self.mapping_changed.emit()

    def _remap(self, overrides: dict) -> list:
        from matchdesk.transfer.preview import map_headers

        return map_headers(self.preview.headers, self.preview.columns, overrides, self.preview.record_type)

    def targets(self) -> list[str | None]:
        """Per file column (also the empty headers): the documented header it fills."""
        if self.preview is None:
            return []
        return [m.column.header if m.column is not None and m.state != "dubbel" else None
                for m in self.preview.mapping]

    def unknown_count(self) -> int:
        return sum(1 for m in self.items if m.state == "onbekend")

    # -- Qt model ----------------------------------------------------------------------------------------
    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return translate("MappingModel", self.COLUMNS[section])
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.TARGET:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.items)) \
                or not (0 <= index.column() < len(self.COLUMNS)):
            return None
        item, column = self.items[index.row()], index.column()
        target = item.column.header if item.column is not None else None
        if role == Qt.ItemDataRole.EditRole and column == self.TARGET:
            return target or ""
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.header
            if column == self.TARGET:
                return target or translate("ImportDialog", IGNORE)
            if column == 2:
                state = _STATE_TEXTS.get(item.state)
                return translate("ImportDialog", state) if state else item.state
            return self._sample(item.index)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TARGET and target:
            return self.column_doc(target) or None
        if role == Qt.ItemDataRole.BackgroundRole and item.state in ("onbekend", "dubbel"):
            return QBrush(QColor(_AMBER_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QBrush(QColor(AMBER if item.state in ("onbekend", "dubbel") else GREY))
        return None

    def setData(self, index: _AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.TARGET \
                or not 0 <= index.row() < len(self.items):
            return False
        self.choose(self.items[index.row()].header, str(value) if value else None)
        return True

    def _sample(self, column: int) -> str:
        for _number, cells in (self.preview.rows if self.preview is not None else ()):
            if column < len(cells) and cells[column] is not None:
                return _cell_text(cells[column])
        return ""


class ReportModel(QAbstractTableModel):
    """The import report: rij, kolom, waarde, melding, ernst; errors red, warnings amber."""

    COLUMNS = tuple(h.capitalize() for h in REPORT_HEADERS)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.problems: list = []

    def set_problems(self, problems: list) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.problems)) \
                or not (0 <= index.column() < len(self.COLUMNS)):
            return None
        problem = self.problems[index.row()]
        value = problem.cells()[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value) if value is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (2, 3):
            return str(value) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4:
            return QBrush(QColor(RED if problem.severity == ERROR else AMBER))
        return None


class TargetDelegate(QStyledItemDelegate):
    """A combo box per header: leave it out, or one of the record type's documented columns."""

    def createEditor(self, parent: QWidget, option, index: _AnyIndex) -> QWidget:
        model = index.model()
        box = QComboBox(parent)
        box.setAccessibleName(self.tr("Column for {header}").format(header=model.index(index.row(), 0).data()))
        for label, value in model.choices():
            box.addItem(label, value)
            if value:
                box.setItemData(box.count() - 1, model.column_doc(value), Qt.ItemDataRole.ToolTipRole)
        box.setMaxVisibleItems(20)
        box.activated.connect(lambda _i, editor=box: self.commitData.emit(editor))
        return box

    def setEditorData(self, editor: QWidget, index: _AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findData(value)
        editor.setCurrentIndex(position if position >= 0 else 0)

    def setModelData(self, editor: QWidget, model, index: _AnyIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _ProgressRelay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    progressed = Signal(int, int)  # rows done, rows expected (-1: unknown)


# -- the dialog -----------------------------------------------------------------------------------------------

class ImportDialog(QDialog):
    """``ImportDialog(ctx, parent)``, shown with ``open()``; ``import_result`` holds the last ImportResult."""

    preview_changed = Signal()  # a preview was shown, or the file could not be read
    run_finished = Signal(object)  # the ImportResult, or None when cancelled or failed

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview = None
        self.import_result = None
        self.running = False
        self.dry_run = False
        self.batch_size: int | None = None  # None: chosen from the file's size (about 25 progress steps)
        self._cancel = threading.Event()
        self._close_when_done = False
        self._last_progress = (0, -1)
        self.setWindowTitle(self.tr("Import file — MatchDesk"))
        self.setAccessibleName(self.tr("Import file"))
        self._build()
        self.preview_task = BackgroundTask(self)
        self.preview_task.finished.connect(self._show_preview)
        self.preview_task.failed.connect(self._preview_failed)
        self.import_task = BackgroundTask(self)
        self.import_task.finished.connect(self._import_done)
        self.import_task.failed.connect(self._import_failed)
        self.relay = _ProgressRelay(self)
        self.relay.progressed.connect(self._show_progress)
        self._update_buttons()

    # -- widgets -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Type of data"))
        for name, label in RECORD_TYPE_LABELS.items():
            self.kind.addItem(translate("ImportDialog", label), name)
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("File"))
        self.path_edit.setPlaceholderText(self.tr("Choose a .csv or .xlsx file"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAccessibleName(self.tr("Choose file"))
        self.description = QLabel()
        self.description.setAccessibleName(self.tr("About the file"))
        self.description.setStyleSheet(f"color: {GREY}")
        self.description.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setAccessibleName(self.tr("Error message"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet(f"color: {RED}; font-weight: bold")
        self.message.hide()

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kind_label = QLabel(self.tr("&Type of data:"))
        kind_label.setBuddy(self.kind)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addStretch(1)
        form.addRow(kind_label, kind_row)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, file_row)

        self.preview_model = PreviewModel(self)
        self.preview_view = self._table(self.preview_model, self.tr("Preview of the first rows"))
        self.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview_view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.mapping_model = MappingModel(self)
        self.mapping_view = self._table(self.mapping_model, self.tr("Columns of the file"))
        self.mapping_view.setItemDelegateForColumn(MappingModel.TARGET, TargetDelegate(self.mapping_view))
        self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.mapping_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 220)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.mapping_hint = QLabel()
        self.mapping_hint.setWordWrap(True)
        self.mapping_hint.setAccessibleName(self.tr("Explanation of the columns"))
        mapping_tab = QWidget()
        mapping_layout = QVBoxLayout(mapping_tab)
        mapping_layout.addWidget(self.mapping_hint)
        mapping_layout.addWidget(self.mapping_view, 1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.report_model = ReportModel(self)
        self.report_view = self._table(self.report_model, self.tr("Report"))
        header = self.report_view.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.report_view.setWordWrap(False)
        self.report_detail = QLabel()
        self.report_detail.setAccessibleName(self.tr("Message in full"))
        self.report_detail.setWordWrap(True)
        self.report_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_detail.hide()
        self.report_view.selectionModel().currentRowChanged.connect(self._show_report_line)
        self.report_model.modelReset.connect(self.report_detail.hide)
        report_tab = QWidget()
        report_layout = QVBoxLayout(report_tab)
        report_layout.addWidget(self.summary)
        report_layout.addWidget(self.report_view, 1)
        report_layout.addWidget(self.report_detail)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview_view, self.tr("&Preview"))
        self.tabs.addTab(mapping_tab, self.tr("&Columns"))
        self.tabs.addTab(report_tab, self.tr("&Report"))
        self.tabs.setTabEnabled(2, False)

        self.clear_empty = QCheckBox(self.tr("An &empty cell clears the stored value"))
        self.clear_empty.setAccessibleName(self.tr("Empty cell clears the stored value"))
        self.clear_empty.setToolTip(self.tr("Unchecked, an existing record keeps its stored value when the "
                                            "cell is empty"))

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel import"))
        self.cancel_button.setToolTip(self.tr("Stop after the rows being processed now; what has been saved stays"))
        self.cancel_button.setEnabled(False)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setWordWrap(True)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)

        self.buttons = QDialogButtonBox()
        self.save_report_button = self.buttons.addButton(self.tr("&Save report…"),
                                                        QDialogButtonBox.ButtonRole.ActionRole)
        self.save_report_button.setAccessibleName(self.tr("Save report"))
        self.dry_run_button = self.buttons.addButton(self.tr("&Dry run"), QDialogButtonBox.ButtonRole.ActionRole)
        self.dry_run_button.setAccessibleName(self.tr("Dry run"))
        self.dry_run_button.setToolTip(self.tr("Check everything and make the report without saving anything"))
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setAccessibleName(self.tr("Import"))
        self.close_button = self.buttons.addButton(self.tr("C&lose"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setAccessibleName(self.tr("Close"))
        for button in (self.save_report_button, self.dry_run_button, self.import_button, self.close_button):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.description)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.clear_empty)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(900, 620)

        chain = [self.kind, self.path_edit, self.browse_button, self.tabs, self.preview_view, self.mapping_view,
                 self.report_view, self.clear_empty, self.cancel_button, self.save_report_button, self.dry_run_button,
                 self.import_button, self.close_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self.kind.currentIndexChanged.connect(self._load_preview)
        self.path_edit.editingFinished.connect(self._path_edited)
        self.browse_button.clicked.connect(self.browse)
        self.mapping_model.mapping_changed.connect(self._mapping_changed)
        self.mapping_model.modelReset.connect(self._open_editors)
        self.cancel_button.clicked.connect(self.cancel)
        self.dry_run_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.save_report_button.clicked.connect(self.save_report)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+O"), self, self.browse)

    def _table(self, model, name: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAccessibleName(name)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        return view

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
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose file"), start,
                                              self.tr("Tables (*.csv *.xlsx *.xlsm *.txt *.tsv *.xls);;All files (*)"))
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
        self.preview = None
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
        from matchdesk.transfer.preview import preview_file

        path, kind, today = Path(text), self.record_type, self.ctx.today
        self.description.setText(self.tr("Reading the file…"))
        self.preview_task.start(lambda: preview_file(path, kind, PREVIEW_ROWS, today))

    def _show_preview(self, preview) -> None:
        self.preview = preview
        self.preview_model.set_preview(preview.headers, preview.rows)
        self.mapping_model.set_preview(preview)
        if preview.total is None:
            rows = self.tr("unknown number of rows")
        elif preview.total == 1:
            rows = self.tr("about {count} row with data").format(count=_n(preview.total))
        else:
            rows = self.tr("about {count} rows with data").format(count=_n(preview.total))
        shown = self.tr("the first {count} are shown below").format(count=_n(len(preview.rows))) if preview.rows \
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

    def _preview_failed(self, error: BaseException) -> None:
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
        from matchdesk.transfer import import_file

        ctx, preview = self.ctx, self.preview
        path, kind = Path(self._previewed_path), preview.record_type
        header_map = self.mapping_model.header_map() or None
        clear_empty = self.clear_empty.isChecked()
        batch_size = self.batch_size or self._batch_size(preview)
        self._cancel = cancel = threading.Event()
        relay = self.relay

        def progress(done: int, total: int | None) -> None:
            relay.progressed.emit(done, -1 if total is None else total)
            if cancel.is_set() and not (total is not None and done >= total):
                raise ImportCancelled(done)

        def work():
            return import_file(ctx.db, kind, path, user=ctx.user, today=ctx.today, rulebooks=ctx.rulebooks,
                               dry_run=dry_run, clear_empty=clear_empty, progress=progress, batch_size=batch_size,
                               header_map=header_map)

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
        self.import_task.start(work)
        return True

    @staticmethod
    def _batch_size(preview) -> int | None:
        """About 25 progress steps, never a batch larger than the record type's own nor smaller than 1,000
        rows (smaller batches make a large candidate import markedly slower: 500 rows cost 40%)."""
        from matchdesk.transfer.registry import record_type

        default = record_type(preview.record_type).batch_size
        if not preview.total:
            return None
        return min(default, max(1000, math.ceil(preview.total / 25)))

    def cancel(self) -> None:
        if not self.running:
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling… the rows being processed now are still finished."))

    def _show_progress(self, done: int, total: int) -> None:
        if not self.running:
            return
        self._last_progress = (done, total)
        if total < 0:
            self.progress.setRange(0, 0)
            return
        total = max(total, done, 1)
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("{done} of {total} rows ({percent}%)").format(
            done=_n(done), total=_n(total), percent=math.floor(100 * done / total)))

    def _import_done(self, result) -> None:
        self.running = False
        self.import_result = result
        done = result.read
        self.progress.setRange(0, max(done, 1))
        self.progress.setValue(max(done, 1))
        self.progress.setFormat(self.tr("{done} of {total} rows ({percent}%)").format(
            done=_n(done), total=_n(done), percent=100))
        self.report_model.set_problems(result.problems)
        self.summary.setText(self._summary(result))
        self.tabs.setTabEnabled(2, True)
        self.tabs.setCurrentIndex(2)
        self.report_view.resizeColumnToContents(2)
        if self.report_view.columnWidth(2) > 220:
            self.report_view.setColumnWidth(2, 220)
        what = self.tr("Dry run finished: nothing has been saved.") if result.dry_run else self.tr("Import finished.")
        count = len(result.problems)
        lines = self.tr("The report has {count} line.") if count == 1 else self.tr("The report has {count} lines.")
        self.status.setText(f"{what} {lines.format(count=_n(count))}")
        self._update_buttons()
        self.run_finished.emit(result)
        self._close_if_asked()

    def _import_failed(self, error: BaseException) -> None:
        self.running = False
        done, _total = self._last_progress
        self._reset_progress()
        if isinstance(error, ImportCancelled):
            if self.dry_run:
                self.status.setText(self.tr("Dry run cancelled; nothing has been saved."))
            else:
                self.status.setText(self.tr("Import cancelled. The first {count} rows have been processed and stay "
                                            "saved; the rest of the file has not been read.").format(
                    count=_n(error.done)))
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

    def _summary(self, result) -> str:
        counts = [(self.tr("read"), result.read, ""), (self.tr("new"), result.new, ""),
                  (self.tr("updated"), result.updated, ""), (self.tr("unchanged"), result.unchanged, ""),
                  (self.tr("restored"), result.restored, ""), (self.tr("rejected"), result.rejected, RED),
                  (self.tr("warnings"), result.warnings, AMBER)]
        def tint(value: int, color: str) -> str:
            return f"color:{color};" if value and color else ""

        cells = "".join(f"<td style='padding-right:18px'><span style='font-size:15pt; font-weight:bold; "
                        f"{tint(value, color)}'>{_n(value)}</span><br><span style='color:{GREY}'>{name}</span></td>"
                        for name, value, color in counts)
        lines = [f"<table><tr>{cells}</tr></table>"]
        if result.dry_run:
            lines.append(self.tr("<b>Dry run</b>: this is how the import would go; nothing has been saved."))
        if result.rejected:
            rows = ", ".join(str(r) for r in result.rejected_rows[:12])
            more = " …" if len(result.rejected_rows) > 12 else ""
            text = self.tr("Rejected rows: {rows}{more}. See the messages below.").format(rows=rows, more=more)
            lines.append(f"<span style='color:{RED}'>{text}</span>")
        if result.unresolved_skills:
            count = _n(result.unresolved_skills)
            text = self.tr("{count} skill not found in the vocabulary; kept as free text.").format(count=count) \
                if result.unresolved_skills == 1 \
                else self.tr("{count} skills not found in the vocabulary; kept as free text.").format(count=count)
            lines.append(f"<span style='color:{GREY}'>{text}</span>")
        return "<br>".join(lines)

    # -- the report --------------------------------------------------------------------------------------
    def _show_report_line(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The selected line in full: long messages do not fit in the table."""
        problems = self.report_model.problems
        if not current.isValid() or not 0 <= current.row() < len(problems):
            self.report_detail.hide()
            return
        problem = problems[current.row()]
        if problem.value:
            where = self.tr("Row {row}, column {column} (value “{value}”):").format(
                row=problem.row, column=html.escape(problem.column), value=html.escape(problem.value))
        else:
            where = self.tr("Row {row}, column {column}:").format(row=problem.row, column=html.escape(problem.column))
        color = RED if problem.severity == ERROR else AMBER
        # the message itself comes from matchdesk.transfer (Dutch by design)
        self.report_detail.setText(f"<span style='color:{color}'>{where}</span> {html.escape(problem.message)}")
        self.report_detail.show()

    def save_report(self) -> bool:
        if self.import_result is None or self.running:
            return False
        from matchdesk.transfer import write_report

        stem = Path(self.import_result.file_name).stem
        suggested = str(Path(self._previewed_path).with_name(f"{stem}-rapport.csv"))
        name, chosen = QFileDialog.getSaveFileName(self, self.tr("Save report"), suggested,
                                                   self.tr("CSV, semicolon (*.csv);;Excel workbook (*.xlsx)"))
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + (".xlsx" if "xlsx" in (chosen or "") else ".csv"))
        try:
            count = write_report(self.ctx.db, self.import_result.problems, path, user=self.ctx.user,
                                 record_type=self.import_result.record_type)
        except (MatchDeskError, OSError) as error:
            self._show_error(error)
            return False
        self._clear_message()
        saved = self.tr("Report saved in {file} ({count} line).") if count == 1 \
            else self.tr("Report saved in {file} ({count} lines).")
        self.status.setText(saved.format(file=path.name, count=_n(count)))
        return True

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

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, MatchDeskError):
            text = str(error)
        elif isinstance(error, PermissionError):
            text = self.tr("No access to the file. Close it in Excel or another program and try again.")
        elif isinstance(error, OSError):
            text = self.tr("The file could not be read or written ({reason}).").format(
                reason=error.strerror or type(error).__name__)
        else:
            raise error  # unexpected: the global handler logs it and tells the user
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


__all__ = ["ImportDialog", "ImportCancelled", "MappingModel", "PreviewModel", "ReportModel"]
