"""The Matchen page's result table: a model over one frozen ``NamedRanking`` (rows as ``rank --json``
with the names beside them), the score bar of coloured component segments, and the explanation of one row
as HTML with its legend."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QStyledItemDelegate

from matchdesk.dates import format_number_nl
from matchdesk.matching.weights import COMPONENT_LABELS

if TYPE_CHECKING:  # the matching use cases (and the engine under them) load on the first ranking, not at start
    from matchdesk.services.matching import NamedRanking

COMPONENT_COLOURS = {
    "required_skills": "#1f5fa8", "desired_skills": "#6a9fd8", "language": "#2e8b57", "travel": "#d08c1f",
    "hours": "#8e6bb8", "start_date": "#7a7a7a", "driving_licence": "#b5543c", "wishes": "#3aa6a0",
}
translate = QCoreApplication.translate

COLUMNS = ("#", QT_TRANSLATE_NOOP("ResultsModel", "Number"), QT_TRANSLATE_NOOP("ResultsModel", "Name / title"),
           QT_TRANSLATE_NOOP("ResultsModel", "Score"), QT_TRANSLATE_NOOP("ResultsModel", "Components"),
           QT_TRANSLATE_NOOP("ResultsModel", "Suitable"))
BAR_COLUMN = 4


class ResultsModel(QAbstractTableModel):
    """Holds the last ranking shown (a frozen value from the use case), never a database object."""

    ResultRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ranking: NamedRanking | None = None

    def set_ranking(self, ranking: NamedRanking) -> None:
        self.beginResetModel()
        self.ranking = ranking
        self.endResetModel()

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

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(COLUMNS):
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
            return "\n".join(f"{COMPONENT_LABELS[k]}: {format_number_nl(v, 1)}"
                             for k, v in result["components"].items())
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        suitable = (self.tr("yes") if result["eligible"] else
                    self.tr("no: {reasons}").format(reasons="; ".join(k["message"] for k in result["knockouts"])))
        return (str(index.row() + 1), self.key(index.row()), self.name(index.row()), str(result["score"]), "",
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
