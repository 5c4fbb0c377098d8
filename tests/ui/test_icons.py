"""Icons are vectors: sharp at a device pixel ratio of 2 (High-DPI laptops), none missing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from matchdesk.resources import resource
from matchdesk.ui.icons import icon

NAMES = sorted(p.name.removesuffix(".svg") for p in resource("icons").iterdir() if p.name.endswith(".svg"))


@pytest.mark.parametrize("name", NAMES)
def test_icon_renders_at_twice_the_pixels_on_a_high_dpi_screen(qapp, name):
    pixmap = icon(name).pixmap(QSize(24, 24), 2.0)
    assert not pixmap.isNull()
    assert (pixmap.width(), pixmap.height()) == (48, 48)  # drawn at 48 px, not a 24 px bitmap scaled up
    assert pixmap.devicePixelRatio() == 2.0
    image = pixmap.toImage()
    assert any(image.pixelColor(x, y).alpha() for x in range(48) for y in range(48))


def test_an_unknown_icon_is_an_error_not_an_empty_icon(qapp):
    with pytest.raises(KeyError):
        icon("bestaat-niet")


def test_every_navigation_entry_has_an_icon(qtbot, tmp_path):
    import datetime as dt

    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.storage.database import Database
    from matchdesk.ui.main_window import MainWindow
    from tests.ui.test_main_window import settle

    ctx = App(db=Database.open(tmp_path / "md.db", create=True), user="tester", today=dt.date(2026, 11, 23),
                    rulebooks=load_rulebooks())
    window = MainWindow(ctx)
    qtbot.addWidget(window, before_close_func=settle)
    assert all(not window.nav.item(row).icon().isNull() for row in range(window.nav.count()))
