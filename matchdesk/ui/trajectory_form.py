"""The trajectory form's pieces: the choice tables (English source texts of the TrajectoryDialog context,
translated when shown), the date and choice widgets, and the verdict's colours and text.

Used by ``TrajectoryDialog`` and ``PlacementDialog``; no data access here.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from matchdesk.dates import format_nl, format_number_nl, months_between_inclusive
from matchdesk.domain import Location, Provider, TrajectoryKind, VacancyKind
from matchdesk.rules.facts import Finding

translate = QCoreApplication.translate
E = TypeVar("E", bound=StrEnum)

MODES = ("start", "extend", "end")
MODE_TITLES = {"start": QT_TRANSLATE_NOOP("TrajectoryDialog", "Start trajectory"),
               "extend": QT_TRANSLATE_NOOP("TrajectoryDialog", "Extend trajectory"),
               "end": QT_TRANSLATE_NOOP("TrajectoryDialog", "End trajectory")}
SAVE_TEXTS = {"start": QT_TRANSLATE_NOOP("TrajectoryDialog", "&Start"),
              "extend": QT_TRANSLATE_NOOP("TrajectoryDialog", "E&xtend"),
              "end": QT_TRANSLATE_NOOP("TrajectoryDialog", "&End")}

KIND_LABELS = {
    TrajectoryKind.LEERWERKTRAJECT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Leerwerktraject"),
    TrajectoryKind.PROEFPLAATSING: QT_TRANSLATE_NOOP("TrajectoryDialog", "Proefplaatsing"),
    TrajectoryKind.DETACHERING: QT_TRANSLATE_NOOP("TrajectoryDialog", "Detachering"),
    TrajectoryKind.REGULIER: QT_TRANSLATE_NOOP("TrajectoryDialog", "Regular work"),
    TrajectoryKind.REGULIER_LKS: QT_TRANSLATE_NOOP("TrajectoryDialog", "Regular work with wage cost subsidy"),
    TrajectoryKind.BESCHUT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Sheltered work"),
    TrajectoryKind.BEGELEID_WERKEN: QT_TRANSLATE_NOOP("TrajectoryDialog", "Supported employment"),
    TrajectoryKind.BBZ: QT_TRANSLATE_NOOP("TrajectoryDialog", "Bbz trajectory"),
    TrajectoryKind.PARTICIPATIE: QT_TRANSLATE_NOOP("TrajectoryDialog", "Participation"),
    TrajectoryKind.SCHOLING: QT_TRANSLATE_NOOP("TrajectoryDialog", "Training"),
    TrajectoryKind.TAALTRAJECT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Language trajectory"),
}
PROVIDER_LABELS = {Provider.LEERWERKBEDRIJF: QT_TRANSLATE_NOOP("TrajectoryDialog", "Leerwerkbedrijf"),
                   Provider.MARKT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Market party"),
                   Provider.WERKGEVER: QT_TRANSLATE_NOOP("TrajectoryDialog", "Employer")}
LOCATION_LABELS = {Location.WERKGEVER: QT_TRANSLATE_NOOP("TrajectoryDialog", "At an employer"),
                   Location.INTERN: QT_TRANSLATE_NOOP("TrajectoryDialog", "In-house (intern)")}
VACANCY_KIND_LABELS = {VacancyKind.REGULIER: QT_TRANSLATE_NOOP("TrajectoryDialog", "Regular vacancy"),
                       VacancyKind.GARANTIEBAAN: QT_TRANSLATE_NOOP("TrajectoryDialog", "Garantiebaan"),
                       VacancyKind.LEERWERKPLEK: QT_TRANSLATE_NOOP("TrajectoryDialog", "Leerwerkplek"),
                       VacancyKind.PROEFPLAATS: QT_TRANSLATE_NOOP("TrajectoryDialog", "Proefplaats"),
                       VacancyKind.BESCHUT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Sheltered work")}
# outcomes are stored as typed (data, not interface texts): they stay Dutch
OUTCOMES = ("regulier werk", "regulier werk met loonkostensubsidie", "detachering", "beschut werk", "opleiding",
            "ander traject", "uitgevallen (ziekte)", "verhuisd", "gestopt op eigen verzoek")

RED, AMBER, GREEN, GREY = "#b00020", "#8a5a00", "#1b6e2a", "#5f6368"
_FRAMES = {
    "blocked": ("#fdecee", RED, QT_TRANSLATE_NOOP("TrajectoryDialog", "Blocked")),
    "warning": ("#fff6e0", AMBER, QT_TRANSLATE_NOOP("TrajectoryDialog", "Warning: motivation required")),
    "allowed": ("#eaf5ec", GREEN, QT_TRANSLATE_NOOP("TrajectoryDialog", "Allowed")),
    "error": ("#fdecee", RED, QT_TRANSLATE_NOOP("TrajectoryDialog", "Cannot be judged")),
}


def mode_title(mode: str) -> str:
    return translate("TrajectoryDialog", MODE_TITLES[mode])


def save_text(mode: str) -> str:
    """The Save button's text when no block is being overridden."""
    return translate("TrajectoryDialog", SAVE_TEXTS[mode])


def heading_html(title: str, candidate: str, municipality: str, decision_date: dt.date) -> str:
    """The dialog's heading: what, for whom, and whose rules on which day."""
    first = translate("TrajectoryDialog", "{title} for {candidate}").format(
        title=f"<b>{html.escape(title)}</b>", candidate=html.escape(candidate))
    rules = translate("TrajectoryDialog",
                      "Municipality {municipality}; decision date {date}; the municipality's rules on that day")
    rules = rules.format(municipality=html.escape(municipality or "—"), date=format_nl(decision_date))
    return f"{first}<br><span style='color:{GREY}'>{rules}</span>"


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(name: str, value: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return edit


def choice(name: str, labels: Mapping[StrEnum, str], empty: str | None = None) -> QComboBox:
    """``name`` and ``empty`` already translated; ``labels`` English source texts of the TrajectoryDialog context."""
    box = QComboBox()
    box.setAccessibleName(name)
    if empty is not None:
        box.addItem(empty, None)
    for value, label in labels.items():
        box.addItem(translate("TrajectoryDialog", label), str(value))
    return box


def text_box(name: str, placeholder: str) -> QPlainTextEdit:
    """A short free text (motivation, reason); Tab moves on to the next field."""
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(64)
    return box


def outcome_box(name: str, placeholder: str) -> QComboBox:
    """The outcome: one of ``OUTCOMES`` or typed."""
    box = QComboBox()
    box.setEditable(True)
    box.setAccessibleName(name)
    box.addItem("")
    box.addItems(OUTCOMES)
    box.lineEdit().setPlaceholderText(placeholder)
    box.lineEdit().setMaxLength(200)
    return box


def fit_height(dialog: QWidget) -> None:
    """Grow the dialog to the height its content needs at its width, never shrink it: content that arrives
    after the dialog is shown (the facts through an op, a longer wrapped verdict) must not be squeezed, or
    the verdict covers the motivation field."""
    needed = dialog.layout().totalHeightForWidth(dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


def verdict_panel(name: str) -> tuple[QFrame, QLabel]:
    """The framed box (object name ``verdict``) with the rules' verdict as selectable rich text."""
    box = QFrame()
    box.setObjectName("verdict")
    box.setFrameShape(QFrame.Shape.StyledPanel)
    label = QLabel()
    label.setObjectName("verdictText")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    label.setMinimumHeight(48)
    inner = QVBoxLayout(box)
    inner.setContentsMargins(10, 8, 10, 8)
    inner.addWidget(label)
    return box, label


def verdict_style(background: str, color: str) -> str:
    return f"QFrame#verdict {{ background: {background}; border: 1px solid {color}; border-radius: 4px; }}"


def error_line(name: str) -> QLabel:
    """A save's error message in bold red (object name ``saveError``), hidden until there is one."""
    label = QLabel()
    label.setObjectName("saveError")
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setStyleSheet(f"color: {RED}; font-weight: bold")
    label.hide()
    return label


def in_a_row(*widgets: QWidget, stretch_at: int | None = None) -> QWidget:
    """The widgets side by side without margins; a stretch at ``stretch_at`` (default: after the last)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.insertStretch(len(widgets) if stretch_at is None else stretch_at, 1)
    holder = QWidget()
    holder.setLayout(row)
    return holder


def enum_value(kind: type[E], value: object) -> E | None:
    """Qt hands a StrEnum stored as item data back as a plain str."""
    return None if value is None else kind(str(value))


def select_data(box: QComboBox, value: object) -> None:
    index = box.findData(None if value is None else str(value))
    box.setCurrentIndex(index if index >= 0 else 0)


def duration_text(start: dt.date, end: dt.date | None, elapsed: bool) -> str:
    """How long the period lasts, in Dutch months and days (``elapsed``: when ending a trajectory)."""
    if end is None:
        return translate("TrajectoryDialog", "indefinite")
    if end < start:
        return translate("TrajectoryDialog", "end before start")
    months = months_between_inclusive(start, end)
    days = (end - start).days + 1
    decimals = 0 if float(months).is_integer() else 1
    text = translate("TrajectoryDialog", "{months} months ({days} days)").format(
        months=format_number_nl(months, decimals), days=format_number_nl(days))
    return translate("TrajectoryDialog", "elapsed: {duration}").format(duration=text) if elapsed else text


def verdict_frame(state: str, ending: bool) -> tuple[str, str, str]:
    """(background, colour, translated title) of the verdict box; ending a trajectory only warns."""
    if ending and state == "warning":
        return "#fff6e0", AMBER, translate("TrajectoryDialog", "Please note")
    background, color, title = _FRAMES[state]
    return background, color, translate("TrajectoryDialog", title)


def verdict_html(title: str, color: str, findings: list[Finding], hint: str) -> str:
    """The verdict as rich text: the title, the findings (blocks first) and the hint."""
    parts = [f"<b style='color:{color}'>{html.escape(title)}</b>"]
    items = []
    for finding in sorted(findings, key=lambda f: ("block", "warning", "info").index(f.severity)):
        tint = {"block": RED, "warning": AMBER, "info": GREY}[finding.severity]
        items.append(f"<li style='color:{tint}'>{html.escape(finding.message)}</li>")
    if items:
        parts.append("<ul style='margin-left:-20px; margin-top:2px; margin-bottom:0px'>" + "".join(items) + "</ul>")
    if hint:
        parts.append(f"<span style='color:{GREY}'>{html.escape(hint)}</span>")
    return "".join(parts)
