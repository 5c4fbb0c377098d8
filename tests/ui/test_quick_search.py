"""Quick search (Ctrl+K) from the main window: the use cases run as ops, Enter before the results arrive
still opens the record typed, and each opening reads the names anew."""

import pytest
from PySide6.QtCore import Qt

from matchdesk.services.candidates import create_candidate
from tests.conftest import candidate_values


@pytest.fixture
def app(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    with db.unit("tester") as session:
        for i, (first, prefix, last) in enumerate([("Noël", "van den", "Berg"), ("Ayşe", None, "Yılmaz")]):
            create_candidate(session, candidate_values(klantnummer=f"100000{i}", voornaam=first,
                                                       tussenvoegsel=prefix, achternaam=last), today)
    return App(db=db, user="demo", today=today, rulebooks=load_rulebooks())


@pytest.fixture
def window(qtbot, app):
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def opened(monkeypatch):
    """What the window was asked to open (the editors themselves are tested elsewhere)."""
    calls = []
    monkeypatch.setattr("matchdesk.ui.editors.open_editor", lambda _parent, _app, kind, key, *a, **k: calls.append(
        (kind, key)))
    return calls


def _open_search(qtbot, window):
    from matchdesk.ui.quick_search import QuickSearchDialog

    def shown():
        return [d for d in window.findChildren(QuickSearchDialog) if d.isVisible()]

    window.activateWindow()  # the offscreen platform does not hand activation back when a dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(shown()) == 1)
    dialog = shown()[0]
    dialog.ops.wait()  # the refresh
    return dialog


def test_enter_typed_before_the_results_arrive_opens_the_record_typed(qtbot, window, opened):
    dialog = _open_search(qtbot, window)
    qtbot.keyClicks(dialog.query, "Yilmas")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)  # at once: the pause in typing has not passed yet
    qtbot.waitUntil(lambda: opened == [("kandidaat", "1000001")])
    assert not dialog.isVisible()


def test_arrows_choose_and_a_record_added_meanwhile_is_found_at_the_next_opening(qtbot, window, opened, app, today):
    dialog = _open_search(qtbot, window)
    with qtbot.waitSignal(dialog.searched):
        qtbot.keyClicks(dialog.query, "Jansen")
    assert dialog.results.count() == 0
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)
    with app.unit() as session:
        create_candidate(session, candidate_values(klantnummer="1000009", voornaam="Piet", tussenvoegsel=None,
                                                   achternaam="Jansen"), today)
    dialog = _open_search(qtbot, window)
    with qtbot.waitSignal(dialog.searched):
        qtbot.keyClicks(dialog.query, "Jansen")
    assert dialog.results.count() >= 1 and "Jansen, Piet" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert opened == [("kandidaat", "1000009")]
