"""Names sort and are found with accents and case folded, on every write path, and old files migrate."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from matchdesk.services.candidates import create_candidate, insert_candidates, prepare_candidate
from matchdesk.services.lists import CANDIDATES, ListFilter, fetch_page
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, name_key

TODAY = dt.date(2026, 11, 23)


def test_the_key_folds_accents_and_case_and_puts_achternaam_first():
    assert name_key("Özdemir", "Ayşe") == "ozdemir ayse"
    assert name_key("Berg", "Noël") < name_key("Bergen", "Anna") < name_key("Çelik", "Can") < name_key("Zwart", "Ed")
    assert name_key(None, None) == ""


def _names(db, **flt):
    with db.reading() as session:
        rows = fetch_page(session, CANDIDATES, ListFilter(**flt), TODAY, "naam", False, 0, 50)
    return [row.values[1] for row in rows]


def test_list_sorts_accented_names_among_the_others_and_search_ignores_accents(db):
    with db.unit("tester") as session:
        create_candidate(session, {"klantnummer": "1", "voornaam": "Can", "achternaam": "Çelik"}, TODAY)
        create_candidate(session, {"klantnummer": "2", "voornaam": "Ed", "achternaam": "Zwart"}, TODAY)
        insert_candidates(session, [  # the bulk path (demo, large imports) gets the key too
            prepare_candidate({"klantnummer": "3", "voornaam": "Ayşe", "achternaam": "Özdemir"}, TODAY,
                              profile_number="P0000003"),
            prepare_candidate({"klantnummer": "4", "voornaam": "Noël", "tussenvoegsel": "van den",
                               "achternaam": "Berg"}, TODAY, profile_number="P0000004")])
    assert _names(db) == ["Berg, Noël van den", "Çelik, Can", "Özdemir, Ayşe", "Zwart, Ed"]
    assert _names(db, text="ozdemir") == ["Özdemir, Ayşe"]
    assert _names(db, text="CELIK") == ["Çelik, Can"]


def test_an_edit_of_the_name_moves_the_candidate(db):
    with db.unit("tester") as session:
        create_candidate(session, {"klantnummer": "1", "voornaam": "Can", "achternaam": "Çelik"}, TODAY)
        create_candidate(session, {"klantnummer": "2", "voornaam": "Ed", "achternaam": "Zwart"}, TODAY)
    with db.unit("tester") as session:
        session.scalar(select(Candidate).where(Candidate.klantnummer == "1")).achternaam = "Ünal"
    assert _names(db) == ["Ünal, Can", "Zwart, Ed"]
    with db.reading() as session:
        assert session.scalar(select(Candidate.name_key).where(Candidate.klantnummer == "1")) == "unal can"


def test_a_database_of_the_previous_schema_gets_the_keys_on_opening(db, db_target):
    """Down to 0002 and up again by opening: the migrations run both ways on SQLite and on PostgreSQL."""
    from alembic import command
    from sqlalchemy import inspect

    from matchdesk.storage.migrate import alembic_config

    with db.unit("tester") as session:
        create_candidate(session, {"klantnummer": "1", "voornaam": "Ayşe", "achternaam": "Özdemir"}, TODAY)
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    with db.engine.connect() as connection:
        assert "name_key" not in {c["name"] for c in inspect(connection).get_columns("candidates")}
    db.dispose()
    reopened = Database.open(db_target)
    try:
        with reopened.reading() as session:
            assert session.scalar(select(Candidate.name_key)) == "ozdemir ayse"
    finally:
        reopened.dispose()
