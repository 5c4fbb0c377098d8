"""Synchroniseren in the window of a laptop: File > Synchronise runs the sync with progress, the last sync
shows in the status bar, a refused change opens "Geweigerde wijzigingen" with the server's version beside
the laptop's, and Drop lets it go; a server that cannot be reached is one Dutch message. A plain desktop
file shows none of it."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt

from tests.conftest import TODAY
from tests.sync.fake_server import FakeServer
from tests.ui.conftest import window_on


@pytest.fixture
def laptop_file(region_copy):
    """The region as a laptop of http://server with one change made offline: a candidate's phone."""
    from matchdesk.app import App
    from matchdesk.services import candidate_cases
    from matchdesk.sync import outbox

    with App.open(region_copy, user="tester", today=TODAY) as app:
        with app.unit() as session:
            outbox.make_laptop(session, "http://server")
        record = candidate_cases.open_candidate(app, "2000001")
        candidate_cases.save_candidate(app, record.id, record.version, {"telefoon": "0622222222"})
    return region_copy


@pytest.fixture
def server(monkeypatch):
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.sync import client

    fake = FakeServer(load_rulebooks())
    original = client.ServerConnection.__init__

    def through_fake(self, server, token, *, client=None, timeout=60.0):
        original(self, server, token, client=httpx.Client(transport=httpx.MockTransport(fake)))

    monkeypatch.setattr(client.ServerConnection, "__init__", through_fake)
    monkeypatch.setenv("MATCHDESK_SERVER_TOKEN", "geheim")
    return fake


def _refuse_the_phone(app, fake: FakeServer) -> None:
    from matchdesk.services import candidate_cases
    from matchdesk.sync.desk import sync_state

    record = candidate_cases.open_candidate(app, "2000001")
    key = f"candidates/{record.id}"
    theirs = {"id": str(record.id), "telefoon": "0611111111", "version": record.version + 5, "updated_by": "bram"}
    fake.answers["candidate.save"] = {"status": "conflict", "message": "Bram heeft de kandidaat intussen gewijzigd",
                                      "changed_by": "bram", "changed_at": "2026-11-22T10:00:00Z",
                                      "current": {key: theirs}}
    assert sync_state(app).pending == 1


def test_a_laptop_synchronises_and_drops_a_refused_change(qtbot, laptop_file, server, tmp_path, monkeypatch, trouble):
    from matchdesk.ui.sync_dialog import RefusedDialog

    with window_on(qtbot, laptop_file, tmp_path, monkeypatch, "tester") as window:
        sync = window.sync_actions
        qtbot.waitUntil(lambda: sync.action.isVisible() and sync.last_label.isVisible())
        assert sync.last_label.text() == "Nog niet gesynchroniseerd · 1 wijziging te versturen"
        assert sync.action in window.menuBar().actions()[0].menu().actions()  # Bestand > Synchroniseren
        _refuse_the_phone(window.app, server)
        sync.action.trigger()
        qtbot.waitUntil(lambda: window.findChild(RefusedDialog, "refused_dialog") is not None, timeout=20000)
        dialog = window.findChild(RefusedDialog, "refused_dialog")
        qtbot.waitUntil(lambda: dialog.list.rowCount() == 1 and dialog.fields.rowCount() > 0)
        assert dialog.list.item(0, 1).text() == "Gewijzigd door een ander"
        assert "bram" in dialog.reason.text()
        cells = [[dialog.fields.item(r, c).text() for c in range(3)] for r in range(dialog.fields.rowCount())]
        assert ["Kandidaat: telefoon", "0622222222", "0611111111"] in cells  # the laptop's beside the server's
        qtbot.waitUntil(lambda: sync.last_label.text().startswith("Laatst gesynchroniseerd: ")
                        and sync.refused_button.isVisible())
        assert sync.refused_button.text() == "1 geweigerde wijziging"
        qtbot.mouseClick(dialog.drop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.list.rowCount() == 0 and dialog.summary.text() == "Geen geweigerde wijzigingen.")
        qtbot.waitUntil(lambda: not sync.refused_button.isVisible())
        dialog.close()
    assert trouble == []


def test_a_refused_change_is_redone_on_the_laptop(qtbot, laptop_file, server, tmp_path, monkeypatch, trouble):
    from matchdesk.services import candidate_cases
    from matchdesk.sync.desk import sync_state
    from matchdesk.ui.sync_dialog import RefusedDialog

    with window_on(qtbot, laptop_file, tmp_path, monkeypatch, "tester") as window:
        sync = window.sync_actions
        qtbot.waitUntil(lambda: sync.action.isVisible())
        _refuse_the_phone(window.app, server)
        sync.button.click()  # the status bar's Synchroniseren
        qtbot.waitUntil(lambda: window.findChild(RefusedDialog, "refused_dialog") is not None, timeout=20000)
        dialog = window.findChild(RefusedDialog, "refused_dialog")
        qtbot.waitUntil(lambda: dialog.redo_button.isEnabled())
        qtbot.mouseClick(dialog.redo_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.list.rowCount() == 0 and dialog.summary.text() == "Geen geweigerde wijzigingen.")
        assert candidate_cases.open_candidate(window.app, "2000001").values["telefoon"] == "0622222222"
        assert sync_state(window.app).pending == 1  # goes with the next sync
        qtbot.waitUntil(lambda: "1 wijziging te versturen" in sync.last_label.text())
        dialog.close()
    assert trouble == []


def test_a_server_that_cannot_be_reached_is_one_message(qtbot, laptop_file, server, tmp_path, monkeypatch, trouble):
    server.down = True
    with window_on(qtbot, laptop_file, tmp_path, monkeypatch, "tester") as window:
        sync = window.sync_actions
        qtbot.waitUntil(lambda: sync.action.isVisible())
        sync.action.trigger()
        qtbot.waitUntil(lambda: bool(trouble), timeout=20000)
        assert trouble[0][0] == "warning" and "niet bereikbaar" in str(trouble[0][1])
        qtbot.waitUntil(lambda: sync.action.isEnabled())
        assert "1 wijziging te versturen" in sync.last_label.text()  # the outbox untouched


def test_a_desktop_file_shows_no_sync(region_window, qtbot):
    sync = region_window.sync_actions
    qtbot.waitUntil(lambda: sync.state is not None)
    assert not sync.action.isVisible() and not sync.button.isVisible() and not sync.last_label.isVisible()
    assert sync.action not in region_window.menuBar().actions()[0].menu().actions()
