"""Nieuwe vacature on the Vacatures page: first the employer, found by name or KvK number (the employers
come from ``services.employers.employer_choices`` through the dialog's ops, one search per pause in typing;
archived employers are not offered). Enter or OK takes the chosen one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from matchdesk.app import App
from matchdesk.services.employers import EmployerChoice, employer_choices
from matchdesk.ui.ops import Ops


class EmployerPicker(QDialog):
    searched = Signal()  # the employers for the current text are shown (tests)

    def __init__(self, app: App, parent=None) -> None:
        super().__init__(parent)
        self.app = app
        self.chosen: EmployerChoice | None = None
        self.setWindowTitle(self.tr("New vacancy: employer"))
        self.resize(520, 400)
        intro = QLabel(self.tr("A vacancy belongs to an employer. Which employer is the new vacancy for?"))
        intro.setWordWrap(True)
        self.query = QLineEdit(placeholderText=self.tr("Name or KvK number…"))
        self.query.setAccessibleName(self.tr("Employer name or KvK number"))
        intro.setBuddy(self.query)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Employers"))
        self.empty = QLabel(self.tr("No employer found. Create the employer first on the Employers page."))
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Next"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Cancel"))
        self.buttons.accepted.connect(self.take_current)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.ops = Ops(self)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(self._debounce.start)
        self.results.itemActivated.connect(lambda _item: self.take_current())
        self._take_when_shown = False
        self._shown_for: str | None = None
        self.run_search()

    def keyPressEvent(self, event) -> None:  # arrows move through the employers while typing
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.take_current()
            return
        super().keyPressEvent(event)

    def run_search(self) -> None:
        text, app = self.query.text(), self.app
        self._shown_for = None
        self.ops.run(lambda: employer_choices(app, text), lambda found: self._show(text, found), key="search")

    def _show(self, text: str, found: Sequence[EmployerChoice]) -> None:
        self.results.clear()
        for choice in found:
            item = QListWidgetItem(choice.text)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.empty.setVisible(not found)
        self.ok_button.setEnabled(bool(found))
        self._shown_for = text
        self.searched.emit()
        if self._take_when_shown and text == self.query.text():
            self._take_when_shown = False
            self.take_current()

    def take_current(self) -> None:
        """Take the chosen employer; Enter typed before the employers of the last keystroke arrived takes the
        first one for the text as typed, once it is there."""
        if self.chosen is not None:  # Enter in the list also reaches the dialog: take it once
            return
        if self._debounce.isActive() or self._shown_for != self.query.text():
            self._debounce.stop()
            self._take_when_shown = True
            self.run_search()
            return
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
