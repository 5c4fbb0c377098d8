"""Rapportage: the portfolio monitor for a period. The leerwerkbedrijf share per werkplein and per
municipality against the 70% norm, and uitstroom per municipality, as charts and tables; export the
chart shown as PNG and its table as CSV/XLSX. Numbers are Dutch (decimal comma) whatever the OS locale.

The figures come from the use case ``matchdesk.services.report.portfolio_report`` (the same as ``matchdesk
report``), run off the GUI thread as an op; the charts are built in ``report_charts``, the tables in
``report_tables``; a table is exported through the one audited export (``export_report_table``).
"""

from __future__ import annotations

import datetime as dt
import html
import sys
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.dates import format_nl, format_number_nl
from matchdesk.errors import MatchDeskError
from matchdesk.services import report as report_service
from matchdesk.ui import file_dialogs
from matchdesk.ui.ops import Ops
from matchdesk.ui.page import Page
from matchdesk.ui.report_charts import share_chart, uitstroom_chart
from matchdesk.ui.report_tables import BELOW, MEETS, FiguresModel, TableData, percent_nl, share_table, uitstroom_table

translate = QCoreApplication.translate

PRESETS = (("this_year", QT_TRANSLATE_NOOP("ReportPage", "This year")),  # (key, label shown)
           ("last_year", QT_TRANSLATE_NOOP("ReportPage", "Last year")),
           ("last_12_months", QT_TRANSLATE_NOOP("ReportPage", "Last 12 months")),
           ("all", QT_TRANSLATE_NOOP("ReportPage", "All trajectories")),
           ("custom", QT_TRANSLATE_NOOP("ReportPage", "Custom")))


class FiguresTab(QWidget):
    """A chart above its table."""

    def __init__(self, name: str, csv_name: str, percent_columns: set[int] = frozenset(), parent=None) -> None:
        super().__init__(parent)
        self.name, self.csv_name, self.percent_columns = name, csv_name, set(percent_columns)
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName(self.tr("Chart {name}").format(name=name))
        self.chart_view.setMinimumHeight(260)
        self.model = FiguresModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Table {name}").format(name=name))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart_view)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_figures(self, chart: QChart, table: TableData) -> None:
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.model.set_table(table, self.percent_columns)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        rows = min(len(table.rows), 9)
        row_height = self.table.verticalHeader().defaultSectionSize()
        height = self.table.horizontalHeader().sizeHint().height() + rows * row_height + 2 * self.table.frameWidth() + 2
        self.table.setMaximumHeight(height)


class ReportPage(Page):
    """Rapportage: period, the WVS share in words, three tabs of chart + table, export as PNG and CSV."""

    loaded = Signal()  # charts and tables show the figures of the latest refresh
    exported = Signal(int)  # the number of rows written by the latest table export

    title = QT_TRANSLATE_NOOP("Page", "Reports")

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.ops = Ops(self)  # loads and exports, one after the other; the newest load wins
        self.report: report_service.PortfolioReport | None = None
        self._loaded_for: tuple[dt.date | None, dt.date | None] | None = None  # the period shown
        today = app.today
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Period"))
        for key, label in PRESETS:
            self.preset.addItem(translate("ReportPage", label), key)
        self.date_from = self._date_edit(self.tr("From (first start date)"), dt.date(today.year, 1, 1))
        self.date_to = self._date_edit(self.tr("Up to and including (last start date)"), today)
        self.busy_label = QLabel(self.tr("Calculating…"))
        self.busy_label.setAccessibleName(self.tr("Busy"))
        self.busy_label.setStyleSheet("color: #5f6368")
        self.busy_label.hide()
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the report"))
        self.share = FiguresTab(self.tr("Leerwerkbedrijf share"), "aandeel-leerwerkbedrijf", {4, 5})
        self.uitstroom = FiguresTab(self.tr("Outflow"), "uitstroom")
        self.tabs.addTab(self.share, self.tr("&Leerwerkbedrijf (70% norm)"))
        self.tabs.addTab(self.uitstroom, self.tr("&Outflow"))
        self.png_button = QPushButton(self.tr("Export as &PNG…"))
        self.png_button.setAccessibleName(self.tr("Export chart as PNG"))
        self.png_button.setToolTip(self.tr("The chart of the part shown, as an image"))
        self.png_button.clicked.connect(self.export_png_dialog)
        self.csv_button = QPushButton(self.tr("Export as &CSV…"))
        self.csv_button.setAccessibleName(self.tr("Export table as CSV"))
        self.csv_button.setToolTip(self.tr("The table of the part shown, as .csv (or .xlsx)"))
        self.csv_button.clicked.connect(self.export_csv_dialog)

        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{self.title}</b>"))
        top.addSpacing(16)
        period = QLabel(self.tr("Pe&riod:"))
        period.setBuddy(self.preset)
        top.addWidget(period)
        top.addWidget(self.preset)
        from_label = QLabel(self.tr("&from"))
        from_label.setBuddy(self.date_from)
        to_label = QLabel(self.tr("&to"))
        to_label.setBuddy(self.date_to)
        top.addWidget(from_label)
        top.addWidget(self.date_from)
        top.addWidget(to_label)
        top.addWidget(self.date_to)
        top.addStretch(1)
        top.addWidget(self.busy_label)
        top.addSpacing(12)
        top.addWidget(self.png_button)
        top.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        for first, second in ((self.preset, self.date_from), (self.date_from, self.date_to),
                              (self.date_to, self.png_button), (self.png_button, self.csv_button),
                              (self.csv_button, self.tabs)):
            QWidget.setTabOrder(first, second)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self._setting_preset = False
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)

    @staticmethod
    def _date_edit(name: str, value: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day))
        edit.setDisplayFormat("dd-MM-yyyy")
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        edit.setMinimumDate(QDate(1990, 1, 1))
        edit.setMaximumDate(QDate(2100, 12, 31))
        return edit

    # -- period --------------------------------------------------------------------------------------
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        if self.preset.currentData() == "all":
            return None, None
        start, end = self.date_from.date(), self.date_to.date()
        return dt.date(start.year(), start.month(), start.day()), dt.date(end.year(), end.month(), end.day())

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        """Choose a custom period (and recompute at once)."""
        self._setting_preset = True
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.date_from.setDate(QDate(date_from.year, date_from.month, date_from.day))
        self.date_to.setDate(QDate(date_to.year, date_to.month, date_to.day))
        self._setting_preset = False
        self.refresh()

    def _apply_preset(self) -> None:
        today = self.app.today
        text = self.preset.currentData()
        ranges = {"this_year": (dt.date(today.year, 1, 1), today),
                  "last_year": (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
                  "last_12_months": (today.replace(year=today.year - 1) + dt.timedelta(days=1)
                                     if not (today.month == 2 and today.day == 29)
                                     else dt.date(today.year - 1, 3, 1), today)}
        everything = text == "all"
        self.date_from.setEnabled(not everything)
        self.date_to.setEnabled(not everything)
        if text in ranges and not self._setting_preset:
            self._setting_preset = True
            first, last = ranges[text]
            self.date_from.setDate(QDate(first.year, first.month, first.day))
            self.date_to.setDate(QDate(last.year, last.month, last.day))
            self._setting_preset = False
        if not self._setting_preset:
            self._debounce.start()

    def _dates_edited(self) -> None:
        if not self._setting_preset:
            self._setting_preset = True
            self.preset.setCurrentIndex(self.preset.findData("custom"))
            self._setting_preset = False
            self._debounce.start()

    # -- figures -------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._loaded_for is None:  # first show; the window may have asked already (then the ops are busy)
            QTimer.singleShot(0, self._first_load)

    def _first_load(self) -> None:
        if self._loaded_for is None and not self.ops.busy:
            self.refresh()

    def refresh(self) -> None:
        """Compute the figures for the period off the GUI thread; ``loaded`` follows."""
        self._debounce.stop()
        date_from, date_to = self.period()
        if date_from and date_to and date_from > date_to:
            message = self.tr("The start date is after the end date.")
            self.summary.setText(f"<span style='color:{BELOW.name()}'>{html.escape(message)}</span>")
            return
        app = self.app
        self._busy(True)
        self.ops.run(lambda: report_service.portfolio_report(app, date_from, date_to), self._loaded, self._load_failed,
                     key="report")

    def _loaded(self, report: report_service.PortfolioReport) -> None:
        self._busy(False)
        self._loaded_for, self.report = (report.date_from, report.date_to), report
        self._show()
        self.loaded.emit()

    def _load_failed(self, error: Exception) -> None:
        self._busy(False)
        if not isinstance(error, MatchDeskError):
            sys.excepthook(type(error), error, error.__traceback__)  # the global handler
            return
        self.summary.setText(f"<span style='color:{BELOW.name()}'>{html.escape(str(error))}</span>")

    def _busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)

    def _show(self) -> None:
        report = self.report
        period = self._period_text()
        title = self.tr("Leerwerktrajecten via the leerwerkbedrijf, {period}").format(period=period)
        self.share.show_figures(share_chart(title, report.shares), share_table(report.shares))
        title = self.tr("Outflow per municipality, {period}").format(period=period)
        self.uitstroom.show_figures(uitstroom_chart(title, report.outflow), uitstroom_table(report.outflow))
        self.summary.setText(self._summary_text(report.regions))

    def _period_text(self) -> str:
        date_from, date_to = self._loaded_for
        if date_from is None and date_to is None:
            return self.tr("all trajectories")
        return self.tr("started {date_from} to {date_to}").format(date_from=format_nl(date_from),
                                                                  date_to=format_nl(date_to))

    @staticmethod
    def _summary_text(regions: tuple[report_service.Share, ...]) -> str:
        parts = []
        for region in regions:
            if region.share_percent is None:
                continue
            text = translate("ReportPage", "Region <b>{name}</b>: <b>{share}</b> of the leerwerktrajecten via the "
                                           "leerwerkbedrijf ({via} of {total})").format(
                name=region.name, share=percent_nl(region.share_percent),
                via=format_number_nl(region.via_leerwerkbedrijf), total=format_number_nl(region.leerwerktrajecten))
            if region.norm_percent is not None:
                met = region.meets_norm
                color = MEETS if met else BELOW
                verdict = translate("ReportPage", "met") if met else translate("ReportPage", "not met")
                text += translate("ReportPage", ", norm {norm}: {verdict}").format(
                    norm=percent_nl(float(region.norm_percent), 0),
                    verdict=f"<b style='color:{color.name()}'>{verdict}</b>")
            parts.append(text)
        return "<br>".join(parts) or translate("ReportPage", "No leerwerktrajecten in this period.")

    def current_tab(self) -> FiguresTab:
        return self.tabs.currentWidget()

    # -- export --------------------------------------------------------------------------------------
    def _suggested(self, suffix: str) -> str:
        date_from, date_to = self.period()
        span = "alles" if date_from is None else f"{date_from.isoformat()}_{date_to.isoformat()}"
        return f"{self.current_tab().csv_name}-{span}{suffix}"

    def export_png_dialog(self) -> None:
        path, _chosen = file_dialogs.get_save_file_name(self, self.tr("Export chart"), self._suggested(".png"),
                                                    self.tr("PNG image (*.png)"))
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            if not self.export_png(Path(path)):
                QMessageBox.warning(self, self.tr("Export"),
                                    self.tr("{file} could not be written.").format(file=Path(path).name))

    def export_png(self, path: Path, tab: FiguresTab | None = None) -> bool:
        """The chart of ``tab`` (the one shown) as it is on screen."""
        return (tab or self.current_tab()).chart_view.grab().save(str(path), "PNG")

    def export_csv_dialog(self) -> None:
        filters = self.tr("CSV, semicolon-separated (*.csv);;Excel workbook (*.xlsx);;OpenDocument spreadsheet (*.ods)")
        path, _chosen = file_dialogs.get_save_file_name(self, self.tr("Export table"), self._suggested(".csv"), filters)
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path, tab: FiguresTab | None = None) -> None:
        """The table of ``tab`` (the one shown) as it is sorted on screen, to CSV (or XLSX by the extension) per
        CONTRACTS.md, off the GUI thread through the one audited export; ``exported`` follows with the rows."""
        table = (tab or self.current_tab()).model.table
        headers, rows, app = [c.key for c in table.columns], [list(row) for row in table.rows], self.app
        self.ops.run(lambda: report_service.export_report_table(app, path, headers, rows), self.exported.emit,
                     self._export_failed)

    def _export_failed(self, error: Exception) -> None:
        if not isinstance(error, MatchDeskError | OSError):
            sys.excepthook(type(error), error, error.__traceback__)
            return
        message = str(error) if isinstance(error, MatchDeskError) else \
            self.tr("The file could not be written ({reason}).").format(reason=error.strerror or type(error).__name__)
        QMessageBox.warning(self, self.tr("Export"), message)
