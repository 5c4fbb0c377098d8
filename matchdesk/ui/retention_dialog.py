"""Bewaartermijnen for the teamleider: what is past its term, with the reason (``services.retention``), and
the erasure of it after a confirmation. The main window's File menu opens it (``lazy_pages.retention_action``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from matchdesk.dates import format_nl
from matchdesk.plural import capitalised
from matchdesk.services import retention
from matchdesk.ui.ops import Ops

if TYPE_CHECKING:
    from matchdesk.app import App


class RetentionDialog(QDialog):
    """The due records as a table (kind, klantnummer, since, reason); Erase asks once, then erases them all."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = Ops(self)
        self.due: tuple[retention.Due, ...] = ()
        self.setWindowTitle(self.tr("Retention periods"))
        self.summary = QLabel(self.tr("Loading…"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Client number"), self.tr("Since"),
                                              self.tr("Reason")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.erase_button = QPushButton(self.tr("&Erase what is due…"))
        self.erase_button.setEnabled(False)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.erase_button.clicked.connect(self.erase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 460)
        self.load()

    def load(self) -> None:
        self.ops.run(lambda: retention.retention_due(self.app), self.show_due, key="due")

    def show_due(self, due: tuple[retention.Due, ...]) -> None:
        self.due = due
        self.table.setRowCount(len(due))
        for row, item in enumerate(due):
            for column, text in enumerate((capitalised(retention.LABELS[item.record]), item.klantnummer,
                                           format_nl(item.since), capitalised(item.reason))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.summary.setText(self.tr("%Ln record(s) past their retention period.", "", len(due)))
        self.erase_button.setEnabled(bool(due))

    def erase(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Erase"),
            self.tr("Erase the personal data of %Ln record(s) for good? This cannot be undone.", "", len(self.due)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.erase_button.setEnabled(False)
        self.ops.run(lambda: retention.apply_retention(self.app), lambda _done: self.load(), key="erase")
