"""A teamleider reads a candidate's audit trail from the candidate editor (issue 14 item 4); others cannot."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def app_as(demo_db_path):
    from matchdesk.app import App

    opened = []

    def make(user: str):
        app = App.open(demo_db_path, user=user, today=TODAY)
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.close()


def _editor(qtbot, app):
    from sqlalchemy import select

    from matchdesk.services.candidate_cases import open_candidate
    from matchdesk.storage.models import Candidate
    from matchdesk.ui.editors import CandidateEditor

    with app.db.reading() as session:
        klantnummer = session.scalar(select(Candidate.klantnummer).order_by(Candidate.klantnummer).limit(1))
    editor = CandidateEditor(app, open_candidate(app, klantnummer))
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    editor.show()
    return editor, klantnummer


def test_a_teamleider_reads_the_trail(qtbot, app_as):
    editor, klantnummer = _editor(qtbot, app_as("teamleider"))
    qtbot.waitUntil(editor.audit_button.isEnabled)
    qtbot.mouseClick(editor.audit_button, Qt.MouseButton.LeftButton)
    dialog = editor.audit_dialog
    dialog.ops.wait()
    qtbot.waitUntil(lambda: dialog.trail is not None)
    assert klantnummer in dialog.windowTitle()
    whats = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    assert "Bekeken kandidaat" in whats and "Aangemaakt kandidaat" in whats
    assert all(dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount()))
    dialog.reject()


def test_a_matchmaker_cannot(qtbot, app_as):
    from matchdesk.services.audit import may_read_audit_trail

    app = app_as("demo")
    editor, _ = _editor(qtbot, app)
    for lane in editor.findChildren(type(editor.ops)):
        lane.wait()  # the answer has come back
    assert not may_read_audit_trail(app) and not editor.audit_button.isEnabled()
