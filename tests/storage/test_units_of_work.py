
import pytest
from sqlalchemy import func, select

from matchdesk.errors import ConflictError, StorageUnavailable, ValidationError
from matchdesk.services.candidates import create_candidate, delete_candidate, update_candidate, view_candidate
from matchdesk.storage.models import AuditEntry, Candidate, CandidateLanguage
from tests.conftest import candidate_values, raw_connect


def _count(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_row_version_conflict_names_who_changed_it_and_overwrites_nothing(db, make_candidate, today):
    candidate_id = make_candidate()
    with db.reading() as session:
        seen_version = session.get(Candidate, candidate_id).version
    with db.unit("Anouk") as session:
        update_candidate(session, candidate_id, seen_version, {"woonplaats": "Wouw"}, today)
    with pytest.raises(ConflictError, match="Anouk") as error:
        with db.unit("Bram") as session:
            update_candidate(session, candidate_id, seen_version, {"woonplaats": "Nispen"}, today)
    assert error.value.changed_by == "Anouk"
    with db.reading() as session:
        assert session.get(Candidate, candidate_id).woonplaats == "Wouw"


def test_a_write_interrupted_by_an_exception_leaves_the_database_unchanged(db, today):
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with db.unit("tester") as session:
            create_candidate(session, candidate_values(), today)
            session.flush()
            raise Boom
    assert _count(db, Candidate) == 0
    assert _count(db, CandidateLanguage) == 0
    assert _count(db, AuditEntry) == 0


def test_bad_input_names_the_field_and_stores_nothing(db, today):
    with pytest.raises(ValidationError) as error:
        with db.unit("tester") as session:
            create_candidate(session, candidate_values(bsn="123456789"), today)
    assert error.value.field == "bsn"
    assert _count(db, Candidate) == 0


@pytest.mark.parametrize("field, value, fragment", [
    ("doelgroep", "D", "doelgroep"),
    ("categorie", "4A", "categorie"),
    ("postcode", "12AB", "Postcode"),
    ("birth_date", "2099-01-01", "toekomst"),
    ("birth_date", "31-02-1990", "bestaat niet"),
    ("achternaam", "", "Achternaam"),
])
def test_candidate_validation_messages_are_dutch_and_name_the_field(db, today, field, value, fragment):
    with pytest.raises(ValidationError, match=fragment):
        with db.unit("tester") as session:
            create_candidate(session, candidate_values(**{field: value}), today)


def test_klantnummer_unique_among_live_candidates_only(db, make_candidate, today):
    first = make_candidate()
    with pytest.raises(ValidationError, match="bestaat al"):
        make_candidate()
    with db.unit("tester") as session:
        delete_candidate(session, first, None)
    make_candidate()  # the tombstone keeps its klantnummer but does not block a new one


def test_deletion_leaves_a_tombstone_without_personal_data(db, make_candidate):
    candidate_id = make_candidate(bsn="111222333", telefoon="0612345678", notes="vertrouwelijk")
    with db.unit("tester") as session:
        delete_candidate(session, candidate_id, None)
    with db.reading() as session:
        tombstone = session.get(Candidate, candidate_id)
        assert tombstone.deleted_at is not None
        assert tombstone.klantnummer == "1000001"
        for name in ("voornaam", "achternaam", "birth_date", "bsn", "telefoon", "notes", "adres", "postcode"):
            assert getattr(tombstone, name) is None, name


def test_audit_log_records_field_names_never_values(db, make_candidate, today):
    candidate_id = make_candidate(user="Anouk")
    with db.unit("Bram") as session:
        update_candidate(session, candidate_id, None, {"woonplaats": "Wouw", "telefoon": "0611111111"}, today)
    with db.unit("Bram") as session:
        view_candidate(session, "1000001")
    with db.reading() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.at, AuditEntry.action)).all()
    actions = [(e.medewerker, e.action, e.record_type) for e in entries]
    assert ("Anouk", "aangemaakt", "kandidaat") in actions
    assert ("Bram", "bekeken", "kandidaat") in actions
    changed = next(e for e in entries if e.action == "gewijzigd")
    assert changed.fields == "telefoon,woonplaats"
    text = " ".join(f"{e.fields} {e.detail}" for e in entries)
    assert "Wouw" not in text and "0611111111" not in text


def test_locked_database_gives_in_gebruik_message(db_path, db, make_candidate):
    make_candidate()
    blocker = raw_connect(db_path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        from sqlalchemy import event

        @event.listens_for(db.engine, "connect")
        def short_timeout(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA busy_timeout=50")

        db.engine.dispose()
        with pytest.raises(StorageUnavailable, match="in gebruik"):
            with db.unit("tester") as session:
                session.get(Candidate, session.scalar(select(Candidate.id)))
                session.execute(select(func.count()).select_from(Candidate))
                session.add(AuditEntry(medewerker="x", action="x", record_type="x", record_id=None))
    finally:
        blocker.rollback()
        blocker.close()


def test_a_medewerker_named_like_the_read_only_marker_is_audited(db, make_candidate, today):
    """Reading is a flag on the session, not a user name: a medewerker called "lezen" writes with audit."""
    candidate_id = make_candidate(user="lezen")
    with db.unit("lezen") as session:
        update_candidate(session, candidate_id, None, {"woonplaats": "Wouw"}, today)
    with db.reading() as session:
        entries = list(session.scalars(select(AuditEntry.action).where(AuditEntry.record_id == candidate_id,
                                                                      AuditEntry.medewerker == "lezen")))
        assert session.get(Candidate, candidate_id).updated_by == "lezen"
    assert entries.count("aangemaakt") == 1 and entries.count("gewijzigd") == 1


def test_a_nul_in_a_typed_text_is_dropped_before_it_is_written_on_either_backend(db, make_candidate, today):
    """A NUL (pasted from another program) is no character of anything a person types: SQLite stored it,
    PostgreSQL refused the whole unit with 'text fields cannot contain NUL'. Now both store the text without it."""
    candidate_id = make_candidate(wishes="magazijn\x00werk", achternaam="Be\x00rg")
    with db.unit("Anouk") as session:
        update_candidate(session, candidate_id, None, {"notes": "belt\x00 terug", "woonplaats": "Wouw\x00"}, today)
    with db.reading() as session:
        stored = session.get(Candidate, candidate_id)
        assert (stored.wishes, stored.achternaam, stored.notes, stored.woonplaats, stored.name_key) == \
            ("magazijnwerk", "Berg", "belt terug", "Wouw", "berg noel")
