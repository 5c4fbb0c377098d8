"""Issue 16, item 2: a start builds only the page shown, reads one first page of one list, and loads the
matching index in the background once that page is painted, so the first ranking finds it ready.

Nothing here measures time (``benchmarks/startup.py`` and ``benchmarks/first_ranking.py`` do)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TODAY, test_key

CTRL = Qt.KeyboardModifier.ControlModifier
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def started(qtbot, region, tmp_path, monkeypatch):
    """A window on a copy of the region, after its first paint; ``started.first_pages`` counts the
    count-and-page reads of every list."""
    from matchdesk.app import App
    from matchdesk.services import lists
    from matchdesk.storage.migrate import sqlite_backup
    from matchdesk.ui.main_window import MainWindow

    reads: list[str] = []
    first_page = lists.first_page
    monkeypatch.setattr(lists, "first_page", lambda app, query, size: reads.append(query.list)
                        or first_page(app, query, size))
    path = tmp_path / "region.db"
    sqlite_backup(region, path, test_key())
    app = App.open(path, user="demo", today=TODAY)
    window = MainWindow(app)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_page_painted, timeout=20_000):
        window.show()
    window.first_pages = reads
    yield window
    window.warm_ops.wait(60_000)
    window.close()
    app.close()


def test_the_navigation_names_each_page_as_its_class_does():
    from matchdesk.ui.lazy_pages import PAGES
    from matchdesk.ui.main_window import VIEWS

    for slot in PAGES:
        page_class = getattr(importlib.import_module(slot.module), slot.name)
        assert page_class.title == slot.title and slot.name in VIEWS


def test_a_start_builds_the_shown_page_only_and_reads_its_list_once(qtbot, started):
    window = started
    assert window.first_pages == ["kandidaat"]  # one count-and-page read, of the list shown
    assert [row for row, _page in window.pages.built()] == [0]
    assert window.nav.count() == 7 and window.nav.item(4).text().startswith("Matchen")

    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # Werkgevers: built now, and read once
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
    assert page is window.pages[1] and window.first_pages == ["kandidaat", "werkgever"]
    assert [row for row, _page in window.pages.built()] == [0, 1]


def test_the_matching_index_is_ready_before_the_first_ranking(qtbot, started):
    window = started  # the engine's modules are imported a step at a time on the GUI thread, then the index loads
    qtbot.waitUntil(lambda: window.app._matcher is not None, timeout=60_000)
    assert window.warm_ops.wait(60_000)
    matcher = window.app._matcher
    with window.app.db.reading() as session:
        assert matcher.engine.index.refresh(session) == 0  # nothing left to read for the first ranking
    assert len(matcher.engine.index) > 0

    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)  # Matchen, then a reference and Enter
    page = window.stack.currentWidget()
    qtbot.keyClicks(page.query, "V2026-00001")
    with qtbot.waitSignal(page.ranked, timeout=30_000):
        qtbot.keyClick(page.query, Qt.Key.Key_Return)
    assert page.model.rowCount() > 0 and window.app._matcher is matcher


CHILD = """
import json, sys
from PySide6.QtWidgets import QApplication
from matchdesk.app import App
from matchdesk.ui.main_window import MainWindow
qt = QApplication([])
window = MainWindow(App.open(sys.argv[1], user="demo", today=__import__("datetime").date(2026, 11, 23)))
seen = {}
def painted():
    seen["modules"] = sorted(m for m in sys.modules if m.split(".")[0] in ("matchdesk", "numpy", "scipy", "sklearn"))
    qt.quit()
window.first_page_painted.connect(painted)
window.show()
qt.exec()
print("LOADED " + json.dumps(seen["modules"]))
"""


def test_the_first_paint_comes_before_the_other_pages_and_the_matching_engine_are_loaded(region, tmp_path):
    from matchdesk.storage.migrate import sqlite_backup

    path = tmp_path / "region.db"
    sqlite_backup(region, path, test_key())
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED "))
    loaded = set(json.loads(line.split(" ", 1)[1]))
    assert "matchdesk.ui.record_pages" in loaded
    later = {"matchdesk.ui.matching_page", "matchdesk.ui.signals_page", "matchdesk.ui.report_page",
             "matchdesk.ui.retention_dialog", "matchdesk.matching.engine", "numpy", "scipy", "sklearn"}
    assert loaded & later == set()


def test_a_window_start_reads_its_options_without_the_command_modules():
    from matchdesk.cli.main import window_arguments

    args = window_arguments(["--db", "regio.db", "--user", "anouk", "--today", "2026-11-23", "--view", "matchen"])
    assert (args.db, args.user, args.today.isoformat(), args.view) == ("regio.db", "anouk", "2026-11-23", "matchen")
    # a command, a stray word, a help request or a wrong option: the whole parser reads and judges them as before
    for words in (["--db", "x", "rank", "--vacancy", "V1"], ["--db", "x", "bogus"], ["-h"], ["--today", "2026-13-01"]):
        assert window_arguments(words) is None, words


def test_a_start_on_another_view_shows_that_page_and_ends_cleanly(region, tmp_path):
    """``--view`` builds its page after the window is shown (a page built while the window was hidden crashed
    PySide6 once shown), and quitting at once while the engine is still being loaded ends without a crash."""
    from matchdesk.storage.migrate import sqlite_backup

    path = tmp_path / "region.db"
    sqlite_backup(region, path, test_key())
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    shot = tmp_path / "trajecten.png"
    done = subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(path), "--user", "demo", "--today",
                           TODAY.isoformat(), "--view", "trajecten", "--screenshot", str(shot), "--quit-when-ready"],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and "MATCHDESK_READY" in done.stderr, done.stderr[-1000:]
    assert shot.stat().st_size > 0
