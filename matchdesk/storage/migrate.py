"""Schema migrations with Alembic, run automatically when a database is opened.

Before an existing SQLite file is upgraded it is copied to ``<db>.bak-<revision>-<timestamp>`` (the
last three kept); a failed backup stops the migration. A file without MatchDesk's schema, or with a
revision this version does not know (a newer MatchDesk wrote it), is refused and never migrated.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from matchdesk.errors import StorageUnavailable

BACKUPS_KEPT = 3


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def ensure_schema(engine: Engine, sqlite_path: Path | None) -> None:
    """Bring the database to the newest schema, or refuse it with a Dutch message."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    tables = set(inspect(engine).get_table_names())
    revision = current_revision(engine) if "alembic_version" in tables else None
    if revision is None:
        if tables - {"alembic_version"}:
            raise StorageUnavailable(
                f"{_name(engine, sqlite_path)} is geen MatchDesk-database; MatchDesk opent hem niet.")
    else:
        try:
            script.get_revision(revision)
        except Exception:
            raise StorageUnavailable(
                f"{_name(engine, sqlite_path)} is gemaakt door een nieuwere versie van MatchDesk "
                f"(schema {revision}); werk MatchDesk bij om hem te openen."
            ) from None
        if revision == head:
            return
        if sqlite_path is not None:
            backup_before_migration(sqlite_path, revision)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def backup_before_migration(path: Path, revision: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    target = path.with_name(f"{path.name}.bak-{revision}-{stamp}")
    try:
        sqlite_backup(path, target)
    except (OSError, sqlite3.Error) as error:
        raise StorageUnavailable(
            f"Kon geen reservekopie maken vóór het bijwerken van de database ({error}); er is niets gewijzigd."
        ) from None
    backups = sorted(path.parent.glob(f"{path.name}.bak-*"), key=lambda p: p.stat().st_mtime)
    for old in backups[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def sqlite_backup(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API (safe while others read or write)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _name(engine: Engine, sqlite_path: Path | None) -> str:
    return f"Het bestand {sqlite_path.name}" if sqlite_path else "De database"
