"""One table model for every list: rows fetched lazily in pages, sorted and filtered in SQL.

The first page of a new filter or sort comes from an op (``services.lists.first_page``, key "list", so a
quick second keystroke supersedes the first); the rows shown stay until it arrives. Further pages are
fetched while the user scrolls (``fetchMore``, ``services.lists.rows``, 200 at a time) for the query the
shown rows belong to: a page of 200 rows by index is one short read, and a view asks for it only when it
needs rows to paint, so it is read in place rather than through an op (an op would leave the view asking
again and again for rows that are on their way).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from matchdesk.app import App
from matchdesk.dates import format_nl
from matchdesk.domain import Provider, TrajectoryKind, TrajectoryStatus, VacancyKind, VacancyStatus
from matchdesk.labels import label, sector_label
from matchdesk.services import lists
from matchdesk.services.lists import ListFilter, ListQuery, ListRow, ListSlice, ListSpec
from matchdesk.ui.ops import Ops

PAGE = 200
_ATTENTION = QBrush(QColor("#a61b1b"))
_AnyIndex = QModelIndex | QPersistentModelIndex


# (list, column) -> the enumeration whose codes that column holds: shown by their Dutch display names (the
# export of the list keeps the codes, CONTRACTS.md).
ENUM_COLUMNS: dict[tuple[str, str], type] = {
    ("vacature", "soort"): VacancyKind, ("vacature", "status"): VacancyStatus,
    ("traject", "soort"): TrajectoryKind, ("traject", "aanbieder"): Provider, ("traject", "status"): TrajectoryStatus,
}
SECTOR_COLUMNS = {("werkgever", "sector")}


def display(value: object, where: tuple[str, str] | None = None) -> str:
    """A value of a list row as the window shows it (dates dd-mm-jjjj, codes by their display names)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_nl(value)
    if where in ENUM_COLUMNS:
        return label(str(value), ENUM_COLUMNS[where])
    if where in SECTOR_COLUMNS:
        return sector_label(str(value))
    return str(value)


class PagedTableModel(QAbstractTableModel):
    """Holds only the pages seen so far; a new sort or filter starts again from the first page.

    ``loaded`` is emitted when the first page of the current query has arrived."""

    KeyRole = Qt.ItemDataRole.UserRole + 1
    loaded = Signal()

    def __init__(self, app: App, spec: ListSpec, ops: Ops, parent=None) -> None:
        super().__init__(parent)
        self._app, self._spec, self.ops = app, spec, ops
        self._rows: list[ListRow] = []
        self._total = 0
        self._query = ListQuery(spec.name, ListFilter(), spec.columns[0].key, False)  # what is wanted
        self._shown = self._query  # what the rows belong to
        self._started = False  # nothing is read before the first filter is set (a page not yet shown)

    @property
    def spec(self) -> ListSpec:
        return self._spec

    @property
    def total(self) -> int:
        return self._total

    @property
    def current_filter(self) -> ListFilter:
        return self._query.filter

    @property
    def query(self) -> ListQuery:
        """The filter and sort asked for last (the export writes this list)."""
        return self._query

    def set_filter(self, flt: ListFilter) -> None:
        self._query = replace(self._query, filter=flt)
        self._started = True
        self.reload()

    def reload(self) -> None:
        """Fetch the first page of the current query off the GUI thread; ``loaded`` when it is shown."""
        if not self._started:
            return
        app, query = self._app, self._query
        self.ops.run(lambda: lists.first_page(app, query, PAGE), self._show, key="list")

    def _show(self, page: ListSlice) -> None:
        self.beginResetModel()
        self._shown, self._total, self._rows = page.query, page.total, list(page.rows)
        self.endResetModel()
        self.loaded.emit()

    def canFetchMore(self, parent: _AnyIndex = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _AnyIndex = QModelIndex()) -> None:
        if parent.isValid():
            return
        more = lists.rows(self._app, self._shown, len(self._rows), PAGE)
        if not more:  # rows were deleted meanwhile
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row_at(self, row: int) -> ListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._spec.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._spec.columns)):
            return self._spec.columns[section].label
        return None

    def data(self, index: _AnyIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row.values[index.column()], (self._spec.name, self._spec.columns[index.column()].key))
        if role == self.KeyRole:
            return row.key
        if role == Qt.ItemDataRole.ForegroundRole and row.attention:
            return _ATTENTION
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._spec.columns):
            return
        self._query = replace(self._query, sort=self._spec.columns[column].key,
                              descending=order == Qt.SortOrder.DescendingOrder)
        self.reload()
