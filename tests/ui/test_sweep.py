"""The sweep after the redesign (issue 12, item 6): on a small demo region, starting at the main window and
using only what a user has (shortcuts, menus, keys, clicks):

- every page's first screen (Ctrl+1..Ctrl+7): its ops finish, no error, and it shows data;
- every dialog reachable from the menus (Quit excepted): it shows without an error and Escape closes it;
- Matchen on every vacancy kind (the reference typed in, Enter) and for a candidate the other way round:
  results, the first one selected with its explanation, no error.

Error dialogs are caught by recording every ``QMessageBox`` warning/critical/information/question and every
exception that reaches the hook (``sys.excepthook``, where ``ui/errors.py`` shows its dialog and where the
ops send anything that is not a ``MatchDeskError``); each test asserts that nothing was recorded.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from matchdesk.domain import VacancyKind
from tests.conftest import raw_connect
from tests.ui.conftest import window_on

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, region_copy, tmp_path, monkeypatch, trouble):
    # the demo's own medewerker: "my candidates" are there
    with window_on(qtbot, region_copy, tmp_path, monkeypatch, "demo") as window:
        qtbot.waitUntil(lambda: window.facts is not None and window.candidates.loaded, timeout=10_000)
        yield window


def _visible_dialogs(window) -> list[QDialog]:
    return [d for d in window.findChildren(QDialog) if d.isVisible()]


# -- (a) every page's first screen -------------------------------------------------------------------------
def _shows_data(page) -> str | None:
    """What the page shows, or None while it shows nothing (yet)."""
    from matchdesk.ui.list_page import ListPage
    from matchdesk.ui.matching_page import MatchingPage
    from matchdesk.ui.report_page import ReportPage
    from matchdesk.ui.signals_page import SignalsPage

    if isinstance(page, ListPage):
        return f"{page.model.rowCount()} rows of {page.model.total}" if page.loaded and page.model.rowCount() else None
    if isinstance(page, SignalsPage):
        return page.count_label.text() if page.model.rowCount() and page.count_label.text() else None
    if isinstance(page, ReportPage):
        tabs = (page.share, page.uitstroom)
        filled = page.report is not None and page.summary.text() and all(
            tab.model.rowCount() and tab.chart_view.chart().series() for tab in tabs)
        return page.summary.text() if filled else None
    if isinstance(page, MatchingPage):  # nothing ranked yet: the first screen is its empty form
        return "form" if page.query.isEnabled() and page.rank_button.isEnabled() else None
    raise AssertionError(f"a page the sweep does not know: {type(page).__name__}")


def test_every_page_first_screen(qtbot, window, trouble):
    assert len(window.pages) == 7
    for number, page in enumerate(window.pages, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert window.stack.currentWidget() is page, page.title
        assert window.nav.currentRow() == number - 1
        qtbot.waitUntil(lambda page=page: bool(trouble) or (not page.ops.busy and _shows_data(page) is not None),
                        timeout=20_000)
        assert trouble == [], page.title
        assert page.isVisible()
    with raw_connect(window.path) as con:  # the first screen of Kandidaten: my candidates, all of them
        mine = con.execute("select count(*) from candidates c join medewerkers m on m.id = c.owner_id "
                           "where m.name = 'demo' and c.deleted_at is null").fetchone()[0]
    assert window.pages[0].mine.isChecked() and window.pages[0].model.total == mine > 0


# -- (b) every dialog reachable from the menus --------------------------------------------------------------
def _menu_actions(window):
    """(menu title, action) for every action of the menu bar, submenus included, Quit left out."""
    found = []

    def walk(menu):
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu())
            else:
                found.append((menu.title(), action))

    for top in window.menuBar().actions():
        walk(top.menu())
    return [(title, action) for title, action in found if action.shortcut().toString() != "Ctrl+Q"]


class _MessageBoxCloser(QTimer):
    """Armed before an action is triggered: if the action runs a message box with its own event loop
    (``QMessageBox.about``), note the box and close it with Escape from inside that loop."""

    def __init__(self) -> None:
        super().__init__(singleShot=True, interval=0)
        self.seen: list[str] = []
        self.timeout.connect(self._close)

    def _close(self) -> None:
        from PySide6.QtTest import QTest

        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            self.seen.append(modal.text())
            QTest.keyClick(modal, Qt.Key.Key_Escape)
        elif modal is None:
            self.start()  # the box is not up yet


def test_every_menu_dialog_opens_and_closes(qtbot, window, trouble):
    actions = _menu_actions(window)
    names = [action.text().replace("&", "") for _menu, action in actions]
    # Import, Retention periods, Quick search, the seven pages, Find on this page, Compact navigation, Manual,
    # Keyboard shortcuts, About
    assert len(actions) == 15, names
    in_the_window = {  # actions that change the window itself, with what the user sees afterwards
        "Zoeken op deze pagina": lambda: QApplication.focusWidget() is window.stack.currentWidget().search_widget(),
        "Compacte navigatie": lambda: window.navigation.collapsed,
        "Handleiding": lambda: window.help_window.isVisible() and window.help_window.anchor == "ReportPage",
        "Sneltoetsen": lambda: window.help_window.isVisible() and window.help_window.anchor == "sneltoetsen"}
    dialogs: dict[str, str] = {}  # action -> what it showed
    for menu, action in actions:
        name = action.text().replace("&", "")
        with qtbot.waitActive(window):
            window.activateWindow()
        before = set(_visible_dialogs(window))
        closer = _MessageBoxCloser()
        closer.start()
        action.trigger()  # returns when a modal message box is closed again; a dialog stays open
        closer.stop()
        assert trouble == [], (menu, name)
        if closer.seen:
            assert not isinstance(QApplication.activeModalWidget(), QMessageBox)
            dialogs[name] = "QMessageBox"
            continue
        opened = [d for d in _visible_dialogs(window) if d not in before]
        if name in in_the_window:
            assert not opened and in_the_window.pop(name)(), (menu, name)
            continue
        if not opened:  # a page of Ga naar: shown in the window (the pages themselves: the test above)
            page = window.stack.currentWidget()
            assert page.title.replace("&", "") == name, name
            qtbot.waitUntil(lambda page=page: not page.ops.busy, timeout=20_000)
            assert trouble == [], (menu, name)
            continue
        assert len(opened) == 1, (name, opened)
        dialog = opened[0]
        qtbot.waitExposed(dialog)
        if hasattr(dialog, "ops"):
            dialog.ops.wait(10_000)
        assert dialog.windowTitle() and dialog.isVisible(), (menu, name)
        assert trouble == [], (menu, name)
        with qtbot.waitSignal(dialog.finished, timeout=5000):
            qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and trouble == [], (menu, name)
        dialogs[name] = type(dialog).__name__
    assert sorted(dialogs.values()) == ["ImportDialog", "QMessageBox", "QuickSearchDialog", "RetentionDialog"], dialogs
    assert in_the_window == {}


# -- (c) Matchen on every vacancy kind, and for a candidate ------------------------------------------------
def _rank_as_user(qtbot, window, trouble, *, candidate: bool, key: str):
    from matchdesk.ui.matching_page import MatchingPage

    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    page = window.stack.currentWidget()
    assert isinstance(page, MatchingPage)
    if candidate != page.for_candidate.isChecked():  # Alt+K (kandidaat) / Alt+V (vacature), as a user would
        qtbot.mouseClick(page.for_candidate if candidate else page.for_vacancy, Qt.MouseButton.LeftButton)
    page.query.setFocus()
    page.query.selectAll()
    qtbot.keyClicks(page.query, key)
    with qtbot.waitSignal(page.ranked, timeout=30_000, raising=False) as ranked:
        qtbot.keyClick(page.query, Qt.Key.Key_Return)
    assert trouble == [], key
    assert ranked.signal_triggered, key
    page.ops.wait()
    return page


def test_matching_on_every_vacancy_kind_and_for_a_candidate(qtbot, window, trouble):
    with raw_connect(window.path) as con:
        by_kind = dict(con.execute("select kind, min(reference) from vacancies where deleted_at is null "
                                   "and status = 'open' group by kind").fetchall())
        klantnummer = con.execute("select klantnummer from candidates where deleted_at is null "
                                  "order by klantnummer limit 1 offset 17").fetchone()[0]
    assert set(by_kind) == {kind.value for kind in VacancyKind}, by_kind
    for kind in VacancyKind:
        reference = by_kind[kind.value]
        page = _rank_as_user(qtbot, window, trouble, candidate=False, key=reference)
        ranking = page.model.ranking
        assert ranking is not None and ranking.vacancy == reference and ranking.direction == "candidates", kind
        assert page.model.rowCount() > 0, (kind, reference, page.status.text())
        assert page.table.currentIndex().row() == 0
        assert page.explanation.toPlainText().strip(), (kind, reference)
        assert page.propose_button.isEnabled() and page.print_button.isEnabled()
        assert "van" in page.status.text() or "of" in page.status.text()

    page = _rank_as_user(qtbot, window, trouble, candidate=True, key=klantnummer)
    assert page.model.ranking.direction == "vacancies" and page.model.rowCount() > 0, page.status.text()
    assert page.explanation.toPlainText().strip()
    assert {page.model.key(r) for r in range(page.model.rowCount())} <= set(
        r for (r,) in raw_connect(window.path).execute("select reference from vacancies"))
    assert trouble == []


# -- a trajectory dialog from a candidate: its facts arrive after it is shown, and it must fit them -------
def _overlaps(dialog) -> list[tuple[str, int, str, int]]:
    """Visible parts of the dialog, top to bottom, that run into the next one or out of the dialog."""
    from PySide6.QtCore import QPoint

    form = dialog.form
    parts = [("heading", dialog.heading)]
    for row in range(form.rowCount()):
        item = form.itemAt(row, form.ItemRole.FieldRole)
        if item is not None and item.widget() is not None and item.widget().isVisible():
            parts.append((item.widget().accessibleName() or f"row {row}", item.widget()))
    parts += [("verdict", dialog.verdict_box), ("buttons", dialog.buttons)]
    spans = [(name, widget.mapTo(dialog, QPoint(0, 0)).y(), widget.height()) for name, widget in parts
             if widget.isVisible()]
    problems = []
    for (name, top, height), (next_name, next_top, _h) in zip(spans, spans[1:] + [("bottom", dialog.height(), 0)],
                                                              strict=True):
        if top + height > next_top:
            problems.append((name, top + height, next_name, next_top))
    return problems


def test_trajectory_dialog_from_a_candidate_fits_what_it_loads(qtbot, window, trouble):
    from PySide6.QtWidgets import QPushButton

    from matchdesk.ui.editors import EditorDialog, editor_lane
    from matchdesk.ui.trajectory_dialog import TrajectoryDialog

    with raw_connect(window.path) as con:  # doelgroep A: a leerwerktraject is blocked, in two lines of text
        klantnummer = con.execute("select c.klantnummer from candidates c join medewerkers m on m.id = c.owner_id "
                                  "where m.name = 'demo' and c.doelgroep = 'A' and c.deleted_at is null "
                                  "order by c.klantnummer").fetchone()[0]
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    page = window.pages[0]
    qtbot.keyClicks(page.search, klantnummer)
    qtbot.waitUntil(lambda: page.model.total == 1 and page.model.rowCount() == 1, timeout=10_000)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor_lane(window).wait(10_000)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in window.findChildren(EditorDialog)), timeout=10_000)
    editor = next(e for e in window.findChildren(EditorDialog) if e.isVisible())
    editor.ops.wait()
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(editor.tabs.count() - 1).center())
    start = next(b for b in editor.tabs.currentWidget().findChildren(QPushButton) if b.isVisible())

    seen: list = []

    def inspect() -> None:  # runs inside the dialog's own event loop (the editor opens it with exec())
        dialog = next((d for d in editor.findChildren(TrajectoryDialog) if d.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, inspect)
            return
        dialog.ops.wait(10_000)  # the candidate, the history and the rules' verdict
        QApplication.sendPostedEvents()  # the layout's pending request
        seen.append((dialog.form_facts is not None, dialog.verdict is not None, _overlaps(dialog)))
        dialog.reject()

    QTimer.singleShot(0, inspect)
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert seen == [(True, True, [])]
    assert trouble == []
    with qtbot.waitSignal(editor.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
