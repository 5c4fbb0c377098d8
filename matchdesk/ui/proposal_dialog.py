"""A candidate's or a vacancy's proposals (status, dates, score), moved through their statuses.

``ProposalsPanel(app, candidate_id=...)`` or ``ProposalsPanel(app, vacancy_id=...)`` lists the proposals
(``services.proposals.list_proposals``, through an op) with a button per allowed next status
(``PROPOSAL_TRANSITIONS``). A move runs ``services.proposals.move_proposal`` with the version read, and the
list is read again in the same op. Placing opens the trajectory dialog in a placement mode
(``PlacementDialog``): the rules' verdict shows live as the kind and dates change, and saving moves the
proposal to geplaatst and starts the trajectory in one unit of work. A refusal of the rules or a conflict
is a Dutch message.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from matchdesk.domain import PROPOSAL_TRANSITIONS, ProposalStatus
from matchdesk.errors import ConflictError, MatchDeskError
from matchdesk.services.proposals import Moved, ProposalRow, list_proposals, move_proposal
from matchdesk.ui.ops import Ops, show_failure
from matchdesk.ui.placement_dialog import PlacementDialog
from matchdesk.ui.proposals_model import GREEN, GREY, RED, STATUS_LABELS, ProposalsModel

if TYPE_CHECKING:
    from matchdesk.app import App

translate = QCoreApplication.translate

# target status -> (button text, tooltip); the order is the buttons' order. The English source texts of
# MOVES and FINAL_QUESTIONS are translated when shown: translate("ProposalsPanel", text)
MOVES = {
    ProposalStatus.UITGENODIGD: (QT_TRANSLATE_NOOP("ProposalsPanel", "&Invited"),
                                 QT_TRANSLATE_NOOP("ProposalsPanel",
                                                   "The employer invites the candidate for an interview")),
    ProposalStatus.GEPLAATST: (QT_TRANSLATE_NOOP("ProposalsPanel", "&Placed…"),
                               QT_TRANSLATE_NOOP("ProposalsPanel",
                                                 "The candidate has been hired: choose the trajectory and start it")),
    ProposalStatus.AFGEWEZEN: (QT_TRANSLATE_NOOP("ProposalsPanel", "R&ejected"),
                               QT_TRANSLATE_NOOP("ProposalsPanel",
                                                 "The employer has rejected the candidate (final)")),
    ProposalStatus.TERUGGETROKKEN: (QT_TRANSLATE_NOOP("ProposalsPanel", "&Withdrawn"),
                                    QT_TRANSLATE_NOOP("ProposalsPanel", "The proposal has been withdrawn (final)")),
}
FINAL_QUESTIONS = {
    ProposalStatus.AFGEWEZEN: QT_TRANSLATE_NOOP("ProposalsPanel", "Set the proposal to ‘afgewezen’? "
                                                "This cannot be changed afterwards."),
    ProposalStatus.TERUGGETROKKEN: QT_TRANSLATE_NOOP("ProposalsPanel",
                                                     "Withdraw the proposal? This cannot be changed afterwards."),
}


class ProposalsPanel(QWidget):
    """``ProposalsPanel(app, parent=None, *, candidate_id=None, vacancy_id=None)``; ``changed`` after every move.

    The rows arrive through the panel's ops lane (``panel.ops.wait()`` in tests)."""

    changed = Signal()

    def __init__(self, app: App, parent: QWidget | None = None, *, candidate_id: uuid.UUID | None = None,
                 vacancy_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.candidate_id, self.vacancy_id = candidate_id, vacancy_id
        self.ops = Ops(self)
        self.placement_dialog: PlacementDialog | None = None
        self.model = ProposalsModel(for_candidate=vacancy_id is None, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Proposals"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No proposals yet. Propose a candidate from the matching view."))
        self.empty.setStyleSheet(f"color: {GREY}")
        self.message = QLabel()
        self.message.setObjectName("proposalMessage")
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons: dict[ProposalStatus, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("New status:")))
        for status, (text, tip) in MOVES.items():
            text = translate("ProposalsPanel", text)
            button = QPushButton(text)
            button.setToolTip(translate("ProposalsPanel", tip))
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, s=status: self.move_selected(s))
            self.buttons[status] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    # -- data --------------------------------------------------------------------------------------------
    def set_candidate(self, candidate_id: uuid.UUID | None) -> None:
        """Show this candidate's proposals."""
        self.candidate_id = candidate_id
        self.reload()

    def reload(self, keep: uuid.UUID | None = None) -> None:
        """Read the list again through an op; ``keep``: the proposal to select (else the current one)."""
        current = keep or (row.id if (row := self.selected()) is not None else None)
        app, candidate_id, vacancy_id = self.app, self.candidate_id, self.vacancy_id
        self.ops.run(lambda: list_proposals(app, candidate_id=candidate_id, vacancy_id=vacancy_id),
                     lambda rows: self.show_rows(rows, current), key="list")

    def show_rows(self, rows: list[ProposalRow], keep: uuid.UUID | None = None) -> None:
        """Show ``rows`` and select ``keep``, else the first one that can still move."""
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        position = self.model.row_of(keep) if keep is not None else -1
        if position < 0 and rows:
            position = next((i for i, r in enumerate(rows) if PROPOSAL_TRANSITIONS[r.status]), 0)
        if position >= 0:
            self.view.selectRow(position)
        self._update_buttons()

    def selected(self) -> ProposalRow | None:
        model = self.view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    def select_proposal(self, proposal_id: uuid.UUID) -> None:
        position = self.model.row_of(proposal_id)
        if position >= 0:
            self.view.selectRow(position)

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        allowed = PROPOSAL_TRANSITIONS[row.status] if row is not None else frozenset()
        for status, button in self.buttons.items():
            button.setEnabled(status in allowed)

    # -- moving --------------------------------------------------------------------------------------------
    def move_selected(self, status: ProposalStatus) -> bool:
        """Move the selected proposal (True once the move is under way); geplaatst opens the placement dialog."""
        row = self.selected()
        if row is None or status not in PROPOSAL_TRANSITIONS[row.status]:
            return False
        self._clear_message()
        if status == ProposalStatus.GEPLAATST:
            return self.place(row)
        question = FINAL_QUESTIONS.get(status)
        if question is not None:
            question = translate("ProposalsPanel", question)
            answer = QMessageBox.question(self, self.tr("Proposal"),
                                          f"{row.candidate_label} — {row.vacancy_label}\n\n{question}",
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        app, candidate_id, vacancy_id = self.app, self.candidate_id, self.vacancy_id

        def move_and_read() -> tuple[Moved, list[ProposalRow]]:  # one op: the list shows the move at once
            moved = move_proposal(app, row.id, row.version, status)
            return moved, list_proposals(app, candidate_id=candidate_id, vacancy_id=vacancy_id)

        for button in self.buttons.values():  # one move at a time
            button.setEnabled(False)
        self.ops.run(move_and_read, lambda result: self._moved(row, status, result[1]),
                     lambda error: self._move_failed(row, error))
        return True

    def _moved(self, row: ProposalRow, status: ProposalStatus, rows: list[ProposalRow]) -> None:
        self.show_rows(rows, row.id)
        subject = row.vacancy_label if self.model.for_candidate else row.candidate_label
        self.show_message(self.tr("Proposal {subject}: {status}.").format(subject=subject,
                                                                          status=STATUS_LABELS[status]), GREEN)
        self.changed.emit()

    def _move_failed(self, row: ProposalRow, error: Exception) -> None:
        if isinstance(error, ConflictError):
            self.reload(row.id)
            self.show_message(self.tr("{error} The list has been updated.").format(error=error), RED)
        elif isinstance(error, MatchDeskError):
            self._update_buttons()
            self.show_message(str(error), RED)
        else:
            self._update_buttons()
            show_failure(self, error)

    def place(self, row: ProposalRow) -> bool:
        dialog = PlacementDialog(self.app, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.load_failed.connect(lambda message: self.show_message(message, RED))
        dialog.accepted.connect(lambda: self._placed(row))
        dialog.rejected.connect(lambda: self.reload(row.id))
        self.placement_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "placement_dialog", None))
        dialog.open()
        return True

    def _placed(self, row: ProposalRow) -> None:
        self.reload(row.id)
        self.show_message(self.tr("{candidate} has been placed on {vacancy}; the trajectory has started.").format(
            candidate=row.candidate_label, vacancy=row.vacancy_label), GREEN)
        self.changed.emit()

    # -- messages ------------------------------------------------------------------------------------------
    def show_message(self, text: str, color: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {color}; font-weight: {'bold' if color == RED else 'normal'}")
        self.message.show()

    def _clear_message(self, *_args: object) -> None:
        self.message.clear()
        self.message.hide()


def open_proposals_dialog(parent: QWidget | None, app: App, *, candidate_id: uuid.UUID | None = None,
                          vacancy_id: uuid.UUID | None = None, title: str | None = None) -> QDialog:
    """The panel in a window of its own (for example from a vacancy); shown with ``open()``."""
    if title is None:
        title = translate("ProposalsPanel", "Proposals")
    dialog = QDialog(parent)
    dialog.setWindowTitle(f"{title} — MatchDesk")
    panel = ProposalsPanel(app, dialog, candidate_id=candidate_id, vacancy_id=vacancy_id)
    layout = QVBoxLayout(dialog)
    layout.addWidget(panel)
    dialog.panel = panel
    dialog.resize(760, 420)
    dialog.open()
    return dialog


__all__ = ["PlacementDialog", "ProposalRow", "ProposalsModel", "ProposalsPanel", "open_proposals_dialog"]
