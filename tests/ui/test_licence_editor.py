"""A driving licence typed among a candidate's skills in the editor is saved as a licence: reopened, the editor
shows it in the driving-licence field and not among the skills; "geen" is kept as known (no licence)."""

from sqlalchemy import select

from matchdesk.storage.models import Candidate, CandidateSkill


def _editor(qtbot, app, key="1000001"):
    from matchdesk.services.candidate_cases import open_candidate
    from matchdesk.ui.editors import CandidateEditor

    editor = CandidateEditor(app, open_candidate(app, key))
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    return editor


def test_a_licence_typed_as_a_skill_lands_in_the_licence_field(qtbot, db, today, make_candidate):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    make_candidate(driving_licences="B")
    app = App(db=db, user="tester", today=today, rulebooks=load_rulebooks())
    editor = _editor(qtbot, app)
    assert editor.form.widgets["driving_licences"].text() == "B"
    for typed in ("Rijbewijs CE", "code 95", "heftruck"):
        editor.skills_editor.input.setText(typed)
        editor.skills_editor.add_typed()
    with qtbot.waitSignal(editor.record_saved, timeout=30000):
        editor.save()
    again = _editor(qtbot, app)
    assert again.form.widgets["driving_licences"].text() == "B,CE,95"
    assert [row[0] for row in again.skills_editor.skills()] == ["Heftruckcertificaat"]
    with db.reading() as session:
        assert session.scalars(select(CandidateSkill.text)).all() == ["Heftruckcertificaat"]

    again.form.widgets["driving_licences"].setText("geen")
    with qtbot.waitSignal(again.record_saved, timeout=30000):
        again.save()
    with db.reading() as session:
        assert session.scalar(select(Candidate.driving_licences)) == "geen"
