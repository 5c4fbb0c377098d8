"""Issue 15 items 6 and 8, from the main window with keys only: Ctrl+1..7 put the keyboard in the page's field,
Ctrl+F in its search, Tab leaves a table, the focus ring is drawn; F1 opens the Dutch handleiding at the
section of the page shown; the Help menu; the status bar confirms an export."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit

from tests.ui.test_laptop_fit import open_window, settle, window  # noqa: F401  (fixtures)

CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def test_ctrl_1_to_7_put_the_keyboard_in_the_page(qtbot, window):  # noqa: F811
    from matchdesk.ui.list_page import ListPage

    for number, page in enumerate(window.pages, start=1):
        QTest.keyClick(window, Qt.Key.Key_0 + number, CTRL)
        settle(window)
        widget = focused()
        assert widget is not None and page.isAncestorOf(widget), (page.title, widget)
        assert widget is page.focus_widget()
        if isinstance(page, ListPage):
            assert widget is page.search
    window.go_to(4)  # Matchen: the reference (or vacancy/candidate) field, typing goes there
    assert isinstance(focused(), QLineEdit)


def test_ctrl_f_goes_to_the_search_field_with_its_text_selected(qtbot, window):  # noqa: F811
    page = window.candidates
    QTest.keyClicks(page.search, "berg")
    settle(window)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    assert focused() is page.table
    QTest.keyClick(page.table, Qt.Key.Key_F, CTRL)
    assert focused() is page.search and page.search.selectedText() == "berg"


def test_tab_leaves_every_table_instead_of_walking_its_cells(qtbot, window):  # noqa: F811
    for number, page in enumerate(window.pages, start=1):
        QTest.keyClick(window, Qt.Key.Key_0 + number, CTRL)
        settle(window)
        for view in page.findChildren(QAbstractItemView):
            if not view.isVisible() or not view.focusPolicy() & Qt.FocusPolicy.TabFocus:
                continue
            view.setFocus()
            if view.model() is not None and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))
            QTest.keyClick(view, Qt.Key.Key_Tab)
            assert focused() is not view, (page.title, view.accessibleName())


def test_the_focus_ring_is_drawn_around_the_field_with_the_keyboard(qtbot, window):  # noqa: F811
    from matchdesk.ui.style import FOCUS_COLOUR

    page = window.candidates

    def ring_pixels(widget) -> int:
        image = widget.grab().toImage()
        colour = FOCUS_COLOUR.rgb()
        return sum(image.pixel(x, y) == colour for x in range(image.width()) for y in (0, 1, image.height() - 2))

    page.export_button.setFocus()
    assert ring_pixels(page.search) == 0
    page.search.setFocus()
    assert ring_pixels(page.search) > page.search.width()  # top and bottom edge in the ring's colour
    page.table.setFocus()
    assert ring_pixels(page.table) > page.table.width()


def test_f1_opens_the_handleiding_at_the_section_of_the_page(qtbot, window):  # noqa: F811
    QTest.keyClick(window, Qt.Key.Key_5, CTRL)  # Matchen
    QTest.keyClick(focused(), Qt.Key.Key_F1)
    help_window = window.help_window
    qtbot.waitUntil(help_window.isVisible)
    assert help_window.anchor == "MatchingPage" and help_window.windowTitle() == "Handleiding MatchDesk"
    browser = help_window.browser
    assert browser.verticalScrollBar().value() > 0
    top = browser.cursorForPosition(QPoint(10, 10)).block().text()
    assert "Matchen" in top, top
    assert "Ctrl+K" in browser.toPlainText() and "Herstructureringsplan WVS" in browser.toPlainText()

    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_6, CTRL)  # Signalen: the same window, another section
    QTest.keyClick(focused(), Qt.Key.Key_F1)
    assert window.help_window is help_window and help_window.anchor == "SignalsPage"


def test_the_help_menu_has_manual_shortcuts_and_about(qtbot, window):  # noqa: F811
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    texts = [a.text() for a in help_menu.actions()]
    assert texts == ["&Handleiding", "&Sneltoetsen", "&Over MatchDesk"]
    manual = help_menu.actions()[0]
    assert manual.shortcut().toString() == "F1"
    help_menu.actions()[1].trigger()
    assert window.help_window.isVisible() and window.help_window.anchor == "sneltoetsen"


def test_every_page_has_its_section_in_the_handleiding(window):  # noqa: F811
    from matchdesk.ui.help import handleiding_html

    html = handleiding_html()
    for page in window.pages:
        assert f'<a name="{page.anchor()}">' in html, page.anchor()


def test_the_status_bar_confirms_an_export(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    from matchdesk.ui import file_dialogs

    target = tmp_path / "werkgevers.csv"
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *args, **kwargs: (str(target), ""))
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    with qtbot.waitSignal(page.exported, timeout=10_000) as exported:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == f"{exported.args[0]} rijen geëxporteerd"
    window.confirm("x")
    window._wire_confirmations  # noqa: B018  (the pages' signals are wired once, at construction)
    page.exported.emit(1)
    assert window.statusBar().currentMessage() == "1 rij geëxporteerd"


def test_the_status_bar_confirms_a_save_from_an_editor(qtbot, window):  # noqa: F811
    from matchdesk.ui.editors import CandidateEditor

    QTest.keyClick(window, Qt.Key.Key_1, CTRL)
    settle(window)
    page = window.candidates
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    key = page.selected_key()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in window.findChildren(CandidateEditor)), timeout=10_000)
    [editor] = [e for e in window.findChildren(CandidateEditor) if e.isVisible()]
    phone = next(label.buddy() for label in editor.findChildren(QLabel) if label.text() == "Tele&foon:")
    phone.setFocus()
    phone.selectAll()
    QTest.keyClicks(phone, "0612345678")
    with qtbot.waitSignal(editor.record_saved, timeout=10_000):
        QTest.keyClick(phone, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == f"Opgeslagen: {key}", timeout=10_000)
