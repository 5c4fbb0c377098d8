"""Rapportage: the portfolio monitor for a period. The leerwerkbedrijf share per werkplein and per
municipality against the 70% norm, and uitstroom per municipality, as charts and tables; export the
chart shown as PNG and its table as CSV/XLSX. Numbers are Dutch (decimal comma) whatever the OS locale.

The figures come from ``matchdesk.services.signals.portfolio`` (the same as ``matchdesk report``).
"""

from __future__ import annotations

import datetime as dt
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
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
from matchdesk.ui.background import BackgroundTask  # also installs the PySide6 emit() fix
from matchdesk.ui.page import Page

translate = QCoreApplication.translate

DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
MEETS, BELOW, NORM = QColor("#2e7d32"), QColor("#c62828"), QColor("#37474f")
UITSTROOM_SERIES = (("regulier", QT_TRANSLATE_NOOP("ReportPage", "Regular"), "#1565c0"),
                    ("regulier_lks", QT_TRANSLATE_NOOP("ReportPage", "Regular with LKS"), "#64b5f6"),
                    ("beschut", QT_TRANSLATE_NOOP("ReportPage", "Sheltered work"), "#8e24aa"),
                    ("bbz", QT_TRANSLATE_NOOP("ReportPage", "Bbz"), "#f9a825"))
PRESETS = (("this_year", QT_TRANSLATE_NOOP("ReportPage", "This year")),  # (key, label shown)
           ("last_year", QT_TRANSLATE_NOOP("ReportPage", "Last year")),
           ("last_12_months", QT_TRANSLATE_NOOP("ReportPage", "Last 12 months")),
           ("all", QT_TRANSLATE_NOOP("ReportPage", "All trajectories")),
           ("custom", QT_TRANSLATE_NOOP("ReportPage", "Custom")))


def percent_nl(value: float | None, decimals: int = 1) -> str:
    """78,2% ; '—' when there is nothing to divide."""
    return "—" if value is None else f"{format_number_nl(value, decimals)}%"


@dataclass
class Column:
    title: str  # marked with QT_TRANSLATE_NOOP("ReportPage", ...), translated when shown
    key: str  # the CSV header
    numeric: bool = False


@dataclass
class TableData:
    columns: list[Column]
    rows: list[list] = field(default_factory=list)  # plain values: str, int, float, bool, None
    flagged: set[int] = field(default_factory=set)  # rows shown in red (below the norm)
    bold: set[int] = field(default_factory=set)  # totals: regions and werkpleinen


def display(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate("ReportPage", "yes") if value else translate("ReportPage", "no")
    if isinstance(value, float):
        return format_number_nl(value, 1)
    if isinstance(value, int):
        return format_number_nl(value)
    return str(value)


class FiguresModel(QAbstractTableModel):
    """A read-only table of figures; numbers right-aligned in Dutch notation, sortable by value."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._data = TableData([])
        self._percent_columns: set[int] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, data: TableData, percent_columns: set[int] = frozenset()) -> None:
        self.beginResetModel()
        self._data = data
        self._percent_columns = set(percent_columns)
        self.endResetModel()

    @property
    def table(self) -> TableData:
        return self._data

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._data.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._data.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._data.columns):
            return None
        column = self._data.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("ReportPage", column.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._data.rows) or index.column() >= len(self._data.columns):
            return None
        value = self._data.rows[index.row()][index.column()]
        column = self._data.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() in self._percent_columns:
                whole = isinstance(value, float) and value.is_integer() and self._data.columns[index.column()].key \
                    == "norm_procent"
                return percent_nl(value, 0 if whole else 1)
            if column.key == "niveau" and value in LEVEL_OF_LABEL:
                return level_title(LEVEL_OF_LABEL[value])
            return display(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self._data.flagged:
            return QBrush(BELOW)
        if role == Qt.ItemDataRole.FontRole and index.row() in self._data.bold:
            return self._bold
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._data.columns):
            return
        self.layoutAboutToBeChanged.emit()
        order_of = list(range(len(self._data.rows)))
        missing_last = [(v is None, v if v is not None else 0) for v in (r[column] for r in self._data.rows)]
        order_of.sort(key=lambda i: (missing_last[i][0], missing_last[i][1]) if self._data.columns[column].numeric
                      else (missing_last[i][0], str(self._data.rows[i][column]).casefold()),
                      reverse=order == Qt.SortOrder.DescendingOrder)
        position = {old: new for new, old in enumerate(order_of)}
        self._data.rows = [self._data.rows[i] for i in order_of]
        self._data.flagged = {position[i] for i in self._data.flagged}
        self._data.bold = {position[i] for i in self._data.bold}
        for persistent in self.persistentIndexList():
            self.changePersistentIndex(persistent, self.index(position[persistent.row()], persistent.column()))
        self.layoutChanged.emit()


# -- building the figures -------------------------------------------------------------------------------

LEVEL_LABELS = {"regio": "Regio", "werkplein": "Werkplein", "gemeente": "Gemeente"}  # the CSV values: a file contract
LEVEL_OF_LABEL = {label: level for level, label in LEVEL_LABELS.items()}
LEVEL_TITLES = {"regio": QT_TRANSLATE_NOOP("ReportPage", "Region"),  # shown on screen
                "werkplein": QT_TRANSLATE_NOOP("ReportPage", "Werkplein"),
                "gemeente": QT_TRANSLATE_NOOP("ReportPage", "Municipality")}
SHARE_COLUMNS = [Column(QT_TRANSLATE_NOOP("ReportPage", "Level"), "niveau"),
                 Column(QT_TRANSLATE_NOOP("ReportPage", "Name"), "naam"),
                 Column(QT_TRANSLATE_NOOP("ReportPage", "Leerwerktrajecten"), "leerwerktrajecten", True),
                 Column(QT_TRANSLATE_NOOP("ReportPage", "Via leerwerkbedrijf"), "via_leerwerkbedrijf", True),
                 Column(QT_TRANSLATE_NOOP("ReportPage", "Share"), "aandeel_procent", True),
                 Column(QT_TRANSLATE_NOOP("ReportPage", "Norm"), "norm_procent", True),
                 Column(QT_TRANSLATE_NOOP("ReportPage", "Norm met"), "norm_gehaald")]
UITSTROOM_COLUMNS = [Column(QT_TRANSLATE_NOOP("ReportPage", "Level"), "niveau"),
                     Column(QT_TRANSLATE_NOOP("ReportPage", "Name"), "naam")] \
    + [Column(label, key, True) for key, label, _c in UITSTROOM_SERIES] \
    + [Column(QT_TRANSLATE_NOOP("ReportPage", "Total"), "totaal", True)]


def level_title(level: str) -> str:
    """'Regio', 'Werkplein', 'Gemeente' as shown (the table's values stay the CSV's Dutch)."""
    return translate("ReportPage", LEVEL_TITLES[level])


@dataclass(frozen=True)
class Group:
    level: str  # regio | werkplein | gemeente
    name: str
    municipalities: tuple[str, ...]


def hierarchy(municipalities, rulebooks) -> list[Group]:
    """Each region, then each of its werkpleinen followed by their municipalities, then the region's
    municipalities without a werkplein; alphabetical at every level."""
    from matchdesk.rules.portfolio import UNKNOWN

    tree: dict[str, dict[str | None, list[str]]] = {}
    for name in sorted(set(municipalities), key=str.casefold):
        region = rulebooks.region_of(name) or UNKNOWN
        tree.setdefault(region, {}).setdefault(rulebooks.werkplein_of(name), []).append(name)
    groups: list[Group] = []
    for region in sorted(tree, key=str.casefold):
        werkpleinen = tree[region]
        groups.append(Group("regio", region, tuple(m for members in werkpleinen.values() for m in members)))
        for werkplein in sorted((w for w in werkpleinen if w), key=str.casefold):
            groups.append(Group("werkplein", werkplein, tuple(werkpleinen[werkplein])))
            groups += [Group("gemeente", m, (m,)) for m in werkpleinen[werkplein]]
        groups += [Group("gemeente", m, (m,)) for m in werkpleinen.get(None, [])]
    return groups


def chart_name(group: Group) -> str:
    return group.name if group.level == "gemeente" else f"{level_title(group.level)} {group.name}"


def share_entries(shares: dict, rulebooks) -> list[tuple[Group, dict]]:
    """The share of every region, werkplein and municipality, in the order of ``hierarchy``."""
    level_key = {"regio": "regions", "werkplein": "werkpleinen", "gemeente": "municipalities"}
    empty = {"leerwerktrajecten": 0, "via_leerwerkbedrijf": 0, "share_percent": None, "norm_percent": None,
             "meets_norm": None}
    return [(group, shares[level_key[group.level]].get(group.name, empty))
            for group in hierarchy(shares["municipalities"], rulebooks)]


def uitstroom_entries(uitstroom: dict, rulebooks) -> list[tuple[Group, dict]]:
    """Uitstroom per municipality, summed per werkplein and region."""
    keys = [key for key, _l, _c in UITSTROOM_SERIES]
    return [(group, {key: sum(uitstroom.get(m, {}).get(key, 0) for m in group.municipalities) for key in keys})
            for group in hierarchy(uitstroom, rulebooks)]


def share_table(entries: list[tuple[Group, dict]]) -> TableData:
    data = TableData(SHARE_COLUMNS)
    for group, entry in entries:
        norm = entry["norm_percent"]
        data.rows.append([LEVEL_LABELS[group.level], group.name, entry["leerwerktrajecten"],
                          entry["via_leerwerkbedrijf"], entry["share_percent"],
                          float(norm) if norm is not None else None, entry["meets_norm"]])
        if entry["meets_norm"] is False:
            data.flagged.add(len(data.rows) - 1)
        if group.level != "gemeente":
            data.bold.add(len(data.rows) - 1)
    return data


def uitstroom_table(entries: list[tuple[Group, dict]]) -> TableData:
    data = TableData(UITSTROOM_COLUMNS)
    for group, counts in entries:
        values = [counts.get(key, 0) for key, _l, _c in UITSTROOM_SERIES]
        data.rows.append([LEVEL_LABELS[group.level], group.name, *values, sum(values)])
        if group.level != "gemeente":
            data.bold.add(len(data.rows) - 1)
    return data


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    title_font = QFont(chart.titleFont())
    title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setLocale(DUTCH)
    chart.setLocalizeNumbers(True)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setBackgroundRoundness(0)
    return chart


def category_axis(names: list[str]) -> QBarCategoryAxis:
    """Names on the left (horizontal bars: names are never truncated); the first name is drawn at the bottom."""
    axis = QBarCategoryAxis()
    axis.append(names or ["—"])
    return axis


LEVEL_COLORS = {"regio": QColor("#1b5e20"), "werkplein": QColor("#2e7d32"), "gemeente": QColor("#66bb6a")}


def share_chart(title: str, entries: list[tuple[Group, dict]]) -> QChart:
    """A bar per region, werkplein and municipality (green shades; red below the norm), the norm as a
    dashed line; groups without leerwerktrajecten are left out (the table lists them)."""
    chart = _chart(title)
    shown = [(group, e) for group, e in entries if e["share_percent"] is not None][::-1]  # first at the top
    sets = {level: QBarSet(translate("ReportPage", "{level} (norm met)").format(level=level_title(level)))
            for level in LEVEL_COLORS}
    sets["onder"] = QBarSet(translate("ReportPage", "Below the norm"))
    for level, color in LEVEL_COLORS.items():
        sets[level].setColor(color)
    sets["onder"].setColor(BELOW)
    for group, entry in shown:
        target = "onder" if entry["meets_norm"] is False else group.level
        for key, bar_set in sets.items():
            bar_set.append(float(entry["share_percent"]) if key == target else 0.0)
    bars = QHorizontalStackedBarSeries()
    for key, bar_set in sets.items():
        if any(bar_set.at(i) for i in range(bar_set.count())):
            bar_set.setLabelColor(QColor("white") if key != "gemeente" else QColor("#102a12"))
            bars.append(bar_set)
    bars.setBarWidth(0.7)
    bars.setLabelsVisible(True)
    bars.setLabelsFormat("@value%")
    bars.setLabelsPrecision(3)
    bars.setLabelsPosition(QHorizontalStackedBarSeries.LabelsPosition.LabelsInsideBase)  # clear of the norm line
    chart.addSeries(bars)
    names = category_axis([chart_name(group) for group, _e in shown])
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(names)
    values = QValueAxis()
    values.setRange(0, 100)
    values.setTickCount(11)
    values.setLabelFormat("%.0f%")  # with localized numbers Qt takes only the precision; the rest is literal
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(values)
    norms = [e["norm_percent"] for _g, e in shown]
    if shown and all(n is not None for n in norms):
        norm_line = QLineSeries()
        same = len(set(norms)) == 1
        norm_line.setName(translate("ReportPage", "Norm {percent}").format(percent=percent_nl(float(norms[0]), 0))
                          if same else translate("ReportPage", "Norm"))
        if same:
            norm_line.append(float(norms[0]), -0.5)
            norm_line.append(float(norms[0]), len(shown) - 0.5)
        else:
            for i, value in enumerate(norms):
                norm_line.append(float(value), i - 0.5)
                norm_line.append(float(value), i + 0.5)
        pen = QPen(NORM)
        pen.setWidthF(2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        norm_line.setPen(pen)
        chart.addSeries(norm_line)
        norm_line.attachAxis(values)
        norm_line.attachAxis(names)
    return chart


def uitstroom_chart(title: str, entries: list[tuple[Group, dict]]) -> QChart:
    """Uitstroom per municipality, stacked by kind (the werkplein and region totals are in the table)."""
    chart = _chart(title)
    shown = sorted(((group, counts) for group, counts in entries if group.level == "gemeente" and sum(counts.values())),
                   key=lambda item: item[0].name.casefold(), reverse=True)  # alphabetical from the top
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.6)
    for key, label, color in UITSTROOM_SERIES:
        bar_set = QBarSet(translate("ReportPage", label))
        bar_set.setColor(QColor(color))
        bar_set.append([float(counts.get(key, 0)) for _g, counts in shown])
        series.append(bar_set)
    biggest = max((sum(counts.values()) for _g, counts in shown), default=0)
    chart.addSeries(series)
    names = category_axis([group.name for group, _c in shown])
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    values = QValueAxis()
    values.setRange(0, max(5, biggest))
    values.applyNiceNumbers()
    values.setMinorTickCount(1)
    values.setLabelFormat("%.0f")
    values.setTitleText(translate("ReportPage", "Trajectories started (regular work, sheltered work and Bbz)"))
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    return chart


# -- the page ------------------------------------------------------------------------------------------

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
        height = self.table.horizontalHeader().sizeHint().height() + rows * self.table.verticalHeader().defaultSectionSize() \
            + 2 * self.table.frameWidth() + 2
        self.table.setMaximumHeight(height)


class ReportPage(Page):
    """Rapportage: period, the WVS share in words, three tabs of chart + table, export as PNG and CSV."""

    loaded = Signal()  # charts and tables show the figures of the latest refresh

    title = QT_TRANSLATE_NOOP("Page", "Reports")

    def __init__(self, ctx: App, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.task = BackgroundTask(self)
        self.task.finished.connect(self._loaded)
        self.task.failed.connect(self._load_failed)
        self.figures: dict | None = None
        self._loaded_for: tuple | None = None
        today = ctx.today
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
        self.task.busy_changed.connect(self._busy)
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
        today = self.ctx.today
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
        if self._loaded_for is None:  # first show; the window may have asked already (then the task is busy)
            QTimer.singleShot(0, self._first_load)

    def _first_load(self) -> None:
        if self._loaded_for is None and not self.task.busy:
            self.refresh()

    def refresh(self) -> None:
        """Compute the figures for the period off the GUI thread; ``loaded`` follows."""
        self._debounce.stop()
        date_from, date_to = self.period()
        if date_from and date_to and date_from > date_to:
            message = self.tr("The start date is after the end date.")
            self.summary.setText(f"<span style='color:{BELOW.name()}'>{html.escape(message)}</span>")
            return
        db, rulebooks = self.ctx.db, self.ctx.rulebooks

        def compute():
            from matchdesk.services.signals import portfolio

            with db.reading() as session:
                return (date_from, date_to), portfolio(session, rulebooks, date_from, date_to)

        self.task.start(compute)

    def _loaded(self, outcome) -> None:
        self._loaded_for, self.figures = outcome
        self._show()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        if not isinstance(error, MatchDeskError):
            sys.excepthook(type(error), error, error.__traceback__)  # the global handler
            return
        self.summary.setText(f"<span style='color:{BELOW.name()}'>{html.escape(str(error))}</span>")

    def _busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)

    def _show(self) -> None:
        figures = self.figures
        shares = figures["leerwerkbedrijf_share"]
        period = self._period_text()
        entries = share_entries(shares, self.ctx.rulebooks)
        title = self.tr("Leerwerktrajecten via the leerwerkbedrijf, {period}").format(period=period)
        self.share.show_figures(share_chart(title, entries), share_table(entries))
        outflow = uitstroom_entries(figures["uitstroom"], self.ctx.rulebooks)
        title = self.tr("Outflow per municipality, {period}").format(period=period)
        self.uitstroom.show_figures(uitstroom_chart(title, outflow), uitstroom_table(outflow))
        self.summary.setText(self._summary_text(shares["regions"]))

    def _period_text(self) -> str:
        date_from, date_to = self._loaded_for
        if date_from is None and date_to is None:
            return self.tr("all trajectories")
        return self.tr("started {date_from} to {date_to}").format(date_from=format_nl(date_from),
                                                                  date_to=format_nl(date_to))

    @staticmethod
    def _summary_text(regions: dict[str, dict]) -> str:
        parts = []
        for name, entry in sorted(regions.items()):
            if entry["share_percent"] is None:
                continue
            text = translate("ReportPage", "Region <b>{name}</b>: <b>{share}</b> of the leerwerktrajecten via the "
                                           "leerwerkbedrijf ({via} of {total})").format(
                name=name, share=percent_nl(entry["share_percent"]), via=format_number_nl(entry["via_leerwerkbedrijf"]),
                total=format_number_nl(entry["leerwerktrajecten"]))
            if entry["norm_percent"] is not None:
                met = entry["meets_norm"]
                color = MEETS if met else BELOW
                verdict = translate("ReportPage", "met") if met else translate("ReportPage", "not met")
                text += translate("ReportPage", ", norm {norm}: {verdict}").format(
                    norm=percent_nl(float(entry["norm_percent"]), 0),
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
        path, _chosen = QFileDialog.getSaveFileName(self, self.tr("Export chart"), self._suggested(".png"),
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
        filters = self.tr("CSV, semicolon-separated (*.csv);;Excel workbook (*.xlsx)")
        path, _chosen = QFileDialog.getSaveFileName(self, self.tr("Export table"), self._suggested(".csv"), filters)
        if not path:
            return
        try:
            self.export_csv(Path(path))
        except (MatchDeskError, OSError) as error:
            message = str(error) if isinstance(error, MatchDeskError) else \
                self.tr("The file could not be written ({reason}).").format(
                    reason=error.strerror or type(error).__name__)
            QMessageBox.warning(self, self.tr("Export"), message)

    def export_csv(self, path: Path, tab: FiguresTab | None = None) -> int:
        """The table of ``tab`` as CSV (or XLSX by the extension), per CONTRACTS.md; returns the rows."""
        from matchdesk.transfer.writers import write_rows

        table = (tab or self.current_tab()).model.table
        headers = [c.key for c in table.columns]
        return write_rows(path, headers, [list(row) for row in table.rows], sheet_name="Rapportage")
