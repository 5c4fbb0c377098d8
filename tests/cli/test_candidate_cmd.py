"""`matchdesk candidate set|archive|restore` on a generated demo region: the candidate editor's writes from the
command line, fields named as the import's columns, checked as the import checks them; exit 1 when someone
saved meanwhile or the archive is refused, 2 for an unknown field, klantnummer or a refused value."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchdesk.domain import CefrLevel, Doelgroep, LanguageSkill, TrajectoryKind
from matchdesk.storage.models import Candidate, Trajectory
from tests.cli.conftest import audit_of


def _candidate(db, klantnummer: str) -> Candidate:
    with db.reading() as session:
        return session.scalar(select(Candidate).where(Candidate.klantnummer == klantnummer).options(
            selectinload(Candidate.skills), selectinload(Candidate.languages)))


def _idle(db) -> str:
    """A candidate with no trajectory (archiving is refused while one is planned or running)."""
    with db.reading() as session:
        return session.scalars(select(Candidate.klantnummer).where(
            Candidate.id.not_in(select(Trajectory.candidate_id)), Candidate.deleted_at.is_(None),
            Candidate.archived_at.is_(None), Candidate.doelgroep == Doelgroep.A)
            .order_by(Candidate.klantnummer)).first()


def test_set_changes_the_named_fields_as_the_editor_saves_them(cli, demo_db):
    klant = _idle(demo_db)
    before = _candidate(demo_db, klant)
    levels = {row.skill: row.level for row in before.languages}
    ran = cli("candidate", "set", klant, "uren_per_week=32", "telefoon=06 12345678", "nl_spreken=2F",
              "vaardigheden=Heftruck rijden (gevorderd, getoetst); Orderpicken", "doelgroep=onbekend",
              "beschikbaar_vanaf=01-02-2027", "tekst_voor_werkgever=Kan meteen beginnen", "wensen=")
    assert ran.code == 0, ran.err
    assert ran.out.startswith(f"Kandidaat {klant} gewijzigd: uren_per_week, telefoon, nl_spreken, vaardigheden")
    after = _candidate(demo_db, klant)
    assert (after.hours_per_week, after.telefoon, after.doelgroep) == (32, "06 12345678", None)
    assert str(after.available_from) == "2027-02-01" and after.employer_text == "Kan meteen beginnen"
    assert after.wishes is None  # an empty value clears the field
    assert [(s.text, s.level) for s in sorted(after.skills, key=lambda s: s.position)][1][0] == "Orderpicken"
    assert sorted(after.skills, key=lambda s: s.position)[0].level == "gevorderd"
    new_levels = {row.skill: row.level for row in after.languages}
    assert new_levels[LanguageSkill.SPREKEN] == CefrLevel.B1  # 2F = B1; the other skills keep their level
    assert {k: v for k, v in new_levels.items() if k != LanguageSkill.SPREKEN} == \
        {k: v for k, v in levels.items() if k != LanguageSkill.SPREKEN}
    assert after.version > before.version and after.updated_by == "Mila"
    entries = audit_of(demo_db, after.id)
    assert ("bekeken", "Mila") not in [e[:2] for e in entries]  # nothing of the person was shown
    changed = [e for e in entries if e[:2] == ("gewijzigd", "Mila")]
    assert changed and "hours_per_week" in changed[0][2] and "32" not in changed[0][2]  # names, never values

    ran = cli("candidate", "set", klant, "uren_per_week=24", "--json")
    assert ran.code == 0 and ran.json["ok"] and ran.json["id"] == str(after.id)
    assert ran.json["version"] == after.version + 1 and ran.json["verdict"] is None and ran.json["findings"] == []
    ran = cli("candidate", "set", klant, "uren_per_week=24.0")
    assert ran.code == 0 and ran.out == f"Kandidaat {klant} ongewijzigd: de waarden waren al zo\n"
    assert _candidate(demo_db, klant).version == after.version + 1


def test_refused_values_and_unknown_fields_are_exit_2_and_nothing_changes(cli, demo_db):
    klant = _idle(demo_db)
    before = _candidate(demo_db, klant)
    ran = cli("candidate", "set", klant, "uren_per_week=99", "geboortedatum=morgen", "telefoon=0600000000")
    assert ran.code == 2 and ran.out == ""
    assert ran.err.splitlines() == ["matchdesk: uren_per_week: 99 moet een geheel getal van 0 tot 60 zijn",
                                    "matchdesk: geboortedatum: 'morgen' is geen datum; gebruik jjjj-mm-dd of "
                                    "dd-mm-jjjj"]
    ran = cli("candidate", "set", klant, "bsn=123456789")
    assert ran.code == 2 and "bsn: geen geldig BSN" in ran.err and "123456789" not in ran.err  # never the value
    ran = cli("candidate", "set", klant, "kleur=rood")
    assert ran.code == 2 and ran.err.startswith("matchdesk: Onbekend veld 'kleur' voor een kandidaat; bekende "
                                                "velden: klantnummer, voornaam")
    assert "uren_per_week" in ran.err and "tekst_voor_werkgever" in ran.err and "consulent" not in ran.err
    ran = cli("candidate", "set", klant, "uren_per_week")
    assert ran.code == 2 and "'uren_per_week' is geen VELD=WAARDE" in ran.err
    ran = cli("candidate", "set", "9999999", "uren_per_week=3")
    assert ran.code == 2 and ran.err == "matchdesk: Kandidaat met klantnummer 9999999 bestaat niet\n"
    after = _candidate(demo_db, klant)
    assert (after.version, after.hours_per_week, after.telefoon) == (before.version, before.hours_per_week,
                                                                      before.telefoon)


def test_a_save_meanwhile_is_a_conflict_that_names_who(cli, demo_db, demo_app, monkeypatch):
    from matchdesk.services import candidate_cases

    klant = _idle(demo_db)
    read = candidate_cases.candidate_key

    def read_then_sanne_saves(app, klantnummer):
        key = read(app, klantnummer)  # the command read the version; Sanne saves before the command does
        candidate_cases.save_candidate(demo_app, key.id, key.version, {"telefoon": "0611111111"})
        return key

    monkeypatch.setattr(candidate_cases, "candidate_key", read_then_sanne_saves)
    ran = cli("candidate", "set", klant, "telefoon=0622222222", "--json")
    assert ran.code == 1 and ran.json["ok"] is False
    assert "De kandidaat is intussen gewijzigd door Sanne" in ran.err and "er is niets overschreven" in ran.err
    assert _candidate(demo_db, klant).telefoon == "0611111111"


def test_archive_and_restore(cli, demo_db, today):
    klant = _idle(demo_db)
    ran = cli("candidate", "archive", klant)
    assert ran.code == 0 and ran.out == f"Kandidaat {klant} gearchiveerd\n"
    stored = _candidate(demo_db, klant)
    assert stored.archived_at is not None and stored.archived_by == "Mila"
    assert audit_of(demo_db, stored.id)[-1][:2] == ("gearchiveerd", "Mila")
    ran = cli("candidate", "archive", klant, "--json")
    assert ran.code == 1 and ran.json["ok"] is False and ran.json["message"] == "De kandidaat is al gearchiveerd"
    ran = cli("candidate", "restore", klant)
    assert ran.code == 0 and ran.out == f"Kandidaat {klant} teruggezet\n"
    assert _candidate(demo_db, klant).archived_at is None

    ran = cli("trajectory", "start", klant, "--kind", "proefplaatsing", "--start", today.isoformat(), "--end",
              "2027-01-22", "--motivation", "eerst proberen")
    assert ran.code == 0, ran.err
    ran = cli("candidate", "archive", klant)  # a running trajectory: end it first
    assert ran.code == 1 and "gepland of lopend traject: beëindig dat eerst" in ran.err
    assert _candidate(demo_db, klant).archived_at is None
    with demo_db.reading() as session:
        assert session.scalar(select(Trajectory.kind).where(Trajectory.candidate_id == stored.id)) \
            == TrajectoryKind.PROEFPLAATSING
