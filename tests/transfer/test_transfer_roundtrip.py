"""Round trip: export from database A, import into an empty database B, export from B: identical files."""

import datetime as dt

import pytest
from sqlalchemy import select
from transfer_helpers import TODAY

from matchdesk.domain import Role
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.candidates import create_candidate, delete_candidate
from matchdesk.services.demo import DemoSize, generate
from matchdesk.services.employers import ensure_medewerker
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, ContactMoment, Education, WorkExperience
from matchdesk.transfer import export_file, import_file

ORDER = ("medewerkers", "employers", "vacancies", "candidates", "trajectories", "educations", "work_experiences",
         "contact_moments")  # references first


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


def add_history(session):
    """Education, work experience and contact moments of a few candidates (issue 17 item 4), with the values
    a file finds hard: a formula-like text, a line break, empty cells, two records of one candidate."""
    ids = session.scalars(select(Candidate.id).where(Candidate.deleted_at.is_(None))
                          .order_by(Candidate.klantnummer).limit(3)).all()
    first, second, third = ids
    session.add_all([
        Education(candidate_id=first, name="Mbo Logistiek", level="mbo 2", institution="Vista College", year_end=2019,
                  diploma=True),
        Education(candidate_id=first, name="=Taalcursus", level=None, institution=None, year_end=None, diploma=False),
        Education(candidate_id=third, name="Havo", level="havo", institution="Norbertus", year_end=2004, diploma=False),
        WorkExperience(candidate_id=first, function="Orderpicker", employer_name="Groen BV",
                       start=dt.date(2019, 9, 1), end=dt.date(2021, 3, 31), description="regel een\nregel twee"),
        WorkExperience(candidate_id=second, function="Schoonmaker", employer_name=None, start=None, end=None,
                       description=None),
        ContactMoment(candidate_id=first, date=dt.date(2026, 10, 1), medewerker="demo", kind="gesprek",
                      summary="Wil graag buiten werken; -geen rijbewijs", next_contact=dt.date(2026, 11, 1)),
        ContactMoment(candidate_id=second, date=dt.date(2026, 9, 15), medewerker="Oud-collega", kind="e-mail",
                      summary=None, next_contact=None),
    ])


@pytest.fixture(scope="module")
def source_db(tmp_path_factory, template_db, rulebooks):
    import shutil

    path = tmp_path_factory.mktemp("bron") / "a.db"
    shutil.copy(template_db, path)
    db = Database.open(path)
    generate(db, rulebooks, 3, TODAY, DemoSize(candidates=80, employers=12, vacancies=25))
    with db.unit("anouk") as session:
        create_candidate(session, {
            "klantnummer": "X-1", "voornaam": "Zoë", "achternaam": "=HYPERLINK(\"x\")",
            "birth_date": dt.date(1980, 2, 29),
            "wishes": "regel een\nregel twee; met \"aanhalingstekens\"", "notes": "-weg", "telefoon": "+31 6 1234 5678",
            "driving_licences": "B,CE", "hours_per_week": 0, "loonwaarde": 55}, TODAY)
        gone = create_candidate(session, {"klantnummer": "X-2", "achternaam": "Weg", "birth_date": dt.date(1970, 1, 1)},
                                TODAY)
        session.flush()
        delete_candidate(session, gone.id, None)
        ensure_medewerker(session, "bert", Role.TEAMLEIDER)  # who imports in the copy, there too
        add_history(session)
    yield db
    db.dispose()


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "ods"])
def test_export_import_export_gives_identical_files_for_every_record_type(source_db, db, tmp_path, suffix, rulebooks):
    # The demo holds running trajectories over their limits, overridden by a teamleider (reden_afwijking "demo"):
    # the rules judge every imported row, so only a teamleider can bring those in (issue 13 item 7).
    with db.unit("systeem") as session:
        ensure_medewerker(session, "bert", Role.TEAMLEIDER)
    for kind in ORDER:
        first, second = tmp_path / f"a-{kind}.{suffix}", tmp_path / f"b-{kind}.{suffix}"
        exported = export_file(source_db, kind, first, user="anouk")
        assert exported > 0
        result = import_file(db, kind, first, user="bert", today=TODAY, rulebooks=rulebooks)
        assert (result.read, result.imported, result.rejected) == (exported, exported, 0), result.problems[:3]
        assert result.new == exported - (kind == "medewerkers"), kind  # bert was there already
        assert export_file(db, kind, second, user="bert") == exported
        assert first.read_bytes() == second.read_bytes(), kind


def test_exports_leave_out_deleted_records_and_keep_the_formula_guard(source_db, tmp_path):
    path = tmp_path / "k.csv"
    export_file(source_db, "candidates", path, user="anouk")
    text = path.read_bytes().decode("utf-8-sig")
    assert "X-2" not in text
    assert "'=HYPERLINK" in text and ";'-weg;" in text and "+31 6 1234 5678" in text
    with source_db.reading() as session:
        assert session.scalar(select(Candidate.deleted_at).where(Candidate.klantnummer == "X-2")) is not None
