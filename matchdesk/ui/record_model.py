"""The table model of the record lists: the paged model, showing enumerated values by their Dutch display name
(``matchdesk.labels``; the rows keep the codes, which the export writes) and archived records marked (grey,
italic, "(gearchiveerd)" after the first column, a tooltip)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from matchdesk.labels import label
from matchdesk.ui.list_model import PagedTableModel

_ARCHIVED = QBrush(QColor("#777777"))


class RecordTableModel(PagedTableModel):
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.values[index.column()]
            text = label(value) if isinstance(value, StrEnum) else super().data(index, role)
            if row.archived and index.column() == 0:
                return self.tr("{value} (archived)").format(value=text)
            return text
        if row.archived:
            if role == Qt.ItemDataRole.ForegroundRole:
                return _ARCHIVED
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Archived")
        return super().data(index, role)
