"""The Rapportage tables: the figures of ``services.report.portfolio_report`` as rows of plain values, and
the read-only table model that shows them (Dutch numbers whatever the OS locale, sortable by value).

A table's rows are what its CSV export writes: the file columns and level values come from
``services.report`` (a file contract); only the titles shown are translated here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from matchdesk.dates import format_number_nl
from matchdesk.services.report import LEVEL_LABELS, OUTFLOW_HEADERS, SHARE_HEADERS, Outflow, Share

translate = QCoreApplication.translate

MEETS, BELOW, NORM = QColor("#2e7d32"), QColor("#c62828"), QColor("#37474f")
UITSTROOM_SERIES = (("regulier", QT_TRANSLATE_NOOP("ReportPage", "Regular"), "#1565c0"),  # report.OUTFLOW_KINDS
                    ("regulier_lks", QT_TRANSLATE_NOOP("ReportPage", "Regular with LKS"), "#64b5f6"),
                    ("beschut", QT_TRANSLATE_NOOP("ReportPage", "Sheltered work"), "#8e24aa"),
                    ("bbz", QT_TRANSLATE_NOOP("ReportPage", "Bbz"), "#f9a825"))
LEVEL_OF_LABEL = {label: level for level, label in LEVEL_LABELS.items()}
LEVEL_TITLES = {"regio": QT_TRANSLATE_NOOP("ReportPage", "Region"),  # shown on screen
                "werkplein": QT_TRANSLATE_NOOP("ReportPage", "Werkplein"),
                "gemeente": QT_TRANSLATE_NOOP("ReportPage", "Municipality")}


def percent_nl(value: float | None, decimals: int = 1) -> str:
    """78,2% ; '—' when there is nothing to divide."""
    return "—" if value is None else f"{format_number_nl(value, decimals)}%"


def level_title(level: str) -> str:
    """'Regio', 'Werkplein', 'Gemeente' as shown (the table's values stay the CSV's Dutch)."""
    return translate("ReportPage", LEVEL_TITLES[level])


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


def _columns(titles: Sequence[tuple[str, bool]], keys: Sequence[str]) -> list[Column]:
    return [Column(title, key, numeric) for (title, numeric), key in zip(titles, keys, strict=True)]


SHARE_COLUMNS = _columns([(QT_TRANSLATE_NOOP("ReportPage", "Level"), False),
                          (QT_TRANSLATE_NOOP("ReportPage", "Name"), False),
                          (QT_TRANSLATE_NOOP("ReportPage", "Leerwerktrajecten"), True),
                          (QT_TRANSLATE_NOOP("ReportPage", "Via leerwerkbedrijf"), True),
                          (QT_TRANSLATE_NOOP("ReportPage", "Share"), True),
                          (QT_TRANSLATE_NOOP("ReportPage", "Norm"), True),
                          (QT_TRANSLATE_NOOP("ReportPage", "Norm met"), False)], SHARE_HEADERS)
UITSTROOM_COLUMNS = _columns([(QT_TRANSLATE_NOOP("ReportPage", "Level"), False),
                              (QT_TRANSLATE_NOOP("ReportPage", "Name"), False),
                              *((label, True) for _k, label, _c in UITSTROOM_SERIES),
                              (QT_TRANSLATE_NOOP("ReportPage", "Total"), True)], OUTFLOW_HEADERS)


def share_table(shares: Sequence[Share]) -> TableData:
    data = TableData(SHARE_COLUMNS)
    for share in shares:
        norm = share.norm_percent
        data.rows.append([LEVEL_LABELS[share.level], share.name, share.leerwerktrajecten, share.via_leerwerkbedrijf,
                          share.share_percent, float(norm) if norm is not None else None, share.meets_norm])
        if share.meets_norm is False:
            data.flagged.add(len(data.rows) - 1)
        if share.level != "gemeente":
            data.bold.add(len(data.rows) - 1)
    return data


def uitstroom_table(outflow: Sequence[Outflow]) -> TableData:
    data = TableData(UITSTROOM_COLUMNS)
    for entry in outflow:
        data.rows.append([LEVEL_LABELS[entry.group.level], entry.group.name, *entry.counts, entry.total])
        if entry.group.level != "gemeente":
            data.bold.add(len(data.rows) - 1)
    return data


class FiguresModel(QAbstractTableModel):
    """A read-only table of figures; numbers right-aligned in Dutch notation, sortable by value."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._data = TableData([])
        self._percent_columns: set[int] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, data: TableData, percent_columns: set[int] | frozenset[int] = frozenset()) -> None:
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
                whole = isinstance(value, float) and value.is_integer() and column.key == "norm_procent"
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
