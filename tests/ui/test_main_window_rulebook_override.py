"""Issue 13 item 7: the main window's status bar says when a rulebook from --rules replaces a shipped book
or switches its rules off (and says nothing with the shipped books)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from matchdesk.resources import resource


def _open(qtbot, db, today, rulebooks):
    from matchdesk.app import App
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.ops import Ops

    window = MainWindow(App(db=db, user="demo", today=today, rulebooks=rulebooks))

    def settle(w):
        for lane in w.findChildren(Ops):
            lane.wait(10000)

    qtbot.addWidget(window, before_close_func=settle)
    window.show()
    settle(window)
    return window


def _status_texts(window) -> list[str]:
    return [label.text() for label in window.statusBar().findChildren(QLabel) if label.isVisibleTo(window)]


def test_the_status_bar_names_an_own_rulebook_that_switches_rules_off(qtbot, db, today, tmp_path):
    from matchdesk.rules.rulebook import load_rulebooks

    folder = tmp_path / "regels"
    folder.mkdir()
    text = resource("rules", "wvs.toml").read_text(encoding="utf-8").replace("enabled = true", "enabled = false")
    (folder / "wvs.toml").write_text(text, encoding="utf-8")
    window = _open(qtbot, db, today, load_rulebooks(folder))
    label = window.rulebook_override_label
    assert label.isVisibleTo(window)
    assert label.text().endswith(": wvs")  # "Eigen regelboek in gebruik: wvs" once the translations are compiled
    assert "vervangt het meegeleverde regelboek wvs" in label.toolTip() and "keten" in label.toolTip()
    assert not window.rules_panel.isVisibleTo(window)  # a valid book: no error panel


def test_no_word_about_it_with_the_shipped_rulebooks(qtbot, db, today):
    from matchdesk.rules.rulebook import load_rulebooks

    window = _open(qtbot, db, today, load_rulebooks())
    assert not window.rulebook_override_label.isVisibleTo(window)
    assert not any("regelboek" in text.lower() for text in _status_texts(window))
