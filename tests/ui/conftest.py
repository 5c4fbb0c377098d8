"""Qt tests run in Dutch (our translations and Qt's) and never read or write the real user's settings."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def dutch_application(qapp):
    from matchdesk.ui.style import apply_style

    apply_style(qapp)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("MatchDesk-tests")
    qapp.setApplicationName("MatchDesk-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def trouble(monkeypatch):
    """Every message box and every exception that reaches the hook, recorded instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[tuple[str, object]] = []

    def box(name):
        return staticmethod(lambda *args, **kwargs: seen.append((name, args[2:3])) or QMessageBox.StandardButton.Ok)

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, box(name))
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: seen.append(("exception", repr(error))))
    return seen


@pytest.fixture(scope="session")
def region(tmp_path_factory) -> Path:
    """A small generated region for the window sweeps (every record opens, every page and dialog): 210
    candidates (two list pages), 12 employers, 25 vacancies of every kind, trajectories."""
    from matchdesk.cli.main import main
    from tests.conftest import TODAY

    path = tmp_path_factory.mktemp("region") / "region.db"
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "demo", "--candidates", "210",
                 "--employers", "12", "--vacancies", "25", "--seed", "1"]) == 0
    return path


@pytest.fixture
def region_copy(region, tmp_path) -> Path:
    """A copy of the region per test (opening a record writes its audit entry)."""
    from matchdesk.storage.migrate import sqlite_backup
    from tests.conftest import test_key

    path = tmp_path / "region.db"
    sqlite_backup(region, path, test_key())
    return path


@contextmanager
def window_on(qtbot, path: Path, tmp_path: Path, monkeypatch, user: str):
    """The main window on the database ``path`` as medewerker ``user``, shown and active; closed afterwards."""
    from matchdesk.app import App
    from matchdesk.ui.main_window import MainWindow
    from tests.conftest import TODAY

    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    app = App.open(path, user=user, today=TODAY)
    window = MainWindow(app)
    window.path = path
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    try:
        yield window
    finally:
        window.close()
        app.close()


@pytest.fixture
def region_window(qtbot, region_copy, tmp_path, monkeypatch, trouble):
    """The main window on ``region_copy`` as medewerker "tester"."""
    with window_on(qtbot, region_copy, tmp_path, monkeypatch, "tester") as window:
        yield window
