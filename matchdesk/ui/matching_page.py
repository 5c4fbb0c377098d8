"""Matching: candidates for a vacancy (stored, or typed in at the employer's table) or vacancies for a
candidate, with a bar per score component and the explanation of the selected result.

The vacancy or candidate is picked by typing part of it (``MatchPicker``: reference, title, employer or
place; klantnummer or name) and choosing a completion; what is ranked for is shown above the results
(title, employer, kind, skills and language levels; or the candidate), and a candidate's vacancies come
with employer, place and kind. Results are multi-select: propose, print a shortlist or profile, place and
export (``MatchActions``); rows already proposed or placed are marked.

Everything goes through use cases on the page's lane of ops: ``services.match_desk.rank_view`` (the rows
with their names and marks; ``key="rank"``: a new query supersedes the one still running) and the
actions' use cases. The page holds only the frozen values it got back. The matching use cases load on the
first ranking (on the lane's thread), not when the window starts.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
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
from matchdesk.domain import Doelgroep, ProposalStatus
from matchdesk.errors import MatchDeskError
from matchdesk.labels import label
from matchdesk.services import match_desk
from matchdesk.ui.icons import icon
from matchdesk.ui.match_actions import MatchActions
from matchdesk.ui.match_picker import MatchPicker
from matchdesk.ui.ops import Ops, show_failure
from matchdesk.ui.page import Page
from matchdesk.ui.results_model import ComponentBarDelegate, ResultsModel, explanation_html, legend, vacancy_html
from matchdesk.ui.typed_vacancy_dialog import TypedVacancyDialog

__all__ = ["MatchingPage", "TypedVacancyDialog", "explanation_html"]
# a result with one of these can no longer be placed from the ranking
PLACED_OR_CLOSED = (ProposalStatus.GEPLAATST,)


def rank(app: App, request: dict, filter_values: dict, top: int = 50) -> match_desk.MatchView:
    """The use case behind the page (run on its lane): ``request`` is one of vacancy=, fields=, candidate=."""
    from matchdesk.services.matching import Filters

    return match_desk.rank_view(app, **request, filters=Filters(**filter_values), top=top)


class MatchingPage(Page, MatchActions):
    title = QT_TRANSLATE_NOOP("Page", "Matching")
    ranked = Signal()  # a ranking is shown (tests, screenshots)
    proposed = Signal(str, str)  # klantnummer, reference: the proposal is recorded
    placed = Signal(str, str)  # klantnummer, reference: the placement is recorded, its trajectory started
    marked = Signal()  # the marks were read again after a proposal or placement
    exported = Signal(int)  # rows written by an export
    saved_vacancy = Signal(str)  # the reference of a vacancy typed in and kept

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.typed_fields: dict | None = None  # the vacancy typed in last (for "Save as vacancy…")
        self.preview: QDialog | None = None
        self.for_vacancy = QRadioButton(self.tr("Candidates for a &vacancy"))
        self.for_candidate = QRadioButton(self.tr("Vacancies for a &candidate"))
        self.for_vacancy.setChecked(True)
        self.query = MatchPicker(lambda text: match_desk.find_vacancies(app, text))
        self.query.setPlaceholderText(self.tr("Reference, title, employer or place of the vacancy"))
        self.query.setAccessibleName(self.tr("Vacancy or candidate"))
        self.query.returnPressed.connect(lambda: None if self.query.choosing() else self.run())
        self.query.chosen.connect(lambda _key: self.run())
        self.rank_button = QPushButton(self.tr("&Rank"))
        self.rank_button.clicked.connect(self.run)
        self.typed_button = QPushButton(self.tr("Vacancy on &the spot…"))
        self.typed_button.clicked.connect(self.type_vacancy)
        self.for_candidate.toggled.connect(self._direction_changed)
        self._filters(app)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.subject = QLabel()
        self.subject.setAccessibleName(self.tr("Ranked for"))
        self.subject.setWordWrap(True)
        self.subject.setVisible(False)
        self.save_typed_button = QPushButton(self.tr("Save as v&acancy…"))
        self.save_typed_button.setToolTip(self.tr("Keep this vacancy typed in on the spot as a vacancy of an employer"))
        self.save_typed_button.setVisible(False)
        self.save_typed_button.clicked.connect(self.save_typed_vacancy)
        self.model = ResultsModel(self)
        self.bar_delegate = ComponentBarDelegate(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Results"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(20)  # widths from 20 rows: the rest explain when shown
        self.table.selectionModel().currentRowChanged.connect(self._show_explanation)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.explanation = QTextBrowser()
        self.explanation.setAccessibleName(self.tr("Explanation"))
        self._buttons()
        self._lay_out()
        self.ops = Ops(self)
        self.ops.busy_changed.connect(self.progress.setVisible)

    def _filters(self, app: App) -> None:
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

    def _buttons(self) -> None:
        self.selection_label = QLabel()
        self.propose_button = QPushButton(self.tr("&Propose"))
        self.propose_button.setToolTip(self.tr("Propose the selected results (Ctrl+click or Shift+click to select "
                                               "more than one)"))
        self.propose_button.clicked.connect(self.propose_selected)
        self.shortlist_button = QPushButton(icon("afdrukken"), self.tr("Print &shortlist…"))
        self.shortlist_button.setToolTip(self.tr("The anonymised profiles of the selected candidates, for the "
                                                 "employer"))
        self.shortlist_button.clicked.connect(self.print_shortlist)
        self.print_button = QPushButton(self.tr("Print pro&file…"))
        self.print_button.clicked.connect(self.print_selected)
        self.place_button = QPushButton(self.tr("P&lace…"))
        self.place_button.setToolTip(self.tr("Place the candidate on the vacancy and start the trajectory"))
        self.place_button.clicked.connect(self.place_selected)
        self.export_button = QPushButton(icon("exporteren"), self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("The results as shown, to .csv or .xlsx"))
        self.export_button.clicked.connect(self.export_results)
        for button in (self.propose_button, self.shortlist_button, self.print_button, self.place_button,
                       self.export_button):
            button.setEnabled(False)

    def _lay_out(self) -> None:
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
        subject = QHBoxLayout()
        subject.addWidget(self.subject, 1)
        subject.addWidget(self.save_typed_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>{}</b>".format(self.tr("Explanation"))))
        right_layout.addWidget(self.explanation, 1)
        right_layout.addWidget(legend())
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([780, 320])
        actions = QHBoxLayout()
        actions.addWidget(self.selection_label)
        actions.addStretch(1)
        for button in (self.propose_button, self.shortlist_button, self.print_button, self.place_button,
                       self.export_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(subject)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

    # -- queries ---------------------------------------------------------------------------------------
    def _direction_changed(self, for_candidate: bool) -> None:
        app = self.app
        if for_candidate:
            self.query.setPlaceholderText(self.tr("Klantnummer or name of the candidate"))
            self.query.set_lookup(lambda text: match_desk.find_candidates(app, text))
        else:
            self.query.setPlaceholderText(self.tr("Reference, title, employer or place of the vacancy"))
            self.query.set_lookup(lambda text: match_desk.find_vacancies(app, text))
        self.query.clear()
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
        if self.typed_fields:
            dialog.set_fields(self.typed_fields)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.rank_typed(dialog.fields())

    def rank_typed(self, fields: dict) -> None:
        self.query.clear()
        self.typed_fields = dict(fields)
        self._start({"fields": dict(fields)})

    def run(self) -> None:
        self.query.hide_completions()
        key = self.query.key()
        if not key:
            self.status.setText(self.tr("Enter a reference or klantnummer."))
            return
        self._start({"candidate": key} if self.for_candidate.isChecked() else {"vacancy": key})

    def _start(self, request: dict) -> None:
        app, values = self.app, self.filter_values()
        self.status.setText(self.tr("Ranking…"))
        self.ops.run(lambda: rank(app, request, values), self._show_ranking, self._show_failure, key="rank")

    def _show_ranking(self, view: match_desk.MatchView) -> None:
        self.table.setItemDelegateForColumn(self.model.bar_column, None)
        self.model.set_view(view)
        ranking = view.ranking
        self.table.setItemDelegateForColumn(self.model.bar_column, self.bar_delegate)
        self.table.resizeColumnsToContents()
        widths = {"name": 230, "employer": 200, "place": 130, "kind": 130} if ranking.direction == "candidates" \
            else {"name": 190, "employer": 160, "place": 110, "kind": 120}
        for column, key in enumerate(self.model.keys):
            widest = widths.get(key)
            if widest is not None and self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
            elif key == "proposal":
                self.table.setColumnWidth(column, 100)
        self.table.setColumnWidth(self.model.bar_column, 150 if ranking.direction == "candidates" else 110)
        if ranking.direction == "candidates":
            shown = self.tr("{shown} of {total} candidates")
        else:
            shown = self.tr("{shown} of {total} vacancies and leerwerkplekken")
        self.status.setText(shown.format(shown=len(ranking.results), total=ranking.total))
        self._show_subject(view)
        self.explanation.clear()
        if ranking.results:
            self.table.selectRow(0)
        else:
            self._show_explanation(QModelIndex())
        self._update_actions()
        self.ranked.emit()

    def _show_subject(self, view: match_desk.MatchView) -> None:
        """What was ranked for, above the results."""
        self.save_typed_button.setVisible(view.ranking.typed)
        if view.vacancy is not None:
            self.subject.setText(vacancy_html(view.vacancy))
        elif view.candidate is not None:
            c = view.candidate
            place = f" — {escape(c.woonplaats)}" if c.woonplaats else ""
            group = f" · {escape(label(c.doelgroep))}" if c.doelgroep else ""
            self.subject.setText(f"<b>{escape(c.name)}</b> ({escape(c.klantnummer)}){place}{group}")
        elif view.ranking.typed and self.typed_fields:
            self.subject.setText(self.tr("Vacancy on the spot: <b>{title}</b> (not stored)").format(
                title=escape(self.typed_fields.get("titel") or "")))
        self.subject.setVisible(True)

    def subject_name(self) -> str:
        """The vacancy ("title (reference)") or candidate ("name (klantnummer)") ranked for."""
        view = self.model.view
        if view is not None and view.vacancy is not None:
            return f"{view.vacancy.title} ({view.vacancy.reference})"
        if view is not None and view.candidate is not None:
            return f"{view.candidate.name} ({view.candidate.klantnummer})"
        return ""

    def counted(self, what: str, n: int) -> str:
        """The texts with a number (Qt plurals). They live here, not in the ``MatchActions`` mixin: PySide's
        ``tr()`` stops at the first class of the MRO whose lookup changes the text, and filling in %n does."""
        if what == "propose candidates":
            return self.tr("Propose %n candidate(s) for {vacancy}?", "", n)
        if what == "propose vacancies":
            return self.tr("Propose {candidate} for %n vacancy(ies)?", "", n)
        if what == "proposed":
            return self.tr("%n proposal(s) recorded.", "", n)
        if what == "exported":
            return self.tr("%n result(s) exported.", "", n)
        return self.tr("%n selected", "", n)

    def _show_failure(self, error: Exception) -> None:
        self.status.setText("")
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self, self.tr("Matching"), str(error))
        else:
            show_failure(self, error)  # the exception hook: a dialog, a log without personal data

    # -- the selected results --------------------------------------------------------------------------
    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.results[index.row()] if index.isValid() else None

    def _show_explanation(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        result = self.model.results[current.row()] if current.isValid() else None
        self._update_actions()
        if result is None:
            self.explanation.clear()
            return
        self.explanation.setHtml(explanation_html(result, self.model.name(current.row())))

    def _update_actions(self) -> None:
        rows, ranking = self.selected_rows(), self.model.ranking
        current = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
        stored = self._stored_pairs()
        candidates = self.model.direction == "candidates"
        self.selection_label.setText(self.counted("selected", len(rows)) if rows else "")
        self.propose_button.setEnabled(bool(rows) and stored)
        self.shortlist_button.setVisible(candidates)
        self.shortlist_button.setEnabled(bool(rows) and candidates and stored)
        self.print_button.setEnabled(current >= 0 and (candidates or stored))
        mark = self.model.mark(current) if current >= 0 else None
        self.place_button.setEnabled(current >= 0 and stored and mark not in PLACED_OR_CLOSED)
        self.export_button.setEnabled(ranking is not None and bool(ranking.results))

    def _open(self, row: int) -> None:
        key = self.model.key(row)
        self.open_record.emit("kandidaat" if self.model.direction == "candidates" else "vacature", key)
