"""Journey 4: Signalen as a work list, from the main window with clicks and keys: handle one signal with a note,
snooze one to a date, hand one over to a colleague; ``matchdesk signals --json`` on the same database agrees."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def window(qtbot, demo_db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.ops import Ops

    def settle(widget):
        for lane in widget.findChildren(Ops):
            lane.wait(10000)

    window = MainWindow(App(db=demo_db, user="demo", today=today, rulebooks=load_rulebooks()))
    qtbot.addWidget(window, before_close_func=settle)
    window.show()
    settle(window)
    return window


def _signals_page(qtbot, window):
    from matchdesk.ui.signals_page import SignalsPage

    page = window.page(SignalsPage)
    number = window.pages.index(page) + 1
    with qtbot.waitSignal(page.open_count_changed, timeout=10000) as counted:
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page and page.mine.isChecked()
    return page, counted.args[0]


def _click_row(qtbot, page, row):
    page.table.scrollTo(page.model.index(row, 2))
    rect = page.table.visualRect(page.model.index(row, 2))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [item.signal for item in page.actions.selected()] == [page.model.signal_at(row)]


def _key(signal) -> tuple:
    return (signal.kind, signal.due.isoformat(), signal.candidate, signal.trajectory)


def _json_key(entry: dict) -> tuple:
    return (entry["kind"], entry["due"], entry["candidate"], entry["trajectory"])


def _dialog(qtbot, page):
    qtbot.waitUntil(lambda: page.actions.dialog is not None and page.actions.dialog.isVisible(), timeout=10000)
    return page.actions.dialog


def _act(qtbot, page, button, fill):
    """Click the action's button, fill its dialog with keys, click OK; wait for the write and the reload."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, page)
    fill(dialog)
    with qtbot.waitSignal(page.actions.acted, timeout=10000) as acted, \
            qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return acted.args


def _cli(capsys, path, today, *extra):
    from matchdesk.cli.main import main

    capsys.readouterr()
    assert main(["--db", str(path), "--today", today.isoformat(), "signals", *extra, "--json", "--within", "30"]) == 0
    return {_json_key(entry): entry for entry in json.loads(capsys.readouterr().out)["signals"]}


def test_journey_handle_snooze_hand_over_and_the_command_line_agrees(qtbot, window, demo_db_path, today, capsys):
    from matchdesk.services.signals import open_signal_count

    page, count = _signals_page(qtbot, window)
    assert count == open_signal_count(page.app) > 0  # what the navigation can show without opening the page
    assert page.model.signal_count() >= 3

    # 1. handle the selected (first) signal with a short note
    page.table.setFocus()
    handled = page.actions.selected()[0]
    assert _act(qtbot, page, page.actions.handle_button,
                lambda d: qtbot.keyClicks(d.note, "Gebeld, vervolg afgesproken")) == ["afgehandeld", 1]
    assert _key(handled.signal) not in {_key(s) for s in page.model.signals()}

    # 2. the next signal: Down, then snooze it to a date typed in
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    snoozed = page.actions.selected()[0]
    until = today + dt.timedelta(days=10)

    def snooze(dialog):
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
        dialog.until.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed into: the day section selected
        qtbot.waitUntil(dialog.until.hasFocus, timeout=5000)
        qtbot.keyClicks(dialog.until, until.strftime("%d%m%Y"))  # the sections advance as they fill
        assert dialog.chosen() == until and dialog.ok_button.isEnabled()

    assert _act(qtbot, page, page.actions.snooze_button, snooze) == ["uitgesteld", 1]
    assert _key(snoozed.signal) not in {_key(s) for s in page.model.signals()}

    # 3. another one: hand it over to a colleague picked in the list
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    handed = page.actions.selected()[0]
    chosen = []

    def hand_over(dialog):
        dialog.colleague.setFocus()
        qtbot.keyClick(dialog.colleague, Qt.Key.Key_Down)
        chosen.append(dialog.chosen())
        assert chosen[0] not in ("", "demo")

    assert _act(qtbot, page, page.actions.hand_over_button, hand_over) == ["overgedragen", 1]
    assert _key(handed.signal) not in {_key(s) for s in page.model.signals()}  # no longer mine
    assert len({_key(handled.signal), _key(snoozed.signal), _key(handed.signal)}) == 3

    # the command line on the same database
    listed = _cli(capsys, demo_db_path, today)
    assert _key(handled.signal) not in listed
    assert _key(snoozed.signal) not in listed
    assert listed[_key(handed.signal)]["owner"] == chosen[0]
    assert listed[_key(handed.signal)]["handed_over_by"] == "demo"
    assert _key(handed.signal) not in _cli(capsys, demo_db_path, today, "--user", "demo", "--mine") \
        and _key(handed.signal) in _cli(capsys, demo_db_path, today, "--user", chosen[0], "--mine")
    on_the_date = _cli(capsys, demo_db_path, until)
    assert _key(snoozed.signal) in on_the_date and on_the_date[_key(snoozed.signal)]["status"] == "open"
    assert _key(handled.signal) not in on_the_date  # handled stays handled while its facts stay the same

    from matchdesk.cli.main import main

    capsys.readouterr()
    assert main(["--db", str(demo_db_path), "--today", today.isoformat(), "signals", "--json", "--all"]) == 0
    everything = {_json_key(e): e for e in json.loads(capsys.readouterr().out)["signals"]}
    assert everything[_key(handled.signal)]["status"] == "afgehandeld"
    assert everything[_key(snoozed.signal)]["status"] == "uitgesteld"
    assert everything[_key(snoozed.signal)]["snoozed_until"] == until.isoformat()


def test_verlengen_and_beeindigen_open_the_trajectory_dialog(qtbot, window, monkeypatch):
    opened = []

    def fake(parent, app, candidate=None, *, mode="start", trajectory_id=None):
        opened.append((mode, trajectory_id))
        return None  # cancelled

    monkeypatch.setattr("matchdesk.ui.trajectory_dialog.open_trajectory_dialog", fake)
    page, _count = _signals_page(qtbot, window)
    rows = [r for r in range(page.model.rowCount()) if page.model.signal_at(r) is not None]
    trajectory_row = next(r for r in rows if page.model.signal_at(r).trajectory)
    other_row = next(r for r in rows if not page.model.signal_at(r).trajectory)
    _click_row(qtbot, page, other_row)
    assert not page.actions.extend_button.isEnabled() and page.actions.handle_button.isEnabled()
    _click_row(qtbot, page, trajectory_row)
    assert page.actions.extend_button.isEnabled() and page.actions.end_button.isEnabled()
    qtbot.mouseClick(page.actions.extend_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.actions.end_button, Qt.MouseButton.LeftButton)
    target = str(page.model.signal_at(trajectory_row).trajectory)
    assert opened == [("extend", target), ("end", target)]


def test_a_handling_note_over_the_limit_is_cut_by_the_field(qtbot, window):
    from matchdesk.services.signal_states import NOTE_MAX

    page, _count = _signals_page(qtbot, window)
    qtbot.mouseClick(page.actions.handle_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, page)
    assert dialog.note.maxLength() == NOTE_MAX
    assert dialog.windowTitle() == "Signalen afhandelen" and dialog.ok_button.text() == "Afgehandeld"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_handled_signal_can_be_shown_and_reopened(qtbot, window, today):
    page, count = _signals_page(qtbot, window)
    page.table.setFocus()
    handled = page.actions.selected()[0]
    _act(qtbot, page, page.actions.handle_button, lambda d: qtbot.keyClicks(d.note, "Per abuis"))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(page.closed, Qt.MouseButton.LeftButton)
    assert page.actions.reopen_button.isVisible()
    row = next(r for r in range(page.model.rowCount())
               if page.model.signal_at(r) is not None and _key(page.model.signal_at(r)) == _key(handled.signal))
    _click_row(qtbot, page, row)
    assert page.model.data(page.model.index(row, 1)) == "afgehandeld"
    assert "Per abuis" in page.model.data(page.model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    with qtbot.waitSignal(page.actions.acted, timeout=10000) as acted, \
            qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(page.actions.reopen_button, Qt.MouseButton.LeftButton)
    assert acted.args == ["heropend", 1]
    with qtbot.waitSignal(page.open_count_changed, timeout=10000) as counted:
        qtbot.mouseClick(page.closed, Qt.MouseButton.LeftButton)
    assert _key(handled.signal) in {_key(s) for s in page.model.signals()} and counted.args == [count]


def test_the_navigation_counts_my_open_signals_before_the_page_is_opened(window):
    from matchdesk.services.signals import open_signal_count
    from matchdesk.ui.signals_page import SignalsPage

    page = window.page(SignalsPage)
    row = window.pages.index(page)
    assert window.stack.currentWidget() is not page  # never opened
    count = open_signal_count(window.app)
    assert count > 0
    assert window.nav.item(row).text() == f"Signalen ({count})"
