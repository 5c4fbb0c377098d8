"""Proposals panel: a candidate's proposals moved voorgesteld -> uitgenodigd -> geplaatst (the placement starts
a trajectory through the rules), final statuses, a blocked placement, a conflict, and the editor's tab."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from matchdesk.domain import Location, ProposalStatus, Provider, TrajectoryKind, VacancyKind, VacancyStatus
from matchdesk.storage.models import Proposal, Trajectory, Vacancy


@pytest.fixture
def app(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    return App(db=db, user="Mila Matchmaker", today=today, rulebooks=load_rulebooks())


@pytest.fixture
def proposals(db, make_candidate, today):
    """A candidate with two proposals: a leerwerkplek (the newer) and a regular job."""
    from matchdesk.services.employers import create_employer
    from matchdesk.services.proposals import propose
    from matchdesk.services.vacancies import create_vacancy

    candidate = make_candidate()
    with db.unit("anouk") as session:
        employer = create_employer(session, {"kvk": "12345678", "name": "Groen BV"})
        session.flush()
        regular = create_vacancy(session, employer.id, {"reference": "V1", "title": "Hovenier", "positions": 2})
        place = create_vacancy(session, employer.id, {"reference": "V2", "title": "Groenvoorziening",
                                                      "kind": VacancyKind.LEERWERKPLEK, "positions": 1,
                                                      "provider": Provider.LEERWERKBEDRIJF})
        session.flush()
        first = propose(session, candidate, regular.id, today - dt.timedelta(days=3), score=71)
        second = propose(session, candidate, place.id, today, score=84)
        session.flush()
        return {"candidate": candidate, "regular": first.id, "place": second.id, "place_vacancy": place.id}


@pytest.fixture
def panel(qtbot, app, proposals):
    from matchdesk.ui.proposal_dialog import ProposalsPanel

    panel = ProposalsPanel(app, candidate_id=proposals["candidate"])
    qtbot.addWidget(panel)
    panel.resize(800, 300)
    panel.show()
    panel.ops.wait()  # the rows arrive through an op
    return panel


def _placement_dialog(qtbot, panel):
    """Geplaatst… pressed: the placement dialog, once its facts have arrived."""
    qtbot.mouseClick(panel.buttons[ProposalStatus.GEPLAATST], Qt.MouseButton.LeftButton)
    dialog = panel.placement_dialog
    assert dialog is not None
    dialog.ops.wait()
    return dialog


def _status(db, proposal_id):
    with db.reading() as session:
        return session.get(Proposal, proposal_id).status


def _texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_lists_the_proposals_with_status_date_and_score(panel, qtmodeltester, today):
    model = panel.model
    qtmodeltester.check(model)
    assert model.columns == ("Vacature", "Werkgever", "Status", "Sinds", "Voorgesteld op", "Score", "Voorgesteld door")
    assert _texts(model, 0) == ["Groenvoorziening (V2)", "Hovenier (V1)"]  # newest first
    assert _texts(model, 2) == ["voorgesteld", "voorgesteld"]
    assert _texts(model, 4) == ["23-11-2026", "20-11-2026"] and _texts(model, 5) == ["84", "71"]
    assert panel.selected().reference == "V2"
    enabled = {s for s, b in panel.buttons.items() if b.isEnabled()}
    assert enabled == {ProposalStatus.UITGENODIGD, ProposalStatus.GEPLAATST, ProposalStatus.AFGEWEZEN,
                       ProposalStatus.TERUGGETROKKEN}


def test_voorgesteld_uitgenodigd_geplaatst_starts_a_trajectory(qtbot, panel, db, proposals, qtmodeltester):
    place = proposals["place"]
    changes = []
    panel.changed.connect(lambda: changes.append(True))
    qtbot.mouseClick(panel.buttons[ProposalStatus.UITGENODIGD], Qt.MouseButton.LeftButton)
    panel.ops.wait()
    assert _status(db, place) == ProposalStatus.UITGENODIGD
    assert panel.selected().status == ProposalStatus.UITGENODIGD and panel.model.index(0, 2).data() == "uitgenodigd"
    assert not panel.buttons[ProposalStatus.UITGENODIGD].isEnabled()
    assert panel.buttons[ProposalStatus.GEPLAATST].isEnabled()
    assert "uitgenodigd" in panel.message.text() and changes == [True]

    dialog = _placement_dialog(qtbot, panel)
    assert dialog.isVisible()
    # the vacancy decides: a leerwerkplek of the leerwerkbedrijf starts a leerwerktraject
    assert dialog.kind.currentData() == TrajectoryKind.LEERWERKTRAJECT
    assert dialog.vacancy_kind.currentData() == VacancyKind.LEERWERKPLEK and not dialog.vacancy_kind.isEnabled()
    assert dialog.provider.currentData() == Provider.LEERWERKBEDRIJF
    assert dialog.windowTitle() == "Plaatsen — Noël van den Berg (1000001) bij Groen BV"
    assert dialog.verdict.verdict == "allowed" and dialog.save_button.text() == "&Plaatsen"
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    panel.ops.wait()
    assert _status(db, place) == ProposalStatus.GEPLAATST
    with db.reading() as session:
        [trajectory] = session.scalars(select(Trajectory)).all()
        assert trajectory.proposal_id == place and trajectory.vacancy_id == proposals["place_vacancy"]
        assert trajectory.kind == TrajectoryKind.LEERWERKTRAJECT and trajectory.verdict == "allowed"
        assert trajectory.updated_by == "Mila Matchmaker"
        assert session.get(Vacancy, proposals["place_vacancy"]).status == VacancyStatus.VERVULD
    assert panel.selected().status == ProposalStatus.GEPLAATST
    assert not any(b.isEnabled() for b in panel.buttons.values())  # geplaatst is final
    assert "is geplaatst" in panel.message.text() and len(changes) == 2
    qtmodeltester.check(panel.model)


def test_a_blocked_placement_shows_the_rules_and_changes_nothing(qtbot, panel, db, proposals):
    dialog = _placement_dialog(qtbot, panel)
    start = dialog.app.today
    end = start + relativedelta(months=9) - dt.timedelta(days=1)
    dialog.planned_end.setDate(QDate(end.year, end.month, end.day))
    assert dialog.verdict.verdict == "blocked" and not dialog.save_button.isEnabled()
    assert "maximum is 6 maanden" in dialog.verdict_label.text()

    # should the service still refuse (the rules judged again on saving), the refusal is shown in Dutch
    dialog.planned_end.setDate(QDate(start.year, start.month, start.day).addMonths(6).addDays(-1))
    dialog.location.setCurrentIndex(dialog.location.findData(Location.INTERN))  # a warning: motivation needed
    assert dialog.verdict.verdict == "warning"
    dialog.save_allowed = lambda: True  # as if Save were possible without a motivation
    dialog.save()
    dialog.ops.wait()
    assert dialog.error_label.isVisibleTo(dialog) and dialog.isVisible()
    assert dialog.error_label.text().startswith("Motivatie vereist:")
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        dialog.reject()
    assert _status(db, proposals["place"]) == ProposalStatus.VOORGESTELD
    with db.reading() as session:
        assert session.scalars(select(Trajectory)).all() == []


def test_final_status_asks_first_and_a_conflict_is_a_message(qtbot, panel, db, proposals, monkeypatch, today):
    from matchdesk.services.proposals import move

    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a) or answer[0]))
    panel.select_proposal(proposals["regular"])
    qtbot.mouseClick(panel.buttons[ProposalStatus.AFGEWEZEN], Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "kan daarna niet meer" in asked[0][2]
    assert _status(db, proposals["regular"]) == ProposalStatus.VOORGESTELD

    # someone else invites the candidate meanwhile: our stale row is refused, nothing is overwritten
    with db.unit("Tessa") as session:
        move(session, panel.app.rulebooks, proposals["regular"], None, ProposalStatus.UITGENODIGD, today)
    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(panel.buttons[ProposalStatus.TERUGGETROKKEN], Qt.MouseButton.LeftButton)
    panel.ops.wait()
    qtbot.waitUntil(lambda: not panel.ops.busy)  # the conflict reads the list again
    assert "intussen gewijzigd door Tessa" in panel.message.text()
    assert _status(db, proposals["regular"]) == ProposalStatus.UITGENODIGD
    assert panel.selected().status == ProposalStatus.UITGENODIGD  # the list shows the news

    qtbot.mouseClick(panel.buttons[ProposalStatus.TERUGGETROKKEN], Qt.MouseButton.LeftButton)
    panel.ops.wait()
    assert _status(db, proposals["regular"]) == ProposalStatus.TERUGGETROKKEN
    assert panel.model.index(panel.model.row_of(proposals["regular"]), 2).data() == "teruggetrokken"
    assert not any(b.isEnabled() for b in panel.buttons.values())


def test_candidate_editor_has_a_voorstellen_tab_and_a_placement_shows_in_trajecten(qtbot, app, proposals, db,
                                                                                     monkeypatch, tmp_path):
    from matchdesk.ui.editors import CandidateEditor

    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    editor = CandidateEditor(app, "1000001")
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    titles = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert titles[-2:] == ["Voorstellen", "Trajecten"]
    panel = editor.proposals_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert panel.candidate_id == proposals["candidate"]
    editor.tabs.setCurrentWidget(panel)
    editor.show()
    dialog = _placement_dialog(qtbot, panel)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.trajectories.rowCount() == 1)
    assert editor.trajectories.item(0, 0).text() == "Leerwerktraject"
    assert not editor.dirty  # a move is saved at once; the candidate's own form is untouched


def test_a_vacancys_proposals_name_the_candidates(qtbot, app, proposals, qtmodeltester):
    from matchdesk.ui.proposal_dialog import open_proposals_dialog

    dialog = open_proposals_dialog(None, app, vacancy_id=proposals["place_vacancy"], title="Voorstellen V2")
    qtbot.addWidget(dialog)
    dialog.panel.ops.wait()
    model = dialog.panel.model
    qtmodeltester.check(model)
    assert model.columns[0] == "Kandidaat" and "Werkgever" not in model.columns
    assert _texts(model, 0) == ["Noël van den Berg (1000001)"] and _texts(model, 1) == ["voorgesteld"]
    assert dialog.windowTitle() == "Voorstellen V2 — MatchDesk"


def test_panel_and_placement_texts_come_through_the_dutch_translator(qtbot, panel):
    model = panel.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["Vacature", "Werkgever"]
    buttons = panel.buttons
    assert buttons[ProposalStatus.GEPLAATST].text() == "Ge&plaatst…"
    assert buttons[ProposalStatus.GEPLAATST].accessibleName() == "Geplaatst"
    assert buttons[ProposalStatus.AFGEWEZEN].toolTip() == "De werkgever heeft de kandidaat afgewezen (definitief)"
    assert panel.view.accessibleName() == "Voorstellen"
    dialog = _placement_dialog(qtbot, panel)
    # the subclass gets the trajectory dialog's texts (context TrajectoryDialog) and its own (PlacementDialog)
    assert dialog.accessibleName() == "Plaatsen"
    assert dialog.form.labelForField(dialog.kind).text() == "Soort &traject:"
    assert dialog.cancel_button.text() == "Annuleren" and "Toegestaan" in dialog.verdict_label.text()
    assert dialog.vacancy_kind.toolTip() == "De soort van de vacature"
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        dialog.reject()
