"""Trajectory dialog: the rules' verdict live, a block keeps Save off, a warning needs a motivation,
a teamleider override with a reason, expected errors shown in the dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from matchdesk.domain import Location, Provider, Role, TrajectoryKind


@pytest.fixture
def rulebooks():
    from matchdesk.rules.rulebook import load_rulebooks

    return load_rulebooks()


@pytest.fixture
def context(db, today, rulebooks):
    from matchdesk.app import App

    def make(user: str = "Mila Matchmaker", role: Role = Role.MATCHMAKER):
        from matchdesk.services.employers import ensure_medewerker

        with db.unit("tester") as session:
            ensure_medewerker(session, user, role)
        return App(db=db, user=user, today=today, rulebooks=rulebooks)

    return make


@pytest.fixture
def open_dialog(qtbot):
    from matchdesk.ui.trajectory_dialog import TrajectoryDialog

    def make(app, candidate=None, **kwargs):
        dialog = TrajectoryDialog(app, candidate, **kwargs)
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        dialog.ops.wait()  # the form's facts arrive through an op
        assert dialog.form_facts is not None
        return dialog

    return make


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _set(dialog, kind=TrajectoryKind.LEERWERKTRAJECT, months=6, provider=Provider.LEERWERKBEDRIJF,
         location=Location.WERKGEVER, start=None):
    start = start or dialog.app.today
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.provider.setCurrentIndex(dialog.provider.findData(provider))
    dialog.location.setCurrentIndex(dialog.location.findData(location))
    dialog.start.setDate(_qdate(start))
    dialog.planned_end.setDate(_qdate(start + relativedelta(months=months) - dt.timedelta(days=1)))


def _trajectories(db, candidate_id):
    from sqlalchemy import select

    from matchdesk.storage.models import Trajectory

    with db.reading() as session:
        return session.scalars(select(Trajectory).where(Trajectory.candidate_id == candidate_id)).all()


def test_dates_are_dutch_and_controls_are_named(context, make_candidate, open_dialog, today):
    from PySide6.QtWidgets import QComboBox, QPlainTextEdit

    from matchdesk.ui.date_field import DateField

    dialog = open_dialog(context(), make_candidate())
    assert dialog.start.displayFormat() == "dd-MM-yyyy" and dialog.start.text() == "23-11-2026"
    assert dialog.windowTitle() == "Traject starten — Noël van den Berg (1000001)"
    widgets = [w for kind in (QComboBox, DateField, QPlainTextEdit) for w in dialog.findChildren(kind)]
    for widget in widgets:
        if widget.isVisibleTo(dialog):
            assert widget.accessibleName(), widget
    assert dialog.save_button.text() == "&Starten" and dialog.cancel_button.text() == "Annuleren"
    assert not dialog.override.isVisibleTo(dialog)  # only a teamleider sees the override


def test_nine_month_leerwerktraject_is_blocked_with_its_numbers(qtbot, context, make_candidate, open_dialog, db):
    candidate = make_candidate()
    dialog = open_dialog(context(), candidate)
    _set(dialog, months=6)
    assert dialog.verdict.verdict == "allowed" and dialog.save_button.isEnabled()
    assert "Toegestaan" in dialog.verdict_label.text()

    _set(dialog, months=9)  # live: no button to press
    assert dialog.verdict.verdict == "blocked"
    assert not dialog.save_button.isEnabled()
    text = dialog.verdict_label.text()
    assert "Geblokkeerd" in text and "#b00020" in text
    assert ("Leerwerktraject zou 9 maanden duren; maximum is 6 maanden (181 dagen, uiterlijk tot en met 22-05-2027)"
            in text)
    assert dialog.duration.text() == "9 maanden (273 dagen)"
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S does nothing now
    assert dialog.result() == 0 and dialog.isVisible()
    assert _trajectories(db, candidate) == []


def test_warning_needs_a_motivation_then_saves_with_author(qtbot, context, make_candidate, open_dialog, db):
    candidate = make_candidate()
    dialog = open_dialog(context("Mila Matchmaker"), candidate)
    _set(dialog, location=Location.INTERN)
    assert dialog.verdict.verdict == "warning"
    assert not dialog.save_button.isEnabled()
    assert "Vul een motivatie in" in dialog.verdict_label.text()
    assert "binnen de muren van het leerwerkbedrijf" in dialog.verdict_label.text()

    dialog.motivation.setFocus()
    qtbot.keyClicks(dialog.motivation, "Eerst wennen aan het werkritme; daarna naar een werkgever")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.motivation, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted

    [row] = _trajectories(db, candidate)
    assert row.id == dialog.trajectory_id
    assert row.kind is TrajectoryKind.LEERWERKTRAJECT and row.location is Location.INTERN
    assert row.verdict == "warning"
    assert row.motivation == "Eerst wennen aan het werkritme; daarna naar een werkgever"
    assert row.motivation_by == "Mila Matchmaker" and row.updated_by == "Mila Matchmaker"


def test_teamleider_overrides_a_block_with_a_reason(qtbot, context, make_candidate, open_dialog, db):
    from sqlalchemy import select

    from matchdesk.storage.models import AuditEntry

    candidate = make_candidate()
    dialog = open_dialog(context("Tessa Teamleider", Role.TEAMLEIDER), candidate)
    assert dialog.override.isVisibleTo(dialog) and not dialog.override.isEnabled()
    _set(dialog, months=9)
    assert dialog.verdict.blocked and not dialog.save_button.isEnabled()
    assert dialog.override.isEnabled()
    assert "kunt u de blokkade doorbreken" in dialog.verdict_label.text()
    assert dialog.save_button.text() == "&Opslaan met doorbreking"

    qtbot.keyClicks(dialog.override, "Werkgever biedt daarna een vast contract; afgestemd met de gemeente")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    [row] = _trajectories(db, candidate)
    assert row.verdict == "blocked" and row.override_by == "Tessa Teamleider"
    assert row.override_reason.startswith("Werkgever biedt daarna")
    assert row.planned_end == dialog.app.today + relativedelta(months=9) - dt.timedelta(days=1)
    with db.reading() as session:
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.record_id == row.id,
                                                              AuditEntry.action == "blokkade doorbroken"))


def test_expected_error_is_shown_and_the_dialog_stays_open(qtbot, context, make_candidate, open_dialog, db, today,
                                                           rulebooks):
    from matchdesk.services.trajectories import TrajectoryInput, start_trajectory

    candidate = make_candidate()
    dialog = open_dialog(context(), candidate)
    _set(dialog, months=6)
    assert dialog.save_button.isEnabled()
    with db.unit("collega") as session:  # meanwhile a colleague starts an overlapping leerwerktraject
        start_trajectory(session, rulebooks, candidate,
                         TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=today, planned_end=today
                                         + dt.timedelta(days=30), provider=Provider.LEERWERKBEDRIJF,
                                         location=Location.WERKGEVER), today)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.ops.wait()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("Niet toegestaan: Overlapt met leerwerktraject van 23-11-2026")
    assert len(_trajectories(db, candidate)) == 1
    dialog.motivation.setPlainText("x")  # any change clears the old message
    assert not dialog.error_label.isVisible()


def test_escape_cancels_without_writing(qtbot, context, make_candidate, open_dialog, db):
    candidate = make_candidate()
    dialog = open_dialog(context(), candidate)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert _trajectories(db, candidate) == []


def test_end_a_trajectory_with_outcome(qtbot, context, make_candidate, open_dialog, db, today, rulebooks):
    from matchdesk.services.trajectories import TrajectoryInput, start_trajectory

    candidate = make_candidate()
    start = today - dt.timedelta(days=60)
    with db.unit("tester") as session:
        started = start_trajectory(session, rulebooks, candidate,
                                   TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start,
                                                   planned_end=start + dt.timedelta(days=150),
                                                   provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER),
                                   start)
        session.flush()
        trajectory_id = started.id
    dialog = open_dialog(context(), None, mode="end", trajectory_id=trajectory_id)
    assert dialog.windowTitle().startswith("Traject beëindigen — Noël van den Berg")
    assert not dialog.kind.isEnabled() and not dialog.start.isEnabled()
    assert dialog.actual_end.isVisibleTo(dialog) and not dialog.motivation.isVisibleTo(dialog)
    dialog.actual_end.setDate(_qdate(today - dt.timedelta(days=1)))
    dialog.outcome.setCurrentText("regulier werk")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [row] = _trajectories(db, candidate)
    assert row.actual_end == today - dt.timedelta(days=1) and row.outcome == "regulier werk" and not row.aborted

    dialog = open_dialog(context(), None, mode="end", trajectory_id=trajectory_id)
    dialog.actual_end.setDate(_qdate(start - dt.timedelta(days=1)))  # before the start: rules and Save say no
    assert not dialog.save_button.isEnabled()
    assert "ligt voor begin" in dialog.verdict_label.text()


def test_extend_shows_the_verdict_for_the_new_end(context, make_candidate, open_dialog, db, today, rulebooks):
    from matchdesk.services.trajectories import TrajectoryInput, start_trajectory

    candidate = make_candidate()
    with db.unit("tester") as session:
        started = start_trajectory(session, rulebooks, candidate,
                                   TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=today,
                                                   planned_end=today + relativedelta(months=3) - dt.timedelta(days=1),
                                                   provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER),
                                   today)
        session.flush()
        trajectory_id = started.id
    dialog = open_dialog(context(), None, mode="extend", trajectory_id=trajectory_id)
    assert dialog.planned_end.date() == _qdate(today + relativedelta(months=6) - dt.timedelta(days=1))
    assert dialog.verdict.verdict == "allowed"  # 3 + 3 months: within the 6
    dialog.planned_end.setDate(_qdate(today + relativedelta(months=8) - dt.timedelta(days=1)))
    assert dialog.verdict.blocked and "8 maanden" in dialog.verdict_label.text()
    assert not dialog.save_button.isEnabled()


def test_extend_saves(qtbot, context, make_candidate, open_dialog, db, today, rulebooks):
    from matchdesk.services.trajectories import TrajectoryInput, start_trajectory

    candidate = make_candidate()
    with db.unit("tester") as session:
        started = start_trajectory(session, rulebooks, candidate,
                                   TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=today,
                                                   planned_end=today + relativedelta(months=3) - dt.timedelta(days=1),
                                                   provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER),
                                   today)
        session.flush()
        trajectory_id = started.id
    dialog = open_dialog(context(), None, mode="extend", trajectory_id=trajectory_id)
    assert dialog.save_button.text() == "&Verlengen"
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.trajectory_id == trajectory_id
    [row] = _trajectories(db, candidate)
    assert row.planned_end == today + relativedelta(months=6) - dt.timedelta(days=1)
    assert row.verdict == "allowed" and row.version == 2


def test_conflict_when_someone_else_changed_the_trajectory(qtbot, context, make_candidate, open_dialog, db, today,
                                                          rulebooks):
    from matchdesk.services.trajectories import TrajectoryInput, end_trajectory, start_trajectory

    candidate = make_candidate()
    with db.unit("tester") as session:
        started = start_trajectory(session, rulebooks, candidate,
                                   TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=today,
                                                   planned_end=today + dt.timedelta(days=90),
                                                   provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER),
                                   today)
        session.flush()
        trajectory_id = started.id
    dialog = open_dialog(context(), None, mode="end", trajectory_id=trajectory_id)
    with db.unit("collega") as session:
        end_trajectory(session, trajectory_id, 1, today + dt.timedelta(days=10), "verhuisd")
    dialog.outcome.setCurrentText("regulier werk")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.ops.wait()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.error_label.isVisible() and "gewijzigd" in dialog.error_label.text()
    assert _trajectories(db, candidate)[0].outcome == "verhuisd"


def test_tab_order_follows_the_form(context, make_candidate, open_dialog):
    dialog = open_dialog(context("Tessa Teamleider", Role.TEAMLEIDER), make_candidate())
    expected = [dialog.kind, dialog.provider, dialog.location, dialog.vacancy_kind, dialog.start, dialog.planned_end,
                dialog.open_end, dialog.motivation, dialog.override]
    chain, widget = [], dialog.kind
    for _ in range(200):
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is dialog.kind:
            break
    assert chain == expected


def test_texts_come_through_the_dutch_translator(context, make_candidate, open_dialog, db, today, rulebooks):
    from PySide6.QtWidgets import QLabel

    from matchdesk.services.trajectories import TrajectoryInput, start_trajectory

    candidate = make_candidate()
    with db.unit("tester") as session:
        started = start_trajectory(session, rulebooks, candidate,
                                   TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=today,
                                                   planned_end=today + relativedelta(months=3) - dt.timedelta(days=1),
                                                   provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER),
                                   today)
        session.flush()
        trajectory_id = started.id
    dialog = open_dialog(context(), None, mode="extend", trajectory_id=trajectory_id)
    assert dialog.windowTitle() == "Traject verlengen — Noël van den Berg (1000001)"
    assert dialog.accessibleName() == "Traject verlengen"
    assert dialog.form.labelForField(dialog.ends_widget).text() == "Nieuw &einde:"
    assert dialog.form.labelForField(dialog.kind).text() == "Soort &traject:"
    assert dialog.kind.currentText() == "Leerwerktraject" and dialog.provider.itemText(0) == "— onbekend —"
    assert dialog.location.currentText() == "Bij een werkgever"
    assert dialog.open_end.text() == "&Geen einddatum" and dialog.open_end.accessibleName() == "Geen einddatum"
    assert dialog.duration.text() == "6 maanden (181 dagen)"
    assert "Toegestaan" in dialog.verdict_label.text()
    assert dialog.cancel_button.toolTip() == "Sluiten zonder opslaan (Esc)"
    heading = dialog.findChildren(QLabel)[0].text()
    assert "<b>Traject verlengen</b> voor Noël van den Berg (1000001)" in heading
    assert "; beslisdatum 23-11-2026; regels van de gemeente op die dag</span>" in heading


def test_save_waits_for_the_facts_and_the_verdict_needs_no_database(qtbot, context, make_candidate, monkeypatch):
    from matchdesk.ui.trajectory_dialog import TrajectoryDialog

    app = context()
    dialog = TrajectoryDialog(app, make_candidate())
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()  # nothing to save before the facts have arrived
    dialog.ops.wait()
    assert dialog.save_button.isEnabled() and dialog.verdict.verdict == "allowed"

    def no_database(*_args, **_kwargs):
        raise AssertionError("the live verdict opened a unit of work")

    monkeypatch.setattr(app.db, "reading", no_database)
    monkeypatch.setattr(app.db, "unit", no_database)
    _set(dialog, months=9)  # judged on every change from the frozen facts loaded once
    assert dialog.verdict.blocked and not dialog.save_button.isEnabled()
    _set(dialog, months=6)
    assert dialog.verdict.verdict == "allowed"


def test_a_trajectory_that_no_longer_exists_is_a_message(qtbot, context, monkeypatch):
    import uuid

    from PySide6.QtWidgets import QMessageBox

    from matchdesk.ui.trajectory_dialog import open_trajectory_dialog

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: shown.append(args[2])))
    assert open_trajectory_dialog(None, context(), mode="end", trajectory_id=uuid.uuid4()) is None
    assert shown == ["Het traject bestaat niet (meer)."]
