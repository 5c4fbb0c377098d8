"""Every record opens: a small demo region, and every candidate, employer, vacancy and trajectory of it opened
in its editor from the main window's lists the way a user does (Ctrl+1..4, a row selected, Enter), and a
sample through quick search (Ctrl+K, type, Enter). No error dialog, and the editor shows the record's own
values. (A vacancy editor that read ``row.level`` where the model has ``min_level`` failed 786 of the 800
vacancies of the full demo; this sweep fails on it.)

The region: 210 candidates, 12 employers, 25 vacancies (seed 1): every vacancy kind, 70 trajectories, and
more candidates than one page of a list (200), so the sweep scrolls to fetch the next page. Opening a record
takes about 80 ms (its load op and building the editor), so the whole sweep stays near half a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import raw_connect

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def demo_db_path(region_copy) -> Path:
    return region_copy


@pytest.fixture
def window(region_window):
    return region_window


@pytest.fixture
def expected(demo_db_path) -> dict[str, int]:
    """What the region holds, counted apart from the window."""
    with raw_connect(demo_db_path) as con:
        return {kind: con.execute(query).fetchone()[0] for kind, query in (
            ("kandidaat", "select count(*) from candidates where deleted_at is null"),
            ("werkgever", "select count(*) from employers where deleted_at is null"),
            ("vacature", "select count(*) from vacancies where deleted_at is null"),
            ("traject", "select count(*) from trajectories"),
            ("soorten", "select count(distinct kind) from vacancies where deleted_at is null"))}


def _editor(window):
    from matchdesk.ui.editors import EditorDialog

    shown = [e for e in window.findChildren(EditorDialog, options=Qt.FindChildOption.FindDirectChildrenOnly)
             if e.isVisible()]
    return shown[0] if shown else None


def _wait_for_editor(qtbot, window, trouble, what):
    from matchdesk.ui.editors import editor_lane

    editor_lane(window).wait(10_000)  # the record's load op: the editor is shown when its value arrives
    qtbot.waitUntil(lambda: bool(trouble) or _editor(window) is not None, timeout=10_000)
    assert trouble == [], what
    editor = _editor(window)
    editor.ops.wait()
    return editor


def _close(qtbot, editor, trouble, what) -> None:
    with qtbot.waitSignal(editor.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Annuleren: nothing changed, so nothing is asked
    assert trouble == [], what


def _check(editor, kind: str, key: str, row: list[str]) -> None:
    form = editor.form.widgets
    if kind == "kandidaat":
        assert form["klantnummer"].text() == key and editor.windowTitle().startswith(f"Kandidaat {key}")
    elif kind == "werkgever":
        assert form["kvk"].text() == key and form["name"].text() == row[0]
    elif kind == "vacature":
        assert form["reference"].text() == key and form["title"].text() == row[1]
        assert "Vereist:" in editor.skills_label.text()
    else:  # a trajectory opens its candidate on the Trajecten tab, where it is listed
        assert form["klantnummer"].text() == row[0]
        assert editor.tabs.currentIndex() == editor.tabs.count() - 1 and editor.trajectories.rowCount() >= 1


def _show_everything(qtbot, window, number: int, expected_rows: int):
    """Ctrl+number, then every filter a page starts with set to "all", as a user would."""
    with qtbot.waitActive(window):  # back from the last editor
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
    page = window.stack.currentWidget()
    assert page is window.pages[number - 1]
    for name in ("mine", "young", "fifty", "statushouder", "banenafspraak"):
        box = getattr(page, name, None)
        if box is not None and box.isChecked():
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    for name in ("kind", "status", "doelgroep", "categorie", "municipality", "taaleis"):
        combo = getattr(page, name, None)
        if combo is not None:
            combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.total == expected_rows and page.model.rowCount() > 0, timeout=10_000)
    return page


def _sweep(qtbot, window, trouble, number: int, kind: str, expected_rows: int) -> int:
    from matchdesk.ui.list_model import PagedTableModel

    page = _show_everything(qtbot, window, number, expected_rows)
    model, table = page.model, page.table
    opened = set()
    for r in range(expected_rows):
        if r >= model.rowCount():  # the list pages in batches: scrolling down fetches the next one
            table.scrollToBottom()
            qtbot.waitUntil(lambda r=r: model.rowCount() > r, timeout=10_000)
        index = model.index(r, 0)
        table.setCurrentIndex(index)
        table.scrollTo(index)
        key = model.data(index, PagedTableModel.KeyRole)
        row = [model.data(model.index(r, c)) for c in range(model.columnCount())]
        qtbot.keyClick(table, Qt.Key.Key_Return)
        editor = _wait_for_editor(qtbot, window, trouble, (kind, key))
        _check(editor, kind, key, row)
        _close(qtbot, editor, trouble, (kind, key))
        opened.add(key)
    assert len(opened) == expected_rows
    return len(opened)


def test_every_record_opens_from_the_lists(qtbot, window, trouble, expected):
    assert expected["soorten"] == 5 and expected["traject"] > 0  # every vacancy kind, and trajectories
    for number, kind in ((1, "kandidaat"), (2, "werkgever"), (3, "vacature"), (4, "traject")):
        assert _sweep(qtbot, window, trouble, number, kind, expected[kind]) == expected[kind]


def test_a_sample_opens_through_quick_search(qtbot, window, trouble, demo_db_path):
    from matchdesk.ui.quick_search import QuickSearchDialog

    with raw_connect(demo_db_path) as con:
        sample = ([("kandidaat", k) for (k,) in con.execute(
                      "select klantnummer from candidates order by klantnummer limit 8 offset 37")]
                  + [("werkgever", k) for (k,) in con.execute("select kvk from employers order by kvk limit 6")]
                  + [("vacature", k) for (k,) in con.execute(
                      "select reference from vacancies order by kind, reference limit 6 offset 3")])
    assert len(sample) == 20
    for kind, key in sample:
        with qtbot.waitActive(window):
            window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
        dialog = next(d for d in window.findChildren(QuickSearchDialog) if d.isVisible())
        qtbot.keyClicks(dialog.query, key)

        def found(dialog=dialog, kind=kind, key=key):
            return [i for i in range(dialog.results.count())
                    if dialog.results.item(i).data(Qt.ItemDataRole.UserRole) == (kind, key)]

        qtbot.waitUntil(lambda: bool(found()), timeout=10_000)
        for _ in range(found()[0] - max(dialog.results.currentRow(), 0)):  # arrows to the record, then Enter
            qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
        editor = _wait_for_editor(qtbot, window, trouble, (kind, key))
        _check(editor, kind, key, [editor.form.widgets["name"].text()] if kind == "werkgever"
               else ["", editor.form.widgets["title"].text()] if kind == "vacature" else [])
        _close(qtbot, editor, trouble, (kind, key))
