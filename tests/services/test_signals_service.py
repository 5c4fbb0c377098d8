"""services/signals.py: the facts the signals are computed from, fetched from the database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from matchdesk.dates import last_day_within
from matchdesk.domain import CefrLevel, LanguageSkill, Provider, TaaleisStatus, TrajectoryKind, VacancyKind
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.signals import collect_signals
from matchdesk.services.trajectories import TrajectoryInput, start_trajectory
from matchdesk.storage.models import Candidate, CandidateLanguage


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


def _languages(db, candidate_id, levels: dict[str, CefrLevel | None], since: dt.date,
               status=TaaleisStatus.ONBEKEND) -> None:
    with db.unit("tester") as session:
        candidate = session.get(Candidate, candidate_id)
        candidate.taaleis_status, candidate.taaleis_date = status, since
        existing = {(row.language, row.skill): row for row in session.scalars(
            select(CandidateLanguage).where(CandidateLanguage.candidate_id == candidate_id))}
        for language, level in levels.items():
            for skill in LanguageSkill:
                if (language, skill) in existing:
                    existing[language, skill].level = level
                else:
                    session.add(CandidateLanguage(candidate_id=candidate_id, language=language, skill=skill,
                                                  level=level))


def _signals(db, rulebooks, today):
    with db.reading() as session:
        return collect_signals(session, rulebooks, today, 30)


@pytest.mark.parametrize(("levels", "listed"), [
    ({"nl": CefrLevel.A1}, True),
    ({"nl": CefrLevel.B1}, False),
    ({"nl": CefrLevel.B1, "en": CefrLevel.A1}, False),  # only Dutch counts for the Wet taaleis
    ({"ar": CefrLevel.A0}, False),  # no Dutch level known
    ({"nl": None}, False),
])
def test_taaleis_looks_at_the_dutch_levels_only(db, make_candidate, rulebooks, today, levels, listed):
    candidate = make_candidate()
    _languages(db, candidate, levels, since=today - dt.timedelta(weeks=9))
    kinds = [s.kind for s in _signals(db, rulebooks, today)]
    assert ("taaleis" in kinds) == listed


def test_signals_from_stored_trajectories(db, make_candidate, rulebooks, today):
    candidate = make_candidate(klantnummer="2000001")
    start = dt.date(2026, 6, 1)
    with db.unit("tester") as session:
        start_trajectory(session, rulebooks, candidate,
                         TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start,
                                         planned_end=last_day_within(start, 6), provider=Provider.LEERWERKBEDRIJF,
                                         vacancy_kind=VacancyKind.LEERWERKPLEK), start)
    found = _signals(db, rulebooks, today)
    assert [(s.kind, s.due, s.candidate) for s in found] == [
        ("einde_nadert", dt.date(2026, 11, 30), "2000001"),
        ("leerwerktraject_zonder_vervolg", dt.date(2026, 12, 1), "2000001")]
    assert found[0].trajectory == found[1].trajectory


# -- the use cases: signals_for and export_signals --------------------------------------------------------
@pytest.fixture
def app(db, rulebooks, today):
    from matchdesk.app import App

    return App(db, user="anouk", today=today, rulebooks=rulebooks)  # the test's db fixture disposes of the database


def _own(db, candidate_id, name):
    from matchdesk.services.employers import ensure_medewerker

    with db.unit("tester") as session:
        session.get(Candidate, candidate_id).owner_id = ensure_medewerker(session, name).id


def test_signals_for_all_and_for_my_caseload(db, app, make_candidate, today):
    from matchdesk.services.signals import Worklist, signals_for

    mine, other = make_candidate(klantnummer="3000001"), make_candidate(klantnummer="3000002")
    for candidate in (mine, other):
        _languages(db, candidate, {"nl": CefrLevel.A1}, since=today - dt.timedelta(weeks=9))

    everyone = signals_for(app, 30)
    assert isinstance(everyone, Worklist) and everyone.today == today and everyone.within_days == 30
    assert [s.candidate for s in everyone.signals] == ["3000001", "3000002"] and everyone.owner_found

    nobody = signals_for(app, 30, mine=True)  # no medewerker anouk yet
    assert nobody.signals == () and nobody.mine and not nobody.owner_found

    _own(db, mine, "anouk")
    _own(db, other, "bram")
    own = signals_for(app, 30, mine=True)
    assert [s.candidate for s in own.signals] == ["3000001"] and own.owner_found


def test_signals_for_refuses_negative_days(app):
    from matchdesk.errors import ValidationError
    from matchdesk.services.signals import signals_for

    with pytest.raises(ValidationError, match="0 of meer"):
        signals_for(app, -1)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_signals_writes_dates_as_dates_and_audits(db, app, make_candidate, today, tmp_path, suffix):
    from matchdesk.services.signals import HEADERS, export_signals, signals_for
    from matchdesk.storage.models import AuditEntry
    from matchdesk.transfer import open_table

    candidate = make_candidate(klantnummer="3000003")
    _languages(db, candidate, {"nl": CefrLevel.A1}, since=today - dt.timedelta(weeks=9))
    signals = signals_for(app, 30).signals
    target = tmp_path / f"werklijst{suffix}"
    assert export_signals(app, target, signals) == len(signals) == 1
    table = open_table(target)
    assert list(table.headers)[:len(HEADERS)] == list(HEADERS)
    if suffix == ".csv":
        line = target.read_text(encoding="utf-8-sig").splitlines()[1].split(";")
        assert line[0] == signals[0].due.isoformat() and line[1:4] == ["taaleis", "3000003", ""]
    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_type == "signalen",
                                                          AuditEntry.action == "geëxporteerd")).one()
    assert entry.action == "geëxporteerd" and entry.medewerker == "anouk"
    assert entry.detail == f"1 rij naar werklijst{suffix}"


def test_lowest_dutch_level_read_in_batches(db, make_candidate, rulebooks, today, monkeypatch):
    """The Dutch levels are streamed a batch at a time (bounded memory at 100,000 candidates) and only for
    candidates whose taaleis is open: the lowest level of each still decides, across batch boundaries."""
    import matchdesk.services.signals as signals_service

    monkeypatch.setattr(signals_service, "LEVEL_BATCH", 1)
    since = today - dt.timedelta(weeks=9)
    low = make_candidate(klantnummer="3100001")
    _languages(db, low, {"nl": CefrLevel.B1}, since=since, status=TaaleisStatus.NIET_VOLDAAN)
    with db.unit("tester") as session:  # one skill lower than the rest: the lowest counts
        session.scalars(select(CandidateLanguage).where(CandidateLanguage.candidate_id == low)).first().level = \
            CefrLevel.A1
    high = make_candidate(klantnummer="3100002")
    _languages(db, high, {"nl": CefrLevel.B2}, since=since)
    met = make_candidate(klantnummer="3100003")
    _languages(db, met, {"nl": CefrLevel.A1}, since=since, status=TaaleisStatus.VOLDAAN)
    listed = {s.candidate for s in _signals(db, rulebooks, today) if s.kind == "taaleis"}
    assert listed == {"3100001"}
