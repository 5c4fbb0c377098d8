"""`matchdesk vacancy add` on a generated demo region: the window's "Vacature ter plekke" use case from the
command line; the new reference printed; exit 2 for an unknown KvK number, a missing title or a refused
value, with nothing stored."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from matchdesk.domain import CefrLevel, LanguageSkill, Provider, VacancyKind
from matchdesk.storage.models import Employer, Vacancy
from tests.cli.conftest import audit_of


def _employer(db) -> Employer:
    with db.reading() as session:
        return session.scalars(select(Employer).where(Employer.deleted_at.is_(None)).order_by(Employer.kvk)).first()


def _vacancy(db, reference: str) -> Vacancy:
    with db.reading() as session:
        return session.scalar(select(Vacancy).where(Vacancy.reference == reference).options(
            selectinload(Vacancy.skills), selectinload(Vacancy.languages)))


def _count(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Vacancy))


def test_add_with_options_prints_the_new_reference(cli, demo_db, today):
    employer = _employer(demo_db)
    ran = cli("vacancy", "add", "--employer", employer.kvk, "--title", "Heftruckchauffeur", "--kind", "leerwerkplek",
              "--skills", "heftruckcertificaat, orderpicken", "--hours", "32", "--provider", "leerwerkbedrijf",
              "--start", "2027-01-04", "min_nl_spreken=A2", "plaatsen=2")
    assert ran.code == 0, ran.err
    reference = ran.out.split()[1]
    assert reference.startswith(f"V{today.year}-")
    assert ran.out == f"Vacature {reference} vastgelegd bij werkgever {employer.kvk}: Heftruckchauffeur\n"
    stored = _vacancy(demo_db, reference)
    assert (stored.title, stored.kind, stored.provider, stored.hours_per_week, stored.positions) == \
        ("Heftruckchauffeur", VacancyKind.LEERWERKPLEK, Provider.LEERWERKBEDRIJF, 32, 2)
    assert stored.employer_id == employer.id and str(stored.start_date) == "2027-01-04"
    assert stored.place == employer.plaats and stored.postcode == employer.postcode  # at the employer's
    assert [s.required for s in stored.skills] == [True, True] and len(stored.skills) == 2
    assert {row.skill: row.min_level for row in stored.languages} == {LanguageSkill.SPREKEN: CefrLevel.A2}
    assert audit_of(demo_db, stored.id) == [("aangemaakt", "Mila", None)]


def test_add_in_the_contract_form_with_a_client_made_id(cli, demo_db):
    employer = _employer(demo_db)
    wanted = uuid.uuid4()
    ran = cli("vacancy", "add", f"werkgever={employer.kvk}", "titel=Magazijnmedewerker", "soort=regulier",
              "plaats=Roosendaal", "uren_per_week=24", "gewenste_vaardigheden=orderpicken", "--id", str(wanted),
              "--json")
    assert ran.code == 0, ran.err
    answer = ran.json
    assert answer["ok"] is True and answer["id"] == str(wanted) and answer["verdict"] is None
    stored = _vacancy(demo_db, answer["reference"])
    assert stored.id == wanted and stored.place == "Roosendaal" and stored.hours_per_week == 24
    assert [s.required for s in stored.skills] == [False]
    before = _count(demo_db)
    ran = cli("vacancy", "add", f"werkgever={employer.kvk}", "titel=Nog een", "--id", str(wanted))
    assert ran.code == 2 and ran.err == f"matchdesk: Er bestaat al een record met id {wanted}\n"
    assert _count(demo_db) == before


def test_bad_input_is_exit_2_and_stores_nothing(cli, demo_db):
    employer = _employer(demo_db)
    before = _count(demo_db)
    ran = cli("vacancy", "add", "--employer", "99999999", "--title", "Schoonmaker")
    assert ran.code == 2 and ran.err == "matchdesk: Werkgever met KvK-nummer 99999999 bestaat niet\n"
    ran = cli("vacancy", "add", "--employer", employer.kvk)
    assert ran.code == 2 and ran.err == "matchdesk: Titel is verplicht (--title TITEL of titel=...)\n"
    ran = cli("vacancy", "add", "--employer", employer.kvk, "--title", "X", "--hours", "100", "soort=vast")
    assert ran.code == 2 and ran.err.splitlines() == [
        "matchdesk: soort: onbekende waarde 'vast'; kies uit regulier, garantiebaan, leerwerkplek, proefplaats, "
        "beschut",
        "matchdesk: uren_per_week: 100 moet een geheel getal van 1 tot 60 zijn"]
    ran = cli("vacancy", "add", "--employer", employer.kvk, "--title", "X", "referentie=V1")
    assert ran.code == 2 and "Onbekend veld 'referentie' voor een vacature; bekende velden: werkgever, titel" in ran.err
    ran = cli("vacancy", "add", "--employer", employer.kvk, "--title", "X", "titel=Y")
    assert ran.code == 2 and "titel is twee keer gegeven" in ran.err.lower()
    assert _count(demo_db) == before


def test_add_in_a_real_process(demo_db_path, demo_db, today):
    employer = _employer(demo_db)
    done = subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(demo_db_path), "--today", today.isoformat(),
                           "vacancy", "add", "--employer", employer.kvk, "--title", "Productiemedewerker", "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    stored = _vacancy(demo_db, answer["reference"])
    assert str(stored.id) == answer["id"] and stored.updated_by == "systeem"  # no --user: recorded as systeem
