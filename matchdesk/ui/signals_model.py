"""The Signalen worklist as a table model: due date, term, kind, klantnummer, message; overdue rows in red.

It holds the plain ``Signal`` values a use case returned (``services.signals.signals_for``), never a record.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from matchdesk.dates import format_nl, format_number_nl
from matchdesk.rules.signals import Signal

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
