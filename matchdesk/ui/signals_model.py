"""The Signalen worklist as a table model: group header rows (vandaag, binnen een week, later, then overdue by
age) over the signals: due date, term, name, klantnummer, kind, whose, message; overdue rows in red.

It holds the plain ``WorkItem`` values a use case returned (``services.signals.signals_for``), never a record.
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
from PySide6.QtWidgets import QAbstractItemView, QTableView

from matchdesk.dates import format_nl, format_number_nl
from matchdesk.rules.signals import Signal
from matchdesk.services.signal_states import HANDLED, OPEN, SNOOZED
from matchdesk.services.signals import WorkItem

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
# the groups in the order of the list: what is due soon first, then later, then overdue by age
GROUPS = (QT_TRANSLATE_NOOP("SignalsModel", "Today"), QT_TRANSLATE_NOOP("SignalsModel", "Within a week"),
          QT_TRANSLATE_NOOP("SignalsModel", "Later"), QT_TRANSLATE_NOOP("SignalsModel", "Up to 4 weeks overdue"),
          QT_TRANSLATE_NOOP("SignalsModel", "1 to 3 months overdue"),
          QT_TRANSLATE_NOOP("SignalsModel", "More than 3 months overdue"))
OVERDUE = QColor("#b00020")
GROUP_BACKGROUND = QColor("#eef1f5")
OWNER_COLUMN = 5
CLOSED = QColor("#6b7280")  # a handled or snoozed signal (listed on request)


def kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return translate("SignalsPage", label) if label else kind.replace("_", " ")


def group_of(due: dt.date, today: dt.date) -> int:
    """The place of a due date among ``GROUPS``."""
    days = (due - today).days
    if days >= 0:
        return 0 if days == 0 else 1 if days <= 7 else 2
    late = -days
    return 3 if late <= 28 else 4 if late <= 91 else 5


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
    """Group header rows (spanning the table: the view spans them) and under each its signals: Vervaldatum,
    Termijn, Naam, Klantnummer, Soort, Medewerker, Melding. Overdue rows in red. A header row is not selectable."""

    COLUMNS = (QT_TRANSLATE_NOOP("SignalsModel", "Due date"), QT_TRANSLATE_NOOP("SignalsModel", "Term"),
               QT_TRANSLATE_NOOP("SignalsModel", "Name"), QT_TRANSLATE_NOOP("SignalsModel", "Klantnummer"),
               QT_TRANSLATE_NOOP("SignalsModel", "Kind"), QT_TRANSLATE_NOOP("SignalsModel", "Staff member"),
               QT_TRANSLATE_NOOP("SignalsModel", "Message"))  # translated in headerData
    SignalRole = Qt.ItemDataRole.UserRole + 1
    GroupRole = Qt.ItemDataRole.UserRole + 2  # a header row's group number; None on a signal's row

    def __init__(self, today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self._today = today
        self._items: list[WorkItem] = []
        self._rows: list[WorkItem | int] = []  # a group number (header row) or a signal
        self._sort_column, self._sort_order = 0, Qt.SortOrder.AscendingOrder
        bold = QFont()
        bold.setBold(True)
        self._bold = bold

    # -- contents ------------------------------------------------------------------------------------
    def set_items(self, items: list[WorkItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._arrange()
        self.endResetModel()

    def items(self) -> list[WorkItem]:
        """The work items in the order shown."""
        return [row for row in self._rows if isinstance(row, WorkItem)]

    def signals(self) -> list[Signal]:
        return [item.signal for item in self.items()]

    def item_at(self, row: int) -> WorkItem | None:
        found = self._rows[row] if 0 <= row < len(self._rows) else None
        return found if isinstance(found, WorkItem) else None

    def signal_at(self, row: int) -> Signal | None:
        item = self.item_at(row)
        return item.signal if item is not None else None

    def row_of(self, item: WorkItem) -> int | None:
        return next((r for r, row in enumerate(self._rows) if row == item), None)

    def header_rows(self) -> list[int]:
        return [r for r, row in enumerate(self._rows) if not isinstance(row, WorkItem)]

    def signal_count(self) -> int:
        return len(self._items)

    def overdue_count(self) -> int:
        return sum(1 for item in self._items if item.signal.due < self._today)

    # -- Qt model ------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

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
        if self.item_at(index.row()) is None:  # a group header
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.COLUMNS):
            return None
        row = self._rows[index.row()]
        if not isinstance(row, WorkItem):
            return self._header_data(row, index.column(), role)
        signal = row.signal
        column = index.column()
        overdue = signal.due < self._today
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and row.status != OPEN:
            return QBrush(CLOSED)
        if role == Qt.ItemDataRole.ForegroundRole and overdue and column in (0, 1):
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and overdue and column == 1:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, overdue)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(row, column)
            return self.tr("{text} (overdue)").format(text=text) if overdue and column == 0 else text
        if role == self.SignalRole:
            return signal
        return None

    def _header_data(self, group: int, column: int, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and column == 0:
            return self.group_text(group)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(GROUP_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and group >= 3:
            return QBrush(OVERDUE)
        if role == self.GroupRole:
            return group
        return None

    def group_text(self, group: int) -> str:
        count = sum(1 for item in self._items if group_of(item.signal.due, self._today) == group)
        return f"{translate('SignalsModel', GROUPS[group])} ({format_number_nl(count)})"

    def _tooltip(self, item: WorkItem, column: int, overdue: bool) -> str | None:
        if column == 1 and item.status == HANDLED:
            text = self.tr("Handled by {name}").format(name=item.handled_by or "")
            return f"{text}: {item.note}" if item.note else text
        if column == 6:
            return item.signal.message
        if column == OWNER_COLUMN and item.handed_over_by:
            return self.tr("Handed over by {name}").format(name=item.handed_over_by)
        if overdue:
            return self.tr("Overdue since {date}").format(date=format_nl(item.signal.due))
        return None

    def _text(self, item: WorkItem, column: int) -> str:
        signal = item.signal
        if column == 0:
            return format_nl(signal.due)
        if column == 1:
            if item.status == HANDLED:
                return self.tr("handled")
            if item.status == SNOOZED and item.snoozed_until is not None:
                return self.tr("snoozed until {date}").format(date=format_nl(item.snoozed_until))
            return term_text(signal.due, self._today)
        if column == 2:
            return item.name
        if column == 3:
            return signal.candidate
        if column == 4:
            return kind_label(signal.kind)
        if column == OWNER_COLUMN:
            return item.owner or ""
        return signal.message

    def _sort_key(self, item: WorkItem, column: int):
        signal = item.signal
        nearest = abs((signal.due - self._today).days)  # within a group: the nearest date first
        if column in (0, 1):
            return (nearest, signal.candidate)
        text = self._text(item, column).casefold()
        return (text, nearest)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        persistent = self.persistentIndexList()
        self._sort_column, self._sort_order = column, order
        self._arrange()
        position = {id(row): r for r, row in enumerate(self._rows)}
        for index in persistent:
            moved = position.get(id(before[index.row()]))
            self.changePersistentIndex(index, self.index(moved, index.column()) if moved is not None else QModelIndex())
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        """Headers and signals: the groups in their order, each sorted by the chosen column."""
        column, descending = self._sort_column, self._sort_order == Qt.SortOrder.DescendingOrder
        grouped: dict[int, list[WorkItem]] = {}
        for item in self._items:
            grouped.setdefault(group_of(item.signal.due, self._today), []).append(item)
        rows: list[WorkItem | int] = []
        for group in sorted(grouped):
            rows.append(group)
            rows += sorted(grouped[group], key=lambda item: self._sort_key(item, column), reverse=descending)
        self._rows = rows


class WorkTable(QTableView):
    """The work list's table: the keyboard steps over the group headers (they cannot be selected)."""

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        index = super().moveCursor(cursorAction, modifiers)
        model = self.model()
        if not isinstance(model, SignalsModel) or not index.isValid() or model.item_at(index.row()) is not None:
            return index
        Move = QAbstractItemView.CursorAction
        up = cursorAction in (Move.MoveUp, Move.MovePageUp, Move.MovePrevious)
        for step in ((-1, 1) if up else (1, -1)):
            row = index.row() + step
            while 0 <= row < model.rowCount() and model.item_at(row) is None:
                row += step
            if 0 <= row < model.rowCount():
                return model.index(row, index.column())
        return self.currentIndex()
