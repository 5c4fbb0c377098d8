"""Contact moments of a candidate, with what to ask at the next contact (from the matching engine:
the data a score component still needs)."""

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

from matchdesk.dates import format_nl
from matchdesk.errors import MatchDeskError
from matchdesk.services.candidates import CONTACT_KINDS, add_contact_moment, contact_moments


class ContactsPanel(QWidget):
    def __init__(self, ctx, candidate_id: uuid.UUID, klantnummer: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.candidate_id, self.klantnummer = ctx, candidate_id, klantnummer
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.questions.setAccessibleName(self.tr("Questions at the next contact"))
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Contact moments"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Type"), self.tr("Staff member"), self.tr("Summary"), self.tr("Next contact")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.date = QDateEdit(QDate(ctx.today.year, ctx.today.month, ctx.today.day))
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Contact date"))
        self.kind = QComboBox()
        self.kind.addItems(CONTACT_KINDS)
        self.kind.setAccessibleName(self.tr("Contact type"))
        self.summary = QLineEdit(placeholderText=self.tr("Short report (no medical details)"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.plan_next = QCheckBox(self.tr("Next contact on"))
        self.next = QDateEdit(QDate(ctx.today.year, ctx.today.month, ctx.today.day).addDays(14))
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
        with self.ctx.db.reading() as session:
            moments = contact_moments(session, self.candidate_id)
        self.table.setRowCount(len(moments))
        for r, m in enumerate(moments):
            for c, text in enumerate((format_nl(m.date), m.kind, m.medewerker, m.summary or "",
                                      format_nl(m.next_contact))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        asks = self._questions()
        self.questions.setText(
            self.tr("<b>Questions at the next contact:</b> {questions}").format(questions="; ".join(asks)) if asks
            else self.tr("All data needed for matching is known."))

    def _questions(self) -> list[str]:
        try:
            from matchdesk.ui.matching_page import match_service

            return match_service(self.ctx).questions_for(self.klantnummer)
        except (ImportError, MatchDeskError):
            return []

    def add(self) -> bool:
        date = self.date.date().toPython()
        next_contact = self.next.date().toPython() if self.plan_next.isChecked() else None
        try:
            with self.ctx.db.unit(self.ctx.user) as session:
                add_contact_moment(session, self.candidate_id, date, self.kind.currentText(), self.summary.text(),
                                   next_contact)
        except MatchDeskError as error:
            self.message.setText(str(error))
            return False
        self.message.clear()
        self.summary.clear()
        self.reload()
        return True
