"""Auditspoor: when, who and what for one candidate, for a teamleider (``services.audit.audit_trail``).

Opened from the candidate editor's "Auditspoor…" button, which is enabled only when the medewerker is a
teamleider (``services.audit.may_read_audit_trail``). The dialog holds the frozen lines the use case returned;
the use case audits the reading itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from matchdesk.plural import capitalised
from matchdesk.services.audit import AuditTrail, audit_trail, may_read_audit_trail
from matchdesk.ui.ops import Ops, run_op, show_failure

if TYPE_CHECKING:
    from matchdesk.app import App


class AuditTrailDialog(QDialog):
    """A candidate's audit trail, newest first: when, who, what (never a value)."""

    def __init__(self, app: App, klantnummer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.klantnummer = klantnummer
        self.trail: AuditTrail | None = None
        self.setWindowTitle(self.tr("Audit trail of candidate {key}").format(key=klantnummer))
        self.resize(760, 480)
        self.summary = QLabel(self.tr("Loading…"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        self.table.setAccessibleName(self.tr("Audit trail"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.ops = Ops(self)
        self.ops.run(lambda: audit_trail(app, klantnummer), self.show_trail, self._failed, key="trail")

    def show_trail(self, trail: AuditTrail) -> None:
        self.trail = trail
        self.table.setRowCount(len(trail.lines))
        for row, line in enumerate(trail.lines):
            what = capitalised(f"{line.action} {line.record_type}") + (f" ({line.fields})" if line.fields else "")
            for column, text in enumerate((f"{line.at:%d-%m-%Y %H:%M:%S}", line.medewerker, what, line.detail or "")):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("%Ln entries (times in UTC)", "", len(trail.lines)))

    def _failed(self, error: Exception) -> None:
        self.summary.setText(self.tr("The audit trail could not be read."))
        show_failure(self, error)


def audit_trail_button(editor: QWidget, buttons: QDialogButtonBox, app: App) -> QPushButton:
    """The editor's "Auditspoor…" button: disabled until the use case says the medewerker is a teamleider."""
    button = buttons.addButton(QCoreApplication.translate("AuditTrailDialog", "Audit trail…"),
                               QDialogButtonBox.ButtonRole.ActionRole)
    button.setObjectName("audit_trail")
    button.setToolTip(QCoreApplication.translate("AuditTrailDialog",
                                                 "Who viewed or changed this candidate, and when (teamleider)"))
    button.setEnabled(False)
    run_op(editor, lambda: may_read_audit_trail(app), button.setEnabled, lambda _error: None)
    return button
