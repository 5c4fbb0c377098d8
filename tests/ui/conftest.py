"""Qt tests run in Dutch (our translations and Qt's) and never read or write the real user's settings."""

from __future__ import annotations

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
