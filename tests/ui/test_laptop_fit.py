"""Issue 15 item 5 (laptop fit), on an offscreen window of 1280x720 over a small generated region, using only
what a user has: the window asks for no more than a laptop screen, every page's buttons and filters are
inside the window at 1280x720 (the filter bar wraps instead of squeezing "Doelgroep" to "Doelgroe"), the
navigation folds to icons and remembers it, and a saved geometry off every screen is not restored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget

from tests.conftest import TODAY, test_key

CTRL = Qt.KeyboardModifier.ControlModifier
LAPTOP = QSize(1280, 720)


def settle(window) -> None:
    from matchdesk.ui.ops import Ops

    for _round in range(3):  # an outcome may start another op
        for lane in window.findChildren(Ops):
            lane.wait(20_000)
        QTest.qWait(20)


@pytest.fixture
def open_window(qtbot, region, tmp_path, monkeypatch, trouble):
    """Windows on one copy of the generated region (a second window reads the settings the first left)."""
    from matchdesk.app import App
    from matchdesk.storage.migrate import sqlite_backup
    from matchdesk.ui.main_window import MainWindow

    path = tmp_path / "region.db"
    sqlite_backup(region, path, test_key())
    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    apps = []

    def make() -> MainWindow:
        app = App.open(path, user="demo", today=TODAY)
        apps.append(app)
        window = MainWindow(app)
        qtbot.addWidget(window, before_close_func=settle)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        qtbot.waitUntil(lambda: window.facts is not None and window.candidates.loaded, timeout=10_000)
        return window

    yield make
    for app in apps:
        app.close()


@pytest.fixture
def window(open_window):
    window = open_window()
    window.resize(LAPTOP)
    settle(window)
    return window


def within(widget: QWidget, window: QWidget) -> bool:
    """The widget's whole rectangle lies inside the window's central area (not under the status bar)."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    central = window.centralWidget().geometry()
    return central.contains(QRect(top_left, widget.size()))


def test_the_window_asks_for_no_more_than_a_laptop_screen(window):
    for number in range(1, len(window.pages) + 1):
        QTest.keyClick(window, Qt.Key.Key_0 + number, CTRL)
        settle(window)
        hint, minimum = window.minimumSizeHint(), window.minimumSize()
        assert hint.width() <= 1280 and hint.height() <= 720, (number, hint)
        assert minimum.width() <= 1280 and minimum.height() <= 720, (number, minimum)


def test_every_page_fits_at_1280x720_with_its_buttons_and_filters_whole(window):
    assert window.size() == LAPTOP
    for number, page in enumerate(window.pages, start=1):
        QTest.keyClick(window, Qt.Key.Key_0 + number, CTRL)
        settle(window)
        assert window.stack.currentWidget() is page
        # the page gets the room there is, without scrolling
        assert not window.page_area.horizontalScrollBar().isVisible(), page.title
        assert not window.page_area.verticalScrollBar().isVisible(), page.title
        controls = [w for w in page.findChildren(QWidget) if isinstance(w, (QAbstractButton, QComboBox, QLineEdit))
                    and w.isVisible() and not isinstance(w.parentWidget(), QComboBox)]
        assert controls, page.title
        outside = [w.text() if hasattr(w, "text") else w.accessibleName() for w in controls if not within(w, window)]
        assert outside == [], (page.title, outside)
        squeezed = [w.accessibleName() for w in controls
                    if isinstance(w, QComboBox) and w.width() < w.minimumSizeHint().width()]
        assert squeezed == [], (page.title, squeezed)


def test_the_filter_bar_wraps_on_a_narrow_window(window):
    page = window.candidates
    window.resize(900, 720)
    settle(window)
    rows = {w.mapTo(page, QPoint(0, 0)).y() for w in (page.mine, page.doelgroep, page.banenafspraak)}
    assert len(rows) >= 2  # on more than one row
    for combo in (page.doelgroep, page.categorie, page.municipality, page.taaleis):
        assert within(combo, window) and combo.width() >= combo.sizeHint().width()
    assert within(page.banenafspraak, window)


def test_the_navigation_folds_to_icons_and_remembers(qtbot, open_window):
    first = open_window()
    wide = first.navigation.width()
    qtbot.mouseClick(first.navigation.toggle, Qt.MouseButton.LeftButton)
    assert first.navigation.width() < wide / 3 and first.compact_action.isChecked()
    assert first.nav.item(0).text() == "" and first.nav.item(0).toolTip().startswith("Kandidaten")
    first.close()
    second = open_window()
    assert second.navigation.collapsed and second.navigation.width() < wide / 3
    second.compact_action.trigger()  # Beeld > Compacte navigatie
    assert second.navigation.width() == wide and second.nav.item(0).text() == "Kandidaten"


def test_a_saved_geometry_off_every_screen_is_not_restored(open_window):
    from PySide6.QtGui import QGuiApplication

    first = open_window()
    first.resize(640, 480)
    first.move(40, 30)
    first.close()
    second = open_window()
    assert second.size() == QSize(640, 480) and second.pos() == QPoint(40, 30)  # it fits: restored
    second.move(9000, 7000)  # e.g. on a monitor that is no longer there
    second.close()
    third = open_window()
    room = QGuiApplication.primaryScreen().availableGeometry()
    assert room.contains(third.geometry()) and room.contains(third.frameGeometry()), third.frameGeometry()


def test_the_first_size_fits_the_screen(open_window):
    from PySide6.QtGui import QGuiApplication

    window = open_window()
    room = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()


def test_a_page_wider_than_a_tiny_window_scrolls_instead_of_clipping(qtbot, window):
    window.resize(760, 560)
    QTest.keyClick(window, Qt.Key.Key_7, CTRL)  # Rapportage: the widest page
    settle(window)
    page = window.stack.currentWidget()
    qtbot.waitUntil(window.page_area.horizontalScrollBar().isVisible)
    assert page.width() >= page.minimumSizeHint().width()
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)  # Werkgevers fits: no scroll bar
    settle(window)
    qtbot.waitUntil(lambda: not window.page_area.horizontalScrollBar().isVisible())
    assert window.stack.currentWidget().width() == window.page_area.viewport().width()
