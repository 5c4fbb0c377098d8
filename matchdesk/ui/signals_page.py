"""Signalen: the worklist of deadlines and follow-ups (due, overdue, maatwerk); one record opens from a row.

The figures come from ``matchdesk.services.signals.collect_signals``; this page only lists, filters,
opens and exports them. The signals are computed when the page is first shown, not at start-up.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtCore import (
    Signal as QtSignal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.cli.signals_cmd import HEADERS  # the columns of ``matchdesk signals --export``
from matchdesk.dates import format_nl, format_number_nl
from matchdesk.errors import MatchDeskError
from matchdesk.rules.signals import KINDS, Signal
from matchdesk.ui.background import BackgroundTask  # also installs the PySide6 emit() fix
from matchdesk.ui.page import Page

translate = QCoreApplication.translate

KIND_LABELS = {  # translated when shown: kind_label()
    "einde_nadert": QT_TRANSLATE_NOOP("SignalsPage", "Trajectory end approaching"),
    "over_limiet": QT_TRANSLATE_NOOP("SignalsPage", "Past the time limit"),
    "detachering_23_nadert": QT_TRANSLATE_NOOP("SignalsPage", "Detachering reaching the limit"),
    "maatwerk_23_maanden": QT_TRANSLATE_NOOP("SignalsPage", "Maatwerk (23 months)"),
    "ontheffing_verloopt": QT_TRANSLATE_NOOP("SignalsPage", "Ontheffing expiring"),
    "voorstel_zonder_opvolging": QT_TRANSLATE_NOOP("SignalsPage", "Proposal without follow-up"),
    "leerwerktraject_zonder_vervolg": QT_TRANSLATE_NOOP("SignalsPage", "Leerwerktraject without a sequel"),
    "taaleis": QT_TRANSLATE_NOOP("SignalsPage", "Taaleis"),
}
OVERDUE = QColor("#b00020")


def kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return translate("SignalsPage", label) if label else kind.replace("_", " ")


def term_text(due: dt.date, today: dt.date) -> str:
    """'verlopen (3 dagen)', 'vandaag', 'morgen', 'over 5 dagen'."""
    days = (due - today).days
    if days < 0:
        late = -days
        if late == 1:
            return translate("SignalsPage", "overdue ({days} day)").format(days=format_number_nl(late))
        return translate("SignalsPage", "overdue ({days} days)").format(days=format_number_nl(late))
    if days == 0:
        return translate("SignalsPage", "today")
    if days == 1:
        return translate("SignalsPage", "tomorrow")
    return translate("SignalsPage", "in {days} days").format(days=format_number_nl(days))


class SignalsModel(QAbstractTableModel):
    """The signals as a table: Vervaldatum, Termijn, Soort, Klantnummer, Melding. Overdue rows in red."""

    COLUMNS = (QT_TRANSLATE_NOOP("SignalsModel", "Due date"), QT_TRANSLATE_NOOP("SignalsModel", "Term"),
               QT_TRANSLATE_NOOP("SignalsModel", "Kind"), QT_TRANSLATE_NOOP("SignalsModel", "Klantnummer"),
               QT_TRANSLATE_NOOP("SignalsModel", "Message"))  # translated in headerData
    SignalRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self._today = today
        self._signals: list[Signal] = []
        self._sort_column, self._sort_order = 0, Qt.SortOrder.AscendingOrder
        bold = QFont()
        bold.setBold(True)
        self._bold = bold

    # -- contents ------------------------------------------------------------------------------------
    def set_signals(self, signals: list[Signal]) -> None:
        self.beginResetModel()
        self._signals = list(signals)
        self._apply_sort()
        self.endResetModel()

    def signals(self) -> list[Signal]:
        return list(self._signals)

    def signal_at(self, row: int) -> Signal | None:
        return self._signals[row] if 0 <= row < len(self._signals) else None

    def overdue_count(self) -> int:
        return sum(1 for s in self._signals if s.due < self._today)

    # -- Qt model ------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._signals)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return translate("SignalsModel", self.COLUMNS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._signals) or index.column() >= len(self.COLUMNS):
            return None
        signal = self._signals[index.row()]
        column = index.column()
        overdue = signal.due < self._today
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(signal, column)
        if role == Qt.ItemDataRole.ForegroundRole and overdue and column in (0, 1):
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and overdue and column == 1:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 4:
                return signal.message
            if overdue:
                return self.tr("Overdue since {date}").format(date=format_nl(signal.due))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(signal, column)
            return self.tr("{text} (overdue)").format(text=text) if overdue and column == 0 else text
        if role == self.SignalRole:
            return signal
        return None

    def _text(self, signal: Signal, column: int) -> str:
        if column == 0:
            return format_nl(signal.due)
        if column == 1:
            return term_text(signal.due, self._today)
        if column == 2:
            return kind_label(signal.kind)
        if column == 3:
            return signal.candidate
        return signal.message

    @staticmethod
    def _sort_key(signal: Signal, column: int):
        if column in (0, 1):
            return (signal.due.toordinal(), signal.candidate)
        if column == 2:
            return (kind_label(signal.kind), signal.due.toordinal())
        if column == 3:
            return (signal.candidate, signal.due.toordinal())
        return (signal.message, signal.due.toordinal())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = list(self._signals)
        persistent = self.persistentIndexList()
        self._sort_column, self._sort_order = column, order
        self._apply_sort()
        position = {id(s): row for row, s in enumerate(self._signals)}
        for index in persistent:
            moved = position[id(before[index.row()])]
            self.changePersistentIndex(index, self.index(moved, index.column()))
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column = self._sort_column
        self._signals.sort(key=lambda s: self._sort_key(s, column),
                           reverse=self._sort_order == Qt.SortOrder.DescendingOrder)


class SignalsPage(Page):
    """Signalen: filters (within N days, kind, only my candidates, only overdue), a count, open and export."""

    loaded = QtSignal()  # the list shows the signals of the latest refresh

    title = QT_TRANSLATE_NOOP("Page", "Signals")

    def __init__(self, ctx: App, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.task = BackgroundTask(self)
        self.task.finished.connect(self._loaded)
        self.task.failed.connect(self._load_failed)
        self._all: list[Signal] = []
        self._loaded_for: tuple | None = None
        self._owner_id: uuid.UUID | None = None
        self._owner_known = False

        self.model = SignalsModel(ctx.today, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Signals"))
        self.table.setAccessibleDescription(self.tr("Worklist of deadlines and follow-ups; Enter or double-click opens "
                                                    "the record"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        samples = ("00-00-0000", translate("SignalsPage", "overdue ({days} days)").format(days="000"),
                   max((kind_label(kind) for kind in KIND_LABELS), key=len),
                   self.model.headerData(3, Qt.Orientation.Horizontal))
        for column, sample in enumerate(samples):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._open_index)  # double-click or Enter
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.within = QSpinBox()
        self.within.setRange(0, 3650)
        self.within.setValue(30)
        self.within.setSuffix(self.tr(" days"))
        self.within.setAccessibleName(self.tr("Within number of days"))
        self.within.setToolTip(self.tr("Show the signals due within this many days; overdue signals stay listed"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of signal"))
        self.kind.addItem(self.tr("all kinds"), None)
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mine = QCheckBox(self.tr("Only &my candidates"))
        self.mine.setAccessibleName(self.tr("Only my candidates"))
        self.overdue_only = QCheckBox(self.tr("Only o&verdue"))
        self.overdue_only.setAccessibleName(self.tr("Only overdue signals"))
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of signals"))
        self.busy_label = QLabel(self.tr("Calculating…"))
        self.busy_label.setAccessibleName(self.tr("Busy"))
        self.busy_label.setStyleSheet("color: #5f6368")
        self.busy_label.hide()
        self.task.busy_changed.connect(self._busy)
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setAccessibleName(self.tr("Open record"))
        self.open_button.setToolTip(self.tr("Open the trajectory or the candidate of the selected signal (Enter)"))
        self.open_button.clicked.connect(self.open_current)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setAccessibleName(self.tr("Export worklist"))
        self.export_button.setToolTip(self.tr("The worklist as filtered, to .csv or .xlsx"))
        self.export_button.clicked.connect(self.export_dialog)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh signals"))
        self.refresh_button.setToolTip(self.tr("Calculate the signals again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        top = QHBoxLayout()
        heading = QLabel(f"<b>{self.title}</b>")
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.busy_label)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.refresh_button)
        top.addWidget(self.open_button)
        top.addWidget(self.export_button)
        filters = QHBoxLayout()
        within_label = QLabel(self.tr("&Within:"))
        within_label.setBuddy(self.within)
        kind_label_widget = QLabel(self.tr("&Kind:"))
        kind_label_widget.setBuddy(self.kind)
        filters.addWidget(within_label)
        filters.addWidget(self.within)
        filters.addSpacing(12)
        filters.addWidget(kind_label_widget)
        filters.addWidget(self.kind)
        filters.addSpacing(12)
        filters.addWidget(self.mine)
        filters.addWidget(self.overdue_only)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        QWidget.setTabOrder(self.within, self.kind)
        QWidget.setTabOrder(self.kind, self.mine)
        QWidget.setTabOrder(self.mine, self.overdue_only)
        QWidget.setTabOrder(self.overdue_only, self.table)
        QWidget.setTabOrder(self.table, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.export_button)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.within.valueChanged.connect(self._debounce.start)
        self.mine.toggled.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self._apply_filter)
        self.overdue_only.toggled.connect(self._apply_filter)
        self._update_buttons()
        self.count_label.setText("")

    # -- loading -------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._loaded_for is None:  # first show; the window may have asked already (then the task is busy)
            QTimer.singleShot(0, self._first_load)

    def _my_owner_id(self) -> uuid.UUID | None:
        if not self._owner_known:
            from sqlalchemy import select

            from matchdesk.storage.models import Medewerker

            with self.ctx.db.reading() as session:
                self._owner_id = session.scalar(select(Medewerker.id).where(Medewerker.name == self.ctx.user))
            self._owner_known = True
            if self._owner_id is None:
                self.mine.setToolTip(self.tr("There is no medewerker {name}, so there are no candidates of your own")
                                     .format(name=repr(self.ctx.user)))
        return self._owner_id

    def _first_load(self) -> None:
        if self._loaded_for is None and not self.task.busy:
            self.refresh()

    def refresh(self) -> None:
        """Compute the signals again (the window calls this when the page is shown and after writes elsewhere)
        for the current number of days and caseload, off the GUI thread; ``loaded`` follows. Kind and overdue
        filter locally, without a new query."""
        self._debounce.stop()
        owner = self._my_owner_id() if self.mine.isChecked() else None
        wanted = (self.within.value(), self.mine.isChecked())
        if self.mine.isChecked() and owner is None:
            self._show_signals(wanted, [])
            return
        db, rulebooks, today, within = self.ctx.db, self.ctx.rulebooks, self.ctx.today, self.within.value()

        def compute():
            from matchdesk.services.signals import collect_signals

            with db.reading() as session:
                return wanted, collect_signals(session, rulebooks, today, within, owner_id=owner)

        self.task.start(compute)

    def _loaded(self, outcome) -> None:
        self._show_signals(*outcome)

    def _load_failed(self, error: BaseException) -> None:
        self._show_signals(self._loaded_for, [])
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self, self.title, str(error))
        else:  # the global handler: dialog, log without personal data, app keeps running
            sys.excepthook(type(error), error, error.__traceback__)

    def _busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.table.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _show_signals(self, wanted, signals: list[Signal]) -> None:
        self._all = signals
        self._loaded_for = wanted
        self._apply_filter()
        self.loaded.emit()

    def _apply_filter(self) -> None:
        current = self.model.signal_at(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        kind = self.kind.currentData()
        shown = [s for s in self._all if (kind is None or s.kind == kind)
                 and (not self.overdue_only.isChecked() or s.due < self.ctx.today)]
        self.model.set_signals(shown)
        if shown:  # keep the place after a reload; else the first signal, so Enter opens it at once
            rows = self.model.signals()
            row = next((r for r, s in enumerate(rows) if s == current), 0) if current is not None else 0
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        overdue = self.model.overdue_count()
        text = self.tr("{count} signal") if total == 1 else self.tr("{count} signals")
        text = plain = text.format(count=format_number_nl(total))
        if overdue:
            late = self.tr("{count} overdue").format(count=format_number_nl(overdue))
            which = self.tr("{signals}, of which {overdue}")
            plain = which.format(signals=text, overdue=late)
            text = which.format(signals=text, overdue=f"<span style='color:{OVERDUE.name()}'><b>{late}</b></span>")
        self.count_label.setText(text)
        self.count_label.setAccessibleDescription(plain)

    def _update_buttons(self, *_args) -> None:
        self.open_button.setEnabled(self.table.selectionModel().hasSelection())
        self.export_button.setEnabled(self.model.rowCount() > 0)

    # -- opening -------------------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        signal = self.model.signal_at(index.row()) if index.isValid() else None
        if signal is not None:
            self.open_signal(signal)

    def open_current(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._open_index(rows[0])

    def open_signal(self, signal: Signal) -> None:
        """A signal about a trajectory opens the trajectory; the others open the candidate."""
        if signal.trajectory:
            self.open_record.emit("traject", str(signal.trajectory))
        else:
            self.open_record.emit("kandidaat", signal.candidate)

    # -- export --------------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        name = f"signalen-{self.ctx.today.isoformat()}.xlsx"
        filters = self.tr("Excel workbook (*.xlsx);;CSV, semicolon-separated (*.csv)")
        path, _chosen = QFileDialog.getSaveFileName(self, self.tr("Export worklist"), name, filters)
        if not path:
            return
        try:
            count = self.export_to(Path(path))
        except (MatchDeskError, OSError) as error:
            message = str(error) if isinstance(error, MatchDeskError) else \
                self.tr("The file could not be written ({reason}).").format(
                    reason=error.strerror or type(error).__name__)
            QMessageBox.warning(self, self.tr("Export"), message)
            return
        QMessageBox.information(self, self.tr("Export"), self.tr("{count} signals written to {file}.").format(
            count=format_number_nl(count), file=Path(path).name))

    def export_to(self, path: Path) -> int:
        """Write the rows as shown (filtered and sorted) to .csv or .xlsx and record the export in the audit log."""
        from matchdesk.storage.audit import log_event
        from matchdesk.transfer.writers import write_rows

        signals = self.model.signals()
        rows = [[s.due, s.kind, s.candidate, str(s.trajectory) if s.trajectory else "", s.message] for s in signals]
        write_rows(path, HEADERS, rows, sheet_name="Signalen")
        with self.ctx.db.unit(self.ctx.user) as session:  # the worklist names candidates: audited
            log_event(session, "geëxporteerd", "signalen", None, f"{len(rows)} rijen naar {path.name}")
        return len(rows)
