"""Qt tests run in Dutch (our translations and Qt's) and never read or write the real user's settings."""

from __future__ import annotations

import sys
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
