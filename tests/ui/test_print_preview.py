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
