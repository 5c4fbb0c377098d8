"""Rapportage page: the WVS share against the 70% norm, per werkplein and municipality, uitstroom;
period filter; PNG and CSV export; Dutch numbers whatever the locale."""

from __future__ import annotations

import csv
import datetime as dt

import pytest


@pytest.fixture
def rulebooks():
    from matchdesk.rules.rulebook import load_rulebooks

    return load_rulebooks()


@pytest.fixture
def page(qtbot, demo_db, today, rulebooks):
    from matchdesk.app import App
    from matchdesk.ui.report_page import ReportPage

    page = ReportPage(App(db=demo_db, user="demo", today=today, rulebooks=rulebooks))
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitSignal(page.loaded, timeout=10000):  # computed off the GUI thread when first shown
        page.show()
    return page


def _figures(db, rulebooks, date_from, date_to):
    from matchdesk.services.report import portfolio_figures

    with db.reading() as session:
        return portfolio_figures(session, rulebooks, date_from, date_to)


def _row(model, name):
    for r in range(model.rowCount()):
        if model.data(model.index(r, 1)) == name:
            return [model.data(model.index(r, c)) for c in range(model.columnCount())]
    raise AssertionError(name)


def test_shows_the_wvs_share_for_the_default_period(page, demo_db, rulebooks, today):
    from matchdesk.dates import format_number_nl

    assert page.title == "Rapportage"
    assert page.preset.currentText() == "Dit jaar"
    assert page.date_from.text() == "01-01-2026" and page.date_to.text() == "23-11-2026"
    assert page.period() == (dt.date(2026, 1, 1), today)
    wvs = _figures(demo_db, rulebooks, dt.date(2026, 1, 1), today)["leerwerkbedrijf_share"]["regions"]["WVS"]
    assert wvs["leerwerktrajecten"] > 0
    share = format_number_nl(wvs["share_percent"], 1)
    assert f"Regio <b>WVS</b>: <b>{share}%</b>" in page.summary.text()
    assert f"({wvs['via_leerwerkbedrijf']} van {wvs['leerwerktrajecten']})" in page.summary.text()
    assert "norm 70%" in page.summary.text()
    row = _row(page.share.model, "WVS")
    assert row[:4] == ["Regio", "WVS", format_number_nl(wvs["leerwerktrajecten"]),
                       format_number_nl(wvs["via_leerwerkbedrijf"])]
    assert row[4] == f"{share}%" and "," in row[4] and row[5] == "70%"


def test_all_trajectories_per_werkplein_and_municipality(qtbot, page, demo_db, rulebooks):
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.preset.setCurrentText("Alle trajecten")
    assert not page.date_from.isEnabled()
    shares = _figures(demo_db, rulebooks, None, None)["leerwerkbedrijf_share"]
    model = page.share.model
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    for werkplein in shares["werkpleinen"]:
        assert werkplein in names
    for municipality in shares["municipalities"]:
        assert municipality in names
    # a werkplein is followed by its own municipalities
    assert names.index("Brabantse Wal") < names.index("Bergen op Zoom") < names.index("Hart van West-Brabant")
    below = [m for m, e in shares["municipalities"].items() if e["meets_norm"] is False]
    for name in below:
        r = names.index(name)
        assert model.data(model.index(r, 6)) == "nee"
        assert model.data(model.index(r, 0), Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"

    chart = page.share.chart_view.chart()
    series = chart.series()
    assert [type(s).__name__ for s in series] == ["QHorizontalStackedBarSeries", "QLineSeries"]
    norm = series[1]
    assert norm.name() == "Norm 70%" and {p.x() for p in norm.points()} == {70.0}
    categories = chart.axes(Qt.Orientation.Vertical)[0].categories()
    assert "Regio WVS" in categories and "Werkplein Brabantse Wal" in categories and "Roosendaal" in categories
    assert "Wassenaar" not in categories  # no leerwerktrajecten: table only


def test_uitstroom_per_municipality_with_totals(qtbot, page, demo_db, rulebooks):
    from matchdesk.dates import format_number_nl

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.preset.setCurrentText("Alle trajecten")
    uitstroom = _figures(demo_db, rulebooks, None, None)["uitstroom"]
    model = page.uitstroom.model
    roosendaal = uitstroom["Roosendaal"]
    row = _row(model, "Roosendaal")
    assert row[2:] == [str(roosendaal["regulier"]), str(roosendaal["regulier_lks"]), str(roosendaal["beschut"]),
                       str(roosendaal["bbz"]), str(sum(roosendaal.values()))]
    wvs_total = sum(sum(c.values()) for m, c in uitstroom.items() if m != "Wassenaar")
    assert _row(model, "WVS")[-1] == format_number_nl(wvs_total)
    chart = page.uitstroom.chart_view.chart()
    assert [s.label() for s in chart.series()[0].barSets()] == ["Regulier", "Regulier met LKS", "Beschut werk", "Bbz"]


def test_period_change_recomputes(qtbot, page, demo_db, rulebooks):
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.set_period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert page.preset.currentText() == "Aangepast"
    figures = _figures(demo_db, rulebooks, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    wvs = figures["leerwerkbedrijf_share"]["regions"]["WVS"]
    assert _row(page.share.model, "WVS")[2] == str(wvs["leerwerktrajecten"])
    assert "gestart 01-01-2025 t/m 31-12-2025" in page.share.chart_view.chart().title()

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.preset.setCurrentText("Dit jaar")  # debounced, no button
    assert page._loaded_for == (dt.date(2026, 1, 1), dt.date(2026, 11, 23))
    assert "gestart 01-01-2026 t/m 23-11-2026" in page.share.chart_view.chart().title()
    page.date_to.setDate(page.date_from.date().addDays(-1))  # upside down: said, not computed
    qtbot.waitUntil(lambda: "begindatum ligt na de einddatum" in page.summary.text())


def test_models_pass_the_model_tester(page, qtmodeltester):
    from PySide6.QtCore import Qt

    for tab in (page.share, page.uitstroom):
        qtmodeltester.check(tab.model)
        tab.model.sort(4, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(tab.model)


def _export_csv(qtbot, page, target):
    with qtbot.waitSignal(page.exported, timeout=10000) as blocker:  # written off the GUI thread
        page.export_csv(target)
    return blocker.args[0]


def test_export_png_and_csv(qtbot, page, demo_db, tmp_path):
    from PySide6.QtGui import QImage
    from sqlalchemy import select

    from matchdesk.storage.models import AuditEntry

    png = tmp_path / "grafiek.png"
    assert page.export_png(png)
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 300 and image.height() > 200

    target = tmp_path / "aandeel.csv"
    rows_written = _export_csv(qtbot, page, target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["niveau", "naam", "leerwerktrajecten", "via_leerwerkbedrijf", "aandeel_procent", "norm_procent",
                       "norm_gehaald"]
    assert len(rows) == rows_written + 1
    wvs = next(r for r in rows if r[1] == "WVS")
    assert wvs[0] == "Regio" and wvs[5] == "70" and wvs[6] in ("ja", "nee")
    assert "," in wvs[4] or wvs[4].isdigit()  # decimal comma

    page.tabs.setCurrentWidget(page.uitstroom)
    outflow = tmp_path / "uitstroom.csv"
    outflow_rows = _export_csv(qtbot, page, outflow)
    header = outflow.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "niveau;naam;regulier;regulier_lks;beschut;bbz;totaal"
    assert page.export_png(tmp_path / "uitstroom.png")
    with demo_db.reading() as session:  # the one export: audited like every other list
        details = session.scalars(select(AuditEntry.detail).where(AuditEntry.record_type == "rapportage",
                                                                 AuditEntry.action == "geëxporteerd")).all()
    assert sorted(details) == [f"{rows_written} rijen naar aandeel.csv", f"{outflow_rows} rijen naar uitstroom.csv"]


def test_export_follows_the_sort_shown(qtbot, page, tmp_path):
    from PySide6.QtCore import Qt

    page.share.model.sort(2, Qt.SortOrder.DescendingOrder)
    target = tmp_path / "gesorteerd.csv"
    _export_csv(qtbot, page, target)
    lines = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))[1:]
    assert [int(row[2]) for row in lines] == sorted((int(row[2]) for row in lines), reverse=True)


def test_export_that_cannot_be_written_is_said(qtbot, page, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append((title, text))))
    page.export_csv(tmp_path / "tabel.pdf")  # not a format MatchDesk writes
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert warned[0][0] == "Exporteren" and not (tmp_path / "tabel.pdf").exists()


def test_numbers_are_dutch_under_an_english_locale(qtbot, demo_db, today, rulebooks):
    from PySide6.QtCore import QLocale

    from matchdesk.app import App
    from matchdesk.ui.report_page import ReportPage

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        page = ReportPage(App(db=demo_db, user="demo", today=today, rulebooks=rulebooks))
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.loaded, timeout=10000):
            page.refresh()
        assert page.date_from.text() == "01-01-2026"
        share = _row(page.share.model, "WVS")[4]
        assert "," in share and "." not in share
        assert page.share.chart_view.chart().locale().language() == QLocale.Language.Dutch
    finally:
        QLocale.setDefault(before)


def test_export_buttons_ask_for_a_file(qtbot, page, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    chosen = iter([str(tmp_path / "grafiek"), str(tmp_path / "tabel.csv")])
    suggested = []

    def ask(parent, caption, name, filters):
        suggested.append(name)
        return next(chosen), ""

    monkeypatch.setattr("matchdesk.ui.file_dialogs.get_save_file_name", ask)
    qtbot.mouseClick(page.png_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.exported, timeout=10000):
        qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "grafiek.png").exists() and (tmp_path / "tabel.csv").exists()
    assert suggested == ["aandeel-leerwerkbedrijf-2026-01-01_2026-11-23.png",
                         "aandeel-leerwerkbedrijf-2026-01-01_2026-11-23.csv"]


def test_texts_come_in_dutch_through_the_translator(page):
    """English source texts, Dutch on screen: the translator (matchdesk_nl.qm) is installed by the tests."""
    from PySide6.QtCore import Qt

    from matchdesk.ui.report_page import ReportPage

    assert ReportPage.title == "Reports" and page.title == "Rapportage"  # English source, Dutch on screen
    assert page.png_button.text() == "Exporteren als P&NG…" and page.csv_button.text() == "Exporteren als &CSV…"
    assert page.tabs.tabText(0) == "&Leerwerkbedrijf (70%-norm)" and page.tabs.tabText(1) == "&Uitstroom"
    assert [page.preset.itemText(i) for i in range(page.preset.count())] == [
        "Dit jaar", "Vorig jaar", "Afgelopen 12 maanden", "Alle trajecten", "Aangepast"]
    model = page.share.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Niveau", "Naam", "Leerwerktrajecten", "Via leerwerkbedrijf", "Aandeel", "Norm", "Norm gehaald"]
    assert page.share.table.accessibleName() == "Tabel Aandeel leerwerkbedrijf"


def test_journey_from_the_main_window_to_an_exported_table(qtbot, demo_db, today, rulebooks, tmp_path, monkeypatch):
    """Start at the main window, go to Rapportage by its shortcut, choose all trajectories, open the outflow tab
    and export its table: the one audited export, the rows as shown."""
    from PySide6.QtCore import Qt

    from matchdesk.app import App
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.ops import Ops
    from matchdesk.ui.report_page import ReportPage

    def settle(widget):
        for lane in widget.findChildren(Ops):
            lane.wait(10000)

    window = MainWindow(App(db=demo_db, user="demo", today=today, rulebooks=rulebooks))
    qtbot.addWidget(window, before_close_func=settle)
    window.show()
    settle(window)
    page = window.page(ReportPage)
    number = window.pages.index(page) + 1
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.preset.setFocus()
        qtbot.keyClick(page.preset, Qt.Key.Key_End)
        qtbot.keyClick(page.preset, Qt.Key.Key_Up)  # Alle trajecten (above Aangepast)
    assert page.preset.currentText() == "Alle trajecten" and page._loaded_for == (None, None)
    page.tabs.setCurrentWidget(page.uitstroom)

    target = tmp_path / "uitstroom.csv"
    monkeypatch.setattr("matchdesk.ui.file_dialogs.get_save_file_name", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(page.exported, timeout=10000) as exported:
        qtbot.keyClick(page.csv_button, Qt.Key.Key_Space)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["niveau", "naam", "regulier", "regulier_lks", "beschut", "bbz", "totaal"]
    assert len(rows) - 1 == exported.args[0] == page.uitstroom.model.rowCount()
    expected = _figures(demo_db, rulebooks, None, None)["uitstroom"]["Roosendaal"]
    assert next(r for r in rows if r[1] == "Roosendaal")[-1] == str(sum(expected.values()))
