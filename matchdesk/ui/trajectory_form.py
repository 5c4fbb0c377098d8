"""The trajectory form's pieces: the choice tables (English source texts of the TrajectoryDialog context,
translated when shown), the date and choice widgets, and the verdict's colours and text.

Used by ``TrajectoryDialog`` and ``PlacementDialog``; no data access here.
"""

from __future__ import annotations

import datetime as dt
import html
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from matchdesk.dates import format_nl, format_number_nl, last_day_within, months_between_inclusive
from matchdesk.labels import choices
from matchdesk.ui.date_field import DateField

translate = QCoreApplication.translate
E = TypeVar("E", bound=StrEnum)

MODES = ("start", "extend", "end")
MODE_TITLES = {"start": QT_TRANSLATE_NOOP("TrajectoryDialog", "Start trajectory"),
               "extend": QT_TRANSLATE_NOOP("TrajectoryDialog", "Extend trajectory"),
               "end": QT_TRANSLATE_NOOP("TrajectoryDialog", "End trajectory")}
SAVE_TEXTS = {"start": QT_TRANSLATE_NOOP("TrajectoryDialog", "&Start"),
              "extend": QT_TRANSLATE_NOOP("TrajectoryDialog", "E&xtend"),
              "end": QT_TRANSLATE_NOOP("TrajectoryDialog", "&End")}

# outcomes are stored as typed (data, not interface texts): they stay Dutch
OUTCOMES = ("regulier werk", "regulier werk met loonkostensubsidie", "detachering", "beschut werk", "opleiding",
            "ander traject", "geen vervolg")
REASONS = ("doel bereikt", "einde van de termijn", "uitgevallen (ziekte)", "verhuisd", "gestopt op eigen verzoek",
           "niet verschenen", "werkgever gestopt")

RED, AMBER, GREEN, GREY = "#b00020", "#8a5a00", "#1b6e2a", "#5f6368"


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


def date_edit(name: str, value: dt.date) -> DateField:
    """A typed date (dd-mm-jjjj, d-m-jj) with a calendar button; ``date()``/``setDate``/``dateChanged``."""
    edit = DateField(value)
    edit.setAccessibleName(name)
    return edit


def choice(name: str, enum: type[StrEnum], empty: str | None = None) -> QComboBox:
    """The members of ``enum`` by their Dutch display names (``matchdesk.labels``), the code as item data;
    ``name`` and ``empty`` already translated."""
    box = QComboBox()
    box.setAccessibleName(name)
    if empty is not None:
        box.addItem(empty, None)
    for text, member in choices(enum):
        box.addItem(text, str(member))
    return box


def text_box(name: str, placeholder: str) -> QPlainTextEdit:
    """A short free text (motivation, reason); Tab moves on to the next field."""
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(64)
    return box


def outcome_box(name: str, placeholder: str, choices: tuple[str, ...] = OUTCOMES) -> QComboBox:
    """The outcome (or with ``REASONS`` the reason of ending): one of ``choices`` or typed."""
    box = QComboBox()
    box.setEditable(True)
    box.setAccessibleName(name)
    box.addItem("")
    box.addItems(choices)
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


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def add_row(form: QFormLayout, text: str, widget: QWidget, visible: bool = True, buddy: QWidget | None = None) -> None:
    """A labelled row whose label's mnemonic goes to ``buddy`` (default: the widget); hidden unless ``visible``."""
    label = QLabel(text)
    label.setBuddy(buddy or widget)
    form.addRow(label, widget)
    if not visible:
        form.setRowVisible(widget, False)


def dialog_buttons(save: str) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """The Save (default, Ctrl+S) and Cancel (Esc) buttons with their names and tooltips."""
    buttons = QDialogButtonBox()
    save_button = buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
    save_button.setAccessibleName(translate("TrajectoryDialog", "Save"))
    save_button.setToolTip(translate("TrajectoryDialog", "Save (Ctrl+S)"))
    save_button.setDefault(True)
    cancel = buttons.addButton(translate("TrajectoryDialog", "Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    cancel.setAccessibleName(translate("TrajectoryDialog", "Cancel"))
    cancel.setToolTip(translate("TrajectoryDialog", "Close without saving (Esc)"))
    return buttons, save_button, cancel


def chain_tabs(widgets: list[QWidget]) -> None:
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


def follow_start(old: dt.date, new: dt.date, end: dt.date) -> dt.date:
    """The planned end after the start moved from ``old`` to ``new``: the same length, whole months kept whole
    (6 months from 23-11-2026 ending 22-05-2027 become 6 months from 04-07-2027: 03-01-2028), else in days."""
    months = months_between_inclusive(old, end)
    if months >= 1 and months.is_integer():
        return last_day_within(new, int(months))
    return new + (end - old)
