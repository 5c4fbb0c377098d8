"""The matching view: rank off the GUI thread, read the explanation, propose a candidate."""

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from matchdesk.storage.database import Database
from matchdesk.storage.models import Proposal, Vacancy


@pytest.fixture
def demo_ctx(demo_db_path, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    app = App(db=Database.open(demo_db_path), user="demo", today=today, rulebooks=load_rulebooks())
    yield app
    app.close()


@pytest.fixture
def page(qtbot, demo_ctx):
    from matchdesk.ui.matching_page import MatchingPage

    page = MatchingPage(demo_ctx)
    qtbot.addWidget(page)
    yield page
    page.ops.wait()


def _reference(ctx, kind="regulier"):
    with ctx.db.reading() as session:
        return session.scalar(select(Vacancy.reference).where(Vacancy.kind == kind).order_by(Vacancy.reference))


@pytest.fixture
def asked(monkeypatch):
    """Every confirmation asked, answered with Yes."""
    questions = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *args, **kwargs: questions.append(args[1:3]) or QMessageBox.StandardButton.Yes))
    return questions


def test_rank_for_a_vacancy_explain_and_propose(qtbot, page, demo_ctx, qtmodeltester, asked):
    reference = _reference(demo_ctx)
    with qtbot.waitSignal(page.ranked, timeout=60000):
        page.rank_vacancy(reference)
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model)
    scores = [int(page.model.data(page.model.index(r, 3))) for r in range(page.model.rowCount())
              if page.model.results[r]["eligible"]]
    assert scores == sorted(scores, reverse=True)
    text = page.explanation.toPlainText()
    assert "punten" in text and "vereiste vaardigheden" in text
    assert page.model.name(0) in text  # the name comes with the ranking, from the use case
    assert page.propose_button.isEnabled()
    with qtbot.waitSignal(page.proposed, timeout=30000) as proposed:
        assert page.propose_selected()
    assert proposed.args == [page.model.results[0]["candidate"], reference]
    assert reference in page.status.text()
    assert asked == [("Voorstellen", f"1 kandidaat voorstellen voor {page.subject_name()}?")]
    with demo_ctx.db.reading() as session:
        proposal = session.scalars(select(Proposal).order_by(Proposal.created_at.desc())).first()
    assert proposal.score == page.model.results[0]["score"] and proposal.proposed_by == "demo"


def test_a_second_query_supersedes_the_first(qtbot, page):
    first, second = _reference(page.app), _reference(page.app, "leerwerkplek")
    shown = []
    page.ranked.connect(lambda: shown.append(page.model.ranking.vacancy))
    page.rank_vacancy(first)
    page.rank_vacancy(second)
    page.ops.wait()
    assert shown == [second]


def test_proposing_what_the_rules_forbid_is_a_message(qtbot, page, monkeypatch, asked):
    from matchdesk.errors import RuleViolation

    def refuse(*_args):
        raise RuleViolation("Deze kandidaat mag niet worden voorgesteld.")

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: warned.append(args[1:])))
    monkeypatch.setattr("matchdesk.services.proposals.propose_from_ranking", refuse)
    with qtbot.waitSignal(page.ranked, timeout=60000):
        page.rank_vacancy(_reference(page.app))
    assert page.propose_selected()
    page.ops.wait()
    number = page.model.key(0)
    assert warned == [("Voorstellen", f"{number} — {page.model.ranking.vacancy}: "
                                      "Deze kandidaat mag niet worden voorgesteld.")]


def test_rank_vacancies_for_a_candidate(qtbot, page, demo_ctx):
    from matchdesk.storage.models import Candidate

    with demo_ctx.db.reading() as session:
        klantnummer = session.scalar(select(Candidate.klantnummer).order_by(Candidate.klantnummer))
    with qtbot.waitSignal(page.ranked, timeout=60000):
        page.rank_candidate(klantnummer)
    assert page.model.rowCount() > 0 and page.model.direction == "vacancies"
    assert page.propose_button.isEnabled()  # the candidate for the selected vacancies
    assert not page.shortlist_button.isVisible() and page.place_button.isEnabled()


def test_a_vacancy_typed_in_on_the_spot(qtbot, page):
    with qtbot.waitSignal(page.ranked, timeout=60000):
        page.rank_typed({"titel": "Heftruckchauffeur", "plaats": "Roosendaal", "uren_per_week": 32,
                         "vereiste_vaardigheden": "heftruck certificaat; orderpicken", "min_nl_spreken": "A2"})
    assert page.model.rowCount() > 0 and page.model.ranking.typed
    assert not page.propose_button.isEnabled() and not page.propose_selected()  # nothing stored to propose for
    assert page.print_button.isEnabled()


def test_an_unknown_reference_is_a_message(qtbot, page, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: shown.append(args[2])))
    page.rank_vacancy("BESTAAT-NIET")
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    assert "BESTAAT-NIET" in shown[0]


def test_the_matching_page_and_typed_vacancy_dialog_come_out_in_dutch_through_the_translator(qtbot, page):
    from PySide6.QtCore import Qt

    from matchdesk.ui.matching_page import TypedVacancyDialog, explanation_html

    assert page.title == "Matchen" and page.rank_button.text() == "&Rangschikken"
    assert page.model.headerData(2, Qt.Orientation.Horizontal) == "Naam / titel"
    page.query.clear()
    page.run()
    assert page.status.text() == "Vul een referentie of klantnummer in."
    dialog = TypedVacancyDialog(page)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Vacature ter plekke"
    assert dialog.layout().labelForField(dialog.title).text() == "&Titel:"
    assert dialog.title.accessibleName() == "Titel"
    html = explanation_html({"score": 70, "eligible": False, "knockouts": [{"message": "te ver"}],
                             "components": {}, "explanation": ""}, "Jan")
    assert "Jan — 70 punten" in html and "Niet geschikt:" in html


def test_journey_rank_propose_and_print_from_the_main_window(qtbot, demo_ctx, asked):
    from PySide6.QtCore import Qt

    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.matching_page import MatchingPage
    from matchdesk.ui.print_preview import PrintPreviewDialog

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.show_view("matchen")
    page = window.stack.currentWidget()
    assert isinstance(page, MatchingPage)
    reference = _reference(demo_ctx)
    qtbot.mouseClick(page.query, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.query, reference)
    with qtbot.waitSignal(page.ranked, timeout=60000):  # Return before the completions: the reference as typed
        qtbot.keyClick(page.query, Qt.Key.Key_Return)
    first = page.model.key(0)
    assert page.model.name(0) and page.model.name(0) in page.explanation.toPlainText()
    with qtbot.waitSignal(page.proposed, timeout=30000) as proposed:
        qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert proposed.args == [first, reference]
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    preview = page.findChild(PrintPreviewDialog)
    qtbot.waitUntil(lambda: preview.printed is not None, timeout=30000)
    assert preview.isVisible() and preview.pages_layout.count() >= 1
    assert f"profiel {first}" in preview.windowTitle()
    preview.accept()
    page.ops.wait()


def test_rows_proposed_already_are_left_out_of_a_new_proposal(qtbot, page, asked):
    from PySide6.QtCore import QItemSelectionModel

    with qtbot.waitSignal(page.ranked, timeout=60000):
        page.rank_vacancy(_reference(page.app))
    with qtbot.waitSignal(page.marked, timeout=30000):
        assert page.propose_selected()  # the first row
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().select(page.model.index(1, 0), flags)
    assert page.selected_rows() == [0, 1]
    with qtbot.waitSignal(page.marked, timeout=30000):
        assert page.propose_selected()
    assert asked[1][1].startswith("1 kandidaat voorstellen voor ")
    assert [page.model.mark(row) for row in (0, 1)] == ["voorgesteld", "voorgesteld"]
    page.table.selectRow(0)
    assert not page.propose_selected() and page.status.text() == "De selectie is al voorgesteld."


def test_the_typed_vacancy_dialog_shows_kinds_by_name_and_comes_back_filled_in(qtbot, page):
    from matchdesk.ui.typed_vacancy_dialog import TypedVacancyDialog

    dialog = TypedVacancyDialog(page)
    qtbot.addWidget(dialog)
    assert [dialog.kind.itemText(i) for i in range(2)] == ["Reguliere vacature", "Garantiebaan"]
    fields = {"titel": "Heftruckchauffeur", "soort": "leerwerkplek", "plaats": "Roosendaal", "uren_per_week": 32,
              "vereiste_vaardigheden": "orderpicken", "gewenste_vaardigheden": "", "rijbewijs_vereist": "B",
              "min_nl_spreken": "A2"}
    dialog.set_fields(fields)
    assert dialog.fields() == fields  # "Vacature ter plekke…" again: what was typed, to adjust
