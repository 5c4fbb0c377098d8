"""Contact moments of a candidate, with what to ask at the next contact (from the matching engine:
the data a score component still needs). Loaded and recorded through ops (``services.contacts``)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.dates import format_nl
from matchdesk.errors import MatchDeskError
from matchdesk.labels import CONTACT_KIND_LABELS
from matchdesk.services.contacts import CONTACT_KINDS, ContactLine, Contacts, contacts_of, record_contact
from matchdesk.ui.ops import Ops, show_failure


class ContactsPanel(QWidget):
    def __init__(self, app: App, candidate_id: uuid.UUID, klantnummer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.candidate_id, self.klantnummer = app, candidate_id, klantnummer
        self.ops = Ops(self)
        today = app.today
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.questions.setAccessibleName(self.tr("Questions at the next contact"))
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Contact moments"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Type"), self.tr("Staff member"), self.tr("Summary"), self.tr("Next contact")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Contact date"))
        self.kind = QComboBox()
        for code in CONTACT_KINDS:
            self.kind.addItem(CONTACT_KIND_LABELS.get(code, code), code)
        self.kind.setAccessibleName(self.tr("Contact type"))
        self.summary = QLineEdit(placeholderText=self.tr("Short report (no medical details)"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.plan_next = QCheckBox(self.tr("Next contact on"))
        self.next = QDateEdit(QDate(today.year, today.month, today.day).addDays(14))
        self.next.setDisplayFormat("dd-MM-yyyy")
        self.next.setCalendarPopup(True)
        self.next.setAccessibleName(self.tr("Next contact date"))
        self.add_button = QPushButton(self.tr("&Record contact"))
        self.add_button.clicked.connect(self.add)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(self.kind)
        date_label = QLabel(self.tr("&Date and type:"))
        date_label.setBuddy(self.date)
        form.addRow(date_label, row)
        summary_label = QLabel(self.tr("Re&port:"))
        summary_label.setBuddy(self.summary)
        form.addRow(summary_label, self.summary)
        next_row = QHBoxLayout()
        next_row.addWidget(self.plan_next)
        next_row.addWidget(self.next)
        next_row.addStretch(1)
        form.addRow("", next_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.questions)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.add_button)
        self.reload()

    def reload(self) -> None:
        """Load the moments and the questions (an op; the table fills when they arrive)."""
        app, candidate_id, klantnummer = self.app, self.candidate_id, self.klantnummer
        self.ops.run(lambda: contacts_of(app, candidate_id, klantnummer), self.show_contacts, key="reload")

    def show_contacts(self, contacts: Contacts) -> None:
        self.table.setRowCount(len(contacts.moments))
        for r, m in enumerate(contacts.moments):
            kind = CONTACT_KIND_LABELS.get(m.kind, m.kind)
            for c, text in enumerate((format_nl(m.date), kind, m.medewerker, m.summary or "",
                                      format_nl(m.next_contact))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        asks = contacts.questions
        self.questions.setText(
            self.tr("<b>Questions at the next contact:</b> {questions}").format(questions="; ".join(asks)) if asks
            else self.tr("All data needed for matching is known."))

    def add(self) -> bool:
        """Record the contact (an op); False when one is being recorded already."""
        if not self.add_button.isEnabled():
            return False
        date = self.date.date().toPython()
        next_contact = self.next.date().toPython() if self.plan_next.isChecked() else None
        app, candidate_id, kind, summary = self.app, self.candidate_id, self.kind.currentData(), self.summary.text()
        self.add_button.setEnabled(False)
        self.ops.run(lambda: record_contact(app, candidate_id, date, kind, summary, next_contact),
                     self._recorded, self._refused)
        return True

    def _recorded(self, _moment: ContactLine) -> None:
        self.add_button.setEnabled(True)
        self.message.clear()
        self.summary.clear()
        self.reload()

    def _refused(self, error: Exception) -> None:
        self.add_button.setEnabled(True)
        if isinstance(error, MatchDeskError):
            self.message.setText(str(error))
        else:
            show_failure(self, error)
