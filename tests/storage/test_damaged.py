"""Issue 13 item 8: errors tell the truth. A database with damaged pages: reads that can work, work; the
others, and every write, give one Dutch sentence naming the backup to restore (exit 2), never a
traceback; the file is open read-only. A storage error on a read path is translated like one on a write."""

# SQLite only: a damaged SQLite file and its quick_check.

from __future__ import annotations

import random
import shutil

import pytest

from matchdesk.cli.main import main
from matchdesk.errors import StorageUnavailable
from matchdesk.storage.database import Database
from matchdesk.storage.sqlite_files import quick_check
from tests.conftest import raw_connect, test_key

PAGE = 4096


@pytest.fixture
def damaged(demo_db_path, tmp_path):
    """A copy of the demo region with some pages in the middle overwritten with garbage, and an older
    pre-migration copy beside it (the one to restore)."""
    backup = tmp_path / "demo.db.bak-0003-20261120120000"
    shutil.copy(demo_db_path, backup)
    size = demo_db_path.stat().st_size
    pages = size // PAGE
    rng = random.Random(13)
    with demo_db_path.open("r+b") as handle:
        for page in range(pages // 3, pages // 3 + 60, 2):
            handle.seek(page * PAGE)
            handle.write(rng.randbytes(PAGE))
    assert quick_check(demo_db_path, test_key())
    return demo_db_path


def _run(capsys, *args) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("command", [
    ["export", "candidates", "UIT"],
    ["rank", "--vacancy", "V2026-00001", "--json"],
    ["import", "candidates", "IN"],
    ["backup", "KOPIE"],
])
def test_a_damaged_database_is_one_dutch_sentence_and_exit_2(damaged, tmp_path, capsys, command):
    source = tmp_path / "in.csv"
    source.write_text("klantnummer;achternaam\n9000001;Testpersoon\n", encoding="utf-8")
    words = [{"UIT": str(tmp_path / "uit.csv"), "IN": str(source), "KOPIE": str(tmp_path / "kopie.db")}.get(w, w)
             for w in command]
    before = damaged.read_bytes()
    code, err = _run(capsys, "--db", str(damaged), *words)
    assert code == 2
    assert "beschadigd" in err and "demo.db.bak-0003-20261120120000" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert damaged.read_bytes() == before  # nothing written into it
    assert not (tmp_path / "kopie.db").exists() and not (tmp_path / "uit.csv").exists()


def test_stats_work_read_only_where_the_pages_allow_or_say_so(damaged, capsys):
    code, err = _run(capsys, "--db", str(damaged), "stats", "--json")
    assert code in (0, 2) and "Traceback" not in err
    assert code == 0 or "beschadigd" in err


def test_a_damaged_database_opens_read_only_and_refuses_writes(damaged):
    db = Database.open(damaged)
    try:
        assert db.meta("app") == "matchdesk"  # reading what is intact works
        with pytest.raises(StorageUnavailable, match="beschadigd") as error:
            with db.unit("tester") as session:
                db.set_meta(session, "x", "y")
        assert error.value.kind == "damaged" and "bak-0003" in str(error.value)
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA query_only").scalar() == 1
    finally:
        db.dispose()


def test_a_full_disk_after_earlier_batches_says_how_many_were_saved():
    import sqlite3

    from matchdesk.storage.database import storage_error

    error = storage_error(sqlite3.OperationalError("database or disk is full"), None)
    assert error.kind == "full" and "niets" not in str(error)
    told = error.after_saved(5000)  # what the import says after 5,000 rows in earlier batches
    assert str(told) == ("De schijf is vol; 5.000 rijen zijn opgeslagen, de rest niet. "
                         "Maak ruimte vrij en probeer opnieuw.")
    assert told.kind == "full" and "niets" not in str(told)


def test_a_read_that_meets_damage_is_the_dutch_message(damaged):
    from sqlalchemy import select

    from matchdesk.storage.models import Candidate, CandidateSkill

    db = Database.open(damaged)
    try:
        with pytest.raises(StorageUnavailable, match="beschadigd") as error:
            with db.reading() as session:
                session.execute(select(Candidate)).all()
                session.execute(select(CandidateSkill)).all()
        assert error.value.kind == "damaged"
    finally:
        db.dispose()


def test_a_damaged_file_of_an_older_schema_is_neither_upgraded_nor_copied(damaged):
    connection = raw_connect(damaged)
    connection.execute("update alembic_version set version_num = '0002'")
    connection.commit()
    connection.close()
    with pytest.raises(StorageUnavailable, match="beschadigd"):
        Database.open(damaged)
    assert [p.name for p in damaged.parent.glob("demo.db.bak-0002-*")] == []


@pytest.mark.sqlite_only("SQLite's max_page_count; a full PostgreSQL server is its administrator's")
def test_a_real_full_database_is_the_full_message_and_the_file_stays_sound(db):
    """SQLite's own "database or disk is full" (through max_page_count): the unit's message is about this
    change only, the file is checked and found sound, and earlier commits stay."""
    from sqlalchemy import event

    with db.unit("tester") as session:
        db.set_meta(session, "eerder", "opgeslagen")

    @event.listens_for(db.engine, "connect")
    def small(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")

    db.engine.dispose()
    with pytest.raises(StorageUnavailable) as error:
        with db.unit("tester") as session:
            for i in range(400):
                db.set_meta(session, f"vol{i}", "x" * 2000)
    assert error.value.kind == "full" and "niets" not in str(error.value)
    assert str(error.value).startswith("De schijf is vol; deze wijziging is niet opgeslagen.")
    assert db.damaged is None and db.meta("eerder") == "opgeslagen"
