"""The list pages and the quick search show their (English source) texts in Dutch through the translator."""

from __future__ import annotations

import pytest


@pytest.fixture
def ctx(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    return App(db=db, user="Anouk", today=today, rulebooks=load_rulebooks())


def test_list_pages_are_dutch(qtbot, ctx):
    from matchdesk.ui.list_page import CandidatesPage, ListPage, VacanciesPage

    page = CandidatesPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.first_page_shown):
        page.refresh()
    assert type(page).title == "Candidates" and page.title == "Kandidaten"  # source text, translated instance
    assert page.export_button.text() == "Exporteren…"  # ListPage's context, from a subclass
    assert page.search.placeholderText() == "Zoek op naam, klantnummer…"
    assert page.search.accessibleName() == "Zoeken in kandidaten"
    assert page.mine.text() == "&Mijn kandidaten" and page.doelgroep.itemText(0) == "Doelgroep: alle"
    assert page.count_label.text() == "0 kandidaten"

    vacancies = VacanciesPage(ctx)
    qtbot.addWidget(vacancies)
    assert vacancies.title == "Vacatures & leerwerkplekken" and vacancies.kind.itemText(0) == "Soort: alle"
    assert ListPage.count_text(vacancies, "3") == "3 rijen"


def test_quick_search_is_dutch(qtbot, ctx):
    from matchdesk.ui.quick_search import QuickSearchDialog

    dialog = QuickSearchDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Snel zoeken"
    assert dialog.query.placeholderText() == "Naam, klantnummer, KvK, referentie of vaardigheid…"
    assert dialog.hint.text() == dialog.query.accessibleDescription() != ""
