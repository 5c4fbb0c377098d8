"""An import beside other writers, made deterministic (issue 13, item 5): the other writer acts at the worst
moment - after this import read what is stored, before it writes its batch - through the progress call that
comes exactly there. And a key twice in one file: one ``fout`` line for that row, the rest imported."""

from __future__ import annotations

import random
import subprocess
import sys
import threading

from sqlalchemy import Column as SqlColumn
from sqlalchemy import MetaData, String, Table, func, insert, select
from sqlalchemy.orm import Session

from matchdesk.domain import Role
from matchdesk.services import candidates as candidate_service
from matchdesk.services.employers import ensure_medewerker
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, Medewerker
from matchdesk.transfer import candidates as candidate_transfer
from matchdesk.transfer.base import ImportOptions, RecordType
from matchdesk.transfer.columns import Column, RowInput
from matchdesk.transfer.importer import import_file
from tests.conftest import candidate_values
from tests.transfer.transfer_helpers import TODAY, write_text

HEADER = ["klantnummer", "voornaam", "achternaam", "geboortedatum", "consulent", "profielnummer"]


def rows(count: int, first: int = 5_000_000, owner: str = "Consulent Nieuw") -> list[list[str]]:
    return [[str(first + i), "Test", f"Persoon{i}", "1990-01-01", owner, ""] for i in range(count)]


def when_started(action):
    """A progress callback that runs ``action`` once, at (0, total): after ``start``, before the first batch."""
    def progress(done, _total):
        if done == 0 and not progress.done:
            progress.done = True
            action()
    progress.done = False
    return progress


def test_rows_another_import_stored_meanwhile_are_updates_not_an_abort(store, tmp_path):
    path = write_text(tmp_path / "same.csv", [HEADER, *rows(300)])

    def other_import():
        done = subprocess.run([sys.executable, "-m", "matchdesk", "--db", store, "--user", "ander", "--today",
                               TODAY.isoformat(), "import", "candidates", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    db = Database.open(store)
    try:
        with db.unit("systeem") as session:  # the consulent the file names (an import makes no medewerkers)
            ensure_medewerker(session, "Consulent Nieuw")
        result = import_file(db, "candidates", path, user="importeur", today=TODAY, progress=when_started(other_import))
        assert (result.read, result.new, result.unchanged, result.rejected) == (300, 0, 300, 0)
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Candidate)) == 300
            assert session.scalar(select(func.count()).select_from(Medewerker).where(
                Medewerker.name == "Consulent Nieuw")) == 1
    finally:
        db.dispose()


def test_a_profile_number_another_writer_took_meanwhile_is_chosen_again(store, tmp_path, monkeypatch):
    rng = random.Random(13)
    monkeypatch.setattr(candidate_transfer, "secrets", rng)  # the numbers this import will choose, known here
    same = random.Random(13)
    first_choice = "P" + "".join(same.choice("0123456789") for _ in range(7))
    path = write_text(tmp_path / "one.csv", [HEADER, *rows(1)])
    db = Database.open(store)

    def colleague_takes_it():
        with db.unit("collega") as session:
            candidate_service.create_candidate(session, candidate_values(klantnummer="7777777"), TODAY,
                                               profile_number=first_choice)

    try:
        result = import_file(db, "candidates", path, user="importeur", today=TODAY,
                             progress=when_started(colleague_takes_it))
        assert (result.new, result.rejected) == (1, 0)
        with db.reading() as session:
            numbers = dict(session.execute(select(Candidate.klantnummer, Candidate.profile_number)).all())
        assert numbers["7777777"] == first_choice
        assert numbers["5000000"] != first_choice
    finally:
        db.dispose()


def test_a_key_twice_in_one_file_is_one_fout_line_and_the_rest_is_imported(db, tmp_path):
    body = rows(6)
    body[0][5] = body[1][5] = "P1234567"  # the same profielnummer for two klantnummers: the second is refused
    body[4][0] = body[3][0]  # the same klantnummer twice: the second is refused
    path = write_text(tmp_path / "twice.csv", [HEADER, *body])
    result = import_file(db, "candidates", path, user="importeur", today=TODAY)
    assert (result.read, result.new, result.rejected) == (6, 4, 2)
    assert result.rejected_rows == [3, 6]  # spreadsheet rows (header = 1)
    errors = [p for p in result.problems if p.severity == "fout"]
    assert [(p.row, p.column) for p in errors] == [(3, "profielnummer"), (6, "klantnummer")]
    assert "P1234567" in errors[0].message
    with db.reading() as session:
        stored = dict(session.execute(select(Candidate.klantnummer, Candidate.profile_number)).all())
    assert len(stored) == 4 and stored["5000000"] == "P1234567"


def test_a_random_profile_number_taken_meanwhile_is_chosen_again_in_the_window(store, monkeypatch):
    db = Database.open(store)
    try:
        with db.unit("collega") as session:
            candidate_service.create_candidate(session, candidate_values(klantnummer="1"), TODAY,
                                               profile_number="P7654321")
        original = candidate_service.new_profile_number
        answers = iter(["P7654321"])  # what this writer saw as free, just before the colleague stored it
        monkeypatch.setattr(candidate_service, "new_profile_number", lambda s: next(answers, None) or original(s))
        with db.unit("tester") as session:
            made = candidate_service.create_candidate(session, candidate_values(klantnummer="2"), TODAY)
            number = made.profile_number
        assert number != "P7654321"
        with db.reading() as session:
            assert session.scalar(select(Candidate.profile_number).where(Candidate.klantnummer == "2")) == number
    finally:
        db.dispose()


def test_two_writers_creating_the_same_medewerker_on_postgresql(pg_url):
    """Both look, find nobody and insert; the second waits for the first's commit, is refused as a duplicate,
    and uses the medewerker the first made (before: UNIQUE violation, the whole unit of work lost)."""
    first, second = Database.open(pg_url, create=True), Database.open(pg_url)
    outcome: dict[str, object] = {}
    try:
        with first.unit("een") as session:
            made = ensure_medewerker(session, "Gedeelde Naam", Role.MATCHMAKER)
            session.flush()

            def colleague():
                try:
                    with second.unit("twee") as other:
                        outcome["id"] = ensure_medewerker(other, "Gedeelde Naam").id
                except Exception as error:  # reported below, in the test's thread
                    outcome["error"] = error

            thread = threading.Thread(target=colleague)
            thread.start()
            thread.join(0.5)
            assert thread.is_alive()  # waiting for our uncommitted row
            made_id = made.id
        thread.join(30)
        assert "error" not in outcome, outcome
        assert outcome["id"] == made_id
        with first.reading() as session:
            assert session.scalar(select(func.count()).select_from(Medewerker).where(
                Medewerker.name == "Gedeelde Naam")) == 1
    finally:
        first.dispose()
        second.dispose()


# -- the last resort: a batch the database keeps refusing is written row by row ------------------------------
_SCRATCH = Table("import_scratch", MetaData(), SqlColumn("name", String(40), primary_key=True))


class _Names(RecordType):
    """A record type without any check of its own: the database's primary key is all that refuses a row."""

    name, label, audit_type, key_fields, batch_size = "names", "namen", "naam", ("name",), 100

    def columns(self, today):
        return (Column("naam", "name", lambda v: str(v).strip(), required=True),)

    def process(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        good = [row for row in rows if not row.rejected]
        session.execute(insert(_SCRATCH), [{"name": row.values["name"]} for row in good])
        for row in good:
            row.outcome = "new"


def test_a_row_the_database_keeps_refusing_is_one_fout_line(db, tmp_path):
    _SCRATCH.create(db.engine)
    with db.engine.begin() as connection:
        connection.execute(insert(_SCRATCH), [{"name": "bezet"}])
    path = write_text(tmp_path / "names.csv", [["naam"], ["een"], ["bezet"], ["drie"]])
    result = import_file(db, _Names(), path, user="importeur", today=TODAY)
    assert (result.read, result.new, result.rejected) == (3, 2, 1)
    assert [(p.row, p.column, p.severity) for p in result.problems] == [(3, "naam", "fout")]
    assert "botst met een record" in result.problems[0].message
    with db.engine.connect() as connection:
        assert sorted(connection.scalars(select(_SCRATCH.c.name))) == ["bezet", "drie", "een"]

