"""Matching: candidates for a vacancy (stored, or typed in at the employer's table) or vacancies for a
candidate, with a bar per score component and the explanation of the selected result.

Ranking runs on a worker thread (``BackgroundTask``); a new query supersedes the one still running.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.dates import format_number_nl
from matchdesk.domain import Doelgroep, LanguageSkill, VacancyKind
from matchdesk.errors import MatchDeskError
from matchdesk.ui.background import BackgroundTask
from matchdesk.ui.page import Page

COMPONENT_COLOURS = {
    "required_skills": "#1f5fa8", "desired_skills": "#6a9fd8", "language": "#2e8b57", "travel": "#d08c1f",
    "hours": "#8e6bb8", "start_date": "#7a7a7a", "driving_licence": "#b5543c", "wishes": "#3aa6a0",
}
translate = QCoreApplication.translate

COLUMNS = ("#", QT_TRANSLATE_NOOP("ResultsModel", "Number"), QT_TRANSLATE_NOOP("ResultsModel", "Name / title"),
           QT_TRANSLATE_NOOP("ResultsModel", "Score"), QT_TRANSLATE_NOOP("ResultsModel", "Components"),
           QT_TRANSLATE_NOOP("ResultsModel", "Suitable"))
BAR_COLUMN = 4

def match_service(ctx: App):
    """The application object's MatchService: its candidate index stays warm between queries."""
    return ctx.matcher


class ResultsModel(QAbstractTableModel):
    ResultRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.results: list[dict] = []
        self.names: dict[str, str] = {}
        self.direction = "candidates"

    def set_results(self, results: list[dict], names: dict[str, str], direction: str) -> None:
        self.beginResetModel()
        self.results, self.names, self.direction = results, names, direction
        self.endResetModel()

    def key(self, row: int) -> str:
        result = self.results[row]
        return result.get("candidate") or result.get("vacancy")

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return translate("ResultsModel", COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.results):
            return None
        result = self.results[index.row()]
        if role == self.ResultRole:
            return result
        if role == Qt.ItemDataRole.ForegroundRole and not result["eligible"]:
            return QColor("#888888")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == BAR_COLUMN:
            from matchdesk.matching.weights import COMPONENT_LABELS

            return "\n".join(f"{COMPONENT_LABELS[k]}: {format_number_nl(v, 1)}" for k, v in result["components"].items())
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        key = self.key(index.row())
        suitable = (self.tr("yes") if result["eligible"] else
                    self.tr("no: {reasons}").format(reasons="; ".join(k["message"] for k in result["knockouts"])))
        return (str(index.row() + 1), key, self.names.get(key, result.get("title", "")), str(result["score"]), "",
                suitable)[index.column()]


class ComponentBarDelegate(QStyledItemDelegate):
    """The score as one bar of coloured segments, one per component, on a 0-100 scale."""

    def paint(self, painter: QPainter, option, index) -> None:
        result = index.data(ResultsModel.ResultRole)
        if result is None:
            return super().paint(painter, option, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 6, -4, -6)
        painter.fillRect(rect, QColor("#eeeeee"))
        x = rect.left()
        for name in COMPONENT_COLOURS:  # always in the legend's order
            points = result["components"].get(name, 0.0)
            width = rect.width() * max(0.0, points) / 100
            colour = QColor(COMPONENT_COLOURS.get(name, "#999999"))
            if not result["eligible"]:
                colour.setAlpha(90)
            painter.fillRect(QRectF(x, rect.top(), width, rect.height()), colour)
            x += width
        painter.restore()


class TypedVacancyDialog(QDialog):
    """A vacancy typed in on the spot (not stored): the vacancy import's fields."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vacancy on the spot"))
        self.title = QLineEdit()
        self.kind = QComboBox()
        for kind in VacancyKind:
            self.kind.addItem(kind.value, kind.value)
        self.place = QLineEdit()
        self.hours = QSpinBox()
        self.hours.setRange(0, 60)
        self.hours.setSpecialValueText(self.tr("unknown"))
        self.required = QLineEdit(placeholderText=self.tr("e.g. heftruckcertificaat; orderpicken"))
        self.desired = QLineEdit(placeholderText=self.tr("separated by ;"))
        self.licence = QLineEdit(placeholderText=self.tr("e.g. B or C"))
        self.levels = {}
        form = QFormLayout(self)
        for label, widget in ((self.tr("&Title:"), self.title), (self.tr("&Kind:"), self.kind),
                              (self.tr("&Place:"), self.place), (self.tr("&Hours per week:"), self.hours),
                              (self.tr("Re&quired skills:"), self.required),
                              (self.tr("&Desired skills:"), self.desired),
                              (self.tr("Driving &licence required:"), self.licence)):
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, widget)
        for skill, label, name in (
                (LanguageSkill.SPREKEN, self.tr("Minimum &speaking:"), self.tr("Minimum Dutch speaking")),
                (LanguageSkill.LUISTEREN, self.tr("Minimum liste&ning:"), self.tr("Minimum Dutch listening")),
                (LanguageSkill.LEZEN, self.tr("Minimum r&eading:"), self.tr("Minimum Dutch reading")),
                (LanguageSkill.SCHRIJVEN, self.tr("Minimum &writing:"), self.tr("Minimum Dutch writing"))):
            box = QComboBox()
            box.setAccessibleName(name)
            box.addItems([self.tr("no requirement"), "A1", "A2 (1F)", "B1 (2F)", "B2 (3F)", "C1 (4F)"])
            self.levels[skill] = box
            form.addRow(label, box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Rank"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def fields(self) -> dict:
        fields = {"titel": self.title.text(), "soort": self.kind.currentData(), "plaats": self.place.text(),
                  "uren_per_week": self.hours.value() or None, "vereiste_vaardigheden": self.required.text(),
                  "gewenste_vaardigheden": self.desired.text(), "rijbewijs_vereist": self.licence.text()}
        for skill, box in self.levels.items():
            if box.currentIndex() > 0:
                fields[f"min_nl_{skill.value}"] = box.currentText().split()[0]
        return fields


class MatchingPage(Page):
    title = QT_TRANSLATE_NOOP("Page", "Matching")
    ranked = Signal()  # a ranking is shown (tests, screenshots)

    def __init__(self, ctx: App, parent=None) -> None:
        super().__init__(ctx, parent)
        self.typed_fields: dict | None = None
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
        for name in sorted(ctx.rulebooks.municipalities()):
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
        right_layout.addWidget(_legend())
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

        self.task = BackgroundTask(self)
        self.task.finished.connect(self._show_ranking)
        self.task.failed.connect(self._show_failure)
        self.task.busy_changed.connect(self._busy)

    # -- queries ---------------------------------------------------------------------------------------
    def _direction_changed(self, for_candidate: bool) -> None:
        self.query.setPlaceholderText(self.tr("Klantnummer of the candidate") if for_candidate
                                      else self.tr("Reference of the vacancy, e.g. V2026-00001"))
        self.typed_button.setEnabled(not for_candidate)
        self.doelgroep.setEnabled(not for_candidate)

    def filters(self):
        from matchdesk.matching.engine import Filters

        return Filters(municipality=self.municipality.currentData(), doelgroep=self.doelgroep.currentData(),
                       max_distance_km=self.max_distance.value() or None, min_score=self.min_score.value() or None,
                       available_now=self.available_now.isChecked())

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
        self.typed_fields = fields
        self.query.clear()
        self._start("candidates", lambda service, flt: service.rank_for_vacancy_fields(fields, self.ctx.today, flt, top=50))

    def run(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.status.setText(self.tr("Enter a reference or klantnummer."))
            return
        self.typed_fields = None
        if self.for_candidate.isChecked():
            self._start("vacancies", lambda service, flt: service.rank_for_candidate(text, self.ctx.today, flt, top=50))
        else:
            self._start("candidates", lambda service, flt: service.rank_for_vacancy(text, self.ctx.today, flt, top=50))

    def _start(self, direction: str, query) -> None:
        ctx, flt = self.ctx, self.filters()

        def work():
            ranking = query(match_service(ctx), flt)
            return direction, ranking, _names(ctx.db, direction, ranking.results)

        self.status.setText(self.tr("Ranking…"))
        self.task.start(work)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)

    def _show_ranking(self, outcome) -> None:
        direction, ranking, names = outcome
        self.ranking = ranking
        self.model.set_results(ranking.results, names, direction)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(BAR_COLUMN, 180)
        if direction == "candidates":
            shown = self.tr("{shown} of {total} candidates")
        else:
            shown = self.tr("{shown} of {total} vacancies and leerwerkplekken")
        self.status.setText(shown.format(shown=len(ranking.results), total=ranking.total))
        self.explanation.clear()
        if ranking.results:
            self.table.selectRow(0)
        self.ranked.emit()

    def _show_failure(self, error) -> None:
        self.status.setText("")
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self, self.tr("Matching"), str(error))
        else:
            raise error  # the global handler logs it without personal data

    # -- the selected result ---------------------------------------------------------------------------
    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.results[index.row()] if index.isValid() else None

    def _show_explanation(self, current, _previous=None) -> None:
        result = self.model.results[current.row()] if current.isValid() else None
        candidate_direction = self.model.direction == "candidates"
        self.propose_button.setEnabled(result is not None and candidate_direction and self.typed_fields is None)
        self.print_button.setEnabled(result is not None and candidate_direction)
        if result is None:
            self.explanation.clear()
            return
        self.explanation.setHtml(explanation_html(result, self.model.names.get(self.model.key(current.row()), "")))

    def _open(self, row: int) -> None:
        key = self.model.key(row)
        self.open_record.emit("kandidaat" if self.model.direction == "candidates" else "vacature", key)

    def propose_selected(self) -> bool:
        from matchdesk.services.candidates import get_by_klantnummer
        from matchdesk.services.proposals import propose
        from matchdesk.services.vacancies import get_by_reference

        result = self.selected()
        if result is None or self.model.direction != "candidates":
            return False
        reference = self.ranking.query.get("vacancy")
        try:
            with self.ctx.db.unit(self.ctx.user) as session:
                candidate = get_by_klantnummer(session, result["candidate"])
                vacancy = get_by_reference(session, reference)
                propose(session, candidate.id, vacancy.id, self.ctx.today, score=result["score"],
                        explanation=result["explanation"])
        except MatchDeskError as error:
            QMessageBox.warning(self, self.tr("Propose"), str(error))
            return False
        self.status.setText(self.tr("Candidate {klantnummer} proposed for {reference}.").format(
            klantnummer=result["candidate"], reference=reference))
        return True

    def print_selected(self) -> None:
        result = self.selected()
        if result is None:
            return
        try:
            from matchdesk.ui.print_preview import preview_profile
        except ImportError:
            return
        stored = self.typed_fields is None
        preview_profile(self, self.ctx, result["candidate"], vacancy=self.ranking.query.get("vacancy") if stored else None,
                        explanation=result if stored else None)


def explanation_html(result: dict, name: str) -> str:
    from html import escape

    from matchdesk.matching.weights import COMPONENT_LABELS

    heading = translate("MatchingPage", "{name} — {score} points").format(name=escape(name), score=result["score"])
    lines = [f"<h3>{heading}</h3>"]
    if not result["eligible"]:
        lines.append("<p style='color:#a61b1b'><b>" + translate("MatchingPage", "Not suitable:") + "</b> "
                     + escape("; ".join(k["message"] for k in result["knockouts"])) + "</p>")
    lines.append("<table>")
    for key in COMPONENT_COLOURS:
        points = result["components"].get(key, 0.0)
        colour = COMPONENT_COLOURS.get(key, "#999")
        lines.append(f"<tr><td><span style='color:{colour}'>■</span> {escape(COMPONENT_LABELS[key])}</td>"
                     f"<td align='right'>{format_number_nl(points, 1)}</td></tr>")
    lines.append("</table>")
    for line in result["explanation"].splitlines()[2:]:
        lines.append(f"<p>{escape(line)}</p>")
    if result.get("questions"):
        lines.append("<p><b>" + translate("MatchingPage", "Questions for the next contact:") + "</b> "
                     + escape("; ".join(result["questions"])) + "</p>")
    return "\n".join(lines)


def _legend() -> QLabel:
    from matchdesk.matching.weights import COMPONENT_LABELS

    label = QLabel(" ".join(f"<span style='color:{COMPONENT_COLOURS[k]}'>■</span>&nbsp;{v}"
                            for k, v in COMPONENT_LABELS.items()))
    label.setWordWrap(True)
    return label


def _names(db, direction: str, results: list[dict]) -> dict[str, str]:
    """Names (candidates) or titles (vacancies) of the returned rows only: one query."""
    from sqlalchemy import select

    from matchdesk.services.lists import sort_name
    from matchdesk.storage.models import Candidate, Vacancy

    with db.reading() as session:
        if direction == "candidates":
            keys = [r["candidate"] for r in results]
            rows = session.execute(select(Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel,
                                          Candidate.achternaam).where(Candidate.klantnummer.in_(keys),
                                                                      Candidate.deleted_at.is_(None)))
            return {r.klantnummer: sort_name(r.voornaam, r.tussenvoegsel, r.achternaam) for r in rows}
        keys = [r["vacancy"] for r in results]
        return dict(session.execute(select(Vacancy.reference, Vacancy.title).where(Vacancy.reference.in_(keys))).all())
