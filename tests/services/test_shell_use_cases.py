"""The use cases behind the main window, its lists, the first start and the import dialog: plain frozen
values back, their own units of work, the audit written."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import threading

import pytest
from sqlalchemy import select

from matchdesk.domain import Role
from matchdesk.errors import UsageError
from matchdesk.services import lists, maintenance, medewerkers, transfers
from matchdesk.services.candidates import create_candidate
from matchdesk.storage.models import AuditEntry, Candidate, Medewerker
from tests.conftest import candidate_values


@pytest.fixture
def app(db, today):
    from matchdesk.app import App

    return App(db, user="Anouk", today=today)


def _fill(app, count: int) -> None:
    with app.unit() as session:
        for i in range(count):
            create_candidate(session, candidate_values(klantnummer=f"K{i:03d}", achternaam=f"Naam{i:03d}",
                                                       birth_date=dt.date(1990, 1, 1) + dt.timedelta(days=i)),
                             app.today)


def test_a_list_comes_in_pages_of_frozen_rows_with_values_not_texts(app):
    _fill(app, 5)
    query = lists.ListQuery("kandidaat", sort="klantnummer", descending=True)
    first = lists.first_page(app, query, 2)
    assert (first.total, [r.key for r in first.rows]) == (5, ["K004", "K003"])
    assert first.rows[0].values[6] == dt.date(1990, 1, 5)  # a date, formatted by the window
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.rows[0].key = "x"  # type: ignore[misc]
    assert [r.key for r in lists.rows(app, first.query, 2, 2)] == ["K002", "K001"]
    assert lists.count(app, dataclasses.replace(query, filter=lists.ListFilter(text="naam003"))) == 1


def test_the_list_export_writes_iso_dates_and_is_audited(app, tmp_path):
    _fill(app, 3)
    target = tmp_path / "kandidaten.csv"
    assert lists.export_list(app, lists.ListQuery("kandidaat"), target) == 3
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][0] == "Klantnummer" and rows[1][6] == "1990-01-01"
    with app.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "geëxporteerd")).one()
    assert (entry.medewerker, entry.record_type) == ("Anouk", "kandidaat") and "kandidaten.csv" in entry.detail


def test_the_database_facts_and_the_demo_only_into_an_empty_database(app):
    facts = maintenance.database_facts(app)
    assert (facts.demo, facts.region, facts.holds_records) == (False, None, False)
    _fill(app, 1)
    assert maintenance.database_facts(app).holds_records
    with pytest.raises(UsageError):
        maintenance.load_demo(app)


def test_the_first_medewerker_registers_with_role_region_and_the_database_region(app):
    assert medewerkers.medewerker_names(app) == ()
    info = medewerkers.register_medewerker(app, " Anouk de Wit ", Role.MATCHMAKER, "WVS", database_region=True)
    assert (info.name, info.role, info.region) == ("Anouk de Wit", Role.MATCHMAKER, "WVS")
    assert medewerkers.medewerker_names(app) == ("Anouk de Wit",)
    assert maintenance.database_facts(app).region == "WVS"
    again = medewerkers.register_medewerker(app, "Anouk de Wit", Role.TEAMLEIDER, "Zuid-Holland Centraal")
    assert again.id == info.id and again.role == Role.MATCHMAKER  # an existing medewerker is kept as is
    with app.reading() as session:
        assert session.scalar(select(Medewerker.updated_by).where(Medewerker.id == info.id)) == "Anouk de Wit"


def _csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["klantnummer", "voornaam", "achternaam", "Geb. datum"])
        writer.writerows(rows)
    return path


def test_preview_remap_import_and_report(app, tmp_path):
    path = _csv(tmp_path / "k.csv", [["K1", "An", "Jansen", "01-02-1990"], ["K2", "Bo", "Smit", "31-02-1990"]])
    preview = transfers.preview_import(app, path, "candidates")
    assert preview.headers[3] == "Geb. datum" and preview.mapping[3].state == "onbekend"
    mapped = preview.remap({"Geb. datum": "geboortedatum"})
    assert mapped.mapping[3].state == "zelf gekozen" and preview.mapping[3].state == "onbekend"  # a new value
    seen = []
    outcome = transfers.run_import(app, "candidates", path, header_map=dict(mapped.header_map),
                                   progress=lambda done, total: seen.append((done, total)))
    assert (outcome.read, outcome.new, outcome.rejected, outcome.rejected_rows) == (2, 1, 1, [3])
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    with app.reading() as session:
        assert session.scalar(select(Candidate.updated_by).where(Candidate.klantnummer == "K1")) == "Anouk"
    assert transfers.write_import_report(app, outcome.problems, tmp_path / "r.csv", record_type="candidates") \
        == len(outcome.problems)


def test_a_cancelled_import_keeps_its_committed_batches(app, tmp_path):
    path = _csv(tmp_path / "k.csv", [[f"K{i}", "Test", f"Naam{i}", "01-01-1990"] for i in range(6)])
    cancel = threading.Event()

    def progress(done, total):
        if done == 2:
            cancel.set()

    with pytest.raises(transfers.ImportCancelled) as stopped:
        transfers.run_import(app, "candidates", path, batch_size=2, progress=progress, cancel=cancel,
                             header_map={"Geb. datum": "geboortedatum"})
    assert stopped.value.done == 2
    with app.reading() as session:
        assert sorted(session.scalars(select(Candidate.klantnummer))) == ["K0", "K1"]
