"""Trajectories from the main window, by clicks and keys only: extend a running trajectory from the Trajecten
list, end one with its uitkomst and reden from the candidate's Trajecten tab, a 7-month leerwerktraject
blocked with its reason and the rule behind it, and the planned end following a typed start date."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from matchdesk.domain import Location, Provider, TrajectoryKind


@pytest.fixture
def app(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.employers import ensure_medewerker

    with db.unit("tester") as session:
        ensure_medewerker(session, "Mila Matchmaker")
    return App(db=db, user="Mila Matchmaker", today=today, rulebooks=load_rulebooks())


@pytest.fixture
def running(db, today, make_candidate, app):
    """Candidate 1000001 with a leerwerktraject that started a month ago and runs three months."""
    from matchdesk.services.trajectories import TrajectoryInput, start_trajectory

    candidate = make_candidate()
    start = today - relativedelta(months=1)
    with db.unit("tester") as session:
        trajectory = start_trajectory(session, app.rulebooks, candidate, TrajectoryInput(
            kind=TrajectoryKind.LEERWERKTRAJECT, start=start, planned_end=start + relativedelta(months=3)
            - dt.timedelta(days=1), provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER), start)
        session.flush()
        return trajectory.id


def settle(window):
    from matchdesk.ui.ops import Ops

    for _round in range(3):
        for lane in window.findChildren(Ops):
            lane.wait(10000)


@pytest.fixture
def window(qtbot, app, trouble):
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(app)
    qtbot.addWidget(window, before_close_func=settle)
    window.show()
    settle(window)
    return window


def go_to(qtbot, window, title: str):
    """Click the page in the navigation; the page once its list is in."""
    item = next(window.nav.item(r) for r in range(window.nav.count()) if window.nav.item(r).text() == title)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())
    settle(window)
    return window.stack.currentWidget()


def click_row(qtbot, view, row: int, column: int = 1):
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_date(qtbot, field, text: str):
    """Click into a date field, select what is there and type over it, then leave it with Tab."""
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def in_the_dialog(steps):
    """Run ``steps(dialog)`` inside the modal trajectory dialog once its facts are in; whatever fails there
    closes the dialog and is raised by the returned check afterwards."""
    from matchdesk.ui.trajectory_dialog import TrajectoryDialog

    failures: list[BaseException] = []
    seen: list[TrajectoryDialog] = []

    def step():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TrajectoryDialog):
            QTimer.singleShot(20, step)
            return
        seen.append(dialog)
        dialog.ops.wait()
        try:
            steps(dialog)
        except BaseException as error:  # noqa: BLE001 - raised again by check()
            failures.append(error)
            dialog.reject()

    QTimer.singleShot(0, step)

    def check():
        if failures:
            raise failures[0]
        assert seen, "no trajectory dialog opened"
        return seen[0]

    return check


def stored(db, trajectory_id):
    from matchdesk.storage.models import Trajectory

    with db.reading() as session:
        return session.get(Trajectory, trajectory_id)


def test_extend_a_running_trajectory_from_the_trajecten_list(qtbot, window, db, running, today, trouble):
    page = go_to(qtbot, window, "Trajecten")
    assert page.model.rowCount() == 1
    assert not page.actions.extend_button.isEnabled() and not page.actions.end_button.isEnabled()
    click_row(qtbot, page.table, 0)
    assert page.actions.extend_button.isEnabled() and page.actions.end_button.isEnabled()
    assert page.actions.extend_button.text() == "&Verlengen…"
    start = today - relativedelta(months=1)
    new_end = start + relativedelta(months=5) - dt.timedelta(days=1)

    def extend(dialog):
        assert dialog.windowTitle().startswith("Traject verlengen — Noël van den Berg")
        assert dialog.verdict.verdict == "allowed"  # the proposed 3 + 3 months
        type_date(qtbot, dialog.planned_end, "22-6-2027")  # 8 months in all: over the 6
        assert dialog.verdict.blocked and "8 maanden" in dialog.verdict_label.text()
        assert not dialog.save_button.isEnabled()
        type_date(qtbot, dialog.planned_end, new_end.strftime("%d-%m-%Y"))
        assert dialog.verdict.verdict == "allowed" and dialog.save_button.isEnabled()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    check = in_the_dialog(extend)
    qtbot.mouseClick(page.actions.extend_button, Qt.MouseButton.LeftButton)  # returns when the dialog closed
    check()
    row = stored(db, running)
    assert row.planned_end == new_end and row.version == 2 and row.updated_by == "Mila Matchmaker"
    settle(window)
    assert page.model.data(page.model.index(0, 6)) == new_end.strftime("%d-%m-%Y")  # the list read again
    assert trouble == []


@pytest.mark.qt_log_ignore("grabbing the keyboard", "support raise", extend=True)  # the offscreen platform
def test_the_trajecten_list_has_extend_and_end_in_its_context_menu(qtbot, window, running):
    page = go_to(qtbot, window, "Trajecten")
    rect = page.table.visualRect(page.model.index(0, 1))
    page.table.customContextMenuRequested.emit(rect.center())  # what a right click asks for
    menu = page.actions.menu
    assert [a.text() for a in menu.actions()] == ["Verlengen…", "Beëindigen…"]
    assert all(a.isEnabled() for a in menu.actions())
    menu.close()


def open_candidate(qtbot, window, klantnummer: str):
    from matchdesk.ui.candidate_editor import CandidateEditor

    page = go_to(qtbot, window, "Kandidaten")
    if page.mine.isChecked():
        qtbot.mouseClick(page.mine, Qt.MouseButton.LeftButton, pos=page.mine.rect().center())
        settle(window)
    row = next(r for r in range(page.model.rowCount()) if page.model.data(page.model.index(r, 0)) == klantnummer)
    click_row(qtbot, page.table, row)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # opens the record, as a double click does
    qtbot.waitUntil(lambda: bool(window.findChildren(CandidateEditor)))
    editor = window.findChildren(CandidateEditor)[0]
    settle(window)
    bar = editor.tabs.tabBar()
    index = next(i for i in range(editor.tabs.count()) if editor.tabs.tabText(i) == "Trajecten")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert editor.tabs.currentWidget() is editor.trajectory_tab
    return editor


def test_end_a_trajectory_with_uitkomst_and_reden_from_the_candidates_trajecten_tab(qtbot, window, db, running,
                                                                                     today, trouble):
    editor = open_candidate(qtbot, window, "1000001")
    assert editor.trajectories.rowCount() == 1 and editor.trajectories.item(0, 0).text() == "Leerwerktraject"
    assert not editor.trajectory_actions.end_button.isEnabled()  # nothing selected yet
    click_row(qtbot, editor.trajectories, 0)
    assert editor.trajectory_actions.end_button.isEnabled()
    last_day = today - dt.timedelta(days=2)

    def end(dialog):
        assert dialog.windowTitle().startswith("Traject beëindigen — Noël van den Berg")
        type_date(qtbot, dialog.actual_end, f"{last_day.day}-{last_day.month}-{last_day.year % 100:02d}")  # d-m-jj
        assert dialog.actual_end.text() == last_day.strftime("%d-%m-%Y")
        qtbot.mouseClick(dialog.outcome.lineEdit(), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.outcome.lineEdit(), "regulier werk")
        qtbot.mouseClick(dialog.aborted, Qt.MouseButton.LeftButton, pos=dialog.aborted.rect().center())
        assert dialog.aborted.isChecked() and not dialog.save_button.isEnabled()  # aborted: a reason first
        assert "reden" in dialog.verdict_label.text()
        qtbot.mouseClick(dialog.reason.lineEdit(), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.reason.lineEdit(), "werk gevonden bij de werkgever")
        assert dialog.save_button.isEnabled()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    check = in_the_dialog(end)
    qtbot.mouseClick(editor.trajectory_actions.end_button, Qt.MouseButton.LeftButton)
    check()
    row = stored(db, running)
    assert row.actual_end == last_day and row.aborted
    assert row.outcome == "regulier werk; reden: werk gevonden bij de werkgever"
    qtbot.waitUntil(lambda: editor.trajectories.item(0, 3).text() == last_day.strftime("%d-%m-%Y"))
    assert trouble == []

    def reopen(dialog):  # ending again shows what was recorded, outcome and reason apart
        assert dialog.outcome.currentText() == "regulier werk"
        assert dialog.reason.currentText() == "werk gevonden bij de werkgever"
        dialog.reject()

    check = in_the_dialog(reopen)
    click_row(qtbot, editor.trajectories, 0)
    qtbot.mouseClick(editor.trajectory_actions.end_button, Qt.MouseButton.LeftButton)
    check()
    editor.reject()


def test_a_seven_month_leerwerktraject_is_blocked_with_its_reason_and_rule(qtbot, window, db, make_candidate,
                                                                          today):
    from matchdesk.storage.models import Trajectory

    candidate = make_candidate(klantnummer="1000002", voornaam="Sem", tussenvoegsel=None, achternaam="Jansen")
    editor = open_candidate(qtbot, window, "1000002")
    seven = today + relativedelta(months=7) - dt.timedelta(days=1)

    def start(dialog):
        assert dialog.kind.currentText() == "Leerwerktraject"
        type_date(qtbot, dialog.planned_end, seven.strftime("%d-%m-%Y"))
        assert dialog.verdict.blocked and not dialog.save_button.isEnabled()
        text = dialog.verdict_label.text()
        assert "Geblokkeerd" in text and "Leerwerktraject zou 7 maanden duren; maximum is 6 maanden" in text
        assert "Opslaan is niet mogelijk" in text
        assert "leerwerktraject_max_duur" in dialog.verdict_label.toolTip()  # the rule, without asking
        assert "Participatieverordening" not in text
        details = dialog.verdict_box.details
        qtbot.mouseClick(details, Qt.MouseButton.LeftButton, pos=details.rect().center())
        text = dialog.verdict_label.text()
        assert "Regel leerwerktraject_max_duur (wvs.toml): Leerwerktraject met behoud van uitkering" in text
        assert "Bron: Participatieverordening WVS-gemeenten; herstructureringsplan WVS; geldig vanaf 01-01-2015" in text
        qtbot.keyClick(dialog.planned_end.edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # no save
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    check = in_the_dialog(start)
    qtbot.mouseClick(editor.start_button, Qt.MouseButton.LeftButton)
    check()
    with db.reading() as session:
        assert session.query(Trajectory).filter_by(candidate_id=candidate).count() == 0
    editor.reject()


@pytest.mark.parametrize("typed", ["4-7-2027", "04-07-2027", "4-7-27"])
def test_the_planned_end_follows_a_typed_start(qtbot, window, make_candidate, typed):
    make_candidate()
    editor = open_candidate(qtbot, window, "1000001")

    def start(dialog):
        assert dialog.start.text() == "23-11-2026" and dialog.planned_end.text() == "22-05-2027"  # 6 months
        type_date(qtbot, dialog.start, typed)
        assert dialog.start.text() == "04-07-2027"
        assert dialog.planned_end.text() == "03-01-2028"  # still 6 months: no "einde vóór begin"
        assert dialog.duration.text() == "6 maanden (184 dagen)"
        assert dialog.verdict.verdict == "allowed" and dialog.save_button.isEnabled()
        dialog.reject()

    check = in_the_dialog(start)
    qtbot.mouseClick(editor.start_button, Qt.MouseButton.LeftButton)
    check()
    editor.reject()


def test_what_can_be_extended_and_ended(today):
    import uuid

    from matchdesk.ui.trajectory_actions import Selected, can_end, can_extend

    day = dt.timedelta(days=1)
    running = Selected(uuid.uuid4(), today - 30 * day, today + 30 * day)
    planned = Selected(uuid.uuid4(), today + day, today + 90 * day)
    open_ended = Selected(uuid.uuid4(), today - 30 * day, None)
    over = Selected(uuid.uuid4(), today - 90 * day, today - day)
    assert [can_extend(t, today) for t in (running, planned, open_ended, over, None)] == [True, True, False, False,
                                                                                         False]
    assert [can_end(t, today) for t in (running, planned, open_ended, over, None)] == [True, False, True, True, False]
