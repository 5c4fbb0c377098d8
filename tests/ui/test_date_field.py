"""Typed dates: dd-mm-jjjj, d-m-jj and the rest read as a whole (QDateEdit's sections garbled typed digits),
a calendar to pick from, Dutch display whatever the locale; in the trajectory dialog and the record forms."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from matchdesk.domain import Role

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(("typed", "day"), [
    ("4-7-2027", dt.date(2027, 7, 4)), ("04-07-2027", dt.date(2027, 7, 4)), ("4-7-27", dt.date(2027, 7, 4)),
    ("4/7/27", dt.date(2027, 7, 4)), ("4.7.2027", dt.date(2027, 7, 4)), ("04072027", dt.date(2027, 7, 4)),
    ("040727", dt.date(2027, 7, 4)), ("2027-07-04", dt.date(2027, 7, 4)), (" 1-5-65 ", dt.date(1965, 5, 1)),
    ("29-2-28", dt.date(2028, 2, 29)), ("", None)])
def test_typed_dates_are_read_day_first(typed, day):
    from matchdesk.ui.date_field import parse_typed_date

    assert parse_typed_date(typed, TODAY) == day


@pytest.mark.parametrize(("typed", "message"), [
    ("31-2-2027", "bestaat niet"), ("4-7-202", "is geen datum"), ("juli", "is geen datum"),
    ("4-13-2027", "bestaat niet")])
def test_unreadable_dates_say_why_in_dutch(typed, message):
    from matchdesk.ui.date_field import parse_typed_date

    with pytest.raises(ValueError, match=message):
        parse_typed_date(typed, TODAY)


@pytest.fixture
def dialog(qtbot, db, today, make_candidate):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.employers import ensure_medewerker
    from matchdesk.ui.trajectory_dialog import TrajectoryDialog

    with db.unit("tester") as session:
        ensure_medewerker(session, "Mila Matchmaker", Role.MATCHMAKER)
    app = App(db=db, user="Mila Matchmaker", today=today, rulebooks=load_rulebooks())
    dialog = TrajectoryDialog(app, make_candidate())
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    dialog.ops.wait()
    return dialog


def _type_into(qtbot, widget, text):
    """Click the field, select all and type, as a user would; then Tab away."""
    focused = getattr(widget, "edit", widget)  # the line edit of a DateField
    focused.setFocus()
    qtbot.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if not text:
        qtbot.keyClick(focused, Qt.Key.Key_Delete)
    qtbot.keyClicks(focused, text)
    qtbot.keyClick(focused, Qt.Key.Key_Tab)


def _day(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())


@pytest.mark.parametrize("typed", ["4-7-2027", "04-07-2027", "4-7-27"])
def test_a_typed_start_date_is_read_and_the_planned_end_follows(qtbot, dialog, typed):
    assert _day(dialog.planned_end.date()) == dt.date(2027, 5, 22)  # six months from 23-11-2026
    _type_into(qtbot, dialog.start, typed)
    assert _day(dialog.start.date()) == dt.date(2027, 7, 4)
    assert dialog.start.text() == "04-07-2027"
    assert _day(dialog.planned_end.date()) == dt.date(2028, 1, 3)  # six months from the new start
    assert dialog.verdict.verdict == "allowed" and dialog.save_button.isEnabled()


def test_a_planned_end_that_is_not_whole_months_follows_in_days(qtbot, dialog):
    _type_into(qtbot, dialog.planned_end, "1-12-2026")  # 9 days
    _type_into(qtbot, dialog.start, "1-12-2026")
    assert dialog.planned_end.text() == "09-12-2026"


def test_an_unreadable_date_is_marked_and_blocks_saving(qtbot, dialog):
    _type_into(qtbot, dialog.planned_end, "31-2-2027")
    assert not dialog.planned_end.is_valid() and "bestaat niet" in dialog.planned_end.edit.toolTip()
    assert "#c62828" in dialog.planned_end.edit.styleSheet()
    assert not dialog.save_button.isEnabled()
    assert "Gepland einde: de datum '31-2-2027' bestaat niet" in dialog.verdict_label.accessibleDescription()
    _type_into(qtbot, dialog.planned_end, "28-2-2027")
    assert dialog.planned_end.is_valid() and dialog.planned_end.edit.styleSheet() == ""
    assert dialog.save_button.isEnabled()


def test_letters_cannot_be_typed_and_arrows_step_days_and_months(qtbot, dialog):
    field = dialog.start
    field.setFocus()
    qtbot.keyClicks(field.edit, "abc")
    assert field.text() == "23-11-2026"
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.text() == "24-11-2026"
    qtbot.keyClick(field.edit, Qt.Key.Key_PageDown)
    assert field.text() == "24-10-2026"


@pytest.mark.qt_log_ignore("grabbing the keyboard", "support raise", extend=True)  # the offscreen platform
def test_the_calendar_opens_with_alt_down_and_shows_dutch(qtbot, dialog):
    field = dialog.planned_end
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar is not None and field.menu.isVisible()
    assert calendar.selectedDate() == QDate(2027, 5, 22)
    assert calendar.locale().language() == QLocale.Language.Dutch
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    calendar.setSelectedDate(QDate(2027, 3, 31))
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)  # Enter takes the date
    assert field.text() == "31-03-2027" and not field.menu.isVisible()


def test_the_button_opens_the_calendar_too(qtbot, dialog, monkeypatch):
    shown = []
    monkeypatch.setattr(type(dialog.start), "show_calendar", lambda self: shown.append(self))
    dialog.start.button.clicked.disconnect()
    dialog.start.button.clicked.connect(lambda: type(dialog.start).show_calendar(dialog.start))
    qtbot.mouseClick(dialog.start.button, Qt.MouseButton.LeftButton)
    assert shown == [dialog.start]
    assert dialog.start.button.toolTip() == "Kies in de kalender (Alt+Omlaag)"


def test_record_form_dates_are_typed_the_same_way(qtbot):
    from PySide6.QtCore import QT_TRANSLATE_NOOP
    from PySide6.QtWidgets import QWidget

    from matchdesk.ui.date_field import DateField
    from matchdesk.ui.forms import Field, RecordForm

    holder = QWidget()
    qtbot.addWidget(holder)
    form = RecordForm([Field("birth_date", QT_TRANSLATE_NOOP("EditorDialog", "Date of &birth:"), "date")], holder)
    layout = form.layout_for(["birth_date"])
    layout.addRow("Next", QLineEdit())  # somewhere for Tab to go
    holder.setLayout(layout)
    field = form.widgets["birth_date"]
    assert isinstance(field, DateField) and field.placeholderText() == "dd-mm-jjjj"
    form.set_values({"birth_date": dt.date(1990, 5, 1)})
    assert field.text() == "01-05-1990"
    with qtbot.waitActive(holder):
        holder.show()
        holder.activateWindow()
    _type_into(qtbot, field, "4-7-65")
    assert field.text() == "04-07-1965" and form.values() == {"birth_date": "04-07-1965"}
    _type_into(qtbot, field, "31-2-1990")  # handed on as typed: the services refuse it in their words
    assert form.values() == {"birth_date": "31-2-1990"}
    _type_into(qtbot, field, "")
    assert form.values() == {"birth_date": ""}


@pytest.mark.qt_log_ignore("grabbing the keyboard", "support raise", extend=True)  # the offscreen platform
def test_dutch_dates_whatever_the_locale(qtbot):
    from matchdesk.ui.date_field import DateField

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        field = DateField(dt.date(2027, 7, 4))
        qtbot.addWidget(field)
        assert field.text() == "04-07-2027"
        field.show_calendar()
        assert field.calendar.locale().language() == QLocale.Language.Dutch
        assert field.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
        field.menu.close()
    finally:
        QLocale.setDefault(before)
