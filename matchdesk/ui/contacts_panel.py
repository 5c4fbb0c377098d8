"""Contact moments of a candidate, with what to ask at the next contact (from the matching engine:
the data a score component still needs)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
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
        self.questions.setAccessibleName("Vragen bij volgend contact")
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName("Contactmomenten")
        self.table.setHorizontalHeaderLabels(["Datum", "Soort", "Medewerker", "Samenvatting", "Volgend contact"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.date = QDateEdit(QDate(ctx.today.year, ctx.today.month, ctx.today.day))
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName("Datum contact")
        self.kind = QComboBox()
        self.kind.addItems(CONTACT_KINDS)
        self.kind.setAccessibleName("Soort contact")
        self.summary = QLineEdit(placeholderText="Kort verslag (geen medische details)")
        self.summary.setAccessibleName("Samenvatting")
        self.plan_next = QCheckBox("Volgend contact op")
        self.next = QDateEdit(QDate(ctx.today.year, ctx.today.month, ctx.today.day).addDays(14))
        self.next.setDisplayFormat("dd-MM-yyyy")
        self.next.setCalendarPopup(True)
        self.next.setAccessibleName("Datum volgend contact")
        self.add_button = QPushButton("Contact &vastleggen")
        self.add_button.clicked.connect(self.add)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(self.kind)
        form.addRow("Datum en soort:", row)
        form.addRow("Verslag:", self.summary)
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
        self.questions.setText("<b>Vragen bij volgend contact:</b> " + "; ".join(asks) if asks
                               else "Alle gegevens voor het matchen zijn bekend.")

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
