"""A candidate's or a vacancy's proposals (status, dates, score), moved through their statuses.

``ProposalsPanel(ctx, candidate_id=...)`` or ``ProposalsPanel(ctx, vacancy_id=...)`` lists the
proposals with a button per allowed next status (``PROPOSAL_TRANSITIONS``). Placing opens the
trajectory dialog in a placement mode (``PlacementDialog``): the rules' verdict shows live as the kind
and dates change, and saving moves the proposal to geplaatst and starts the trajectory in one unit of
work through ``services.proposals.move``. A refusal of the rules or a conflict is a Dutch message.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
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

from matchdesk.dates import format_nl
from matchdesk.domain import PROPOSAL_TRANSITIONS, ProposalStatus, Provider, TrajectoryKind, VacancyKind
from matchdesk.errors import ConflictError, MatchDeskError
from matchdesk.ui.trajectory_dialog import TrajectoryDialog, select_data

translate = QCoreApplication.translate

_AnyIndex = QModelIndex | QPersistentModelIndex
RED, GREEN, GREY = "#b00020", "#1b6e2a", "#5f6368"

# the statuses' own (Dutch domain) names, as everywhere in MatchDesk and on the command line
STATUS_LABELS = {ProposalStatus.VOORGESTELD: "voorgesteld", ProposalStatus.UITGENODIGD: "uitgenodigd",
                 ProposalStatus.GEPLAATST: "geplaatst", ProposalStatus.AFGEWEZEN: "afgewezen",
                 ProposalStatus.TERUGGETROKKEN: "teruggetrokken"}
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
# the trajectory a placement usually starts, by the kind of vacancy
PLACEMENT_KINDS = {VacancyKind.REGULIER: TrajectoryKind.REGULIER, VacancyKind.GARANTIEBAAN: TrajectoryKind.REGULIER_LKS,
                   VacancyKind.LEERWERKPLEK: TrajectoryKind.LEERWERKTRAJECT,
                   VacancyKind.PROEFPLAATS: TrajectoryKind.PROEFPLAATSING, VacancyKind.BESCHUT: TrajectoryKind.BESCHUT}


@dataclass
class ProposalRow:
    id: uuid.UUID
    version: int
    status: ProposalStatus
    proposed_on: dt.date
    status_changed_on: dt.date
    score: int | None
    proposed_by: str
    candidate_id: uuid.UUID
    klantnummer: str
    candidate_name: str
    vacancy_id: uuid.UUID
    reference: str
    vacancy_title: str
    vacancy_kind: VacancyKind | None
    vacancy_provider: Provider | None
    vacancy_start: dt.date | None
    employer: str

    @property
    def vacancy_label(self) -> str:
        return f"{self.vacancy_title} ({self.reference})"

    @property
    def candidate_label(self) -> str:
        return f"{self.candidate_name} ({self.klantnummer})" if self.candidate_name else self.klantnummer


def load_proposals(session, *, candidate_id: uuid.UUID | None = None,
                   vacancy_id: uuid.UUID | None = None) -> list[ProposalRow]:
    """The proposals of one candidate or one vacancy, newest first (plain rows, no ORM objects)."""
    from sqlalchemy import select

    from matchdesk.storage.models import Candidate, Employer, Proposal, Vacancy

    query = (select(Proposal.id, Proposal.version, Proposal.status, Proposal.proposed_on, Proposal.status_changed_on,
                    Proposal.score, Proposal.proposed_by, Candidate.id, Candidate.klantnummer, Candidate.voornaam,
                    Candidate.tussenvoegsel, Candidate.achternaam, Vacancy.id, Vacancy.reference, Vacancy.title,
                    Vacancy.kind, Vacancy.provider, Vacancy.start_date, Employer.name)
             .join(Candidate, Candidate.id == Proposal.candidate_id)
             .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
             .join(Employer, Employer.id == Vacancy.employer_id)
             .order_by(Proposal.proposed_on.desc(), Proposal.created_at.desc()))
    if candidate_id is not None:
        query = query.where(Proposal.candidate_id == candidate_id)
    if vacancy_id is not None:
        query = query.where(Proposal.vacancy_id == vacancy_id)
    rows = []
    for (pid, version, status, proposed_on, changed_on, score, by, cid, klant, voornaam, tussenvoegsel, achternaam,
         vid, reference, title, kind, provider, start, employer) in session.execute(query):
        name = " ".join(p for p in (voornaam, tussenvoegsel, achternaam) if p)
        rows.append(ProposalRow(pid, version, status, proposed_on, changed_on, score, by, cid, klant, name, vid,
                                reference, title, kind, provider, start, employer))
    return rows


class ProposalsModel(QAbstractTableModel):
    """Proposals as a table. For a candidate the first columns name the vacancy and employer, for a
    vacancy the candidate."""

    ProposalRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, for_candidate: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.for_candidate = for_candidate
        # the columns by key (used in code) and by their translated titles (shown)
        self.keys = (("vacancy", "employer") if for_candidate else ("candidate",)) + (
            "status", "since", "proposed_on", "score", "proposed_by")
        titles = {"vacancy": self.tr("Vacancy"), "employer": self.tr("Employer"), "candidate": self.tr("Candidate"),
                  "status": self.tr("Status"), "since": self.tr("Since"), "proposed_on": self.tr("Proposed on"),
                  "score": self.tr("Score"), "proposed_by": self.tr("Proposed by")}
        self.columns = tuple(titles[key] for key in self.keys)
        self.rows: list[ProposalRow] = []

    def set_rows(self, rows: list[ProposalRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, proposal_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == proposal_id), -1)

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section]
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        row, key = self.rows[index.row()], self.keys[index.column()]
        if role == self.ProposalRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "vacancy": row.vacancy_label, "employer": row.employer, "candidate": row.candidate_label,
                "status": STATUS_LABELS.get(row.status, str(row.status)), "since": format_nl(row.status_changed_on),
                "proposed_on": format_nl(row.proposed_on), "score": "" if row.score is None else str(row.score),
                "proposed_by": row.proposed_by,
            }[key]
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "score":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status == ProposalStatus.GEPLAATST:
                return QBrush(QColor(GREEN))
            if not PROPOSAL_TRANSITIONS[row.status]:
                return QBrush(QColor(GREY))
        return None


class PlacementDialog(TrajectoryDialog):
    """The trajectory dialog for a placement: the vacancy's kind fixed, its trajectory kind and provider
    chosen, and Save moves the proposal to geplaatst and starts the trajectory in one unit of work."""

    def __init__(self, ctx, proposal: ProposalRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, proposal.candidate_id, parent, mode="start")
        self.proposal = proposal
        self.setWindowTitle(self.tr("Place — {candidate} at {employer}").format(candidate=self.candidate_name,
                                                                                employer=proposal.employer))
        self.setAccessibleName(self.tr("Place"))
        about = QLabel(self.tr("Placement on {vacancy} at {employer}. Placing starts this trajectory; the proposal "
                               "gets the status geplaatst.").format(
            vacancy=f"<b>{html.escape(proposal.vacancy_label)}</b>", employer=html.escape(proposal.employer)))
        about.setWordWrap(True)
        self.layout().insertWidget(1, about)
        if proposal.vacancy_kind is not None:
            select_data(self.vacancy_kind, proposal.vacancy_kind)
            select_data(self.kind, PLACEMENT_KINDS.get(proposal.vacancy_kind, TrajectoryKind.REGULIER))
        if proposal.vacancy_provider is not None:
            select_data(self.provider, proposal.vacancy_provider)
        self.vacancy_kind.setEnabled(False)  # it is the vacancy's: the service judges with the same
        self.vacancy_kind.setToolTip(self.tr("The vacancy's kind"))
        self.update_verdict()

    def _save_text(self) -> str:
        return self.tr("&Place")

    def save(self) -> None:
        from sqlalchemy import select

        from matchdesk.services.proposals import move
        from matchdesk.storage.models import Trajectory

        if not self.save_allowed():
            return
        data = self.trajectory_input()
        override = self.override.toPlainText().strip() or None if self.is_teamleider else None
        try:
            with self.ctx.db.unit(self.ctx.user) as session:
                moved = move(session, self.ctx.rulebooks, self.proposal.id, self.proposal.version,
                             ProposalStatus.GEPLAATST, self.ctx.today, placement=data, override_reason=override)
                session.flush()
                self.trajectory_id = session.scalar(select(Trajectory.id).where(Trajectory.proposal_id == moved.id))
        except MatchDeskError as error:
            self.show_error(str(error))
            return
        self.accept()


class ProposalsPanel(QWidget):
    """``ProposalsPanel(ctx, parent=None, *, candidate_id=None, vacancy_id=None)``; ``changed`` after every move."""

    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None, *, candidate_id: uuid.UUID | None = None,
                 vacancy_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.candidate_id, self.vacancy_id = candidate_id, vacancy_id
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
    def set_candidate(self, candidate_id: uuid.UUID | None, session=None) -> None:
        """Show this candidate's proposals; ``session``: read with the caller's open session."""
        self.candidate_id = candidate_id
        self.reload(session=session)

    def reload(self, keep: uuid.UUID | None = None, session=None) -> None:
        current = keep or (self.selected().id if self.selected() else None)
        rows: list[ProposalRow] = []
        if self.candidate_id is not None or self.vacancy_id is not None:
            if session is not None:
                rows = load_proposals(session, candidate_id=self.candidate_id, vacancy_id=self.vacancy_id)
            else:
                with self.ctx.db.reading() as own:
                    rows = load_proposals(own, candidate_id=self.candidate_id, vacancy_id=self.vacancy_id)
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        position = self.model.row_of(current) if current is not None else -1
        if position < 0 and rows:
            position = next((i for i, r in enumerate(rows) if PROPOSAL_TRANSITIONS[r.status]), 0)
        if position >= 0:
            self.view.selectRow(position)
        self._update_buttons()

    def selected(self) -> ProposalRow | None:
        model = self.view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    def select(self, proposal_id: uuid.UUID) -> None:
        position = self.model.row_of(proposal_id)
        if position >= 0:
            self.view.selectRow(position)

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        allowed = PROPOSAL_TRANSITIONS[row.status] if row is not None else frozenset()
        for status, button in self.buttons.items():
            button.setEnabled(status in allowed)

    # -- moving --------------------------------------------------------------------------------------------
    def move_selected(self, status: ProposalStatus) -> bool:
        """Move the selected proposal; geplaatst opens the placement dialog (True once it is shown)."""
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
        from matchdesk.services.proposals import move

        try:
            with self.ctx.db.unit(self.ctx.user) as session:
                move(session, self.ctx.rulebooks, row.id, row.version, status, self.ctx.today)
        except ConflictError as error:
            self.reload(row.id)
            self.show_message(self.tr("{error} The list has been updated.").format(error=error), RED)
            return False
        except MatchDeskError as error:
            self.show_message(str(error), RED)
            return False
        self.reload(row.id)
        subject = row.vacancy_label if self.model.for_candidate else row.candidate_label
        self.show_message(self.tr("Proposal {subject}: {status}.").format(subject=subject,
                                                                          status=STATUS_LABELS[status]), GREEN)
        self.changed.emit()
        return True

    def place(self, row: ProposalRow) -> bool:
        try:
            dialog = PlacementDialog(self.ctx, row, self)
        except MatchDeskError as error:
            self.show_message(str(error), RED)
            return False
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
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

    def _clear_message(self, *_args) -> None:
        self.message.clear()
        self.message.hide()


def open_proposals_dialog(parent, ctx, *, candidate_id: uuid.UUID | None = None,
                          vacancy_id: uuid.UUID | None = None, title: str | None = None) -> QDialog:
    """The panel in a window of its own (for example from a vacancy); shown with ``open()``."""
    if title is None:
        title = translate("ProposalsPanel", "Proposals")
    dialog = QDialog(parent)
    dialog.setWindowTitle(f"{title} — MatchDesk")
    panel = ProposalsPanel(ctx, dialog, candidate_id=candidate_id, vacancy_id=vacancy_id)
    layout = QVBoxLayout(dialog)
    layout.addWidget(panel)
    dialog.panel = panel
    dialog.resize(760, 420)
    dialog.open()
    return dialog


__all__ = ["PlacementDialog", "ProposalRow", "ProposalsModel", "ProposalsPanel", "load_proposals",
           "open_proposals_dialog"]
