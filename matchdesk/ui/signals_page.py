"""Signalen: the worklist of deadlines and follow-ups (due, overdue, maatwerk); one record opens from a row.

The signals come from the use case ``matchdesk.services.signals.signals_for`` (the same as ``matchdesk
signals``), run off the GUI thread as an op; this page lists them as a work list (the medewerker's own by
default, grouped: today, within a week, later, then overdue by age), filters, opens, exports them
(``export_signals``: the same columns and ISO dates as ``matchdesk signals --export``) and acts on the selected
ones (``signal_actions``: afhandelen, uitstellen, overdragen, verlengen, beëindigen). The signals are computed
when the page is first shown, not at start-up; ``open_count_changed`` tells the window the medewerker's open
signals due today or overdue after every load (``services.signals.open_signal_count`` gives the same number
without the page).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.dates import format_number_nl
from matchdesk.errors import MatchDeskError
from matchdesk.rules.signals import KINDS, Signal
from matchdesk.services import signals as signals_service
from matchdesk.services.signals import WorkItem
from matchdesk.ui import file_dialogs
from matchdesk.ui.ops import Ops
from matchdesk.ui.page import Page
from matchdesk.ui.signal_actions import SignalActions
from matchdesk.ui.signals_model import KIND_LABELS, OVERDUE, OWNER_COLUMN, SignalsModel, WorkTable, kind_label

translate = QCoreApplication.translate


class SignalsPage(Page):
    """Signalen: filters (within N days, kind, only mine, only overdue), a count, open, act and export."""

    loaded = QtSignal()  # the list shows the signals of the latest refresh
    exported = QtSignal(int)  # the number of signals written by the latest export
    open_count_changed = QtSignal(int)  # the medewerker's own open signals due today or overdue, after a load

    @property
    def is_loaded(self) -> bool:
        """A worklist has arrived (the window's ready signal waits for it)."""
        return self._loaded_for is not None

    title = QT_TRANSLATE_NOOP("Page", "Signals")

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.ops = Ops(self)  # loads and exports, one after the other; the newest load wins
        self._all: list[WorkItem] = []
        self._loaded_for: tuple[int, bool] | None = None  # (days, only mine) of the list shown

        self.model = SignalsModel(app.today, self)
        self.table = WorkTable()
        self.table.setAccessibleName(self.tr("Signals"))
        self.table.setAccessibleDescription(self.tr("Worklist of deadlines and follow-ups; Enter or double-click opens "
                                                    "the record"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
                   "Abcdefgh van den Abcdefghijk", "0000000000",
                   max((kind_label(kind) for kind in KIND_LABELS), key=len), "Abcdefgh Abcdefghijk")
        for column, sample in enumerate(samples):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._open_index)  # double-click or Enter
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._span_headers)
        self.model.layoutChanged.connect(self._span_headers)
        self.actions = SignalActions(self)

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
        self.mine = QCheckBox(self.tr("Only &mine"))
        self.mine.setAccessibleName(self.tr("Only my signals"))
        self.mine.setToolTip(self.tr("The signals of your own candidates, and those handed over to you"))
        self.mine.setChecked(True)
        self.closed = QCheckBox(self.tr("Also &handled and snoozed"))
        self.closed.setAccessibleName(self.tr("Also handled and snoozed signals"))
        self.closed.setToolTip(self.tr("List the handled signals and the snoozed ones too, to reopen them"))
        self.overdue_only = QCheckBox(self.tr("Only o&verdue"))
        self.overdue_only.setAccessibleName(self.tr("Only overdue signals"))
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of signals"))
        self.busy_label = QLabel(self.tr("Calculating…"))
        self.busy_label.setAccessibleName(self.tr("Busy"))
        self.busy_label.setStyleSheet("color: #5f6368")
        self.busy_label.hide()
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setAccessibleName(self.tr("Open record"))
        self.open_button.setToolTip(self.tr("Open the trajectory or the candidate of the selected signal (Enter)"))
        self.open_button.clicked.connect(self.open_current)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setAccessibleName(self.tr("Export worklist"))
        self.export_button.setToolTip(self.tr("The worklist as filtered, to .csv, .xlsx or .ods"))
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
        filters.addWidget(self.closed)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        acting = QHBoxLayout()
        for button in self.actions.buttons[:3]:
            acting.addWidget(button)
        acting.addSpacing(12)
        for button in self.actions.buttons[3:]:
            acting.addWidget(button)
        acting.addStretch(1)
        layout.addLayout(acting)
        QWidget.setTabOrder(self.within, self.kind)
        QWidget.setTabOrder(self.kind, self.mine)
        QWidget.setTabOrder(self.mine, self.overdue_only)
        QWidget.setTabOrder(self.overdue_only, self.closed)
        QWidget.setTabOrder(self.closed, self.table)
        previous: QWidget = self.table
        for button in self.actions.buttons:
            QWidget.setTabOrder(previous, button)
            previous = button
        QWidget.setTabOrder(previous, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.export_button)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.within.valueChanged.connect(self._debounce.start)
        self.mine.toggled.connect(self.refresh)
        self.closed.toggled.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self._apply_filter)
        self.overdue_only.toggled.connect(self._apply_filter)
        self._update_buttons()
        self.count_label.setText("")

    # -- loading -------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._loaded_for is None:  # first show; the window may have asked already (then the ops are busy)
            QTimer.singleShot(0, self._first_load)

    def _first_load(self) -> None:
        if self._loaded_for is None and not self.ops.busy:
            self.refresh()

    def refresh(self) -> None:
        """Compute the signals again (the window calls this when the page is shown and after writes elsewhere)
        for the current number of days and caseload, off the GUI thread; ``loaded`` follows. Kind and overdue
        filter locally, without a new query."""
        self._debounce.stop()
        app, within, mine, closed = self.app, self.within.value(), self.mine.isChecked(), self.closed.isChecked()
        self._busy(True)
        self.ops.run(lambda: signals_service.signals_for(app, within, mine=mine, closed=closed), self._loaded,
                     self._load_failed, key="signals")

    def _loaded(self, worklist: signals_service.Worklist) -> None:
        self._busy(False)
        if worklist.mine and not worklist.owner_found:
            self.mine.setToolTip(self.tr("There is no medewerker {name}, so there are no candidates of your own")
                                 .format(name=repr(self.app.user)))
        self.table.setColumnHidden(OWNER_COLUMN, worklist.mine)
        self._show_signals((worklist.within_days, worklist.mine), list(worklist.items))
        self.open_count_changed.emit(worklist.open_count())

    def _load_failed(self, error: Exception) -> None:
        self._busy(False)
        self._show_signals(self._loaded_for, [])
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self, self.title, str(error))
        else:  # the global handler: dialog, log without personal data, app keeps running
            sys.excepthook(type(error), error, error.__traceback__)

    def _busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.table.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _show_signals(self, wanted: tuple[int, bool] | None, signals: list[WorkItem]) -> None:
        self._all = signals
        self._loaded_for = wanted
        self._apply_filter()
        self.loaded.emit()

    def _apply_filter(self) -> None:
        current = self.model.signal_at(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        kind = self.kind.currentData()
        shown = [item for item in self._all if (kind is None or item.signal.kind == kind)
                 and (not self.overdue_only.isChecked() or item.signal.due < self.app.today)]
        self.model.set_items(shown)
        if shown:  # keep the place after a reload; else the first signal, so Enter opens it at once
            rows = [self.model.signal_at(r) for r in range(self.model.rowCount())]
            first = next(r for r, s in enumerate(rows) if s is not None)
            row = next((r for r, s in enumerate(rows) if s is not None and s == current), first) \
                if current is not None else first
            # through the selection model: the view's selectRow follows the keyboard modifiers held (Ctrl toggles)
            flags = QItemSelectionModel.SelectionFlag
            selection = self.table.selectionModel()
            selection.setCurrentIndex(self.model.index(row, 0), flags.ClearAndSelect | flags.Rows)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        total = self.model.signal_count()
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
        self.open_button.setEnabled(bool(self.actions.selected()))
        self.export_button.setEnabled(self.model.signal_count() > 0)
        self.actions.update()

    def _span_headers(self) -> None:
        """Each group's header row spans the table."""
        self.table.clearSpans()
        for row in self.model.header_rows():
            self.table.setSpan(row, 0, 1, self.model.columnCount())

    # -- opening -------------------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        signal = self.model.signal_at(index.row()) if index.isValid() else None
        if signal is not None:
            self.open_signal(signal)

    def open_current(self) -> None:
        items = self.actions.selected()
        if items:
            self.open_signal(items[0].signal)

    def open_signal(self, signal: Signal) -> None:
        """A signal about a trajectory opens the trajectory; the others open the candidate."""
        if signal.trajectory:
            self.open_record.emit("traject", str(signal.trajectory))
        else:
            self.open_record.emit("kandidaat", signal.candidate)

    # -- export --------------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        name = f"signalen-{self.app.today.isoformat()}.xlsx"
        filters = self.tr("Excel workbook (*.xlsx);;CSV, semicolon-separated (*.csv);;OpenDocument spreadsheet (*.ods)")
        path, _chosen = file_dialogs.get_save_file_name(self, self.tr("Export worklist"), name, filters)
        if path:
            self.export_to(Path(path), report=True)

    def export_to(self, path: Path, *, report: bool = False) -> None:
        """Write the rows as shown (filtered and sorted) to .csv or .xlsx, off the GUI thread, through the one
        audited export (``matchdesk signals --export`` writes the same columns); ``exported`` follows. With
        ``report`` a message says how many were written; a failure is always said."""
        app, shown = self.app, self.model.signals()

        def done(count: int) -> None:
            self.exported.emit(count)
            if report:
                QMessageBox.information(self, self.tr("Export"), self.tr("{count} signals written to {file}.").format(
                    count=format_number_nl(count), file=path.name))

        self.ops.run(lambda: signals_service.export_signals(app, path, shown), done, self._export_failed)

    def _export_failed(self, error: Exception) -> None:
        if not isinstance(error, MatchDeskError | OSError):
            sys.excepthook(type(error), error, error.__traceback__)
            return
        message = str(error) if isinstance(error, MatchDeskError) else \
            self.tr("The file could not be written ({reason}).").format(reason=error.strerror or type(error).__name__)
        QMessageBox.warning(self, self.tr("Export"), message)
