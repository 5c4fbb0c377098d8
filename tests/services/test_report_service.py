"""services/report.py: the portfolio monitor as a use case: the figures of ``matchdesk report --json`` and
the same figures in the hierarchy of regions, werkpleinen and municipalities; its tables exported, audited."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from matchdesk.domain import Provider, TrajectoryKind, VacancyKind
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.report import (
    OUTFLOW_HEADERS,
    SHARE_HEADERS,
    Group,
    export_report_table,
    hierarchy,
    portfolio_figures,
    portfolio_report,
)


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def app(db, rulebooks, today):
    from matchdesk.app import App

    return App(db, user="anouk", today=today, rulebooks=rulebooks)


def test_hierarchy_region_then_werkplein_with_its_municipalities(rulebooks):
    groups = hierarchy(["Zundert", "Roosendaal", "Bergen op Zoom", "Wassenaar", "Nergenshuizen"], rulebooks)
    assert [(g.level, g.name) for g in groups] == [
        ("regio", "onbekend"), ("gemeente", "Nergenshuizen"),
        ("regio", "WVS"),
        ("werkplein", "Brabantse Wal"), ("gemeente", "Bergen op Zoom"),
        ("werkplein", "Hart van West-Brabant"), ("gemeente", "Roosendaal"), ("gemeente", "Zundert"),
        ("regio", "Zuid-Holland Centraal"), ("gemeente", "Wassenaar")]
    assert groups[2] == Group("regio", "WVS", ("Bergen op Zoom", "Roosendaal", "Zundert"))


def _leerwerktraject(db, rulebooks, make_candidate, klantnummer, municipality, start, provider):
    from matchdesk.dates import last_day_within
    from matchdesk.services.trajectories import TrajectoryInput, start_trajectory

    candidate = make_candidate(klantnummer=klantnummer, municipality=municipality)
    with db.unit("tester") as session:
        start_trajectory(session, rulebooks, candidate,
                         TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start,
                                         planned_end=last_day_within(start, 6), provider=provider,
                                         vacancy_kind=VacancyKind.LEERWERKPLEK), start)


def test_portfolio_report_is_the_figures_in_hierarchy_order(db, app, rulebooks, make_candidate):
    start = dt.date(2026, 3, 2)
    _leerwerktraject(db, rulebooks, make_candidate, "4000001", "Roosendaal", start, Provider.LEERWERKBEDRIJF)
    _leerwerktraject(db, rulebooks, make_candidate, "4000002", "Roosendaal", start, Provider.MARKT)
    _leerwerktraject(db, rulebooks, make_candidate, "4000003", "Zundert", start, Provider.LEERWERKBEDRIJF)

    report = portfolio_report(app, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    with db.reading() as session:
        assert report.figures == portfolio_figures(session, rulebooks, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    shares = {(s.level, s.name): s for s in report.shares}
    assert [(s.level, s.name) for s in report.shares] == [(g.level, g.name) for g in hierarchy(
        report.figures["leerwerkbedrijf_share"]["municipalities"], rulebooks)]
    roosendaal = shares["gemeente", "Roosendaal"]
    assert (roosendaal.leerwerktrajecten, roosendaal.via_leerwerkbedrijf, roosendaal.share_percent) == (2, 1, 50.0)
    assert roosendaal.norm_percent == 70 and roosendaal.meets_norm is False
    wvs = shares["regio", "WVS"]
    assert (wvs.leerwerktrajecten, wvs.via_leerwerkbedrijf) == (3, 2)
    assert [r.name for r in report.regions] == sorted(report.figures["leerwerkbedrijf_share"]["regions"])
    assert all(o.total == 0 for o in report.outflow)  # leerwerktrajecten are no uitstroom
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.shares[0].leerwerktrajecten = 9


def test_portfolio_report_refuses_a_reversed_period(app):
    from matchdesk.errors import ValidationError

    with pytest.raises(ValidationError, match="begindatum ligt na de einddatum"):
        portfolio_report(app, dt.date(2026, 2, 1), dt.date(2026, 1, 1))


def test_export_report_table_is_audited(db, app, tmp_path):
    from matchdesk.storage.models import AuditEntry

    target = tmp_path / "aandeel.csv"
    rows = [["Regio", "WVS", 3, 2, 66.7, 70.0, False]]
    assert export_report_table(app, target, SHARE_HEADERS, rows) == 1
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [";".join(SHARE_HEADERS), "Regio;WVS;3;2;66,7;70;nee"]
    assert OUTFLOW_HEADERS == ("niveau", "naam", "regulier", "regulier_lks", "beschut", "bbz", "totaal")
    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_type == "rapportage")).one()
    assert entry.medewerker == "anouk" and entry.detail == "1 rij naar aandeel.csv"
