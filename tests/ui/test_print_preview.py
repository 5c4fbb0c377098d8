"""Print preview of profiles and shortlists: pages shown, variants, saving and printing audited."""

import pytest
from sqlalchemy import select

from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry, Candidate, Vacancy


@pytest.fixture
def demo_ctx(demo_db_path, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    app = App(db=Database.open(demo_db_path), user="demo", today=today, rulebooks=load_rulebooks())
    yield app
    app.close()


def _shown(qtbot, dialog):
    """Register the dialog and wait until its first pages are on screen (built off the GUI thread)."""
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.printed is not None, timeout=30000)
    return dialog


def _first(ctx, column):
    with ctx.db.reading() as session:
        return session.scalar(select(column).order_by(column))


def _actions(ctx):
    with ctx.db.reading() as session:
        return session.scalars(select(AuditEntry.action).where(AuditEntry.record_type == "kandidaat")).all()


def test_profile_preview_shows_pages_and_switches_variant(qtbot, demo_ctx, tmp_path):
    from matchdesk.ui.print_preview import preview_profile

    dialog = _shown(qtbot, preview_profile(None, demo_ctx, _first(demo_ctx, Candidate.klantnummer)))
    assert dialog.pages_layout.count() >= 1 and "A4" in dialog.pages_label.text()
    assert dialog.anonymous and dialog.printed.file_name.startswith("profiel-P")
    with qtbot.waitSignal(dialog.shown, timeout=30000):
        dialog.variant.setCurrentIndex(1)
    assert not dialog.anonymous and dialog.printed.file_name.endswith("-volledig.pdf")
    with qtbot.waitSignal(dialog.saved, timeout=30000) as saved:
        dialog.save_to(tmp_path / "profiel.pdf")
    assert saved.args == [tmp_path / "profiel.pdf"] and (tmp_path / "profiel.pdf").read_bytes().startswith(b"%PDF")
    actions = _actions(demo_ctx)
    assert "afdrukvoorbeeld" in actions and "geëxporteerd" in actions


def test_a_save_that_fails_is_a_message_and_leaves_no_audit_entry(qtbot, demo_ctx, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from matchdesk.ui.print_preview import preview_profile

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: shown.append(args[1:])))
    dialog = _shown(qtbot, preview_profile(None, demo_ctx, _first(demo_ctx, Candidate.klantnummer)))
    dialog.save_to(tmp_path / "bestaat-niet" / "profiel.pdf")
    dialog.ops.wait()
    assert shown and shown[0][0] == "Opslaan als PDF" and "bestaat niet" in shown[0][1]
    assert "geëxporteerd" not in _actions(demo_ctx)


def test_printing_renders_every_page_on_a4(qtbot, demo_ctx, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from matchdesk.ui.print_preview import preview_shortlist

    with demo_ctx.db.reading() as session:
        klantnummers = session.scalars(select(Candidate.klantnummer).order_by(Candidate.klantnummer).limit(3)).all()
    dialog = _shown(qtbot, preview_shortlist(None, demo_ctx, _first(demo_ctx, Vacancy.reference), list(klantnummers)))
    assert dialog.pages_layout.count() >= 2  # the cover and the profiles
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "geprint.pdf"))
    with qtbot.waitSignal(dialog.printed_out, timeout=30000):
        dialog.print_to(printer)
    assert (tmp_path / "geprint.pdf").stat().st_size > 1000
    assert "afgedrukt" in _actions(demo_ctx)


def test_preview_texts_come_through_the_dutch_translator(qtbot, demo_ctx):
    from PySide6.QtWidgets import QPushButton

    from matchdesk.ui.print_preview import preview_profile

    klantnummer = _first(demo_ctx, Candidate.klantnummer)
    dialog = _shown(qtbot, preview_profile(None, demo_ctx, klantnummer))
    assert dialog.windowTitle() == f"Afdrukvoorbeeld — profiel {klantnummer}"
    assert [b.text() for b in dialog.findChildren(QPushButton)] == ["&Afdrukken…", "&Opslaan als PDF…", "&Sluiten"]
    assert [dialog.variant.itemText(i) for i in range(2)] == ["Geanonimiseerd (voor werkgever)", "Volledig (intern)"]
    pages = dialog.pages_layout.count()
    assert dialog.pages_label.text() == (f"{pages} pagina’s, A4" if pages != 1 else "1 pagina, A4")


@pytest.fixture
def own_demo(demo_db_path, today, tmp_path):
    """A copy of the demo this test may change."""
    import shutil

    from matchdesk.app import App

    path = tmp_path / "eigen-demo.db"
    shutil.copy(demo_db_path, path)
    app = App(db=Database.open(path), user="anouk", today=today)
    yield app
    app.close()


def _pdf_text(data: bytes) -> str:
    import io
    import re

    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


def tick(box):
    """A user's click on the box of a check box (the middle of a wide check box is not its hit area)."""
    from PySide6.QtCore import QPoint, Qt
    from pytestqt.qtbot import QtBot

    QtBot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def test_text_for_the_employer_is_written_in_the_editor_and_goes_out_only_when_confirmed(qtbot, own_demo, tmp_path):
    """The matchmaker writes the text in the editor, sees it highlighted in the print preview, and only the tick
    "Tekst voor werkgever meenemen" (audited) puts it in the anonymised PDF; wishes and notes never go."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from matchdesk.services.candidate_cases import open_candidate
    from matchdesk.ui.editors import CandidateEditor
    from matchdesk.ui.print_preview import PrintPreviewDialog

    app = own_demo
    klantnummer = _first(app, Candidate.klantnummer)
    with app.unit() as session:
        session.scalar(select(Candidate).where(Candidate.klantnummer == klantnummer)).wishes = \
            "Geen nachtdienst vanwege epilepsie."
    editor = CandidateEditor(app, open_candidate(app, klantnummer))
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    editor.show()
    editor.tabs.setCurrentIndex(2)  # Beschikbaarheid en wensen
    field = editor.form.widgets["employer_text"]
    assert field.isVisible()
    text = "Werkt nauwkeurig; na een epilepsie-aanval een dag rust."
    qtbot.keyClicks(field, text)
    editor.save()  # as Ctrl+S / Opslaan does
    editor.ops.wait()
    with app.reading() as session:
        assert session.scalar(select(Candidate.employer_text).where(Candidate.klantnummer == klantnummer)) == text
    editor = CandidateEditor(app, open_candidate(app, klantnummer))  # opened anew, as after saving
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    editor.show()
    [print_button] = [b for b in editor.findChildren(QPushButton) if b.text() == "Profiel afdrukken…"]
    qtbot.mouseClick(print_button, Qt.MouseButton.LeftButton)
    [dialog] = editor.findChildren(PrintPreviewDialog)
    _shown(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.review is not None, timeout=30000)
    assert dialog.employer_panel.isVisible() and not dialog.include_employer_text.isChecked()
    html = dialog.employer_text_view.toHtml()
    assert "epilepsie" in html and "#ffd54f" in html and "gezondheid" in dialog.sensitive_label.text()
    before = _pdf_text(dialog.printed.data)
    assert "nauwkeurig" not in before and "nachtdienst" not in before
    with qtbot.waitSignal(dialog.shown, timeout=30000):
        tick(dialog.include_employer_text)
    assert dialog.include_employer_text.isChecked() and dialog.confirmed_text == text
    after = _pdf_text(dialog.printed.data)
    assert text in after and "nachtdienst" not in after
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        dialog.save_to(tmp_path / "profiel.pdf")
    assert text in _pdf_text((tmp_path / "profiel.pdf").read_bytes())
    with app.reading() as session:
        entries = session.execute(select(AuditEntry.action, AuditEntry.detail).where(
            AuditEntry.action.in_(["tekst werkgever bevestigd", "geëxporteerd"]))).all()
    assert sorted(tuple(e) for e in entries) == [
        ("geëxporteerd", "profiel; variant=geanonimiseerd; met tekst voor werkgever"),
        ("tekst werkgever bevestigd", "afdrukvoorbeeld")]
    with qtbot.waitSignal(dialog.shown, timeout=30000):  # untick: back to no free text
        tick(dialog.include_employer_text)
    assert dialog.confirmed_text is None and "nauwkeurig" not in _pdf_text(dialog.printed.data)
    dialog.close()
