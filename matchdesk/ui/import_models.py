"""The import dialog's tables: the file's first rows (``PreviewModel``), how each header is read with a combo
box to choose another column (``MappingModel``, ``TargetDelegate``) and the report (``ReportModel``).

They hold the plain values of ``services.transfers`` (a frozen ``FilePreview``, the report's ``Problem``
lines) and nothing from the database. Their texts keep the translation contexts they always had
(``ImportDialog``, ``MappingModel``, ``PreviewModel``, ``TargetDelegate``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from matchdesk.dates import format_nl, format_number_nl
from matchdesk.errors import MatchDeskError
from matchdesk.services.transfers import ERROR, REPORT_HEADERS, FilePreview, ImportOutcome, Problem

translate = QCoreApplication.translate

# labels marked here, translated when shown (context "ImportDialog")
RECORD_TYPE_LABELS = {"candidates": QT_TRANSLATE_NOOP("ImportDialog", "Candidates"),
                      "employers": QT_TRANSLATE_NOOP("ImportDialog", "Employers"),
                      "vacancies": QT_TRANSLATE_NOOP("ImportDialog", "Vacancies"),
                      "trajectories": QT_TRANSLATE_NOOP("ImportDialog", "Trajectories"),
                      "educations": QT_TRANSLATE_NOOP("ImportDialog", "Education"),
                      "work_experiences": QT_TRANSLATE_NOOP("ImportDialog", "Work experience"),
                      "contact_moments": QT_TRANSLATE_NOOP("ImportDialog", "Contact moments"),
                      "medewerkers": QT_TRANSLATE_NOOP("ImportDialog", "Staff")}
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


class PreviewModel(QAbstractTableModel):
    """The first rows of the file, one column per header; the vertical header is the spreadsheet row number.
    A column that will not be read is grey; the header says which column it fills."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[tuple[int, list]] = []
        self.targets: list[str | None] = []  # per file column: the documented header it fills, None: not read

    def set_preview(self, headers, rows) -> None:
        """``headers`` and ``rows`` ((spreadsheet row number, cells)) of a ``FilePreview``."""
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [(number, list(cells)) for number, cells in rows]
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
    ``services.transfers.run_import(header_map=...)`` takes them; ``preview`` is the file's preview under
    those choices (a new frozen value after each choice)."""

    COLUMNS = (QT_TRANSLATE_NOOP("MappingModel", "Column in the file"), QT_TRANSLATE_NOOP("MappingModel", "Read as"),
               QT_TRANSLATE_NOOP("MappingModel", "Recognition"), QT_TRANSLATE_NOOP("MappingModel", "Sample"))
    TARGET = 1
    mapping_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.preview: FilePreview | None = None
        self.overrides: dict[str, str | None] = {}
        self.items: list = []  # HeaderMapping of the non-empty headers

    def set_preview(self, preview: FilePreview | None) -> None:
        self.beginResetModel()
        self.preview = preview.remap(None) if preview is not None else None
        self.overrides = {}
        self.items = [m for m in self.preview.mapping if m.state != "leeg"] if self.preview is not None else []
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
                     for m in self.preview.mapping_with({k: v for k, v in self.overrides.items() if k != file_header})}
        if automatic.get(file_header) == target and file_header in automatic:
            self.overrides.pop(file_header, None)
        else:
            self.overrides[file_header] = target
        self.preview = self.preview.remap(self.overrides)
        self.items = [m for m in self.preview.mapping if m.state != "leeg"]
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, len(self.COLUMNS) - 1))
        self.mapping_changed.emit()

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


def summary_html(result: ImportOutcome) -> str:
    """The counts of an import as large numbers, and what the user should know about them."""
    counts = [(translate("ImportDialog", "read"), result.read, ""), (translate("ImportDialog", "new"), result.new, ""),
              (translate("ImportDialog", "updated"), result.updated, ""),
              (translate("ImportDialog", "unchanged"), result.unchanged, ""),
              (translate("ImportDialog", "restored"), result.restored, ""),
              (translate("ImportDialog", "rejected"), result.rejected, RED),
              (translate("ImportDialog", "warnings"), result.warnings, AMBER)]

    def tint(value: int, color: str) -> str:
        return f"color:{color};" if value and color else ""

    cells = "".join(f"<td style='padding-right:18px'><span style='font-size:15pt; font-weight:bold; "
                    f"{tint(value, color)}'>{_n(value)}</span><br><span style='color:{GREY}'>{name}</span></td>"
                    for name, value, color in counts)
    lines = [f"<table><tr>{cells}</tr></table>"]
    if result.dry_run:
        lines.append(translate("ImportDialog",
                               "<b>Dry run</b>: this is how the import would go; nothing has been saved."))
    if result.rejected:
        rows = ", ".join(str(r) for r in result.rejected_rows[:12])
        more = " …" if len(result.rejected_rows) > 12 else ""
        text = translate("ImportDialog", "Rejected rows: {rows}{more}. See the messages below.").format(
            rows=rows, more=more)
        lines.append(f"<span style='color:{RED}'>{text}</span>")
    if result.unresolved_skills:
        text = translate("ImportDialog", "%Ln skill(s) not found in the vocabulary; kept as free text.", "",
                         result.unresolved_skills)
        lines.append(f"<span style='color:{GREY}'>{text}</span>")
    return "<br>".join(lines)


def error_text(error: Exception) -> str | None:
    """An expected error as the dialog says it (the core's Dutch message; a file Excel holds open; a file
    that cannot be read); None for anything else (a bug, for the exception hook)."""
    if isinstance(error, MatchDeskError):
        return str(error)
    if isinstance(error, PermissionError):
        return translate("ImportDialog", "No access to the file. Close it in Excel or another program and try again.")
    if isinstance(error, OSError):
        return translate("ImportDialog", "The file could not be read or written ({reason}).").format(
            reason=error.strerror or type(error).__name__)
    return None


def problem_html(problem: Problem) -> str:
    """A report line in full (long messages do not fit in the table); the message itself comes from
    matchdesk.transfer (Dutch by design)."""
    if problem.value:
        where = translate("ImportDialog", "Row {row}, column {column} (value “{value}”):").format(
            row=problem.row, column=html.escape(problem.column), value=html.escape(problem.value))
    else:
        where = translate("ImportDialog", "Row {row}, column {column}:").format(
            row=problem.row, column=html.escape(problem.column))
    color = RED if problem.severity == ERROR else AMBER
    return f"<span style='color:{color}'>{where}</span> {html.escape(problem.message)}"


__all__ = ["IGNORE", "RECORD_TYPE_LABELS", "MappingModel", "PreviewModel", "ReportModel", "TargetDelegate",
           "error_text", "problem_html", "summary_html"]
