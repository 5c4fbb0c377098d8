"""Signalen page: listed, filtered, overdue marked, a signal opens its record, the worklist exports."""

from __future__ import annotations

import csv
import datetime as dt

import pytest


@pytest.fixture
def page(qtbot, demo_db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.ui.signals_page import SignalsPage

    page = SignalsPage(App(db=demo_db, user="demo", today=today, rulebooks=load_rulebooks()))
    qtbot.addWidget(page)
    page.resize(1100, 600)
    with qtbot.waitSignal(page.loaded, timeout=10000):  # computed off the GUI thread when first shown
        page.show()
    assert page.model.rowCount() > 0
    return page


def _rows(model):
    """The rows holding a signal (not the group headers)."""
    return [r for r in range(model.rowCount()) if model.signal_at(r) is not None]


def _column(model, column):
    return [model.data(model.index(r, column)) for r in _rows(model)]


def _own_signals(demo_db, app, today, within=30):
    from sqlalchemy import select

    from matchdesk.services.signals import collect_work
    from matchdesk.storage.models import Medewerker

    with demo_db.reading() as session:
        me = session.scalar(select(Medewerker.id).where(Medewerker.name == app.user))
        return collect_work(session, app.rulebooks, today, within, owner_id=me)


def test_signals_listed_like_the_service_mine_by_default(page, demo_db, today):
    expected = _own_signals(demo_db, page.app, today)
    assert page.mine.isChecked()
    assert sorted(page.model.items(), key=lambda i: (i.signal.due, i.signal.candidate)) == expected
    assert len(expected) > 0 and page.model.signal_count() == len(expected)
    assert set(_column(page.model, 2)) == {item.name for item in expected}  # the candidate's name
    assert page.count_label.text().startswith(f"{len(expected)} signalen")
    assert page.title == "Signalen"
    assert page.table.isColumnHidden(5)  # whose: all mine


def test_groups_today_and_this_week_first_then_later_then_overdue_by_age(qtbot, page, today):
    from matchdesk.ui.signals_model import group_of

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.within.setValue(365)
        page.mine.setChecked(False)  # the region: every group has signals
    model = page.model
    headers = model.header_rows()
    assert headers[0] == 0 and len(headers) >= 4
    groups = [model.data(model.index(r, 0), model.GroupRole) for r in headers]
    assert groups == sorted(groups)
    texts = [model.data(model.index(r, 0)) for r in headers]
    assert any(t.startswith("Later (") for t in texts)
    assert any(t.startswith("Meer dan 3 maanden te laat (") for t in texts)
    for r in headers:  # a header spans the table and cannot be selected
        assert page.table.columnSpan(r, 0) == model.columnCount()
        assert not model.flags(model.index(r, 0)) & model.flags(model.index(r, 0)).ItemIsSelectable
    order = [group_of(item.signal.due, today) for item in model.items()]
    assert order == sorted(order)
    overdue = [item.signal.due for item in model.items() if item.signal.due < today]
    upcoming = [item.signal.due for item in model.items() if item.signal.due >= today]
    assert upcoming == sorted(upcoming) and overdue == sorted(overdue, reverse=True)  # nearest first
    assert model.items()[0].signal.due >= today  # this week's deadlines on top, not under the overdue ones


def test_model_passes_the_model_tester(page, qtmodeltester):
    from PySide6.QtCore import Qt

    qtmodeltester.check(page.model)
    page.model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.model)


def test_overdue_rows_are_red_and_say_verlopen(page, today):
    from PySide6.QtCore import Qt

    model = page.model
    overdue = [r for r in _rows(model) if model.data(model.index(r, 0), model.SignalRole).due < today]
    on_time = [r for r in _rows(model) if r not in overdue]
    assert overdue and on_time
    row = overdue[0]
    assert model.data(model.index(row, 1)).startswith("verlopen (")
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert model.data(model.index(row, 1), Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert model.data(model.index(on_time[0], 0), Qt.ItemDataRole.ForegroundRole) is None
    assert "verlopen" not in model.data(model.index(on_time[0], 1))
    assert f"{len(overdue)} verlopen" in page.count_label.text()


def test_filters_kind_days_overdue_and_mine(qtbot, page, today):
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.mine.setChecked(False)  # the whole region
    assert not page.table.isColumnHidden(5)
    total = page.model.signal_count()
    page.kind.setCurrentIndex(page.kind.findData("taaleis"))
    kinds = {s.kind for s in page.model.signals()}
    assert kinds == {"taaleis"} and page.model.signal_count() < total
    assert set(_column(page.model, 4)) == {"Taaleis"}
    page.kind.setCurrentIndex(0)
    assert page.model.signal_count() == total

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.within.setValue(365)  # debounced: the list follows without a click
    assert page.model.signal_count() > total
    wider = page.model.signal_count()
    page.overdue_only.setChecked(True)
    assert 0 < page.model.signal_count() < wider
    assert all(s.due < today for s in page.model.signals())
    page.overdue_only.setChecked(False)

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.mine.setChecked(True)
    mine = page.model.signal_count()
    assert 0 < mine < wider


def test_mine_counts_only_the_users_caseload(qtbot, page, demo_db, today):
    from sqlalchemy import select

    from matchdesk.services.signals import collect_signals
    from matchdesk.storage.models import Medewerker

    with demo_db.reading() as session:
        me = session.scalar(select(Medewerker.id).where(Medewerker.name == "demo"))
        expected = collect_signals(session, page.app.rulebooks, today, 30, owner_id=me)
    assert sorted(page.model.signals(), key=lambda s: (s.due, s.candidate)) == expected
    assert {item.owner for item in page.model.items()} == {"demo"}


def test_unknown_user_has_no_own_candidates(qtbot, demo_db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.ui.signals_page import SignalsPage

    page = SignalsPage(App(db=demo_db, user="niemand", today=today, rulebooks=load_rulebooks()))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.open_count_changed, timeout=10000) as counted:
        page.refresh()
    assert counted.args == [0]
    assert page.model.rowCount() == 0 and page.count_label.text() == "0 signalen"
    assert not page.export_button.isEnabled()
    assert "'niemand'" in page.mine.toolTip()


def test_open_a_signal_emits_open_record(qtbot, page):
    from PySide6.QtCore import Qt

    model = page.model
    trajectory_row = next(r for r in _rows(model) if model.signal_at(r).trajectory)
    signal = model.signal_at(trajectory_row)
    with qtbot.waitSignal(page.open_record, timeout=1000) as blocker:
        page.table.activated.emit(model.index(trajectory_row, 2))  # what a double-click does
    assert blocker.args == ["traject", str(signal.trajectory)]

    candidate_row = next(r for r in _rows(model) if not model.signal_at(r).trajectory)
    page.table.setFocus()
    page.table.selectRow(candidate_row)
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.open_record, timeout=1000) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["kandidaat", model.signal_at(candidate_row).candidate]

    page.table.setCurrentIndex(model.index(candidate_row, 0))
    with qtbot.waitSignal(page.open_record, timeout=1000) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == ["kandidaat", model.signal_at(candidate_row).candidate]


def _csv_rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_the_filtered_worklist_and_audits(qtbot, page, demo_db, tmp_path, suffix):
    from sqlalchemy import select

    from matchdesk.services.signals import HEADERS
    from matchdesk.storage.models import AuditEntry
    from matchdesk.transfer import open_table

    page.kind.setCurrentIndex(page.kind.findData("voorstel_zonder_opvolging"))
    shown = page.model.signals()
    target = tmp_path / f"werklijst{suffix}"
    with qtbot.waitSignal(page.exported, timeout=10000) as blocker:  # written off the GUI thread
        page.export_to(target)
    assert blocker.args == [len(shown)] and len(shown) > 0
    if suffix == ".csv":
        rows = _csv_rows(target)
        assert rows[0] == list(HEADERS)
        assert rows[1][0] == shown[0].due.isoformat() and rows[1][1] == "voorstel_zonder_opvolging"
        assert len(rows) == len(shown) + 1
    else:
        table = open_table(target)
        assert list(table.headers)[:len(HEADERS)] == list(HEADERS)
    with demo_db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_type == "signalen",
                                                          AuditEntry.action == "geëxporteerd")).one()
    assert entry.action == "geëxporteerd" and entry.medewerker == "demo" and target.name in entry.detail


def test_refresh_picks_up_writes_made_elsewhere(qtbot, page, demo_db, today):
    from matchdesk.services.candidates import create_candidate
    from tests.conftest import candidate_values

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.mine.setChecked(False)
    before = page.model.signal_count()
    with demo_db.unit("demo") as session:
        create_candidate(session, candidate_values(klantnummer="9900001",
                                                   ontheffing_until=today + dt.timedelta(days=5)), today)
    row = _rows(page.model)[3]
    page.table.selectRow(row)
    kept = page.model.signal_at(row)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()  # what the window does when the page is shown again
    assert page.model.signal_count() == before + 1
    new = [s for s in page.model.signals() if s.candidate == "9900001"]
    assert [s.kind for s in new] == ["ontheffing_verloopt"]
    assert page.model.signal_at(page.table.currentIndex().row()) == kept  # the place in the list is kept


def test_a_newer_request_supersedes_an_older_one(qtbot, page):
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.within.setValue(3650)
        page.refresh()
        page.within.setValue(0)
        page.refresh()
    qtbot.waitUntil(lambda: not page.ops.busy)  # every result delivered, the superseded ones dropped
    assert page._loaded_for == (0, True)
    assert all(s.due <= page.app.today for s in page.model.signals())
    assert page.busy_label.isHidden()


def test_export_button_asks_for_a_file_and_reports(qtbot, page, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    target = tmp_path / "signalen.xlsx"
    told = []
    monkeypatch.setattr("matchdesk.ui.file_dialogs.get_save_file_name", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: told.append(text)))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)  # written off the GUI thread, then said
    assert target.exists()
    assert told == [f"{page.model.signal_count()} signalen geschreven naar signalen.xlsx."]


def test_export_that_cannot_be_written_is_said(qtbot, page, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append((title, text))))
    page.export_to(tmp_path / "werklijst.pdf")  # not a format MatchDesk writes
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert warned[0][0] == "Exporteren" and "pdf" in warned[0][1].lower()
    assert not (tmp_path / "werklijst.pdf").exists()


def test_window_and_command_line_write_the_same_worklist(qtbot, page, demo_db_path, tmp_path, today, capsys):
    """One export: the same columns, rows and ISO dates from Signalen and from ``matchdesk signals --export``."""
    from matchdesk.cli.main import main
    from matchdesk.services.signals import HEADERS

    from_window, from_cli = tmp_path / "venster.csv", tmp_path / "opdrachtregel.csv"
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export_to(from_window)
    assert main(["--db", str(demo_db_path), "--today", today.isoformat(), "--user", "demo", "signals", "--mine",
                 "--export", str(from_cli)]) == 0
    window_rows, cli_rows = _csv_rows(from_window), _csv_rows(from_cli)
    assert window_rows[0] == cli_rows[0] == list(HEADERS)
    assert sorted(window_rows[1:]) == sorted(cli_rows[1:]) and len(cli_rows) == page.model.signal_count() + 1
    assert all(dt.date.fromisoformat(row[0]) for row in cli_rows[1:])  # ISO, not dd-mm-jjjj


def test_texts_come_in_dutch_through_the_translator(page):
    """English source texts, Dutch on screen: the translator (matchdesk_nl.qm) is installed by the tests."""
    from PySide6.QtCore import Qt

    assert page.open_button.text() == "&Openen" and page.refresh_button.text() == "Ver&nieuwen"
    assert page.mine.text() == "Alleen &mijn" and page.within.suffix() == " dagen"
    assert [b.text() for b in page.actions.buttons] == ["&Afhandelen…", "&Uitstellen tot…", "Over&dragen…",
                                                        "He&ropenen", "Ver&lengen…", "B&eëindigen…"]
    assert page.actions.reopen_button.isHidden()  # only with "Ook afgehandeld en uitgesteld"
    assert page.kind.itemText(0) == "alle soorten"
    assert page.kind.itemText(page.kind.findData("einde_nadert")) == "Einde traject nadert"
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["Vervaldatum", "Termijn", "Naam", "Klantnummer", "Soort", "Medewerker", "Melding"]
    assert "<" not in page.count_label.accessibleDescription()  # the description is plain text


def test_journey_from_the_main_window_to_an_exported_worklist(qtbot, demo_db, today, tmp_path, monkeypatch):
    """Start at the main window, go to Signalen by its shortcut, narrow to overdue, export: ISO dates in the file."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.ops import Ops
    from matchdesk.ui.signals_page import SignalsPage

    def settle(widget):
        for lane in widget.findChildren(Ops):
            lane.wait(10000)

    window = MainWindow(App(db=demo_db, user="demo", today=today, rulebooks=load_rulebooks()))
    qtbot.addWidget(window, before_close_func=settle)
    window.show()
    settle(window)
    page = window.page(SignalsPage)
    number = window.pages.index(page) + 1
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page and page.model.rowCount() > 0
    page.overdue_only.setFocus()
    qtbot.keyClick(page.overdue_only, Qt.Key.Key_Space)
    overdue = page.model.signals()
    assert overdue and all(s.due < today for s in overdue)

    target = tmp_path / "verlopen.csv"
    told = []
    monkeypatch.setattr("matchdesk.ui.file_dialogs.get_save_file_name", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: told.append(text)))
    qtbot.keyClick(page.export_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    rows = _csv_rows(target)[1:]
    assert [row[0] for row in rows] == [s.due.isoformat() for s in overdue]
    assert told == [f"{len(overdue)} signalen geschreven naar verlopen.csv."]
