import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from matchdesk.services.candidates import create_candidate
from matchdesk.services.employers import ensure_medewerker
from tests.conftest import candidate_values


@pytest.fixture
def filled_db(db, today):
    with db.unit("tester") as session:
        me = ensure_medewerker(session, "demo")
        session.flush()
        for i, (first, prefix, last) in enumerate([("Noël", "van den", "Berg"), ("Ayşe", None, "Yılmaz"),
                                                    ("Jan", "de", "Vries"), ("Fatma", None, "Akın")]):
            create_candidate(session, candidate_values(klantnummer=f"100000{i}", voornaam=first,
                                                       tussenvoegsel=prefix, achternaam=last),
                             today, owner_id=me.id if i % 2 == 0 else None)
        db.set_meta(session, "demo", "{}")
    return db


@pytest.fixture
def ui_ctx(filled_db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    return App(db=filled_db, user="demo", today=today, rulebooks=load_rulebooks())


def settle(window):
    """Let the window's and its lists' ops finish and deliver (what a user waits for without noticing)."""
    from matchdesk.ui.ops import Ops

    for _round in range(2):  # an outcome may start another op (facts after a load)
        for lane in window.findChildren(Ops):
            lane.wait(10000)


def open_window(qtbot, app):
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(app)
    qtbot.addWidget(window, before_close_func=settle)
    settle(window)
    return window


@pytest.fixture
def window(qtbot, ui_ctx):
    return open_window(qtbot, ui_ctx)


def _names(model):
    return [model.data(model.index(r, 1)) for r in range(model.rowCount())]


def test_main_window_lists_candidates_sorted_on_achternaam(window):
    assert "DEMO" in window.windowTitle()
    window.candidates.show_all()
    window.candidates.ops.wait()
    assert _names(window.candidates.model) == ["Akın, Fatma", "Berg, Noël van den", "Vries, Jan de", "Yılmaz, Ayşe"]


def test_default_view_is_mijn_kandidaten_and_search_filters(qtbot, window):
    page = window.candidates
    assert page.mine.isChecked() and page.model.rowCount() == 2
    page.mine.setChecked(False)
    page.search.setText("van den berg")  # with tussenvoegsel
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.data(page.model.index(0, 0)) == "1000000"
    page.search.setText("vries")
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 0)) == "1000002")
    assert page.count_label.text() == "1 kandidaat"  # the singular (was "1 kandidaten")


def test_caseload_filters(qtbot, window, ui_ctx):
    page = window.candidates
    page.mine.click()
    page.statushouder.click()
    page.ops.wait()
    assert page.model.rowCount() == 0 and page.count_label.text() == "0 kandidaten"
    page.statushouder.setChecked(False)
    page.doelgroep.setCurrentIndex(page.doelgroep.findData("B"))
    page.ops.wait()
    assert page.model.rowCount() == 4


def test_every_list_model_passes_qtmodeltester(qtmodeltester, window):
    for page in window.pages:
        model = getattr(page, "model", None)
        if model is not None:
            page.refresh()
            settle(window)
            qtmodeltester.check(model)


def test_a_long_list_is_paged_in_200s_and_exported_whole_with_iso_dates(qtbot, window, ui_ctx, tmp_path):
    import csv
    import datetime as dt

    from matchdesk.services.candidates import insert_candidates, prepare_candidate

    with ui_ctx.unit() as session:
        insert_candidates(session, [prepare_candidate(candidate_values(klantnummer=f"2{i:06d}", voornaam="Test",
                                                                       achternaam=f"Persoon{i:03d}",
                                                                       birth_date=dt.date(1990, 3, 4)),
                                                      ui_ctx.today, profile_number=f"P2{i:06d}")
                                    for i in range(450)])
    page = window.candidates
    page.show_all()
    page.ops.wait()
    assert page.model.total == 454 and page.model.rowCount() == 200
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 400)
    assert page.model.canFetchMore()

    target = tmp_path / "kandidaten.csv"
    with qtbot.waitSignal(page.exported, timeout=10000) as exported:
        page.export_to(str(target))
    assert exported.args == [454]
    with target.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines[0][:2] == ["Klantnummer", "Naam"] and len(lines) == 455
    assert "1990-03-04" in {line[6] for line in lines[1:]}  # ISO dates in files (CONTRACTS.md)
    assert page.model.data(page.model.index(0, 6)).count("-") == 2


def test_navigation_and_view_names(window):
    assert window.show_view("werkgevers")
    assert window.stack.currentWidget().title == "Werkgevers"
    assert not window.show_view("bestaat-niet")


def test_sort_order_persists_between_sessions(qtbot, ui_ctx):
    first = open_window(qtbot, ui_ctx)
    first.candidates.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    second = open_window(qtbot, ui_ctx)
    header = second.candidates.table.horizontalHeader()
    assert header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    second.candidates.show_all()
    second.candidates.ops.wait()
    assert second.candidates.model.data(second.candidates.model.index(0, 0)) == "1000003"


def test_ready_signal_fires_after_first_paint_with_the_first_page_shown(qtbot, ui_ctx):
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(ui_ctx)
    qtbot.addWidget(window, before_close_func=settle)
    with qtbot.waitSignal(window.first_page_painted, timeout=5000):
        window.show()
    assert window.candidates.model.rowCount() == 2 and "DEMO" in window.windowTitle()


def test_quick_search_finds_a_candidate_despite_a_typo(qtbot, window, ui_ctx):
    from matchdesk.ui.quick_search import QuickSearchDialog

    dialog = QuickSearchDialog(ui_ctx, window)
    qtbot.addWidget(dialog)
    dialog.query.setText("Yilmas")
    qtbot.waitUntil(lambda: dialog.results.count() > 0)
    assert "Yılmaz" in dialog.results.item(0).text()
    with qtbot.waitSignal(dialog.chosen) as chosen:
        dialog.open_current()
    assert chosen.args == ["kandidaat", "1000001"]


def test_a_broken_rulebook_is_shown_and_the_window_still_opens(qtbot, filled_db, today, tmp_path):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    rules = tmp_path / "regels"
    rules.mkdir()
    (rules / "roosendaal.toml").write_text('id = "roosendaal"\nextends = "wvs"\n[kapot\n', encoding="utf-8")
    window = open_window(qtbot, App(db=filled_db, user="demo", today=today, rulebooks=load_rulebooks(rules)))
    assert window.rules_panel.isVisibleTo(window)
    assert "regelboek" in window.rules_panel.text().lower() and "roosendaal.toml" in window.rules_panel.text()


def test_an_empty_database_offers_demo_or_import_and_is_never_filled_by_itself(qtbot, db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.maintenance import holds_records

    app = App(db=db, user="demo", today=today, rulebooks=load_rulebooks())
    window = open_window(qtbot, app)
    assert window.empty_panel.isVisibleTo(window)
    assert "DEMO" not in window.windowTitle() and not holds_records(app)


def test_load_demo_runs_off_the_gui_thread_and_fills_the_window(qtbot, db, today, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.demo import DemoSize

    window = open_window(qtbot, App(db=db, user="demo", today=today, rulebooks=load_rulebooks()))
    window.show()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    window.load_demo(DemoSize(30, 6, 12))  # the button's size is the full region; a small one here
    assert asked and window.cursor().shape() == Qt.CursorShape.WaitCursor and not window.demo_button.isEnabled()
    assert window.statusBar().currentMessage()  # "Demo-gegevens laden…" once the translations are compiled
    qtbot.waitUntil(lambda: "DEMO" in window.windowTitle(), timeout=60000)
    settle(window)
    assert not window.empty_panel.isVisibleTo(window) and window.cursor().shape() != Qt.CursorShape.WaitCursor
    window.candidates.show_all()
    window.candidates.ops.wait()
    assert window.candidates.model.total == 30


def test_the_demo_is_never_loaded_over_records(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    window.load_demo()
    settle(window)
    assert shown == ["De database bevat al gegevens; demo-gegevens komen alleen in een lege database."]
    assert window.demo_button.isEnabled()


def test_first_start_asks_who_works_and_records_the_medewerker(qtbot, db, today, monkeypatch):
    from PySide6.QtWidgets import QDialog
    from sqlalchemy import select

    from matchdesk.app import App
    from matchdesk.storage.models import Medewerker
    from matchdesk.ui import first_start

    def answer(dialog):
        assert dialog.first  # no medewerker yet: role and region are asked too
        roles = [dialog.role.itemText(i) for i in range(dialog.role.count())]
        assert roles == ["Matchmaker", "Accountmanager", "Teamleider"]  # display names, not the codes
        dialog.role.setCurrentIndex(2)
        dialog.name.setCurrentText("Anouk de Wit")
        dialog.region.setCurrentText("WVS")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(first_start.FirstStartDialog, "exec", answer)
    assert first_start.choose_medewerker(App(db, user="systeem", today=today)) == "Anouk de Wit"
    with db.reading() as session:
        assert session.scalar(select(Medewerker.region).where(Medewerker.name == "Anouk de Wit")) == "WVS"
        assert session.scalar(select(Medewerker.role).where(Medewerker.name == "Anouk de Wit")) == "teamleider"
    assert db.meta("region") == "WVS"

    def again(dialog):  # the next start: the name is offered, nothing more is asked or written
        assert not dialog.first and dialog.name.currentText() == "Anouk de Wit"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(first_start.FirstStartDialog, "exec", again)
    assert first_start.choose_medewerker(App(db, user="systeem", today=today)) == "Anouk de Wit"


def test_menus_status_bar_and_navigation_come_out_in_dutch_through_the_translator(window):
    from PySide6.QtWidgets import QLabel

    from matchdesk.ui.matching_page import MatchingPage

    assert [a.text() for a in window.menuBar().actions()] == ["&Bestand", "&Ga naar", "&Beeld", "&Help"]
    assert window.import_action.text() == "&Importeren…"
    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "Medewerker: demo" in labels
    assert not any("test- en demogegevens" in label for label in labels)  # the privacy work is done (issue 14)
    assert window.nav.accessibleName() == "Navigatie"
    matching = window.page(MatchingPage)
    assert matching.title == "Matchen"  # the page's English source title, translated for the navigation
    assert "Matchen" in [window.nav.item(row).text() for row in range(window.nav.count())]


def test_view_names_are_identifiers_not_display_texts(window):
    from matchdesk.ui.matching_page import MatchingPage

    assert window.show_view("matchen") and isinstance(window.stack.currentWidget(), MatchingPage)
    assert window.show_view("Vacatures &") and window.show_view("kandidaten")
    assert not window.show_view("matching")  # the English source text is not a view name


def test_enter_on_a_list_row_opens_the_record_in_its_editor(qtbot, window):
    from matchdesk.ui.editors import CandidateEditor

    window.show()
    page = window.candidates
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    key = page.selected_key()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in window.findChildren(CandidateEditor)), timeout=10000)
    [editor] = [e for e in window.findChildren(CandidateEditor) if e.isVisible()]
    assert key in {w.text() for w in editor.findChildren(QLineEdit)}
    editor.reject()
