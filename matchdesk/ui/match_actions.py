"""What the Matchen page does with the results selected, in both directions (candidates for a vacancy,
vacancies for a candidate): propose (after a confirmation naming how many), print a shortlist of the
selected candidates or the anonymised profile for the selected vacancy, place one pair in one step, and
export the results. Every action is a use case on the page's lane of ops; after a proposal or a placement
the marks ("Voorgesteld", "Geplaatst") are read again.

``MatchActions`` is a mixin of ``MatchingPage`` (it uses the page's ``app``, ``ops``, ``model``, ``table``,
``status`` and signals)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from matchdesk.domain import ProposalStatus
from matchdesk.errors import MatchDeskError
from matchdesk.services import match_desk
from matchdesk.services.proposals import Pair, ProposedMany, placement_row, propose_pairs
from matchdesk.ui import file_dialogs
from matchdesk.ui.ops import show_failure

if TYPE_CHECKING:
    from matchdesk.services.proposals import ProposalRow
    from matchdesk.ui.placement_dialog import PlacementDialog

# a pair with a proposal in one of these is not proposed again
OPEN_OR_PLACED = (ProposalStatus.VOORGESTELD, ProposalStatus.UITGENODIGD, ProposalStatus.GEPLAATST)


class MatchActions:
    placement_dialog: PlacementDialog | None = None

    # -- the selection -----------------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """The rows selected, in the table's order (the current row when nothing is selected)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return rows

    def _pairs(self, rows: list[int]) -> list[Pair]:
        ranking = self.model.ranking
        assert ranking is not None
        pairs = []
        for row in rows:
            result = self.model.results[row]
            klantnummer, reference = self._pair_of(row)
            pairs.append(Pair(klantnummer, reference, result["score"], result["explanation"]))
        return pairs

    def _pair_of(self, row: int) -> tuple[str, str]:
        ranking = self.model.ranking
        assert ranking is not None
        if ranking.direction == "candidates":
            return self.model.key(row), str(ranking.vacancy)
        return str(ranking.query["candidate"]), self.model.key(row)

    def _stored_pairs(self) -> bool:
        """A stored vacancy and a candidate on each row (not a vacancy typed in)."""
        ranking = self.model.ranking
        return ranking is not None and (ranking.vacancy is not None or ranking.direction == "vacancies")

    # -- propose -----------------------------------------------------------------------------------------
    def propose_selected(self) -> bool:
        """Propose the selected pairs after a confirmation naming how many (an op); False when there is
        nothing to propose or the user says no."""
        rows = self.selected_rows()
        if not rows or not self._stored_pairs():
            return False
        rows = [row for row in rows if self.model.mark(row) not in OPEN_OR_PLACED]  # not twice
        if not rows:
            self.status.setText(self.tr("The selection has been proposed already."))
            return False
        pairs = self._pairs(rows)
        if self.model.direction == "candidates":
            question = self.counted("propose candidates", len(pairs)).format(vacancy=self.subject_name())
        else:
            question = self.counted("propose vacancies", len(pairs)).format(candidate=self.subject_name())
        answer = QMessageBox.question(self, self.tr("Propose"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        app = self.app
        self.ops.run(lambda: propose_pairs(app, pairs), self._proposed_many, self._propose_failed)
        return True

    def _proposed_many(self, outcome: ProposedMany) -> None:
        done = outcome.proposed
        if len(done) == 1:
            self.status.setText(self.tr("Candidate {klantnummer} proposed for {reference}.").format(
                klantnummer=done[0].klantnummer, reference=done[0].reference))
        elif done:
            self.status.setText(self.counted("proposed", len(done)))
        self.reload_marks()
        for proposed in done:
            self.proposed.emit(proposed.klantnummer, proposed.reference)
        if outcome.refused:
            lines = "\n".join(f"{pair.klantnummer} — {pair.reference}: {reason}" for pair, reason in outcome.refused)
            QMessageBox.warning(self, self.tr("Propose"), lines if not done else self.tr(
                "Not proposed:\n{lines}").format(lines=lines))

    def _propose_failed(self, error: Exception) -> None:
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self, self.tr("Propose"), str(error))
        else:
            show_failure(self, error)

    def reload_marks(self) -> None:
        ranking, app = self.model.ranking, self.app
        if ranking is None or not self._stored_pairs():
            return
        if ranking.direction == "candidates":
            reference = ranking.vacancy
            self.ops.run(lambda: match_desk.proposal_marks(app, reference=reference), self._show_marks, key="marks")
        else:
            klantnummer = str(ranking.query["candidate"])
            self.ops.run(lambda: match_desk.proposal_marks(app, klantnummer=klantnummer), self._show_marks,
                         key="marks")

    def _show_marks(self, marks: dict) -> None:
        self.model.set_marks(marks)
        self._update_actions()
        self.marked.emit()

    # -- print -------------------------------------------------------------------------------------------
    def print_shortlist(self) -> bool:
        """The print preview of the selected candidates' shortlist for the vacancy ranked for."""
        from matchdesk.ui.print_preview import preview_shortlist

        ranking, rows = self.model.ranking, self.selected_rows()
        if ranking is None or ranking.vacancy is None or not rows:
            return False
        numbers = [self.model.key(row) for row in rows]
        explanations: dict[str, object] = {self.model.key(row): self.model.results[row] for row in rows}
        self.preview = preview_shortlist(self, self.app, ranking.vacancy, numbers, explanations)
        return True

    def print_selected(self) -> None:
        """The print preview of a profile: the selected candidate's for the vacancy ranked for (a vacancy
        typed in is not printed with it), or the candidate's, anonymised, for the selected vacancy."""
        from matchdesk.ui.print_preview import preview_profile

        ranking, row = self.model.ranking, self.table.currentIndex().row()
        if ranking is None or not 0 <= row < len(self.model.results):
            return
        result = self.model.results[row]
        if ranking.direction == "candidates":
            stored = ranking.vacancy is not None
            self.preview = preview_profile(self, self.app, result["candidate"], vacancy=ranking.vacancy,
                                           explanation=result if stored else None)
        else:
            self.preview = preview_profile(self, self.app, str(ranking.query["candidate"]),
                                           vacancy=self.model.key(row), explanation=result)

    # -- place -------------------------------------------------------------------------------------------
    def place_selected(self) -> bool:
        """Place the current row's pair: the placement dialog opens on its open proposal, or on the pair
        itself (saving then proposes and places at once)."""
        row = self.table.currentIndex().row()
        if not self._stored_pairs() or not 0 <= row < len(self.model.results):
            return False
        klantnummer, reference = self._pair_of(row)
        result, app = self.model.results[row], self.app
        self.ops.run(lambda: placement_row(app, klantnummer, reference),
                     lambda found: self._open_placement(found, result), self._propose_failed)
        return True

    def _open_placement(self, row: ProposalRow, result: dict) -> None:
        from PySide6.QtCore import Qt

        from matchdesk.ui.placement_dialog import PlacementDialog

        dialog = PlacementDialog(self.app, row, self, score=result["score"], explanation=result["explanation"])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.load_failed.connect(lambda message: QMessageBox.warning(self, self.tr("Place"), message))
        dialog.accepted.connect(lambda: self._placed(row))
        dialog.destroyed.connect(lambda *_: setattr(self, "placement_dialog", None))
        self.placement_dialog = dialog
        dialog.open()

    def _placed(self, row: ProposalRow) -> None:
        self.status.setText(self.tr("{candidate} has been placed on {vacancy}; the trajectory has started.").format(
            candidate=row.candidate_label, vacancy=row.vacancy_label))
        self.reload_marks()
        self.placed.emit(row.klantnummer, row.reference)

    # -- export ------------------------------------------------------------------------------------------
    def export_results(self) -> None:
        ranking = self.model.ranking
        if ranking is None:
            return
        suggested = "matchresultaten-{}.csv".format(ranking.vacancy or ranking.query.get("candidate") or "ter-plekke")
        path, _chosen = file_dialogs.get_save_file_name(self, self.tr("Export results"), suggested,
                                                        self.tr("CSV (*.csv);;Excel (*.xlsx);;OpenDocument (*.ods)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """The results as shown, with their marks, written off the GUI thread; ``exported(rows)`` when done."""
        view, app = self.model.view, self.app
        if view is None:
            return
        from dataclasses import replace

        view = replace(view, marks=dict(self.model.marks))
        self.ops.run(lambda: match_desk.export_results(app, view, path), self._exported, self._export_failed)

    def _exported(self, count: int) -> None:
        self.status.setText(self.counted("exported", count))
        self.exported.emit(count)

    def _export_failed(self, error: Exception) -> None:
        if isinstance(error, (OSError, MatchDeskError)):
            QMessageBox.warning(self, self.tr("Export"), self.tr("The export failed: {error}").format(error=error))
        else:
            show_failure(self, error)

    # -- a vacancy typed in, kept ----------------------------------------------------------------------
    def save_typed_vacancy(self) -> None:
        from matchdesk.ui.typed_vacancy_dialog import SaveTypedVacancyDialog

        """Keep the vacancy typed in as a vacancy of an employer; the stored vacancy is ranked at once (so
        its candidates can be proposed)."""
        if not self.typed_fields:
            return
        dialog = SaveTypedVacancyDialog(self.app, self.typed_fields, self)
        dialog.saved.connect(self._typed_saved)
        self.save_dialog = dialog
        dialog.open()

    def _typed_saved(self, reference: str) -> None:
        self.typed_fields = None
        self.saved_vacancy.emit(reference)
        self.rank_vacancy(reference)

