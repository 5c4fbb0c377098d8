"""One table model for every list: rows fetched lazily in pages, sorted and filtered in SQL."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from matchdesk.services.lists import ListFilter, ListRow, ListSpec, count_rows, fetch_page

PAGE = 200
_ATTENTION = QBrush(QColor("#a61b1b"))


class PagedTableModel(QAbstractTableModel):
    """Holds only the pages seen so far; a new sort or filter starts again from the first page."""

    KeyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, db, spec: ListSpec, today: dt.date, parent=None) -> None:
        super().__init__(parent)
        self._db, self._spec, self._today = db, spec, today
        self._rows: list[ListRow] = []
        self._total = 0
        self._filter = ListFilter()
        self._sort, self._descending = spec.columns[0].key, False

    @property
    def spec(self) -> ListSpec:
        return self._spec

    @property
    def total(self) -> int:
        return self._total

    @property
    def current_filter(self) -> ListFilter:
        return self._filter

    def set_filter(self, flt: ListFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self._db.reading() as session:
            self._total = count_rows(session, self._spec, self._filter, self._today)
            self._rows = fetch_page(session, self._spec, self._filter, self._today, self._sort, self._descending,
                                    0, PAGE)
        self.endResetModel()

    def all_rows(self) -> list[ListRow]:
        """Every row under the current filter and sort (for export of the list)."""
        with self._db.reading() as session:
            return fetch_page(session, self._spec, self._filter, self._today, self._sort, self._descending, 0,
                              max(self._total, 1))

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        with self._db.reading() as session:
            more = fetch_page(session, self._spec, self._filter, self._today, self._sort, self._descending,
                              len(self._rows), PAGE)
        if not more:  # rows were deleted meanwhile
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row_at(self, row: int) -> ListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._spec.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._spec.columns)):
            return self._spec.columns[section].label
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.values[index.column()]
        if role == self.KeyRole:
            return row.key
        if role == Qt.ItemDataRole.ForegroundRole and row.attention:
            return _ATTENTION
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._spec.columns):
            return
        self._sort = self._spec.columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
