"""The Matchen page's result table: a model over one frozen ``NamedRanking`` (rows as ``rank --json``
with the names beside them), the score bar of coloured component segments, and the explanation of one row
as HTML with its legend."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QLabel, QStyledItemDelegate

from matchdesk.dates import format_number_nl
from matchdesk.domain import ProposalStatus
from matchdesk.labels import label
from matchdesk.matching.weights import COMPONENT_LABELS

if TYPE_CHECKING:  # the matching use cases (and the engine under them) load on the first ranking, not at start
    from matchdesk.services.match_desk import MatchView, VacancySummary
    from matchdesk.services.matching import NamedRanking

COMPONENT_COLOURS = {
    "required_skills": "#1f5fa8", "desired_skills": "#6a9fd8", "language": "#2e8b57", "travel": "#d08c1f",
    "hours": "#8e6bb8", "start_date": "#7a7a7a", "driving_licence": "#b5543c", "wishes": "#3aa6a0",
}
translate = QCoreApplication.translate

# column key -> English header (translated when shown); the vacancy columns only for a candidate's results
HEADERS = {"rank": "#", "key": QT_TRANSLATE_NOOP("ResultsModel", "Number"),
           "name": QT_TRANSLATE_NOOP("ResultsModel", "Name / title"),
           "employer": QT_TRANSLATE_NOOP("ResultsModel", "Employer"),
           "place": QT_TRANSLATE_NOOP("ResultsModel", "Place"),
           "kind": QT_TRANSLATE_NOOP("ResultsModel", "Kind"), "score": QT_TRANSLATE_NOOP("ResultsModel", "Score"),
           "bar": QT_TRANSLATE_NOOP("ResultsModel", "Components"),
           "proposal": QT_TRANSLATE_NOOP("ResultsModel", "Proposal"),
           "suitable": QT_TRANSLATE_NOOP("ResultsModel", "Suitable")}
CANDIDATE_COLUMNS = ("rank", "key", "name", "score", "bar", "proposal", "suitable")
VACANCY_COLUMNS = ("rank", "key", "name", "score", "bar", "proposal", "employer", "place", "kind", "suitable")
COLUMNS = tuple(HEADERS[k] for k in CANDIDATE_COLUMNS)
BAR_COLUMN = CANDIDATE_COLUMNS.index("bar")
MARK_COLOURS = {ProposalStatus.GEPLAATST: "#d6f0dc", ProposalStatus.UITGENODIGD: "#dcebfa",
                ProposalStatus.VOORGESTELD: "#e8f1fb"}


class ResultsModel(QAbstractTableModel):
    """Holds the last ranking shown (a frozen value from the use case), never a database object, with the
    proposals already made for its pairs (``marks``) and, for a candidate, each vacancy's employer, place
    and kind."""

    ResultRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view: MatchView | None = None
        self.marks: dict[str, ProposalStatus] = {}
        self.keys: tuple[str, ...] = CANDIDATE_COLUMNS

    def set_view(self, view: MatchView) -> None:
        self.beginResetModel()
        self.view = view
        self.marks = dict(view.marks)
        self.keys = CANDIDATE_COLUMNS if view.ranking.direction == "candidates" else VACANCY_COLUMNS
        self.endResetModel()

    def set_ranking(self, ranking: NamedRanking) -> None:
        from matchdesk.services.match_desk import MatchView

        self.set_view(MatchView(ranking))

    def set_marks(self, marks: dict[str, ProposalStatus]) -> None:
        """The proposals read again (after proposing or placing): the marks change, the rows stay."""
        self.marks = dict(marks)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    @property
    def ranking(self) -> NamedRanking | None:
        return self.view.ranking if self.view is not None else None

    @property
    def bar_column(self) -> int:
        return self.keys.index("bar")

    @property
    def results(self) -> tuple[dict, ...]:
        return self.ranking.results if self.ranking is not None else ()

    @property
    def direction(self) -> str:
        return self.ranking.direction if self.ranking is not None else "candidates"

    def key(self, row: int) -> str:
        assert self.ranking is not None
        return self.ranking.key(row)

    def name(self, row: int) -> str:
        """The candidate's name or the vacancy's title for result ``row``."""
        assert self.ranking is not None
        return self.ranking.names.get(self.key(row), self.results[row].get("title", ""))

    def mark(self, row: int) -> ProposalStatus | None:
        return self.marks.get(self.key(row))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.keys)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.keys):
            return translate("ResultsModel", HEADERS[self.keys[section]])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.results) or not 0 <= index.column() < len(self.keys):
            return None
        result, column, row = self.results[index.row()], self.keys[index.column()], index.row()
        if role == self.ResultRole:
            return result
        if role == Qt.ItemDataRole.ForegroundRole and not result["eligible"]:
            return QColor("#888888")
        mark = self.mark(row)
        if role == Qt.ItemDataRole.BackgroundRole and mark in MARK_COLOURS and column in ("proposal", "key", "name"):
            return QColor(MARK_COLOURS[mark])
        if role == Qt.ItemDataRole.FontRole and column == "proposal" and mark is not None:
            font = QFont()
            font.setBold(mark == ProposalStatus.GEPLAATST)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == "bar":
            return "\n".join(f"{COMPONENT_LABELS[k]}: {format_number_nl(v, 1)}"
                             for k, v in result["components"].items())
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(row, column, result, mark)

    def _text(self, row: int, column: str, result: dict, mark: ProposalStatus | None) -> str:
        if column == "suitable":
            return (self.tr("yes") if result["eligible"] else
                    self.tr("no: {reasons}").format(reasons="; ".join(k["message"] for k in result["knockouts"])))
        line = self.view.lines.get(self.key(row)) if self.view is not None else None
        values = {"rank": str(row + 1), "key": self.key(row), "name": self.name(row), "score": str(result["score"]),
                  "bar": "", "proposal": label(mark) if mark is not None else "",
                  "employer": line.employer if line else "", "place": line.place if line else "",
                  "kind": label(line.kind) if line else ""}
        return values[column]


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


def explanation_html(result: dict, name: str) -> str:
    """One result's score, knock-outs, points per component, explanation and questions (texts in the
    ``MatchingPage`` translation context, where they have always been)."""
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


def legend() -> QLabel:
    """The colour of each component, in the bar's order."""
    label = QLabel(" ".join(f"<span style='color:{COMPONENT_COLOURS[k]}'>■</span>&nbsp;{v}"
                            for k, v in COMPONENT_LABELS.items()))
    label.setWordWrap(True)
    return label


def vacancy_html(v: VacancySummary) -> str:
    """The vacancy ranked for: title, employer, place, kind and hours, then its skills and language levels."""
    where = ", ".join(escape(p) for p in (v.employer, v.place) if p)
    facts = [escape(label(v.kind))]
    if v.hours_per_week:
        facts.append(translate("MatchingPage", "{hours} hours a week").format(hours=v.hours_per_week))
    if v.status.value != "open":
        facts.append(escape(label(v.status)))
    lines = [f"<b>{escape(v.title)}</b> ({escape(v.reference)}) — {where} · {' · '.join(facts)}"]
    needs = []
    if v.required_skills:
        needs.append(translate("MatchingPage", "Required: {skills}").format(
            skills=escape(", ".join(v.required_skills))))
    if v.desired_skills:
        needs.append(translate("MatchingPage", "Desired: {skills}").format(
            skills=escape(", ".join(v.desired_skills))))
    if v.languages:
        needs.append(translate("MatchingPage", "Dutch: {levels}").format(levels=", ".join(
            f"{escape(label(skill))} {level.value}" for skill, level in v.languages)))
    if needs:
        lines.append("<span style='color:#444'>" + " · ".join(needs) + "</span>")
    return "<br/>".join(lines)
