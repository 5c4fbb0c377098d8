"""Matchen that leads somewhere, from the main window with clicks and keys only: pick a vacancy by typing part of
its title, rank, select three, propose them, print their shortlist, see them marked; the other way round for a
candidate; place from a result; export; keep a vacancy typed in on the spot."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import select

from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, Employer, Proposal, Trajectory, Vacancy

# the offscreen platform says this of every completion list it shows; it is not ours
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")


@pytest.fixture
def app(demo_db_path, today, tmp_path):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    path = tmp_path / "eigen.db"
    shutil.copy(demo_db_path, path)
    app = App(db=Database.open(path), user="demo", today=today, rulebooks=load_rulebooks())
    yield app
    app.close()


@pytest.fixture
def asked(monkeypatch):
    """Every confirmation asked (title, text), answered with Yes."""
    questions = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *args, **kwargs: questions.append(args[1:3]) or QMessageBox.StandardButton.Yes))
    return questions


@pytest.fixture
def page(qtbot, app):
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.matching_page import MatchingPage

    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    assert window.show_view("matchen")
    page = window.stack.currentWidget()
    assert isinstance(page, MatchingPage)
    yield page
    page.ops.wait()


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(path.read_bytes())).pages))


def choose(qtbot, page, typed: str, key: str) -> None:
    """Type ``typed`` in the picker, wait for the completions and choose the one of ``key`` with arrows and
    Enter; the ranking follows."""
    qtbot.mouseClick(page.query, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.query.looked_up, timeout=30000):
        qtbot.keyClicks(page.query, typed)
    qtbot.waitUntil(lambda: page.query.completer_.popup().isVisible(), timeout=30000)
    keys = [c.key for c in page.query.choices]
    assert key in keys, (typed, keys)
    popup = page.query.completer_.popup()
    for _ in range(keys.index(key) + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.ranked, timeout=60000):
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    page.ops.wait()


def click_row(qtbot, page, row: int, extend: bool = False) -> None:
    rect = page.table.visualRect(page.model.index(row, 2))
    modifier = Qt.KeyboardModifier.ControlModifier if extend else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def save_preview(qtbot, page, monkeypatch, target):
    """Save the print preview that is open as PDF, through its button and the (answered) file dialog."""
    from matchdesk.ui.print_preview import PrintPreviewDialog

    preview = page.preview
    assert isinstance(preview, PrintPreviewDialog)
    qtbot.waitUntil(lambda: preview.printed is not None, timeout=60000)
    monkeypatch.setattr("matchdesk.ui.file_dialogs.get_save_file_name", lambda *a, **k: (str(target), ""))
    button = next(b for b in preview.findChildren(QPushButton) if b.text() == "&Opslaan als PDF…")
    with qtbot.waitSignal(preview.saved, timeout=60000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    preview.accept()
    return target


def test_pick_by_title_rank_propose_three_print_their_shortlist_and_see_them_marked(qtbot, page, app, asked,
                                                                                   monkeypatch, tmp_path):
    with app.db.reading() as session:
        reference, title, employer = session.execute(
            select(Vacancy.reference, Vacancy.title, Employer.name).join(Employer, Employer.id == Vacancy.employer_id)
            .where(Vacancy.kind == "regulier").order_by(Vacancy.reference)).first()
    word = max(title.split(), key=len)  # a part of the title, as remembered
    choose(qtbot, page, word, reference)
    assert page.model.ranking.vacancy == reference and page.model.rowCount() >= 3
    shown = page.subject.text()
    assert title in shown and employer.replace("&", "&amp;") in shown and "Reguliere vacature" in shown

    click_row(qtbot, page, 0)
    click_row(qtbot, page, 1, extend=True)
    click_row(qtbot, page, 2, extend=True)
    assert page.selected_rows() == [0, 1, 2] and page.selection_label.text() == "3 geselecteerd"
    numbers = [page.model.key(row) for row in range(3)]
    with qtbot.waitSignal(page.marked, timeout=60000):
        qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert asked == [("Voorstellen", f"3 kandidaten voorstellen voor {title} ({reference})?")]
    proposal_column = page.model.keys.index("proposal")
    assert [page.model.index(row, proposal_column).data() for row in range(4)][:3] == ["Voorgesteld"] * 3
    assert page.status.text() == "3 voorstellen vastgelegd."
    with app.db.reading() as session:
        stored = set(session.scalars(select(Candidate.klantnummer).join(Proposal, Proposal.candidate_id == Candidate.id)
                                     .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
                                     .where(Vacancy.reference == reference, Proposal.proposed_by == "demo")))
    assert set(numbers) <= stored

    qtbot.mouseClick(page.shortlist_button, Qt.MouseButton.LeftButton)
    assert "shortlist" in page.preview.windowTitle()
    pdf = save_preview(qtbot, page, monkeypatch, tmp_path / "shortlist.pdf")
    assert pdf.exists()
    text = pdf_text(pdf)
    assert "Aantal kandidaten 3" in text and len(re.findall(r"Kandidaatprofiel P\d+", text)) == 3
    for number in numbers:  # anonymised: no klantnummer, no name
        assert number not in text and page.model.ranking.names[number].split(",")[0] not in text


def test_journey_3_rank_vacancies_for_a_candidate_propose_one_and_print_the_anonymised_profile(
        qtbot, page, app, asked, monkeypatch, tmp_path):
    with app.db.reading() as session:
        candidate = session.scalar(select(Candidate).where(Candidate.deleted_at.is_(None), Candidate.bsn.is_not(None))
                                   .order_by(Candidate.klantnummer))
        klantnummer, achternaam, bsn = candidate.klantnummer, candidate.achternaam, candidate.bsn
    qtbot.mouseClick(page.for_candidate, Qt.MouseButton.LeftButton)
    assert page.for_candidate.isChecked()
    choose(qtbot, page, achternaam, klantnummer)
    assert page.model.direction == "vacancies" and page.model.rowCount() > 0
    assert achternaam in page.subject.text()
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert {"Werkgever", "Plaats", "Soort"} <= set(headers)
    kind = page.model.index(0, headers.index("Soort")).data()
    assert kind in {"Reguliere vacature", "Garantiebaan", "Leerwerkplek", "Proefplaats", "Beschut werk"}
    assert page.model.index(0, headers.index("Werkgever")).data()

    click_row(qtbot, page, 0)
    reference = page.model.key(0)
    with qtbot.waitSignal(page.marked, timeout=60000):
        qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert asked[0][1].endswith("voorstellen voor 1 vacature?") and klantnummer in asked[0][1]
    assert page.model.index(0, headers.index("Voorstel")).data() == "Voorgesteld"

    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert page.preview.anonymous
    pdf = save_preview(qtbot, page, monkeypatch, tmp_path / "profiel.pdf")
    text = pdf_text(pdf)
    assert reference in text and "Geanonimiseerd profiel" in text
    assert bsn not in text and achternaam not in text and klantnummer not in text


def test_place_from_a_result_in_one_step_and_export_the_results(qtbot, page, app, asked, monkeypatch, tmp_path):
    import csv

    from matchdesk.ui.placement_dialog import PlacementDialog

    with app.db.reading() as session:
        reference, title = session.execute(select(Vacancy.reference, Vacancy.title)
                                           .where(Vacancy.kind == "regulier").order_by(Vacancy.reference)).first()
    choose(qtbot, page, reference, reference)
    with app.db.reading() as session:  # a candidate without a trajectory that would overlap
        busy = set(session.scalars(select(Candidate.klantnummer)
                                   .join(Trajectory, Trajectory.candidate_id == Candidate.id)
                                   .where(Trajectory.actual_end.is_(None))))
    eligible = next(row for row, r in enumerate(page.model.results) if r["eligible"] and r["candidate"] not in busy)
    click_row(qtbot, page, eligible)
    number = page.model.key(eligible)
    qtbot.mouseClick(page.place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.placement_dialog, PlacementDialog), timeout=30000)
    dialog = page.placement_dialog
    dialog.ops.wait()
    assert dialog.provider.currentData() == "werkgever"  # a regular job is at the employer (no provider stored)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=30000)
    with qtbot.waitSignal(page.marked, timeout=60000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.model.index(eligible, page.model.keys.index("proposal")).data() == "Geplaatst"
    assert not page.place_button.isEnabled()
    with app.db.reading() as session:
        status = session.scalar(select(Proposal.status).join(Candidate, Candidate.id == Proposal.candidate_id)
                                .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
                                .where(Candidate.klantnummer == number, Vacancy.reference == reference))
    assert status == "geplaatst"

    target = tmp_path / "resultaten.csv"
    monkeypatch.setattr("matchdesk.ui.file_dialogs.get_save_file_name", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(page.exported, timeout=60000) as exported:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(target.open(encoding="utf-8-sig"), delimiter=";"))
    assert exported.args == [page.model.rowCount()] and len(rows) == page.model.rowCount() + 1
    assert rows[0] == ["rang", "klantnummer", "naam", "score", "geschikt", "niet_geschikt_omdat", "voorstel"]
    assert [r for r in rows if r[1] == number][0][-1] == "geplaatst"  # contract codes in files


def test_a_vacancy_typed_in_on_the_spot_is_kept_for_an_employer_and_ranked_as_stored(qtbot, page, app):
    from matchdesk.ui.typed_vacancy_dialog import SaveTypedVacancyDialog

    with app.db.reading() as session:
        kvk, name = session.execute(select(Employer.kvk, Employer.name).order_by(Employer.name)).first()
    with qtbot.waitSignal(page.ranked, timeout=60000):
        page.rank_typed({"titel": "Heftruckchauffeur", "plaats": "", "uren_per_week": 32,
                         "vereiste_vaardigheden": "heftruck certificaat; orderpicken", "min_nl_spreken": "A2"})
    assert page.save_typed_button.isVisible() and not page.propose_button.isEnabled()
    qtbot.mouseClick(page.save_typed_button, Qt.MouseButton.LeftButton)
    dialog = page.save_dialog
    assert isinstance(dialog, SaveTypedVacancyDialog) and not dialog.save_button.isEnabled()
    picker = dialog.employer
    with qtbot.waitSignal(picker.looked_up, timeout=30000):
        qtbot.keyClicks(picker, kvk)
    qtbot.waitUntil(lambda: picker.completer_.popup().isVisible(), timeout=30000)
    qtbot.keyClick(picker.completer_.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(picker.completer_.popup(), Qt.Key.Key_Return)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(page.ranked, timeout=60000):
        with qtbot.waitSignal(page.saved_vacancy, timeout=60000) as saved:
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    reference = saved.args[0]
    assert page.model.ranking.vacancy == reference and not page.model.ranking.typed
    assert "Heftruckchauffeur" in page.subject.text() and name.replace("&", "&amp;") in page.subject.text()
    assert "Spreken A2" in page.subject.text()
    assert page.propose_button.isEnabled()
