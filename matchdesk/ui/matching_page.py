"""Matching: candidates for a vacancy (stored, or typed in at the employer's table) or vacancies for a
candidate, with a bar per score component and the explanation of the selected result.

Everything goes through use cases on the page's lane of ops: ``services.matching.rank_named`` (the rows
with their names; ``key="rank"``: a new query supersedes the one still running) and
``services.proposals.propose_from_ranking``. The page holds only the frozen ranking it got back. The
matching use cases load on the first ranking (on the lane's thread), not when the window starts.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.domain import Doelgroep
from matchdesk.errors import MatchDeskError
from matchdesk.ui.ops import Ops, show_failure
from matchdesk.ui.page import Page
from matchdesk.ui.results_model import BAR_COLUMN, ComponentBarDelegate, ResultsModel, explanation_html, legend
from matchdesk.ui.typed_vacancy_dialog import TypedVacancyDialog

__all__ = ["MatchingPage", "TypedVacancyDialog", "explanation_html"]


def rank(app: App, request: dict, filter_values: dict, top: int = 50):
    """The use case behind the page (run on its lane): ``request`` is one of vacancy=, fields=, candidate=."""
    from matchdesk.services.matching import Filters, rank_named

    return rank_named(app, **request, filters=Filters(**filter_values), top=top)


def propose(app: App, klantnummer: str, reference: str, score: int, explanation: str):
    from matchdesk.services.proposals import propose_from_ranking

    return propose_from_ranking(app, klantnummer, reference, score, explanation)


class MatchingPage(Page):
    title = QT_TRANSLATE_NOOP("Page", "Matching")
    ranked = Signal()  # a ranking is shown (tests, screenshots)
    proposed = Signal(str, str)  # klantnummer, reference: the proposal is recorded

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.for_vacancy = QRadioButton(self.tr("Candidates for a &vacancy"))
        self.for_candidate = QRadioButton(self.tr("Vacancies for a &candidate"))
        self.for_vacancy.setChecked(True)
        self.query = QLineEdit(placeholderText=self.tr("Reference of the vacancy, e.g. V2026-00001"))
        self.query.setAccessibleName(self.tr("Vacancy or candidate"))
        self.query.returnPressed.connect(self.run)
        self.rank_button = QPushButton(self.tr("&Rank"))
        self.rank_button.clicked.connect(self.run)
        self.typed_button = QPushButton(self.tr("Vacancy on &the spot…"))
        self.typed_button.clicked.connect(self.type_vacancy)
        self.for_candidate.toggled.connect(self._direction_changed)
        self.municipality = QComboBox()
        self.municipality.setAccessibleName(self.tr("Municipality"))
        self.municipality.addItem(self.tr("Municipality: all"), None)
        for name in sorted(app.rulebooks.municipalities()):
            self.municipality.addItem(name, name)
        self.doelgroep = QComboBox()
        self.doelgroep.setAccessibleName(self.tr("Doelgroep"))
        self.doelgroep.addItem(self.tr("Doelgroep: all"), None)
        for d in Doelgroep:
            self.doelgroep.addItem(self.tr("Doelgroep {doelgroep}").format(doelgroep=d.value), d.value)
        self.max_distance = QSpinBox()
        self.max_distance.setAccessibleName(self.tr("Maximum distance"))
        self.max_distance.setRange(0, 300)
        self.max_distance.setSpecialValueText(self.tr("Distance: any"))
        self.max_distance.setSuffix(" km")
        self.min_score = QSpinBox()
        self.min_score.setAccessibleName(self.tr("Minimum score"))
        self.min_score.setRange(0, 100)
        self.min_score.setPrefix(self.tr("Score from "))
        self.available_now = QCheckBox(self.tr("Available &now"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.model = ResultsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Results"))
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(BAR_COLUMN, ComponentBarDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_explanation)
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.explanation = QTextBrowser()
        self.explanation.setAccessibleName(self.tr("Explanation"))
        self.propose_button = QPushButton(self.tr("&Propose"))
        self.propose_button.setEnabled(False)
        self.propose_button.clicked.connect(self.propose_selected)
        self.print_button = QPushButton(self.tr("Print pro&file…"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_selected)

        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{self.title}</b>"))
        top.addWidget(self.for_vacancy)
        top.addWidget(self.for_candidate)
        top.addWidget(self.query, 1)
        top.addWidget(self.rank_button)
        top.addWidget(self.typed_button)
        filters = QHBoxLayout()
        for widget in (self.municipality, self.doelgroep, self.max_distance, self.min_score, self.available_now):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.progress)
        filters.addWidget(self.status)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>{}</b>".format(self.tr("Explanation"))))
        right_layout.addWidget(self.explanation, 1)
        right_layout.addWidget(legend())
        buttons = QHBoxLayout()
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([640, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.ops = Ops(self)
        self.ops.busy_changed.connect(self.progress.setVisible)

    # -- queries ---------------------------------------------------------------------------------------
    def _direction_changed(self, for_candidate: bool) -> None:
        self.query.setPlaceholderText(self.tr("Klantnummer of the candidate") if for_candidate
                                      else self.tr("Reference of the vacancy, e.g. V2026-00001"))
        self.typed_button.setEnabled(not for_candidate)
        self.doelgroep.setEnabled(not for_candidate)

    def filter_values(self) -> dict:
        """The filters as chosen (``Filters`` keyword arguments)."""
        return {"municipality": self.municipality.currentData(), "doelgroep": self.doelgroep.currentData(),
                "max_distance_km": self.max_distance.value() or None, "min_score": self.min_score.value() or None,
                "available_now": self.available_now.isChecked()}

    def rank_vacancy(self, reference: str) -> None:
        self.for_vacancy.setChecked(True)
        self.query.setText(reference)
        self.run()

    def rank_candidate(self, klantnummer: str) -> None:
        self.for_candidate.setChecked(True)
        self.query.setText(klantnummer)
        self.run()

    def type_vacancy(self) -> None:
        dialog = TypedVacancyDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.rank_typed(dialog.fields())

    def rank_typed(self, fields: dict) -> None:
        self.query.clear()
        self._start({"fields": dict(fields)})

    def run(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.status.setText(self.tr("Enter a reference or klantnummer."))
            return
        self._start({"candidate": text} if self.for_candidate.isChecked() else {"vacancy": text})

    def _start(self, request: dict) -> None:
        app, values = self.app, self.filter_values()
        self.status.setText(self.tr("Ranking…"))
        self.ops.run(lambda: rank(app, request, values), self._show_ranking, self._show_failure, key="rank")

    def _show_ranking(self, ranking) -> None:
        self.model.set_ranking(ranking)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(BAR_COLUMN, 180)
        if ranking.direction == "candidates":
            shown = self.tr("{shown} of {total} candidates")
        else:
            shown = self.tr("{shown} of {total} vacancies and leerwerkplekken")
        self.status.setText(shown.format(shown=len(ranking.results), total=ranking.total))
        self.explanation.clear()
        if ranking.results:
            self.table.selectRow(0)
        else:
            self._show_explanation(QModelIndex())
        self.ranked.emit()

    def _show_failure(self, error: Exception) -> None:
        self.status.setText("")
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self, self.tr("Matching"), str(error))
        else:
            show_failure(self, error)  # the exception hook: a dialog, a log without personal data

    # -- the selected result ---------------------------------------------------------------------------
    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.results[index.row()] if index.isValid() else None

    def _show_explanation(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        ranking = self.model.ranking
        result = self.model.results[current.row()] if current.isValid() else None
        self.propose_button.setEnabled(result is not None and ranking is not None and ranking.vacancy is not None)
        self.print_button.setEnabled(result is not None and self.model.direction == "candidates")
        if result is None:
            self.explanation.clear()
            return
        self.explanation.setHtml(explanation_html(result, self.model.name(current.row())))

    def _open(self, row: int) -> None:
        key = self.model.key(row)
        self.open_record.emit("kandidaat" if self.model.direction == "candidates" else "vacature", key)

    def propose_selected(self) -> bool:
        """Put the selected candidate forward for the ranked vacancy (an op); False when there is nothing to
        propose. ``proposed`` and a status line when it is recorded; a Dutch message when the rules say no."""
        result, ranking = self.selected(), self.model.ranking
        if result is None or ranking is None or ranking.vacancy is None:
            return False
        app, klantnummer, reference = self.app, result["candidate"], ranking.vacancy
        score, explanation = result["score"], result["explanation"]
        self.ops.run(lambda: propose(app, klantnummer, reference, score, explanation),
                     lambda _proposed: self._proposed(klantnummer, reference), self._propose_failed)
        return True

    def _proposed(self, klantnummer: str, reference: str) -> None:
        self.status.setText(self.tr("Candidate {klantnummer} proposed for {reference}.").format(
            klantnummer=klantnummer, reference=reference))
        self.proposed.emit(klantnummer, reference)

    def _propose_failed(self, error: Exception) -> None:
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self, self.tr("Propose"), str(error))
        else:
            show_failure(self, error)

    def print_selected(self) -> None:
        """The print preview of the selected candidate's profile, with this ranking's score and explanation
        for a stored vacancy (a vacancy typed in is not printed with it)."""
        from matchdesk.ui.print_preview import preview_profile

        result, ranking = self.selected(), self.model.ranking
        if result is None or ranking is None or self.model.direction != "candidates":
            return
        stored = ranking.vacancy is not None
        preview_profile(self, self.app, result["candidate"], vacancy=ranking.vacancy,
                        explanation=result if stored else None)
