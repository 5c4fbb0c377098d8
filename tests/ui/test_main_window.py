import pytest

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


@pytest.fixture
def window(qtbot, ui_ctx):
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    return window


def _names(model):
    return [model.data(model.index(r, 1)) for r in range(model.rowCount())]


def test_main_window_lists_candidates_sorted_on_achternaam(window):
    assert "DEMO" in window.windowTitle()
    window.candidates.show_all()
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
    assert page.count_label.text() == "1 kandidaten"


def test_caseload_filters(window, ui_ctx):
    page = window.candidates
    page.mine.setChecked(False)
    page.statushouder.setChecked(True)
    assert page.model.rowCount() == 0
    page.statushouder.setChecked(False)
    page.doelgroep.setCurrentIndex(page.doelgroep.findData("B"))
    assert page.model.rowCount() == 4


def test_every_list_model_passes_qtmodeltester(qtmodeltester, window):
    for page in window.pages:
        model = getattr(page, "model", None)
        if model is not None:
            page.refresh()
            qtmodeltester.check(model)


def test_navigation_and_view_names(window):
    assert window.show_view("werkgevers")
    assert window.stack.currentWidget().title == "Werkgevers"
    assert not window.show_view("bestaat-niet")


def test_sort_order_persists_between_sessions(qtbot, ui_ctx):
    from PySide6.QtCore import Qt

    from matchdesk.ui.main_window import MainWindow

    first = MainWindow(ui_ctx)
    qtbot.addWidget(first)
    first.candidates.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    second = MainWindow(ui_ctx)
    qtbot.addWidget(second)
    header = second.candidates.table.horizontalHeader()
    assert header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    second.candidates.show_all()
    assert second.candidates.model.data(second.candidates.model.index(0, 0)) == "1000003"


def test_ready_signal_fires_after_first_paint(qtbot, window):
    with qtbot.waitSignal(window.first_page_painted, timeout=5000):
        window.show()


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
    from matchdesk.ui.main_window import MainWindow

    rules = tmp_path / "regels"
    rules.mkdir()
    (rules / "roosendaal.toml").write_text('id = "roosendaal"\nextends = "wvs"\n[kapot\n', encoding="utf-8")
    window = MainWindow(App(db=filled_db, user="demo", today=today, rulebooks=load_rulebooks(rules)))
    qtbot.addWidget(window)
    assert window.rules_panel.isVisibleTo(window)
    assert "regelboek" in window.rules_panel.text().lower() and "roosendaal.toml" in window.rules_panel.text()


def test_an_empty_database_offers_demo_or_import_and_is_never_filled_by_itself(qtbot, db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.maintenance import holds_records
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(App(db=db, user="demo", today=today, rulebooks=load_rulebooks()))
    qtbot.addWidget(window)
    assert window.empty_panel.isVisibleTo(window)
    assert "DEMO" not in window.windowTitle() and not holds_records(db)


def test_first_start_asks_who_works_and_records_the_medewerker(qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QDialog
    from sqlalchemy import select

    from matchdesk.storage.models import Medewerker
    from matchdesk.ui import first_start

    def answer(dialog):
        assert dialog.first  # no medewerker yet: role and region are asked too
        dialog.name.setCurrentText("Anouk de Wit")
        dialog.region.setCurrentText("WVS")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(first_start.FirstStartDialog, "exec", answer)
    assert first_start.choose_medewerker(db) == "Anouk de Wit"
    with db.reading() as session:
        assert session.scalar(select(Medewerker.region).where(Medewerker.name == "Anouk de Wit")) == "WVS"
    assert db.meta("region") == "WVS"


def test_menus_status_bar_and_navigation_come_out_in_dutch_through_the_translator(window):
    from PySide6.QtWidgets import QLabel

    from matchdesk.ui.matching_page import MatchingPage

    assert [a.text() for a in window.menuBar().actions()] == ["&Bestand", "&Ga naar", "&Help"]
    assert window.import_action.text() == "&Importeren…"
    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "Medewerker: demo" in labels
    assert "Alleen voor test- en demogegevens (nog geen versleuteling)" in labels
    assert window.nav.accessibleName() == "Navigatie"
    matching = window.page(MatchingPage)
    assert matching.title == "Matchen"  # the page's English source title, translated for the navigation
    assert "Matchen" in [window.nav.item(row).text() for row in range(window.nav.count())]


def test_view_names_are_identifiers_not_display_texts(window):
    from matchdesk.ui.matching_page import MatchingPage

    assert window.show_view("matchen") and isinstance(window.stack.currentWidget(), MatchingPage)
    assert window.show_view("Vacatures &") and window.show_view("kandidaten")
    assert not window.show_view("matching")  # the English source text is not a view name
