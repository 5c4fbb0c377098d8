from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from matchdesk.errors import StorageUnavailable
from matchdesk.storage.database import Database
from matchdesk.storage.migrate import BACKUPS_KEPT, head_revision
from matchdesk.storage.models import Base, Candidate, CandidateSkill, Employer
from tests.conftest import encrypted_copy, raw_connect

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.db"


@pytest.fixture
def old_db(tmp_path) -> Path:
    path = tmp_path / "oud.db"
    encrypted_copy(FIXTURE, path)
    return path


def test_first_revision_fixture_upgrades_with_rows_intact(old_db):
    db = Database.open(old_db)
    try:
        with db.reading() as session:
            names = session.scalars(select(Candidate.achternaam).order_by(Candidate.klantnummer)).all()
            assert names == ["Fixture0", "Fixture1", "Fixture2"]
            assert session.scalar(select(func.count()).select_from(CandidateSkill)) == 3
            assert session.scalar(select(Employer.name)) == "Fixture BV"
        with db.engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == head_revision()
    finally:
        db.dispose()


def test_upgrade_makes_a_backup_first(old_db):
    Database.open(old_db).dispose()
    backups = list(old_db.parent.glob("oud.db.bak-0001-*"))
    assert len(backups) == 1
    copy = raw_connect(backups[0])
    assert copy.execute("select version_num from alembic_version").fetchone() == ("0001",)
    assert copy.execute("select count(*) from candidates").fetchone() == (3,)
    copy.close()


def test_only_the_last_three_backups_are_kept(old_db, tmp_path):
    for i in range(5):
        (tmp_path / f"oud.db.bak-0000-2020010100000{i}").write_bytes(b"x")
    Database.open(old_db).dispose()
    assert len(list(tmp_path.glob("oud.db.bak-*"))) == BACKUPS_KEPT


def test_failed_backup_stops_the_migration(old_db, monkeypatch):
    import matchdesk.storage.migrate as migrate

    def broken(source, target, key):
        raise OSError("schijf vol")

    monkeypatch.setattr(migrate, "sqlite_backup", broken)
    with pytest.raises(StorageUnavailable, match="reservekopie"):
        Database.open(old_db)
    connection = raw_connect(old_db)
    assert connection.execute("select version_num from alembic_version").fetchone() == ("0001",)
    connection.close()


def test_models_and_migrations_agree(db):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_non_matchdesk_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "ander.db"
    connection = raw_connect(path)
    connection.execute("create table klanten (id integer)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StorageUnavailable, match="geen MatchDesk-database"):
        Database.open(path)
    assert path.read_bytes() == before


def test_a_text_file_is_refused(tmp_path):
    path = tmp_path / "notities.db"
    path.write_text("dit is geen database")
    with pytest.raises(StorageUnavailable, match="geen MatchDesk-database"):
        Database.open(path)


def test_newer_schema_is_refused_and_never_migrated(db):
    with db.engine.begin() as connection:
        connection.exec_driver_sql("update alembic_version set version_num = '9999'")
    db.dispose()
    target = db.sqlite_path or db.engine.url.render_as_string(hide_password=False)
    with pytest.raises(StorageUnavailable, match="nieuwere versie"):
        Database.open(target)
    if db.sqlite_path is not None:
        assert not list(db.sqlite_path.parent.glob("*.bak-*"))
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("select version_num from alembic_version").scalar() == "9999"


def test_missing_file_is_not_created_unless_asked(tmp_path):
    with pytest.raises(StorageUnavailable, match="bestaat niet"):
        Database.open(tmp_path / "nieuw.db")
    assert not (tmp_path / "nieuw.db").exists()


@pytest.mark.sqlite_only("pragmas of the SQLite file")
def test_sqlite_runs_in_wal_with_foreign_keys(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_head_revision_constant_is_alembics_head():
    from matchdesk.storage.migrate import HEAD_REVISION, head_revision

    assert HEAD_REVISION == head_revision()


def test_opening_a_database_at_the_newest_schema_needs_no_alembic(db_target):
    """Alembic (with Mako and its script directory) is imported only when a file must be created or upgraded."""
    import subprocess
    import sys

    from matchdesk.storage.database import Database

    Database.open(db_target, create=True).dispose()  # created (and so migrated) in this process
    script = ("import sys; from matchdesk.storage.database import Database; "
              f"Database.open({str(db_target)!r}).dispose(); "
              "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')}))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
