"""Geweigerde wijzigingen: the changes the team server refused, newest first, each with the server's version
beside the laptop's (field by field) and why: the rules' findings, or who changed the record meanwhile.
Redo makes the change again on the laptop as it is now (judged by the rules here; sent at the next sync);
Drop lets it go. The use cases are ``matchdesk.sync.desk``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from matchdesk.dates import format_nl
from matchdesk.plural import capitalised
from matchdesk.sync import desk
from matchdesk.ui.ops import Ops

if TYPE_CHECKING:
    from matchdesk.app import App


class RefusedDialog(QDialog):
    changed = Signal()  # a change was redone or dropped

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = Ops(self)
        self.changes: tuple[desk.RefusedChange, ...] = ()
        self.setWindowTitle(self.tr("Refused changes"))
        self.summary = QLabel(self.tr("Loading…"))
        self.list = QTableWidget(0, 4)
        self.list.setHorizontalHeaderLabels([self.tr("Change"), self.tr("Outcome"), self.tr("Made on"),
                                             self.tr("Message")])
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.verticalHeader().hide()
        self.list.itemSelectionChanged.connect(self._show_selected)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setObjectName("refused_reason")
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), self.tr("This laptop"), self.tr("Server")])
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields.verticalHeader().hide()
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.reason)
        detail_layout.addWidget(self.fields)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.redo_button = QPushButton(self.tr("&Redo"))
        self.redo_button.setToolTip(self.tr("Make this change again on this laptop as it is now; it is sent at "
                                            "the next synchronisation"))
        self.drop_button = QPushButton(self.tr("&Drop"))
        self.drop_button.setToolTip(self.tr("Let this change go: the server's version stays"))
        for button in (self.redo_button, self.drop_button):
            button.setEnabled(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.redo_button.clicked.connect(self.redo)
        self.drop_button.clicked.connect(self.drop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.load()

    def load(self) -> None:
        self.ops.run(lambda: desk.refused_changes(self.app), self.show_changes, key="refused")

    def show_changes(self, changes: tuple[desk.RefusedChange, ...]) -> None:
        self.changes = changes
        self.list.setRowCount(len(changes))
        for row, change in enumerate(changes):
            made = change.made_at.replace(tzinfo=dt.UTC).astimezone()
            texts = (capitalised(change.what), self._outcome(change.status),
                     f"{format_nl(made.date())} {made.strftime('%H:%M')}", change.message)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long message reads whole on hover (and in the detail below)
                self.list.setItem(row, column, item)
        self.list.resizeColumnsToContents()
        self.summary.setText(self.tr("%n change(s) refused by the team server.", "", len(changes)) if changes
                             else self.tr("No refused changes."))
        if changes:
            self.list.selectRow(0)
        else:
            self._show_selected()

    def _outcome(self, status: str) -> str:
        return {"rules": self.tr("Refused by the rules"), "conflict": self.tr("Changed by someone else"),
                "invalid": self.tr("Not accepted")}.get(status, status)

    def selected(self) -> desk.RefusedChange | None:
        rows = self.list.selectionModel().selectedRows()
        return self.changes[rows[0].row()] if rows and rows[0].row() < len(self.changes) else None

    def _show_selected(self) -> None:
        change = self.selected()
        self.redo_button.setEnabled(change is not None)
        self.drop_button.setEnabled(change is not None)
        self.fields.setRowCount(0)
        if change is None:
            self.reason.clear()
            return
        lines = [change.message] + [f"• {finding}" for finding in change.findings]
        if change.changed_by:
            when = change.changed_at.replace(tzinfo=dt.UTC).astimezone() if change.changed_at else None
            lines.append(self.tr("Changed on the server by {who}{when}.").format(
                who=change.changed_by, when=f" ({format_nl(when.date())} {when.strftime('%H:%M')})" if when else ""))
        self.reason.setText("\n".join(line for line in lines if line))
        rows: list[tuple[str, str, str]] = []
        for pair in change.rows:
            what = capitalised(pair.what)
            if not pair.on_server:
                rows.append((what, self.tr("Made on this laptop"), self.tr("Not on the server")))
            elif not pair.on_laptop:
                rows.append((what, self.tr("Not on this laptop"), self.tr("On the server")))
            for field in pair.fields:
                rows.append((f"{what}: {field.field.replace('_', ' ')}", field.laptop, field.server))
        self.fields.setRowCount(len(rows))
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.fields.setItem(row, column, QTableWidgetItem(text))

    def redo(self) -> None:
        change = self.selected()
        if change is not None:
            self._busy()
            self.ops.run(lambda: desk.redo_refused(self.app, change.id), self._after, self._failed, key="act")

    def drop(self) -> None:
        change = self.selected()
        if change is not None:
            self._busy()
            self.ops.run(lambda: desk.drop_refused(self.app, change.id), self._after, self._failed, key="act")

    def _busy(self) -> None:
        self.redo_button.setEnabled(False)
        self.drop_button.setEnabled(False)

    def _after(self, _result: object) -> None:
        self.changed.emit()
        self.load()

    def _failed(self, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.tr("Refused changes"), str(error))
        self._show_selected()
