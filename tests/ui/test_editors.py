"""The detail editors' main flows: open (from the window's lane, off the GUI thread), edit and save, validation,
unsaved changes, conflicts, drafts, and the use cases behind them."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import select

from matchdesk.domain import CefrLevel, LanguageSkill, VacancyKind
from matchdesk.storage.models import AuditEntry, Candidate, CandidateSkill, Employer


@pytest.fixture(autouse=True)
def draft_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))


@pytest.fixture
def ctx(db, today, make_candidate):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    make_candidate()
    return App(db=db, user="tester", today=today, rulebooks=load_rulebooks())


@pytest.fixture
def vacancy(db):
    """An employer with a vacancy that asks for Dutch levels (the editor once read ``row.level`` there)."""
    from matchdesk.services.employers import create_employer
    from matchdesk.services.vacancies import VacancySkillInput, create_vacancy

    with db.unit("anouk") as session:
        employer = create_employer(session, {"kvk": "12345678", "name": "Groen BV", "plaats": "Etten-Leur"})
        session.flush()
        create_vacancy(session, employer.id, {"reference": "V1", "title": "Hovenier", "kind": VacancyKind.LEERWERKPLEK},
                       skills=[VacancySkillInput("snoeien"), VacancySkillInput("heftruck", required=False)],
                       min_language={LanguageSkill.SPREKEN: CefrLevel.A2, LanguageSkill.LEZEN: CefrLevel.A1})
    return "V1"


def _answer(monkeypatch, method: str, button):
    asked = []
    monkeypatch.setattr(QMessageBox, method, staticmethod(lambda *args, **kwargs: asked.append(args) or button))
    return asked


def _editor(qtbot, ctx, key="1000001"):
    from matchdesk.services.candidate_cases import open_candidate
    from matchdesk.ui.editors import CandidateEditor

    editor = CandidateEditor(ctx, open_candidate(ctx, key) if key else None)
    # Closing at teardown must not ask about unsaved changes (the patched answers are gone by then).
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    return editor


def _save(editor) -> bool:
    """Save as the user does (Ctrl+S / Opslaan) and wait for the op: True when it was saved."""
    editor.save()
    editor.ops.wait()
    return editor.saved


def test_open_edit_and_save_a_candidate(qtbot, ctx, db):
    editor = _editor(qtbot, ctx)
    assert editor.form.widgets["achternaam"].text() == "Berg"
    editor.form.widgets["woonplaats"].setText("Bergen op Zoom")
    editor.skills_editor.input.setText("heftruk")  # a typo lands on the vocabulary's skill
    editor.skills_editor.add_typed()
    assert "herkend als" in editor.skills_editor.note.text()
    assert editor.dirty and editor.windowTitle().startswith("Kandidaat 1000001 *")
    with qtbot.waitSignal(editor.record_saved) as saved:
        editor.save()
    assert saved.args[0].key == "1000001" and saved.args[0].version > 1
    assert editor.saved and editor.result() == 1
    with db.reading() as session:
        candidate = session.scalar(select(Candidate).where(Candidate.klantnummer == "1000001"))
        skills = session.scalars(select(CandidateSkill.skill_id)
                                 .where(CandidateSkill.candidate_id == candidate.id)).all()
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.record_id == candidate.id)).all()
    assert candidate.woonplaats == "Bergen op Zoom" and candidate.updated_by == "tester"
    assert skills and all(skills)
    assert "bekeken" in actions and "gewijzigd" in actions


def test_invalid_input_is_shown_on_the_field_and_nothing_is_stored(qtbot, ctx, db):
    editor = _editor(qtbot, ctx)
    editor.form.widgets["postcode"].setText("12345")
    editor.form.widgets["birth_date"].setText("31-02-1990")
    assert not _save(editor)
    assert editor.form.errors["postcode"].isVisibleTo(editor) or editor.form.errors["birth_date"].isVisibleTo(editor)
    assert "Niet opgeslagen" in editor.message.text()
    assert editor.form.widgets["postcode"].text() == "12345"  # the user's input stays
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
    assert not _save(editor)
    assert "collega" in editor.message.text()
    assert editor.form.widgets["woonplaats"].text() == "Rucphen"
    with db.reading() as session:
        assert session.scalar(select(Candidate.woonplaats).where(Candidate.klantnummer == "1000001")) == "Zundert"
    _answer(monkeypatch, "warning", QMessageBox.StandardButton.Yes)  # now load the latest version
    assert not _save(editor)
    qtbot.waitUntil(lambda: editor.form.widgets["woonplaats"].text() == "Zundert")
    assert not editor.dirty
    editor.form.widgets["woonplaats"].setText("Rucphen")
    assert _save(editor)  # with the version just read


def test_a_draft_is_offered_back_after_a_crash(qtbot, ctx, monkeypatch):
    editor = _editor(qtbot, ctx)
    editor.form.widgets["wishes"].setPlainText("Wil graag in de groenvoorziening werken")
    editor.save_draft()  # what the 30-second timer does
    editor.ops.wait()
    editor.dirty = False  # the crash: the dialog is gone without saving or discarding
    editor.deleteLater()
    asked = _answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    again = _editor(qtbot, ctx)
    again.ops.wait()  # the draft is looked up off the GUI thread, then offered
    assert len(asked) == 1
    assert again.form.widgets["wishes"].toPlainText() == "Wil graag in de groenvoorziening werken"
    assert again.dirty


def test_a_draft_is_kept_in_the_database_and_only_offered_to_its_author(qtbot, ctx, db, monkeypatch):
    from matchdesk.storage.models import Draft

    editor = _editor(qtbot, ctx)
    editor.form.widgets["wishes"].setPlainText("Wil graag in de groenvoorziening werken")
    editor.save_draft()
    editor.ops.wait()
    with db.reading() as session:
        assert session.scalars(select(Draft.medewerker).where(Draft.kind == "kandidaat")).all() == ["tester"]
    asked = _answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    from matchdesk.app import App

    other = _editor(qtbot, App(db=db, user="collega", today=ctx.today, rulebooks=ctx.rulebooks))
    other.ops.wait()
    assert not asked and not other.dirty  # a colleague never sees someone else's draft
    _answer(monkeypatch, "question", QMessageBox.StandardButton.No)  # "no, thanks": the draft goes
    again = _editor(qtbot, ctx)
    again.ops.wait()
    with db.reading() as session:
        assert session.scalars(select(Draft)).all() == []


def test_new_candidate_requires_klantnummer_and_achternaam(qtbot, ctx, db, monkeypatch):
    from matchdesk.services import drafts

    editor = _editor(qtbot, ctx, key=None)
    assert editor.windowTitle().startswith("Nieuwe kandidaat")
    editor.form.widgets["voornaam"].setText("Sem")
    editor.save_draft()
    assert not _save(editor)
    editor.form.widgets["klantnummer"].setText("1000099")
    editor.form.widgets["achternaam"].setText("Jansen")
    assert not _save(editor)  # a new candidate needs a birth date, as in the import
    assert "geboortedatum is verplicht" in editor.form.errors["birth_date"].text().lower()
    editor.form.widgets["birth_date"].setText("01-02-1980")
    assert _save(editor)
    assert editor.key == "1000099"
    editor.ops.wait()
    assert drafts.load_draft(ctx, "kandidaat", "nieuw") is None  # the new record's draft goes with the save
    with db.reading() as session:
        assert session.scalar(select(Candidate.achternaam).where(Candidate.klantnummer == "1000099")) == "Jansen"


def test_contact_moments_tab_opens_with_questions(qtbot, ctx):
    editor = _editor(qtbot, ctx)
    editor.tabs.setCurrentWidget(editor.contacts_tab)
    assert editor.contacts_panel is not None
    qtbot.waitUntil(lambda: "Vragen bij volgend contact" in editor.contacts_panel.questions.text())
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


def test_skill_completion_comes_from_the_vocabulary(qtbot, ctx):
    editor = _editor(qtbot, ctx)
    qtbot.waitUntil(lambda: editor.skills_editor.input.completer() is not None)
    labels = editor.skills_editor.input.completer().model().stringList()
    assert len(labels) > 50 and labels == sorted(labels)


# -- opening from the window: off the GUI thread, one editor per record kind ---------------------------------------
def _opened(qtbot, parent, kind: str, key: str, **options):
    from matchdesk.ui.editors import EditorDialog, open_editor

    open_editor(parent, parent.app, kind, key, **options)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in parent.findChildren(EditorDialog)))
    editor = next(e for e in parent.findChildren(EditorDialog) if e.isVisible())
    editor.ops.wait()
    return editor


@pytest.fixture
def parent(qtbot, ctx):
    widget = QWidget()
    widget.app = ctx
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_open_editor_loads_a_vacancy_with_language_levels(qtbot, parent, vacancy):
    editor = _opened(qtbot, parent, "vacature", vacancy)
    assert editor.form.widgets["reference"].text() == "V1" and editor.windowTitle().startswith("Vacature V1")
    assert editor.form.widgets["kind"].currentData() == "leerwerkplek"
    text = editor.skills_label.text()
    assert "snoeien" in text and "heftruck" in text.lower() and "spreken A2" in text and "lezen A1" in text
    editor.reject()


def test_open_editor_saves_an_employer_and_says_so(qtbot, parent, vacancy, db):
    saved = []
    editor = _opened(qtbot, parent, "werkgever", "12345678", on_saved=saved.append)
    assert editor.form.widgets["name"].text() == "Groen BV"
    editor.form.widgets["plaats"].setText("Zundert")
    assert _save(editor)
    assert [s.key for s in saved] == ["12345678"]
    with db.reading() as session:
        assert session.scalar(select(Employer.plaats)) == "Zundert"


def test_open_editor_shows_the_dutch_message_for_a_record_that_is_gone(qtbot, parent, monkeypatch):
    from matchdesk.ui.editors import EditorDialog, editor_lane, open_editor

    shown = _answer(monkeypatch, "warning", QMessageBox.StandardButton.Ok)
    open_editor(parent, parent.app, "vacature", "V-BESTAAT-NIET")
    editor_lane(parent).wait()
    assert [args[2] for args in shown] == ["Vacature met referentie V-BESTAAT-NIET bestaat niet"]
    assert not parent.findChildren(EditorDialog)


def test_a_trajectory_opens_its_candidate_on_the_trajecten_tab(qtbot, parent, db, today):
    from matchdesk.domain import TrajectoryKind
    from matchdesk.storage.models import Trajectory

    with db.unit("anouk") as session:
        candidate = session.scalar(select(Candidate))
        trajectory = Trajectory(candidate_id=candidate.id, kind=TrajectoryKind.PARTICIPATIE, start=today,
                                planned_end=today + dt.timedelta(days=90), verdict="allowed")
        session.add(trajectory)
        session.flush()
        trajectory_id = str(trajectory.id)
    editor = _opened(qtbot, parent, "traject", trajectory_id)
    assert editor.form.widgets["klantnummer"].text() == "1000001"
    assert editor.tabs.currentIndex() == editor.tabs.count() - 1
    assert editor.trajectories.rowCount() == 1 and editor.trajectories.item(0, 0).text() == "Participatieplaats"
    assert editor.trajectories.item(0, 4).text() == "Toegestaan"
    editor.reject()


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
    assert (chain.index(editor.tabs) < chain.index(fields["klantnummer"]) < chain.index(fields["email"])
            < chain.index(save))
    editor.tabs.setCurrentWidget(editor.contacts_tab)  # the contacts panel is built now, after the buttons
    chain = _tab_chain(editor)
    panel = editor.contacts_panel
    assert chain.index(editor.tabs) < chain.index(panel.date) < chain.index(panel.add_button) < chain.index(save)


def test_no_editor_choice_shows_a_raw_code(qtbot, ctx, vacancy):
    """Every combo box of the three editors shows display names (matchdesk.labels), never a stored code."""
    from enum import StrEnum

    from PySide6.QtWidgets import QComboBox

    import matchdesk.domain as domain
    from matchdesk.labels import label
    from matchdesk.ui.candidate_editor import CandidateEditor
    from matchdesk.ui.employer_editor import EmployerEditor
    from matchdesk.ui.vacancy_editor import VacancyEditor

    enums = [v for v in vars(domain).values() if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum]
    raw = {m.value for e in enums for m in e if label(m) != m.value} - {"onbekend"}  # the "unknown" choice
    shown = []
    for editor in (CandidateEditor(ctx, None), EmployerEditor(ctx, None), VacancyEditor(ctx, vacancy)):
        qtbot.addWidget(editor)
        editor.ops.wait()
        for box in editor.findChildren(QComboBox):
            shown += [(type(editor).__name__, box.accessibleName(), box.itemText(i)) for i in range(box.count())]
    assert len(shown) > 20
    assert [item for item in shown if item[2] in raw] == []


@pytest.mark.parametrize("screen_width", [1366, 800])
def test_every_tab_title_of_the_candidate_editor_fits_when_the_screen_has_room(qtbot, ctx, monkeypatch, screen_width):
    """A laptop screen (1366 wide) shows all 7 tab titles; a narrow one keeps the dialog on it (the bar scrolls)."""
    from PySide6.QtCore import QPoint, QRect, QSize
    from PySide6.QtGui import QFont, QScreen

    monkeypatch.setattr(QScreen, "availableGeometry",
                        lambda _screen: QRect(QPoint(0, 0), QSize(screen_width, 768)))
    desktop_font = QFont()
    desktop_font.setPointSize(11)  # the tab titles as a desktop with a larger font draws them
    editor = _editor(qtbot, ctx)
    editor.tabs.tabBar().setFont(desktop_font)
    editor._fit_tab_titles()
    bar = editor.tabs.tabBar()
    assert editor.tabs.count() == 7
    if screen_width == 1366:
        assert bar.sizeHint().width() > 860  # the titles need more than the old fixed 860
        assert editor.width() >= bar.sizeHint().width()
    assert editor.width() <= max(860, screen_width - 40)
