"""The teamleider sees what is past its bewaartermijn: from the main window's File menu to the erasure."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from tests.conftest import TODAY


def test_the_teamleider_sees_what_is_due_and_erases_it(qtbot, demo_db_path, tmp_path, monkeypatch):
    from matchdesk.app import App
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.retention_dialog import RetentionDialog

    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    monkeypatch.setenv("MATCHDESK_NO_CACHE", "1")
    app = App.open(demo_db_path, user="teamleider", today=TODAY + dt.timedelta(days=365 * 8))
    window = MainWindow(app)
    qtbot.addWidget(window)
    try:
        action = window.findChild(QAction, "retention_action")  # Bestand > Bewaartermijnen…
        window.show()
        action.trigger()
        dialog = window.findChild(RetentionDialog, "retention_dialog")
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0 and dialog.erase_button.isEnabled())
        assert all("termijn" in dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount()))
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        dialog.erase_button.click()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0 and not dialog.erase_button.isEnabled(), timeout=20000)
        dialog.close()
    finally:
        window.close()
        app.close()
