"""The import dialog: preview, a header mapped by hand, progress off the GUI thread, report shown and saved,
dry run, cancel, and the Dutch message for an .xls."""

from __future__ import annotations

import csv
import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from matchdesk.storage.models import Candidate

HEADER = ["klantnummer", "voornaam", "achternaam", "Geb. datum", "woonplaats", "Hobby"]
ROWS = [
    ["K001", "Anna", "Jansen", "17-05-1990", "Roosendaal", "tennis"],
    ["K002", "Zoë", "Müller", "01-02-1985", "Bergen op Zoom", ""],
    ["K003", "Piet", "Fout", "31-02-1990", "Breda", ""],  # no 31 February: the one bad row (row 4)
    ["K004", "Els", "Visser", "1980-01-01", "Etten-Leur", "zingen"],
]


def write_csv(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def app(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    return App(db=db, user="Anouk", today=today, rulebooks=load_rulebooks())


@pytest.fixture
def dialog(qtbot, app):
    from matchdesk.ui.import_dialog import ImportDialog

    dialog = ImportDialog(app)
    # a running import is cancelled and waited for before the widget goes
    qtbot.addWidget(dialog, before_close_func=lambda d: (d.cancel(), d.ops.wait(10000)))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def load(qtbot, dialog, path):
    with qtbot.waitSignal(dialog.preview_changed, timeout=10000):
        dialog.set_path(path)


def mapping_row(dialog, header):
    model = dialog.mapping_model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == header)


def choose_in_combo(dialog, header, target):
    """As a user does: pick the target in the header's combo box."""
    row = mapping_row(dialog, header)
    combo = dialog.mapping_view.indexWidget(dialog.mapping_model.index(row, 1))
    position = combo.findData(target or "")
    assert position >= 0, target
    combo.setCurrentIndex(position)
    combo.activated.emit(position)


def candidates(db):
    with db.reading() as session:
        return {c.klantnummer: c for c in session.scalars(select(Candidate))}


def test_import_with_one_bad_row_mapped_by_hand_with_progress_and_report(qtbot, dialog, db, tmp_path, monkeypatch,
                                                                          qtmodeltester):

    path = write_csv(tmp_path / "kandidaten.csv", ROWS)
    assert not dialog.import_button.isEnabled() and not dialog.dry_run_button.isEnabled()
    load(qtbot, dialog, path)

    # the preview: header and the rows, with their spreadsheet row numbers
    preview = dialog.preview_model
    assert (preview.rowCount(), preview.columnCount()) == (4, 6)
    assert preview.index(1, 1).data() == "Zoë" and preview.index(2, 3).data() == "31-02-1990"
    assert preview.headerData(0, Qt.Orientation.Vertical) == "2"
    assert preview.headerData(2, Qt.Orientation.Horizontal) == "achternaam\n→ achternaam"
    assert preview.headerData(3, Qt.Orientation.Horizontal) == "Geb. datum\n(niet ingelezen)"
    assert "CSV (UTF-8 met BOM, puntkomma)" in dialog.description.text()
    qtmodeltester.check(preview)

    # the mapping: the unknown headers are flagged, the dialog opens on that tab
    mapping = dialog.mapping_model
    qtmodeltester.check(mapping)
    states = {mapping.index(r, 0).data(): (mapping.index(r, 1).data(), mapping.index(r, 2).data())
              for r in range(mapping.rowCount())}
    assert states["klantnummer"] == ("klantnummer", "herkend")
    assert states["Geb. datum"] == ("— negeren —", "onbekend: wordt genegeerd")
    assert states["Hobby"] == ("— negeren —", "onbekend: wordt genegeerd")
    assert dialog.tabs.currentIndex() == 1 and dialog.tabs.tabText(1) == "&Kolommen (2 niet herkend)"
    assert "“Geb. datum”" in dialog.mapping_hint.text()

    choose_in_combo(dialog, "Geb. datum", "geboortedatum")
    assert mapping.index(mapping_row(dialog, "Geb. datum"), 2).data() == "zelf gekozen"
    assert mapping.header_map() == {"Geb. datum": "geboortedatum"}
    assert preview.headerData(3, Qt.Orientation.Horizontal) == "Geb. datum\n→ geboortedatum"
    assert dialog.tabs.tabText(1) == "&Kolommen (1 niet herkend)"
    qtmodeltester.check(mapping)

    # dropping the key column makes the import impossible; taking it back restores it
    choose_in_combo(dialog, "klantnummer", None)
    assert not dialog.import_button.isEnabled() and "De kolom klantnummer ontbreekt" in dialog.mapping_hint.text()
    assert dialog.tabs.tabText(1) == "&Kolommen (klantnummer ontbreekt)"
    choose_in_combo(dialog, "klantnummer", "klantnummer")
    assert dialog.import_button.isEnabled() and mapping.header_map() == {"Geb. datum": "geboortedatum"}

    seen = []
    dialog.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(dialog.run_finished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert not dialog.import_button.isEnabled() and dialog.cancel_button.isEnabled()
    result = finished.args[0]

    # progress: from the start to the end, the bar full
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert dialog.progress.value() == dialog.progress.maximum() == 4
    assert dialog.progress.text() == "4 van 4 rijen (100%)"

    # counts: every row imported or rejected
    assert (result.read, result.new, result.rejected) == (4, 3, 1)
    assert result.imported + result.rejected == len(ROWS)
    assert result.rejected_rows == [4]
    summary = dialog.summary.text()
    assert "gelezen" in summary and "afgewezen" in summary and "Afgewezen rijen: 4." in summary

    # the report, shown: the bad row with its row number
    report = dialog.report_model
    qtmodeltester.check(report)
    lines = [[report.index(r, c).data() for c in range(5)] for r in range(report.rowCount())]
    bad = [line for line in lines if line[4] == "fout"]
    assert len(bad) == 1 and bad[0][:3] == ["4", "geboortedatum", "31-02-1990"]
    assert ["1", "Hobby", "", "onbekende kolom; genegeerd", "waarschuwing"] in lines
    assert dialog.tabs.currentIndex() == 2 and dialog.tabs.isTabEnabled(2)
    dialog.report_view.setCurrentIndex(report.index(lines.index(bad[0]), 0))  # the selected line in full
    assert dialog.report_detail.isVisible()
    assert "Rij 4, kolom geboortedatum (waarde “31-02-1990”):" in dialog.report_detail.text()

    stored = candidates(db)
    assert sorted(stored) == ["K001", "K002", "K004"]
    assert stored["K002"].birth_date == dt.date(1985, 2, 1) and stored["K002"].updated_by == "Anouk"

    # and saved
    target = tmp_path / "rapport"
    monkeypatch.setattr("matchdesk.ui.file_dialogs.get_save_file_name",
                        lambda *a, **k: (str(target), "CSV, puntkomma (*.csv)"))
    with qtbot.waitSignal(dialog.report_saved, timeout=10000):
        qtbot.mouseClick(dialog.save_report_button, Qt.MouseButton.LeftButton)
    with (tmp_path / "rapport.csv").open(encoding="utf-8-sig", newline="") as handle:
        saved = list(csv.reader(handle, delimiter=";"))
    assert saved[0] == ["rij", "kolom", "waarde", "melding", "ernst"]
    assert [row for row in saved if row[4] == "fout"][0][:3] == ["4", "geboortedatum", "31-02-1990"]
    assert "Rapport opgeslagen in rapport.csv" in dialog.status.text()


def test_dry_run_reports_and_writes_nothing(qtbot, dialog, db, tmp_path):
    load(qtbot, dialog, write_csv(tmp_path / "kandidaten.csv", ROWS))
    dialog.map_header("Geb. datum", "geboortedatum")
    with qtbot.waitSignal(dialog.run_finished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.dry_run_button, Qt.MouseButton.LeftButton)
    result = finished.args[0]
    assert result.dry_run and (result.new, result.rejected) == (3, 1)
    assert "niets opgeslagen" in dialog.status.text() and "Proefdraaien" in dialog.summary.text()
    assert dialog.report_model.rowCount() == len(result.problems) > 0
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Candidate)) == 0


def test_xls_and_a_locked_file_give_a_dutch_message(qtbot, dialog, tmp_path, monkeypatch):
    old = tmp_path / "kandidaten.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    load(qtbot, dialog, old)
    assert dialog.message.isVisible()
    assert "kandidaten.xls is geen leesbare werkmap" in dialog.message.text()  # a damaged .xls (real ones are read)
    assert "Sla het bestand op als .xlsx" in dialog.message.text()
    assert not dialog.import_button.isEnabled() and dialog.preview_model.rowCount() == 0

    locked = write_csv(tmp_path / "open.csv", ROWS)
    real_open = type(locked).open

    def refuse(self, *args, **kwargs):
        if self.name == "open.csv":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(locked), "open", refuse)
    load(qtbot, dialog, locked)
    assert "in gebruik door een ander programma" in dialog.message.text()
    assert "Sluit het bestand in Excel" in dialog.message.text()


def test_cancel_keeps_the_committed_batches(qtbot, dialog, db, tmp_path, monkeypatch):
    import matchdesk.transfer as transfer

    rows = [[f"K{i:03d}", "Test", f"Persoon{i}", "01-01-1990", "Breda", ""] for i in range(1, 7)]
    load(qtbot, dialog, write_csv(tmp_path / "kandidaten.csv", rows))
    dialog.map_header("Geb. datum", "geboortedatum")
    dialog.batch_size = 2
    reached, go = threading.Event(), threading.Event()
    real = transfer.import_file

    def held(*args, progress, **kwargs):
        calls = []

        def hook(done, total):
            calls.append(done)
            if len(calls) == 2:  # the first batch is committed: hold the worker here
                reached.set()
                go.wait(10)
            progress(done, total)

        return real(*args, progress=hook, **kwargs)

    monkeypatch.setattr(transfer, "import_file", held)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=10000)
    with qtbot.waitSignal(dialog.run_finished, timeout=10000) as finished:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert not dialog.cancel_button.isEnabled()
        go.set()
    assert finished.args == [None]
    assert sorted(candidates(db)) == ["K001", "K002"]
    assert "De eerste 2 rijen zijn verwerkt en blijven opgeslagen" in dialog.status.text()
    assert dialog.import_button.isEnabled() and not dialog.message.isVisible()


def test_closing_during_an_import_cancels_it_and_then_closes(qtbot, dialog, db, tmp_path, monkeypatch):
    import matchdesk.transfer as transfer

    rows = [[f"K{i:03d}", "Test", f"Persoon{i}", "01-01-1990", "Breda", ""] for i in range(1, 5)]
    load(qtbot, dialog, write_csv(tmp_path / "kandidaten.csv", rows))
    dialog.map_header("Geb. datum", "geboortedatum")
    dialog.batch_size = 2
    reached, go = threading.Event(), threading.Event()
    real = transfer.import_file

    def held(*args, progress, **kwargs):
        def hook(done, total):
            if done == 2:
                reached.set()
                go.wait(10)
            progress(done, total)

        return real(*args, progress=hook, **kwargs)

    monkeypatch.setattr(transfer, "import_file", held)
    dialog.run(dry_run=False)
    qtbot.waitUntil(reached.is_set, timeout=10000)
    assert dialog.close_button.text() == "Afbreken en sl&uiten"
    dialog.close()
    assert dialog.isVisible()  # it waits for the worker: nothing is half-written
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        go.set()
    assert not dialog.isVisible() and dialog.import_result is None
    assert sorted(candidates(db)) == ["K001", "K002"]


def test_from_the_main_window_an_empty_database_is_filled_and_the_list_shows_it(qtbot, app, db, tmp_path):
    from matchdesk.ui.import_dialog import ImportDialog
    from tests.ui.test_main_window import open_window, settle

    window = open_window(qtbot, app)
    window.show()
    assert window.empty_panel.isVisible()
    window.import_action.trigger()
    [dialog] = window.findChildren(ImportDialog)
    assert dialog.isVisible() and dialog.isModal()
    load(qtbot, dialog, write_csv(tmp_path / "kandidaten.csv", ROWS))
    dialog.map_header("Geb. datum", "geboortedatum")
    with qtbot.waitSignal(dialog.run_finished, timeout=20000):
        dialog.run()
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert not window.empty_panel.isVisible()
    assert len(candidates(db)) == 3
    window.candidates.show_all()
    qtbot.waitUntil(lambda: window.candidates.model.rowCount() == 3)


def test_the_dialog_speaks_dutch_through_the_translator(dialog):
    """The source texts are English; the installed translator gives the Dutch the user has always seen."""
    from matchdesk.ui.import_dialog import IGNORE

    assert IGNORE == "— ignore —"  # the source text; what is shown is translated
    assert dialog.windowTitle() == "Bestand importeren — MatchDesk"
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["&Voorbeeld", "&Kolommen", "&Rapport"]
    assert dialog.dry_run_button.text() == "&Proefdraaien" and dialog.close_button.text() == "Sl&uiten"
    assert dialog.kind.itemText(0) == "Kandidaten" and dialog.kind.accessibleName() == "Soort gegevens"
    assert dialog.mapping_model.headerData(1, Qt.Orientation.Horizontal) == "Wordt ingelezen als"


def test_counts_have_their_singular(qtbot, dialog, tmp_path):
    """One row read: "ongeveer 1 rij", "de eerste rij staat hieronder", "1 van 1 rij" (not "1 rijen")."""
    load(qtbot, dialog, write_csv(tmp_path / "een.csv", ROWS[:1]))
    text = dialog.description.text()
    assert "ongeveer 1 rij met gegevens" in text and "de eerste rij staat hieronder" in text, text
    load(qtbot, dialog, write_csv(tmp_path / "twee.csv", ROWS[:2]))
    text = dialog.description.text()
    assert "ongeveer 2 rijen met gegevens" in text and "de eerste 2 staan hieronder" in text, text
