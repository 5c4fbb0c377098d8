"""Ctrl+K: type a name, number, reference or skill; Enter opens the record."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from matchdesk.services.search import KIND_LABELS, QuickSearch


def search_index(ctx) -> QuickSearch:
    """The application object's in-memory index, refreshed each time the dialog opens."""
    index = ctx.search
    index.reload()
    return index


class QuickSearchDialog(QDialog):
    chosen = Signal(str, str)  # kind, key

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quick search"))
        self.resize(560, 420)
        self.index = search_index(ctx)
        self.query = QLineEdit(placeholderText=self.tr("Name, client number, KvK, reference or skill…"))
        self.query.setAccessibleName(self.tr("Search term"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.hint = QLabel(self.tr("Arrows to choose, Enter to open, Esc to close."))
        self.query.setAccessibleDescription(self.hint.text())
        self.hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(self._debounce.start)
        self.query.returnPressed.connect(self.open_current)
        self.results.itemActivated.connect(lambda _item: self.open_current())

    def keyPressEvent(self, event) -> None:  # arrows move through the results while typing
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))
            return
        super().keyPressEvent(event)

    def run_search(self) -> None:
        self.results.clear()
        for hit in self.index.search(self.query.text()):
            # the kind labels and the details come from matchdesk.services.search (Dutch by design)
            item = QListWidgetItem(f"{KIND_LABELS[hit.kind]}: {hit.label}  —  {hit.detail}")
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.key))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def open_current(self) -> None:
        if self._debounce.isActive():
            self._debounce.stop()
            self.run_search()
        item = self.results.currentItem()
        if item is None:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
        self.chosen.emit(kind, key)
