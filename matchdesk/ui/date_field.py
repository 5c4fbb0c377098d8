"""A date field for people who type dates: a line edit that reads ``dd-mm-jjjj``, ``d-m-jj``, ``ddmmjjjj``
and ISO, plus a calendar button (Alt+Down or F4). Shown as ``dd-mm-jjjj`` whatever the OS locale.

Why not ``QDateEdit``: its section editing ignores or garbles digits typed without first selecting a
section ("4-7-2027" became "4-000072027"). Here the text is free while typing and read as a whole; a date
that cannot be read is marked and ``is_valid()`` says so, so a form never judges or saves a date the user
did not mean.

The widget answers both the line edit's questions (``text``, ``setText``, ``placeholderText``,
``textChanged``) and the date edit's (``date``, ``setDate``, ``dateChanged``, ``displayFormat``), so forms
built on either keep working.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from matchdesk.dates import format_nl
from matchdesk.ui.icons import icon

DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
_SEP = r"\s*[-/.\s]\s*"
_DAY_FIRST = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{2}}|\d{{4}})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
MINIMUM, MAXIMUM = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def full_year(year: int, digits: int, today: dt.date | None = None) -> int:
    """A two-digit year in the century that puts it at most 20 years after ``today`` (27 -> 2027, 65 -> 1965)."""
    if digits == 4:
        return year
    now = (today or dt.date.today()).year
    century = now - now % 100
    return century + year if century + year <= now + 20 else century - 100 + year


def parse_typed_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """What a user typed as a date: ``4-7-2027``, ``04-07-2027``, ``4-7-27``, ``4/7/27``, ``4.7.2027``,
    ``04072027``, ``040727`` or ISO ``2027-07-04`` (always day first). None for an empty text; ValueError
    (Dutch message) for a text that is no date or a day that does not exist."""
    value = text.strip()
    if not value:
        return None
    iso = _ISO.match(value)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        match = _DAY_FIRST.match(value) or _COMPACT.match(value)
        if not match:
            raise ValueError(f"{text!r} is geen datum; typ dd-mm-jjjj, bijvoorbeeld 04-07-2027")
        day, month = int(match.group(1)), int(match.group(2))
        year = full_year(int(match.group(3)), len(match.group(3)), today)
    try:
        day_value = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"de datum {text.strip()!r} bestaat niet") from None
    if not MINIMUM <= day_value <= MAXIMUM:
        raise ValueError(f"de datum {text.strip()!r} ligt buiten {MINIMUM.year}-{MAXIMUM.year}")
    return day_value


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateField(QWidget):
    """``DateField(value=None)``: a typed date with a calendar button; ``date()`` is the last date read
    (an invalid ``QDate`` when there is none), ``value()`` the date now in the text or None."""

    dateChanged = Signal(QDate)  # a (new) date was read from the text or chosen in the calendar
    textChanged = Signal(str)  # every edit, readable or not

    INVALID_STYLE = "border: 1px solid #c62828; background: #fff3f3;"

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date: dt.date | None = value
        self._valid = True
        self._outer_style = ""
        self.edit = QLineEdit(format_nl(value))
        self.edit.setPlaceholderText(self.tr("dd-mm-yyyy"))
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 ./\-]{0,10}"), self.edit))
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00-00-00000") + 16)
        self.edit.setToolTip(self.tr("Type the date as dd-mm-yyyy (also 4-7-27); Alt+Down opens the calendar"))
        self.button = QToolButton()
        self.button.setIcon(icon("kalender"))
        self.button.setToolTip(self.tr("Choose from the calendar (Alt+Down)"))
        self.button.setAccessibleName(self.tr("Calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field; Alt+Down opens it
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        # one line high: in a form with room to spare the field would otherwise take it all (a tall empty row)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.installEventFilter(self)
        self.calendar: QCalendarWidget | None = None
        self.menu: QMenu | None = None

    # -- the line edit's face -------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self.edit.setText(text)

    def placeholderText(self) -> str:  # noqa: N802
        return self.edit.placeholderText()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def setStyleSheet(self, sheet: str) -> None:  # noqa: N802
        """A form marks the field (an error from the services) on the line edit, not on the button."""
        self._outer_style = sheet
        self._restyle()

    def styleSheet(self) -> str:  # noqa: N802
        return self._outer_style

    # -- the date edit's face -------------------------------------------------------------------------------
    def displayFormat(self) -> str:  # noqa: N802
        return "dd-MM-yyyy"

    def date(self) -> QDate:
        return to_qdate(self._date) if self._date is not None else QDate()

    def value(self) -> dt.date | None:
        """The date the text holds now (None when empty or unreadable)."""
        return self._date if self._valid and self.edit.text().strip() else None

    def setDate(self, value: QDate | dt.date | None) -> None:  # noqa: N802
        if isinstance(value, QDate):
            value = dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
        self.edit.setText(format_nl(value))

    def is_valid(self) -> bool:
        """False while the text cannot be read as a date (empty is valid: no date)."""
        return self._valid

    def error(self) -> str:
        """Why the text is no date, or an empty string."""
        try:
            parse_typed_date(self.edit.text())
        except ValueError as error:
            return str(error)
        return ""

    # -- behaviour ------------------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        try:
            found = parse_typed_date(text)
            self._valid = True
        except ValueError:
            found, self._valid = None, False
        self._restyle()
        changed = self._valid and found is not None and found != self._date
        if self._valid:
            self._date = found if found is not None else self._date
        self.textChanged.emit(text)
        if changed and found is not None:
            self.dateChanged.emit(to_qdate(found))

    def _tidy(self) -> None:
        """Leaving the field shows a readable date the Dutch way (4-7-27 -> 04-07-2027)."""
        found = self.value()
        if found is not None and self.edit.text() != format_nl(found):
            self.edit.setText(format_nl(found))

    def _restyle(self) -> None:
        self.edit.setStyleSheet(self._outer_style or ("" if self._valid else self.INVALID_STYLE))
        self.edit.setToolTip(self.error() if not self._valid else
                             self.tr("Type the date as dd-mm-yyyy (also 4-7-27); Alt+Down opens the calendar"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
                self.show_calendar()
                return True
            steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0), Qt.Key.Key_PageUp: (0, 1),
                     Qt.Key.Key_PageDown: (0, -1)}
            if key in steps and not alt and self.value() is not None:
                days, months = steps[key]
                self.setDate(self.date().addDays(days).addMonths(months))
                return True
        return super().eventFilter(watched, event)

    def show_calendar(self) -> None:
        """The calendar below the field, on the date typed (or today); a click or Enter takes the date."""
        if self.menu is None:
            self.menu = QMenu(self)
            self.calendar = QCalendarWidget()
            self.calendar.setLocale(DUTCH)
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.setGridVisible(True)
            self.calendar.setAccessibleName(self.tr("Calendar"))
            self.calendar.activated.connect(self._chosen)
            self.calendar.clicked.connect(self._chosen)
            action = QWidgetAction(self.menu)
            action.setDefaultWidget(self.calendar)
            self.menu.addAction(action)
        assert self.calendar is not None
        self.calendar.setSelectedDate(self.date() if self._date is not None else QDate.currentDate())
        self.menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus()

    def _chosen(self, day: QDate) -> None:
        if self.menu is not None:
            self.menu.close()
        self.setDate(day)
        self.edit.setFocus()


__all__ = ["DateField", "full_year", "parse_typed_date", "to_qdate"]
