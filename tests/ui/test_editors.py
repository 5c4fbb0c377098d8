"""The detail editors' main flows: open, edit and save, validation, unsaved changes, conflicts, drafts."""

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from matchdesk.storage.models import AuditEntry, Candidate, CandidateSkill


@pytest.fixture(autouse=True)
def draft_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))


@pytest.fixture
def ctx(db, today, make_candidate):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    make_candidate()
    return App(db=db, user="tester", today=today, rulebooks=load_rulebooks())


def _answer(monkeypatch, method: str, button):
    asked = []
    monkeypatch.setattr(QMessageBox, method, staticmethod(lambda *args, **kwargs: asked.append(args) or button))
    return asked


def _editor(qtbot, ctx, key="1000001"):
    from matchdesk.ui.editors import CandidateEditor

    editor = CandidateEditor(ctx, key)
    # Closing at teardown must not ask about unsaved changes (the patched answers are gone by then).
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    return editor


def test_open_edit_and_save_a_candidate(qtbot, ctx, db):
    editor = _editor(qtbot, ctx)
    assert editor.form.widgets["achternaam"].text() == "Berg"
    editor.form.widgets["woonplaats"].setText("Bergen op Zoom")
    editor.skills_editor.input.setText("heftruk")  # a typo lands on the vocabulary's skill
    editor.skills_editor.add_typed()
    assert "herkend als" in editor.skills_editor.note.text()
    assert editor.dirty and editor.windowTitle().startswith("Kandidaat 1000001 *")
    assert editor.save()
    with db.reading() as session:
        candidate = session.scalar(select(Candidate).where(Candidate.klantnummer == "1000001"))
        skills = session.scalars(select(CandidateSkill.skill_id).where(CandidateSkill.candidate_id == candidate.id)).all()
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.record_id == candidate.id)).all()
    assert candidate.woonplaats == "Bergen op Zoom" and candidate.updated_by == "tester"
    assert skills and all(skills)
    assert "bekeken" in actions and "gewijzigd" in actions


def test_invalid_input_is_shown_on_the_field_and_nothing_is_stored(qtbot, ctx, db):
    editor = _editor(qtbot, ctx)
    editor.form.widgets["postcode"].setText("12345")
    editor.form.widgets["birth_date"].setText("31-02-1990")
    assert not editor.save()
    assert editor.form.errors["postcode"].isVisibleTo(editor) or editor.form.errors["birth_date"].isVisibleTo(editor)
    assert "Niet opgeslagen" in editor.message.text()
    with db.reading() as session:
        assert session.scalar(select(Candidate.postcode).where(Candidate.klantnummer == "1000001")) is None


def test_cancel_with_unsaved_changes_asks_first(qtbot, ctx, monkeypatch):
    editor = _editor(qtbot, ctx)
    editor.form.widgets["voornaam"].setText("Noor")
    asked = _answer(monkeypatch, "question", QMessageBox.StandardButton.Cancel)
    editor.reject()
    assert asked and editor.isVisible() is False and editor.result() == 0 and editor.dirty  # still open, not closed
    _answer(monkeypatch, "question", QMessageBox.StandardButton.Discard)
    editor.reject()
    assert not editor.saved


def test_a_save_conflict_names_the_other_user_and_overwrites_nothing(qtbot, ctx, db, today, monkeypatch):
    from matchdesk.services.candidates import update_candidate

    editor = _editor(qtbot, ctx)
    with db.unit("collega") as session:
        candidate = session.scalar(select(Candidate).where(Candidate.klantnummer == "1000001"))
        update_candidate(session, candidate.id, candidate.version, {"woonplaats": "Zundert"}, today)
    editor.form.widgets["woonplaats"].setText("Rucphen")
    _answer(monkeypatch, "warning", QMessageBox.StandardButton.No)
    assert not editor.save()
    assert "collega" in editor.message.text()
    with db.reading() as session:
        assert session.scalar(select(Candidate.woonplaats).where(Candidate.klantnummer == "1000001")) == "Zundert"


def test_a_draft_is_offered_back_after_a_crash(qtbot, ctx, monkeypatch):
    editor = _editor(qtbot, ctx)
    editor.form.widgets["wishes"].setPlainText("Wil graag in de groenvoorziening werken")
    editor.save_draft()  # what the 30-second timer does
    editor.dirty = False  # the crash: the dialog is gone without saving or discarding
    editor.deleteLater()
    _answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    again = _editor(qtbot, ctx)
    assert again.form.widgets["wishes"].toPlainText() == "Wil graag in de groenvoorziening werken"
    assert again.dirty


def test_new_candidate_requires_klantnummer_and_achternaam(qtbot, ctx, db):
    editor = _editor(qtbot, ctx, key=None)
    assert editor.windowTitle().startswith("Nieuwe kandidaat")
    editor.form.widgets["voornaam"].setText("Sem")
    assert not editor.save()
    editor.form.widgets["klantnummer"].setText("1000099")
    editor.form.widgets["achternaam"].setText("Jansen")
    assert editor.save()
    with db.reading() as session:
        assert session.scalar(select(Candidate.achternaam).where(Candidate.klantnummer == "1000099")) == "Jansen"


def test_contact_moments_tab_opens_with_questions(qtbot, ctx):
    editor = _editor(qtbot, ctx)
    editor.tabs.setCurrentWidget(editor.contacts_tab)
    assert editor.contacts_panel is not None
    assert "Vragen bij volgend contact" in editor.contacts_panel.questions.text()
    assert editor.tabs.tabText(editor.tabs.count() - 1) == "Trajecten"  # a trajectory still opens its tab


def test_editor_texts_come_out_in_dutch_through_the_translator(qtbot, ctx):
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from matchdesk.ui.editors import EmployerEditor, VacancyEditor

    editor = _editor(qtbot, ctx)
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "&Opslaan"
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "&Annuleren"
    titles = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert titles[:5] == ["Persoon", "Doelgroep en regelingen", "Beschikbaarheid en wensen", "Vaardigheden en taal",
                          "Contactmomenten"]
    labels = {label.text() for label in editor.findChildren(QLabel)}
    assert {"&Klantnummer:", "Tele&foon:", "Taaleis s&inds:", "Nederlands – lezen:"} <= labels
    assert editor.form.widgets["klantnummer"].accessibleName() == "Klantnummer"  # from the translated label
    assert editor.form.widgets["birth_date"].placeholderText() == "dd-mm-jjjj"
    assert editor.form.widgets["loonwaarde"].specialValueText() == "onbekend"
    assert editor.language_editor.boxes[next(iter(editor.language_editor.boxes))].itemText(0) == "onbekend"
    assert editor.skills_editor.input.placeholderText() == "Vaardigheid, certificaat of rijbewijs…"
    assert editor.trajectories.horizontalHeaderItem(4).text() == "Oordeel"
    employer = EmployerEditor(ctx, None)
    qtbot.addWidget(employer)
    assert employer.windowTitle() == "Nieuwe werkgever — MatchDesk"
    assert {"&Telefoon:", "P&laats:", "&KvK-nummer:"} <= {label.text() for label in employer.findChildren(QLabel)}
    vacancy = VacancyEditor(ctx, None)
    qtbot.addWidget(vacancy)
    assert not vacancy.save() and "vanuit de werkgever" in vacancy.message.text()
    assert [vacancy.tabs.tabText(i) for i in range(vacancy.tabs.count())] == ["Vacature", "Eisen"]


def _tab_chain(window):
    from PySide6.QtCore import Qt

    found, widget = [], window.nextInFocusChain()
    while widget is not window:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def test_tab_order_runs_through_the_fields_before_the_buttons(qtbot, ctx):
    from PySide6.QtWidgets import QDialogButtonBox

    editor = _editor(qtbot, ctx)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    chain = _tab_chain(editor)
    fields = editor.form.widgets
    assert chain.index(editor.tabs) < chain.index(fields["klantnummer"]) < chain.index(fields["email"]) < chain.index(save)
    editor.tabs.setCurrentWidget(editor.contacts_tab)  # the contacts panel is built now, after the buttons
    chain = _tab_chain(editor)
    panel = editor.contacts_panel
    assert chain.index(editor.tabs) < chain.index(panel.date) < chain.index(panel.add_button) < chain.index(save)
