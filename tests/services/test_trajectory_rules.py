"""The trajectory service enforces the rules on every write (beyond test_trajectories.py): extending,
the audit entry of an override, empty reasons and motivations, and a rulebook that failed to load."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from matchdesk.dates import last_day_within
from matchdesk.domain import Provider, Role, TrajectoryKind, VacancyKind
from matchdesk.errors import MatchDeskError, RuleViolation
from matchdesk.rules.rulebook import RulebookUnavailable, load_rulebooks
from matchdesk.services.employers import ensure_medewerker
from matchdesk.services.trajectories import TrajectoryInput, extend_trajectory, start_trajectory
from matchdesk.storage.models import AuditEntry, Trajectory

START = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def staff(db):
    with db.unit("systeem") as session:
        ensure_medewerker(session, "ingrid", Role.TEAMLEIDER)
        ensure_medewerker(session, "anouk", Role.MATCHMAKER)


def _leerwerk(months: int, **extra) -> TrajectoryInput:
    return TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=START, planned_end=last_day_within(START, months),
                           provider=Provider.LEERWERKBEDRIJF, vacancy_kind=VacancyKind.LEERWERKPLEK, **extra)


def _stored(db) -> list[Trajectory]:
    with db.reading() as session:
        return session.scalars(select(Trajectory)).all()


def _overrides(db) -> list[AuditEntry]:
    with db.reading() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.action == "blokkade doorbroken")).all()


@pytest.fixture
def running(db, make_candidate, rulebooks):
    """A leerwerktraject of 3 months, started and stored; returns its id."""
    candidate = make_candidate()
    with db.unit("anouk") as session:
        trajectory = start_trajectory(session, rulebooks, candidate, _leerwerk(3), START)
        session.flush()
        return trajectory.id


def _extend(db, rulebooks, trajectory_id, months, user="anouk", **options):
    with db.unit(user) as session:
        extend_trajectory(session, rulebooks, trajectory_id, None, last_day_within(START, months), START, **options)


def test_extending_up_to_the_limit_is_allowed(db, rulebooks, running):
    _extend(db, rulebooks, running, 6)
    [stored] = _stored(db)
    assert stored.planned_end == dt.date(2026, 7, 4) and stored.verdict == "allowed"


def test_extending_beyond_the_limit_is_refused_and_nothing_changes(db, rulebooks, running):
    with pytest.raises(RuleViolation, match="Niet toegestaan.*maximum is 6 maanden"):
        _extend(db, rulebooks, running, 7)
    [stored] = _stored(db)
    assert stored.planned_end == last_day_within(START, 3)


def test_teamleider_overrides_a_blocked_extension_with_reason_and_audit(db, rulebooks, running, staff):
    with pytest.raises(RuleViolation, match="teamleider"):
        _extend(db, rulebooks, running, 8, user="anouk", override_reason="werkgever biedt daarna een contract")
    assert _overrides(db) == []
    _extend(db, rulebooks, running, 8, user="ingrid", override_reason="werkgever biedt daarna een contract")
    [stored] = _stored(db)
    assert stored.planned_end == last_day_within(START, 8)
    assert (stored.verdict, stored.override_by, stored.override_reason) == \
           ("blocked", "ingrid", "werkgever biedt daarna een contract")
    [entry] = _overrides(db)
    assert (entry.medewerker, entry.record_type, entry.record_id) == ("ingrid", "traject", stored.id)


def test_override_audit_entry_names_the_teamleider_and_the_trajectory(db, make_candidate, rulebooks, staff):
    candidate = make_candidate()
    with db.unit("ingrid") as session:
        start_trajectory(session, rulebooks, candidate, _leerwerk(8), START, override_reason="maatwerk na overleg")
    [stored] = _stored(db)
    [entry] = _overrides(db)
    assert (entry.medewerker, entry.record_id) == ("ingrid", stored.id)
    assert "leerwerktraject_max_duur" in stored.findings  # the findings it overrode are kept with it
    assert entry.detail and "maatwerk na overleg" not in entry.detail  # the reason is on the record, not in the log


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_empty_override_reason_is_no_override(db, make_candidate, rulebooks, staff, reason):
    candidate = make_candidate()
    with pytest.raises(RuleViolation, match="Niet toegestaan"):
        with db.unit("ingrid") as session:
            start_trajectory(session, rulebooks, candidate, _leerwerk(8), START, override_reason=reason)
    assert _stored(db) == [] and _overrides(db) == []


def test_an_override_of_an_allowed_trajectory_is_not_logged(db, make_candidate, rulebooks, staff):
    candidate = make_candidate()
    with db.unit("ingrid") as session:
        start_trajectory(session, rulebooks, candidate, _leerwerk(6), START, override_reason="niet nodig")
    [stored] = _stored(db)
    assert stored.verdict == "allowed" and stored.override_by is None and _overrides(db) == []


def test_a_blank_motivation_does_not_count(db, make_candidate, rulebooks):
    candidate = make_candidate(doelgroep="A", taalachterstand=True)
    with pytest.raises(RuleViolation, match="Motivatie vereist"):
        with db.unit("anouk") as session:
            start_trajectory(session, rulebooks, candidate, _leerwerk(6, motivation="  "), START)
    assert _stored(db) == []


def test_a_warning_on_extension_needs_a_motivation_stored_with_its_author(db, make_candidate, rulebooks):
    candidate = make_candidate(doelgroep="A", taalachterstand=True)
    with db.unit("anouk") as session:
        trajectory = start_trajectory(session, rulebooks, candidate, _leerwerk(3, motivation="alleen taal"), START)
        session.flush()
        trajectory_id = trajectory.id
    with pytest.raises(RuleViolation, match="Motivatie vereist"):
        _extend(db, rulebooks, trajectory_id, 5, user="bram")
    _extend(db, rulebooks, trajectory_id, 5, user="bram", motivation="taal gaat vooruit, nog twee maanden")
    [stored] = _stored(db)
    assert stored.verdict == "warning" and stored.planned_end == last_day_within(START, 5)
    assert (stored.motivation, stored.motivation_by) == ("taal gaat vooruit, nog twee maanden", "bram")


# --------------------------------------------------------------------------- a broken rulebook

@pytest.fixture
def broken_rulebooks(tmp_path):
    from matchdesk.resources import resource

    folder = tmp_path / "regels"
    folder.mkdir()
    text = resource("rules", "wvs.toml").read_text(encoding="utf-8")
    (folder / "wvs.toml").write_text(text.replace("months = 23\n", "months = -23\n", 1), encoding="utf-8")
    books = load_rulebooks(folder)
    assert books.errors
    return books


def test_writes_for_municipalities_of_a_broken_rulebook_are_refused(db, make_candidate, broken_rulebooks):
    candidate = make_candidate()  # Roosendaal, in the broken WVS book
    with pytest.raises(RulebookUnavailable) as refused:
        with db.unit("anouk") as session:
            start_trajectory(session, broken_rulebooks, candidate, _leerwerk(6), START)
    assert isinstance(refused.value, MatchDeskError)
    message = str(refused.value)
    assert "Roosendaal" in message and "wvs.toml" in message and "kon niet worden geladen" in message
    assert _stored(db) == []


def test_extending_under_a_broken_rulebook_is_refused(db, rulebooks, running, broken_rulebooks):
    with pytest.raises(RulebookUnavailable):
        _extend(db, broken_rulebooks, running, 5)
    [stored] = _stored(db)
    assert stored.planned_end == last_day_within(START, 3)


def test_other_municipalities_still_work_with_a_broken_rulebook(db, make_candidate, broken_rulebooks):
    candidate = make_candidate(municipality="Wassenaar", woonplaats="Wassenaar", doelgroep=None, categorie="1B")
    with db.unit("anouk") as session:
        start_trajectory(session, broken_rulebooks, candidate, _leerwerk(6), START)
    [stored] = _stored(db)
    assert (stored.municipality, stored.verdict) == ("Wassenaar", "allowed")


def test_imported_history_is_kept_and_flagged_under_a_broken_rulebook(db, make_candidate, broken_rulebooks):
    candidate = make_candidate()
    with db.unit("import") as session:
        start_trajectory(session, broken_rulebooks, candidate, _leerwerk(9), START, imported=True)
    [stored] = _stored(db)
    assert stored.imported and stored.verdict == "warning"
    assert "niet getoetst" in stored.findings and "kon niet worden geladen" in stored.findings
