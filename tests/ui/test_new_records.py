"""New records and archiving, the way a user meets them in the main window: Ctrl+1, Ctrl+N, typing the new
candidate's fields, skills and Dutch levels, Ctrl+S, then Ctrl+K finds it and opens it (with the mouse where a
user would use it, and once by keyboard alone); a new employer, from it a new vacancy, both saved, the vacancy in
the Vacatures list; the Vacatures page's Nieuwe vacature asking for the employer first; archiving a candidate
(hidden, shown with "Ook gearchiveerd") and restoring it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

CTRL = Qt.KeyboardModifier.ControlModifier
# the skill completer's popup: the offscreen platform cannot raise it or grab the keyboard for it (not ours)
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
BSN = "111222333"  # generated test data (passes the elfproef), marked as such in the editor


@pytest.fixture
def demo_db_path(region_copy) -> Path:
    return region_copy


@pytest.fixture
def window(region_window):
    return region_window


def _shown(window, kind):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def _wait_shown(qtbot, window, kind):
    qtbot.waitUntil(lambda: _shown(window, kind) is not None, timeout=10_000)
    widget = _shown(window, kind)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=5000)
    return widget


def _page(qtbot, window, number: int):
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
    page = window.stack.currentWidget()
    assert page is window.pages[number - 1]
    qtbot.waitUntil(lambda: page.loaded, timeout=10_000)
    return page


def _type(qtbot, widget, text: str) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(widget.focusProxy() or widget, text)  # keys go where the click put the focus (a date field's edit)


def _focused():
    return QApplication.focusWidget()


def _keys(qtbot, text: str) -> None:
    """Type into whatever has the focus, as a keyboard does."""
    for char in text:
        qtbot.keyClick(_focused(), char)


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(_focused(), key, modifier)


def _open_through_quick_search(qtbot, window, text: str, kind: str, key: str):
    from matchdesk.ui.editors import CandidateEditor, editor_lane
    from matchdesk.ui.quick_search import QuickSearchDialog

    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    dialog = _wait_shown(qtbot, window, QuickSearchDialog)
    _keys(qtbot, text)
    qtbot.waitUntil(lambda: dialog.results.count() > 0
                    and dialog.results.currentItem().data(Qt.ItemDataRole.UserRole) == (kind, key), timeout=10_000)
    _key(qtbot, Qt.Key.Key_Return)
    editor_lane(window).wait(10_000)
    editor = _wait_shown(qtbot, window, CandidateEditor)
    assert editor.key == key and editor.form.widgets["bsn"].text() == BSN
    return editor


def test_journey_a_new_candidate_with_skills_and_dutch_levels_found_again(qtbot, window, trouble):
    from matchdesk.ui.editors import CandidateEditor

    page = _page(qtbot, window, 1)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = _wait_shown(qtbot, window, CandidateEditor)
    assert editor.windowTitle().startswith("Nieuwe kandidaat")
    form = editor.form.widgets
    for attr, text in (("klantnummer", "3000001"), ("voornaam", "Sanne"), ("achternaam", "Verhoeven"),
                       ("birth_date", "12-03-1991"), ("bsn", BSN), ("woonplaats", "Roosendaal"),
                       ("municipality", "Roosendaal")):
        _type(qtbot, form[attr], text)
    qtbot.mouseClick(form["bsn_test_data"], Qt.MouseButton.LeftButton)
    assert form["bsn_test_data"].isChecked()
    tab_bar = editor.tabs.tabBar()
    skills_tab = next(i for i in range(editor.tabs.count()) if editor.tabs.tabText(i) == "Vaardigheden en taal")
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(skills_tab).center())
    skills = editor.skills_editor
    skills.level.setCurrentIndex(skills.level.findText("gevorderd"))
    _type(qtbot, skills.input, "heftruck rijden")
    qtbot.keyClick(skills.input, Qt.Key.Key_Return)
    assert skills.list.count() == 1 and editor.isVisible() and not editor.saving  # Enter added it, saved nothing
    speaking = next(box for skill, box in editor.language_editor.boxes.items() if skill.value == "spreken")
    speaking.setCurrentIndex(speaking.findData("B1"))
    with qtbot.waitSignal(editor.record_saved, timeout=10_000) as saved:
        qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert trouble == [] and saved.args[0].key == "3000001"
    qtbot.waitUntil(lambda: "Kandidaat 3000001 (Sanne Verhoeven) opgeslagen" in window.statusBar().currentMessage(),
                    timeout=5000)
    qtbot.waitUntil(lambda: any(page.model.row_at(r).key == "3000001" for r in range(page.model.rowCount())),
                    timeout=10_000)  # "Mijn kandidaten": the new one is the medewerker's own
    opened = _open_through_quick_search(qtbot, window, "Sanne Verhoeven", "kandidaat", "3000001")
    assert [s[1] for s in opened.skills_editor.skills()] == ["gevorderd"]
    assert {s.value: (v.value if v else None) for s, v in opened.language_editor.levels().items()}["spreken"] == "B1"
    assert opened.form.widgets["bsn_test_data"].isChecked() and opened.owner_label.text() == "tester"
    assert trouble == []


def test_journey_a_new_candidate_by_keyboard_alone(qtbot, window, trouble):
    """No mouse: Ctrl+1, Ctrl+N, Tab between the fields, Space for a box, Ctrl+Tab to the skills tab, Enter to
    add a skill, arrows for the Dutch levels, Ctrl+S; then Ctrl+K, typing and Enter open it again."""
    from matchdesk.domain import CefrLevel, LanguageSkill
    from matchdesk.ui.editors import CandidateEditor

    _page(qtbot, window, 1)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = _wait_shown(qtbot, window, CandidateEditor)
    form = editor.form.widgets
    assert _focused() is form["klantnummer"]
    for text in ("3000002", "Daan", "de", "Vries", "01-02-1985", BSN):
        _keys(qtbot, text)
        _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is form["bsn_test_data"]
    _key(qtbot, Qt.Key.Key_Space)
    assert form["bsn_test_data"].isChecked()
    _key(qtbot, Qt.Key.Key_Tab, CTRL, times=3)  # Persoon → Doelgroep → Beschikbaarheid → Vaardigheden en taal
    assert editor.tabs.currentWidget().isAncestorOf(editor.skills_editor)
    skills = editor.skills_editor
    if _focused() is not skills.input:  # the tab's first field
        _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is skills.input
    _keys(qtbot, "schoonmaken")
    _key(qtbot, Qt.Key.Key_Return)
    assert skills.list.count() == 1 and editor.isVisible() and not editor.saving
    boxes = editor.language_editor.boxes
    while _focused() is not boxes[LanguageSkill.LUISTEREN]:
        _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Down, times=3)  # onbekend → A0 → A1 → A2
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Down, times=3)
    assert editor.language_editor.levels()[LanguageSkill.LUISTEREN] == CefrLevel.A2
    with qtbot.waitSignal(editor.record_saved, timeout=10_000):
        _key(qtbot, Qt.Key.Key_S, CTRL)
    assert trouble == []
    opened = _open_through_quick_search(qtbot, window, "Daan de Vries", "kandidaat", "3000002")
    assert opened.skills_editor.list.count() == 1
    assert opened.language_editor.levels()[LanguageSkill.LUISTEREN] == CefrLevel.A2
    assert trouble == []


def test_a_refused_new_candidate_keeps_what_was_typed(qtbot, window, trouble):
    from matchdesk.ui.editors import CandidateEditor

    _page(qtbot, window, 1)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = _wait_shown(qtbot, window, CandidateEditor)
    _type(qtbot, editor.form.widgets["klantnummer"], "3000003")
    _type(qtbot, editor.form.widgets["achternaam"], "Jansen")
    _type(qtbot, editor.form.widgets["bsn"], "123456789")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    editor.ops.wait()
    assert editor.isVisible() and not editor.saved
    assert "geen geldig BSN" in editor.form.errors["bsn"].text()
    assert editor.form.widgets["achternaam"].text() == "Jansen"
    editor.dirty = False
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_a_new_employer_and_from_it_a_new_vacancy(qtbot, window, trouble):
    from matchdesk.ui.editors import EmployerEditor, VacancyEditor

    _page(qtbot, window, 2)
    page = window.stack.currentWidget()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    employer = _wait_shown(qtbot, window, EmployerEditor)
    _type(qtbot, employer.form.widgets["name"], "Groenvoorziening De Linde")
    _type(qtbot, employer.form.widgets["kvk"], "87654321")
    _type(qtbot, employer.form.widgets["plaats"], "Zundert")
    qtbot.mouseClick(employer.vacancy_button, Qt.MouseButton.LeftButton)  # saves the new employer first
    vacancy = _wait_shown(qtbot, window, VacancyEditor)
    assert trouble == [] and _shown(window, EmployerEditor) is None  # saved and closed
    assert vacancy.windowTitle().startswith("Nieuwe vacature bij Groenvoorziening De Linde")
    _type(qtbot, vacancy.form.widgets["reference"], "V2026-90001")
    _type(qtbot, vacancy.form.widgets["title"], "Hovenier")
    with qtbot.waitSignal(vacancy.record_saved, timeout=10_000):
        qtbot.keyClick(vacancy, Qt.Key.Key_S, CTRL)
    assert trouble == []
    with qtbot.waitActive(window):
        window.activateWindow()
    vacancies = _page(qtbot, window, 3)
    qtbot.waitUntil(lambda: any(vacancies.model.row_at(r).key == "V2026-90001"
                                for r in range(vacancies.model.rowCount())), timeout=10_000)
    row = next(r for r in range(vacancies.model.rowCount()) if vacancies.model.row_at(r).key == "V2026-90001")
    shown = [vacancies.model.data(vacancies.model.index(row, c)) for c in range(vacancies.model.columnCount())]
    assert shown[2] == "Groenvoorziening De Linde" and "Reguliere vacature" in shown and "Open" in shown


def test_the_vacancies_page_asks_for_the_employer_first(qtbot, window, trouble):
    from matchdesk.ui.editors import VacancyEditor
    from matchdesk.ui.employer_picker import EmployerPicker

    vacancies = _page(qtbot, window, 3)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    picker = _wait_shown(qtbot, window, EmployerPicker)
    qtbot.waitUntil(lambda: picker.results.count() > 0, timeout=10_000)
    first = picker.results.item(0).data(Qt.ItemDataRole.UserRole)
    _keys(qtbot, first.kvk)  # by KvK number
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=10_000)
    _key(qtbot, Qt.Key.Key_Return)
    editor = _wait_shown(qtbot, window, VacancyEditor)
    assert first.name in editor.windowTitle() and first.name in editor.employer_label.text()
    _keys(qtbot, "V2026-90002")
    _key(qtbot, Qt.Key.Key_Tab)
    _keys(qtbot, "Magazijnmedewerker")
    with qtbot.waitSignal(editor.record_saved, timeout=10_000):
        _key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: any(vacancies.model.row_at(r).key == "V2026-90002"
                                for r in range(vacancies.model.rowCount())), timeout=10_000)
    assert trouble == []


def test_archive_a_candidate_then_restore_it(qtbot, window, trouble, monkeypatch):
    from matchdesk.ui.editors import CandidateEditor, editor_lane

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.Yes))
    page = _page(qtbot, window, 1)
    qtbot.mouseClick(page.mine, Qt.MouseButton.LeftButton)  # every candidate
    qtbot.waitUntil(lambda: page.model.total > 200, timeout=10_000)
    total = page.model.total

    def row_of(key):
        return next((r for r in range(page.model.rowCount()) if page.model.row_at(r).key == key), None)

    # a candidate without a planned or running trajectory
    key, index = None, None
    for r in range(page.model.rowCount()):
        page.table.setCurrentIndex(page.model.index(r, 0))
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        editor_lane(window).wait(10_000)
        editor = _wait_shown(qtbot, window, CandidateEditor)
        if editor.trajectories.rowCount() == 0:
            key, index = editor.key, r
            break
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert key is not None
    name = page.model.data(page.model.index(index, 1))
    assert editor.archive_button.text().replace("&", "") == "Archiveren…"
    with qtbot.waitSignal(editor.record_saved, timeout=10_000):
        qtbot.mouseClick(editor.archive_button, Qt.MouseButton.LeftButton)
    assert key in asked[-1] and "archiveren" in asked[-1]  # the confirmation names the record
    qtbot.waitUntil(lambda: page.model.total == total - 1 and row_of(key) is None, timeout=10_000)
    assert "gearchiveerd" in window.statusBar().currentMessage()
    qtbot.mouseClick(page.archived_box, Qt.MouseButton.LeftButton)  # "Ook gearchiveerd"
    qtbot.waitUntil(lambda: page.model.total == total and row_of(key) is not None, timeout=10_000)
    first_cell = page.model.data(page.model.index(row_of(key), 0))
    assert first_cell == f"{key} (gearchiveerd)" and page.model.data(page.model.index(row_of(key), 1)) == name
    page.table.setCurrentIndex(page.model.index(row_of(key), 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor_lane(window).wait(10_000)
    editor = _wait_shown(qtbot, window, CandidateEditor)
    assert editor.archived_note.isVisible() and "Gearchiveerd op" in editor.archived_note.text()
    assert editor.archive_button.text().replace("&", "") == "Terugzetten…"
    with qtbot.waitSignal(editor.record_saved, timeout=10_000):
        qtbot.mouseClick(editor.archive_button, Qt.MouseButton.LeftButton)
    assert "teruggezet" in window.statusBar().currentMessage()
    qtbot.mouseClick(page.archived_box, Qt.MouseButton.LeftButton)  # the filter off again: it is in the list
    qtbot.waitUntil(lambda: not page.archived_box.isChecked() and row_of(key) is not None
                    and not page.model.row_at(row_of(key)).archived, timeout=10_000)
    assert page.model.total == total and page.model.data(page.model.index(row_of(key), 0)) == key
    assert trouble == []


def test_an_employer_with_open_vacancies_is_not_archived(qtbot, window, trouble, monkeypatch):
    from matchdesk.ui.editors import EmployerEditor, editor_lane

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.Yes))
    vacancies = _page(qtbot, window, 3)  # an employer with an open vacancy: the first row's
    employer_name = vacancies.model.data(vacancies.model.index(0, 2))
    page = _page(qtbot, window, 2)
    row = next(r for r in range(page.model.rowCount()) if page.model.data(page.model.index(r, 0)) == employer_name)
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor_lane(window).wait(10_000)
    editor = _wait_shown(qtbot, window, EmployerEditor)
    qtbot.mouseClick(editor.archive_button, Qt.MouseButton.LeftButton)
    editor.ops.wait()
    assert editor.isVisible() and editor.message.isVisible()
    assert editor.message.text().startswith("Niet gearchiveerd: de werkgever heeft nog")
    assert "sluit of archiveer die eerst" in editor.message.text() and trouble == []
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


@pytest.mark.parametrize("number, button_text, direction", [(3, "Kandidaten rangschikken", "for_vacancy"),
                                                              (1, "Vacatures rangschikken", "for_candidate")])
def test_a_list_row_is_ranked_on_matchen_in_one_click(qtbot, window, trouble, number, button_text, direction):
    """From a vacancy (or candidate) row straight to its ranking: select the row, one click."""
    from matchdesk.ui.matching_page import MatchingPage

    page = _page(qtbot, window, number)
    if number == 1:
        page.mine.setChecked(False)
        qtbot.waitUntil(lambda: page.loaded and page.model.rowCount() > 0, timeout=10_000)
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    key = page.selected_key()
    assert key and page.rank_button.text() == button_text and page.rank_button.isVisible()
    qtbot.mouseClick(page.rank_button, Qt.MouseButton.LeftButton)
    matching = window.stack.currentWidget()
    assert isinstance(matching, MatchingPage) and getattr(matching, direction).isChecked()
    assert matching.query.text() == key
    qtbot.waitUntil(lambda: matching.model.rowCount() > 0 and matching.subject.isVisible(), timeout=20_000)
    assert key in matching.subject.text()
    assert trouble == []
