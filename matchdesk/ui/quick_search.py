"""Ctrl+K: type a name, number, reference or skill; Enter opens the record.

The dialog calls the quick-search use cases (``services.search``) through its lane of ops: a refresh
when it opens, then one search per pause in typing (``key="search"``: a newer search supersedes an
older one). The lane runs its ops in order, so the first search always sees the refreshed index.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from matchdesk.app import App
from matchdesk.services.search import KIND_LABELS, Hit, quick_search, refresh_search
from matchdesk.ui.ops import Ops


class QuickSearchDialog(QDialog):
    chosen = Signal(str, str)  # kind, key
    searched = Signal()  # the results of the current text are shown (tests)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("Quick search"))
        self.resize(560, 420)
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
        self.ops = Ops(self)
        self._shown_for: str | None = ""  # the text whose results are in the list (None: none yet)
        self._open_when_shown = False
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(self._debounce.start)
        self.query.returnPressed.connect(self.open_current)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        self.ops.run(lambda: refresh_search(app), key="refresh")

    def keyPressEvent(self, event) -> None:  # arrows move through the results while typing
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))
            return
        super().keyPressEvent(event)

    def run_search(self) -> None:
        text, app = self.query.text(), self.app
        self._shown_for = None
        self.ops.run(lambda: quick_search(app, text), lambda hits: self._show(text, hits), key="search")

    def _show(self, text: str, hits: list[Hit]) -> None:
        self.results.clear()
        for hit in hits:
            # the kind labels and the details come from matchdesk.services.search (Dutch by design)
            item = QListWidgetItem(f"{KIND_LABELS[hit.kind]}: {hit.label}  —  {hit.detail}")
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.key))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._shown_for = text
        self.searched.emit()
        if self._open_when_shown and text == self.query.text():
            self._open_when_shown = False
            self.open_current()

    def open_current(self) -> None:
        """Open the chosen result; Enter typed before the results of the last keystroke arrived opens the
        first result of the text as typed, once it is there."""
        if self._debounce.isActive() or self._shown_for != self.query.text():
            self._debounce.stop()
            self._open_when_shown = True
            self.run_search()
            return
        item = self.results.currentItem()
        if item is None:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
        self.chosen.emit(kind, key)
