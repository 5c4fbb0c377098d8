"""The trajectory dialog for a placement: the vacancy's kind fixed, its trajectory kind and provider chosen,
and Save moves the proposal to geplaatst and starts the trajectory in one unit of work
(``services.proposals.move_proposal`` through an op, with the proposal's version as read)."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from matchdesk.domain import ProposalStatus, Provider, TrajectoryKind
from matchdesk.services.proposals import (
    EMPLOYER_KINDS,
    NO_PROPOSAL,
    PLACEMENT_KINDS,
    ProposalRow,
    move_proposal,
    place_pair,
)
from matchdesk.services.trajectories import TrajectoryInput
from matchdesk.ui.trajectory_dialog import TrajectoryDialog
from matchdesk.ui.trajectory_form import select_data

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.services.trajectory_cases import TrajectoryForm

class PlacementDialog(TrajectoryDialog):
    """``PlacementDialog(app, proposal, parent=None)``: ``proposal`` is the row read from the proposals list,
    or from the matching view (``services.proposals.placement_row``; for a pair not yet proposed, saving
    proposes and places at once, with the ranking's ``score`` and ``explanation``).
    ``load_failed(message)`` when the candidate no longer exists (the dialog then closes)."""

    load_failed = Signal(str)

    def __init__(self, app: App, proposal: ProposalRow, parent: QWidget | None = None, *, score: int | None = None,
                 explanation: str | None = None) -> None:
        super().__init__(app, proposal.candidate_id, parent, mode="start")
        self.proposal = proposal
        self.score, self.explanation = score, explanation
        self.candidate_name = proposal.candidate_label
        self.setWindowTitle(self._title())
        self.setAccessibleName(self.tr("Place"))
        about = QLabel(self.tr("Placement on {vacancy} at {employer}. Placing starts this trajectory; the proposal "
                               "gets the status geplaatst.").format(
            vacancy=f"<b>{html.escape(proposal.vacancy_label)}</b>", employer=html.escape(proposal.employer)))
        about.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, about)
        self.vacancy_kind.setEnabled(False)  # it is the vacancy's: the service judges with the same
        self.vacancy_kind.setToolTip(self.tr("The vacancy's kind"))

    def _title(self) -> str:
        return self.tr("Place — {candidate} at {employer}").format(candidate=self.candidate_name,
                                                                   employer=self.proposal.employer)

    def _fill(self) -> None:
        super()._fill()
        proposal = self.proposal
        if proposal.vacancy_kind is not None:
            select_data(self.vacancy_kind, proposal.vacancy_kind)
            select_data(self.kind, PLACEMENT_KINDS.get(proposal.vacancy_kind, TrajectoryKind.REGULIER))
        if proposal.vacancy_provider is not None:
            select_data(self.provider, proposal.vacancy_provider)
        elif proposal.vacancy_kind in EMPLOYER_KINDS:  # a job at the employer, not at the leerwerkbedrijf
            select_data(self.provider, Provider.WERKGEVER)

    def _report_load_failure(self, message: str) -> None:
        self.load_failed.emit(message)

    def _save_text(self) -> str:
        return self.tr("&Place")

    def _write(self, form: TrajectoryForm, data: TrajectoryInput,
               override: str | None) -> Callable[[], uuid.UUID | None]:
        app, proposal = self.app, self.proposal
        if proposal.id == NO_PROPOSAL:
            score, explanation = self.score, self.explanation
            return lambda: place_pair(app, proposal, data, override_reason=override, score=score,
                                      explanation=explanation).trajectory_id
        return lambda: move_proposal(app, proposal.id, proposal.version, ProposalStatus.GEPLAATST, placement=data,
                                     override_reason=override).trajectory_id
