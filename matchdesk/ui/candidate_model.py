"""The candidate list: a table model that fetches sorted, filtered rows lazily in pages."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from matchdesk.dates import format_nl
from matchdesk.services.lists import CandidateFilter, CandidateRow, candidate_page, count_candidates

PAGE = 200
COLUMNS = (("klantnummer", "Klantnummer"), ("naam", "Naam"), ("woonplaats", "Woonplaats"),
           ("gemeente", "Gemeente"), ("doelgroep", "Doelgroep"), ("categorie", "Categorie"),
           ("geboortedatum", "Geboortedatum"))


class CandidateTableModel(QAbstractTableModel):
    def __init__(self, db, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[CandidateRow] = []
        self._total = 0
        self._filter = CandidateFilter()
        self._sort, self._descending = "naam", False

    # -- loading -------------------------------------------------------------------------------------
    def set_filter(self, flt: CandidateFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self._db.reading() as session:
            self._total = count_candidates(session, self._filter)
            self._rows = candidate_page(session, self._filter, self._sort, self._descending, 0, PAGE)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        with self._db.reading() as session:
            more = candidate_page(session, self._filter, self._sort, self._descending, len(self._rows), PAGE)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row_at(self, row: int) -> CandidateRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model interface --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        values = (row.klantnummer, row.sort_name, row.woonplaats, row.municipality, row.doelgroep, row.categorie,
                  format_nl(row.birth_date))
        return values[index.column()]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
