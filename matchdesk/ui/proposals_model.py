"""The proposals table: frozen ``ProposalRow`` values from ``services.proposals.list_proposals``, one per row.

For a candidate the first columns name the vacancy and the employer, for a vacancy the candidate. Column
keys are used in code; their translated titles are shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from matchdesk.dates import format_nl
from matchdesk.domain import PROPOSAL_TRANSITIONS, ProposalStatus
from matchdesk.services.proposals import ProposalRow

_AnyIndex = QModelIndex | QPersistentModelIndex
RED, GREEN, GREY = "#b00020", "#1b6e2a", "#5f6368"

# the statuses' own (Dutch domain) names, as everywhere in MatchDesk and on the command line
STATUS_LABELS = {ProposalStatus.VOORGESTELD: "voorgesteld", ProposalStatus.UITGENODIGD: "uitgenodigd",
                 ProposalStatus.GEPLAATST: "geplaatst", ProposalStatus.AFGEWEZEN: "afgewezen",
                 ProposalStatus.TERUGGETROKKEN: "teruggetrokken"}


class ProposalsModel(QAbstractTableModel):
    """Proposals as a table. For a candidate the first columns name the vacancy and employer, for a
    vacancy the candidate."""

    ProposalRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, for_candidate: bool = True, parent: QObject | None = None) -> None:
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

    def set_rows(self, rows: Sequence[ProposalRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, proposal_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == proposal_id), -1)

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section]
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
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
