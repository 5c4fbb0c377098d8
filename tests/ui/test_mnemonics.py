"""Alt+letter works on every page and form: no two visible controls share a mnemonic."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

TODAY = dt.date(2026, 11, 23)


def clashes(widget: QWidget) -> dict[str, list[str]]:
    """Mnemonic letter -> texts, for the buttons, buddied labels and group boxes visible in ``widget``."""
    found = defaultdict(list)
    texts = [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    texts += [lb.text() for lb in widget.findChildren(QLabel) if lb.isVisibleTo(widget) and lb.buddy() is not None]
    texts += [g.title() for g in widget.findChildren(QGroupBox) if g.isVisibleTo(widget)]
    for text in texts:
        match = re.search(r"&([^&])", text.replace("&&", ""))
        if match:
            found[match.group(1).lower()].append(text)
    return {letter: texts for letter, texts in found.items() if len(texts) > 1}


@pytest.fixture
def ctx(demo_db_path):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.storage.database import Database

    db = Database.open(demo_db_path)
    yield App(db=db, user="demo", today=TODAY, rulebooks=load_rulebooks())
    db.dispose()


def _klantnummer(ctx) -> str:
    from sqlalchemy import select

    from matchdesk.storage.models import Candidate

    with ctx.db.reading() as session:
        return session.scalar(select(Candidate.klantnummer).order_by(Candidate.klantnummer).limit(1))


def test_pages_of_the_main_window(qtbot, ctx):
    from tests.ui.test_main_window import open_window

    window = open_window(qtbot, ctx)
    for page in window.pages:
        assert clashes(page) == {}, page.title


def test_editors_and_dialogs_per_tab(qtbot, ctx):
    from matchdesk.ui.editors import CandidateEditor, EmployerEditor, VacancyEditor
    from matchdesk.ui.import_dialog import ImportDialog
    from matchdesk.ui.matching_page import TypedVacancyDialog
    from matchdesk.ui.trajectory_dialog import TrajectoryDialog

    number = _klantnummer(ctx)
    for dialog in (CandidateEditor(ctx, number), EmployerEditor(ctx, None), VacancyEditor(ctx, None),
                   ImportDialog(ctx), TypedVacancyDialog(), TrajectoryDialog(ctx, number)):
        qtbot.addWidget(dialog)
        assert clashes(dialog) == {}, type(dialog).__name__
        for tabs in dialog.findChildren(QTabWidget):  # each tab with the buttons around it
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                assert clashes(dialog) == {}, (type(dialog).__name__, tabs.tabText(i))
