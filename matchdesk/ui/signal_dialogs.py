"""The Signalen page's small dialogs: handle (a short note), snooze until a date, hand over to a colleague.

Each is window-modal and opened with ``open()``; the page acts on ``accepted``. They only ask: the page runs the
use case (``services.signal_states``) as an op.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from matchdesk.services.signal_states import NOTE_MAX


class _AskDialog(QDialog):
    """A question, one field, OK and Cancel."""

    def __init__(self, parent: QWidget, title: str, question: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)


class HandleDialog(_AskDialog):
    """Afhandelen: a short note on what was done (optional)."""

    def __init__(self, parent: QWidget, count: int) -> None:
        super().__init__(parent, self.tr("Handle signals"),
                         self.tr("Mark %n signal(s) as handled. It does not come back unless its facts change.", "",
                                 count))
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("What was done, in a few words"))
        self.note.setAccessibleName(self.tr("Note"))
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note)
        self.form.addRow(note_label, self.note)
        self.ok_button.setText(self.tr("Handled"))


class SnoozeDialog(_AskDialog):
    """Uitstellen tot: the signal is not listed before the date."""

    def __init__(self, parent: QWidget, count: int, today: dt.date) -> None:
        super().__init__(parent, self.tr("Snooze signals"),
                         self.tr("Leave %n signal(s) out of the list until the date.", "", count))
        self.until = QDateEdit()
        self.until.setDisplayFormat("dd-MM-yyyy")
        self.until.setCalendarPopup(True)
        self.until.setDate(QDate(today + dt.timedelta(days=7)))  # no minimum: typing a date passes earlier ones
        self.until.setAccessibleName(self.tr("Snooze until"))
        until_label = QLabel(self.tr("&Until:"))
        until_label.setBuddy(self.until)
        self.form.addRow(until_label, self.until)
        self.ok_button.setText(self.tr("Snooze"))
        self.until.dateChanged.connect(lambda _date: self.ok_button.setEnabled(self.chosen() > today))

    def chosen(self) -> dt.date:
        return self.until.date().toPython()  # type: ignore[return-value]


class HandOverDialog(_AskDialog):
    """Overdragen: the colleague whose list the signal moves to."""

    def __init__(self, parent: QWidget, count: int, names: tuple[str, ...]) -> None:
        super().__init__(parent, self.tr("Hand over signals"),
                         self.tr("Hand %n signal(s) over to a colleague: from now on they are in the colleague's "
                                 "own list.", "", count))
        self.colleague = QComboBox()
        self.colleague.addItems(list(names))
        self.colleague.setAccessibleName(self.tr("Colleague"))
        colleague_label = QLabel(self.tr("&Colleague:"))
        colleague_label.setBuddy(self.colleague)
        self.form.addRow(colleague_label, self.colleague)
        self.ok_button.setText(self.tr("Hand over"))
        self.ok_button.setEnabled(bool(names))

    def chosen(self) -> str:
        return self.colleague.currentText()
