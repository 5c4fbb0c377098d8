"""Migration 0012: narrow (updated_at) and (version) indexes on candidates, their skill and language rows, so the
candidate index's data-version check (``matching.index_store._read_marks``) reads them instead of the rows."""

# SQLite only: the query plans and an upgrade left half done are SQLite's.

from __future__ import annotations

from alembic import command
from sqlalchemy import event, inspect, select

from matchdesk.matching.index_store import _read_marks
from matchdesk.storage.database import Database
from matchdesk.storage.migrate import alembic_config
from matchdesk.storage.models import Candidate

TABLES = ("candidates", "candidate_skills", "candidate_languages")
NAMES = {f"ix_{table}_{column}" for table in TABLES for column in ("updated_at", "version")}


def _marks_indexes(db):
    with db.engine.connect() as connection:
        found = inspect(connection)
        return {index["name"] for table in TABLES for index in found.get_indexes(table)} & NAMES


def test_an_upgrade_to_0012_left_half_done_is_finished(tmp_path):
    path = tmp_path / "half.db"
    db = Database.open(path, create=True)
    assert _marks_indexes(db) == NAMES
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
        connection.exec_driver_sql("CREATE INDEX ix_candidates_version ON candidates (version)")  # one already made
    assert _marks_indexes(db) == {"ix_candidates_version"}
    db.dispose()
    db = Database.open(path)
    try:
        assert _marks_indexes(db) == NAMES
        with db.reading() as session:
            assert session.scalar(select(Candidate.id)) is None
            assert {m.count for m in _read_marks(session).values()} == {0}
    finally:
        db.dispose()


def test_the_data_version_check_reads_the_narrow_indexes_not_the_rows(tmp_path):
    db = Database.open(tmp_path / "plan.db", create=True)
    statements = []

    def seen(_connection, _cursor, statement, *_rest):
        if statement.startswith("SELECT"):  # not the BEGIN of the reading transaction
            statements.append(statement)

    try:
        with db.reading() as session:
            event.listen(db.engine, "before_cursor_execute", seen)
            try:
                _read_marks(session)
            finally:
                event.remove(db.engine, "before_cursor_execute", seen)
            connection = session.connection()
            for statement, table in zip(statements, TABLES, strict=True):
                steps = [row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, (0,))]
                assert [step for step in steps if table in step] == [
                    f"SCAN {table} USING COVERING INDEX ix_{table}_version",
                    f"SEARCH {table} USING COVERING INDEX ix_{table}_updated_at"]
    finally:
        db.dispose()
