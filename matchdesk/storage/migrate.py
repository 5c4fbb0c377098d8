"""Schema migrations with Alembic, run automatically when a database is opened.

Atomic. A new file's schema and every upgrade run in ONE transaction (``BEGIN IMMEDIATE`` on SQLite,
whose DDL is transactional once the driver's implicit transactions are off: ``database.py``). A kill
during creation leaves an empty file (or a hot journal SQLite rolls back), which the next open simply
creates again; a kill during an upgrade leaves the old revision, which the next open upgrades again.
The revision is read again under the write lock, so two processes opening the same old or new file at
once migrate it once.

Backups. Before an existing SQLite file is upgraded it is copied to ``<db>.bak-<revision>-<timestamp>``
(written beside it and renamed into place when complete). A retry at the same revision with the same
data reuses that copy instead of making another one. Old copies are rotated away (the newest
``BACKUPS_KEPT`` kept) only once the upgrade has succeeded: while the file is not at a good revision,
no backup is ever deleted. A failed backup stops the migration. A file without MatchDesk's schema, or
with a revision this version does not know (a newer MatchDesk wrote it), is refused and never migrated;
so is a file that fails ``PRAGMA quick_check`` (damaged).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect

from matchdesk.errors import StorageUnavailable
from matchdesk.storage import cipher
from matchdesk.storage.keys import DatabaseKey
from matchdesk.storage.models import Base
from matchdesk.storage.sqlite_files import backups_of, damaged_message, quick_check, sqlite_backup

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = ["BACKUPS_KEPT", "HEAD_REVISION", "WRITE", "alembic_config", "backup_before_migration",
           "current_revision", "ensure_schema", "head_revision", "sqlite_backup"]

BACKUPS_KEPT = 3
# The newest revision, so that opening a database already at it needs no Alembic (Alembic with Mako and its
# script directory is ~0.15 s of a window start); tests/storage/test_migrations.py holds it equal to Alembic's head.
HEAD_REVISION = "0012"
_OURS = set(Base.metadata.tables) | {"alembic_version"}
WRITE = "matchdesk_write"  # execution option: the transaction starts with BEGIN IMMEDIATE (database.py)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str | None:
    return _scripts().get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return _state(connection)[0]


def _state(connection: Connection) -> tuple[str | None, set[str]]:
    """The file's revision (read as Alembic keeps it: the one row of ``alembic_version``) and its tables."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        return None, tables
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    if len(rows) > 1:
        raise StorageUnavailable("De database heeft meer dan één schemaversie; MatchDesk opent hem niet.",
                                 kind="foreign")
    return (str(rows[0][0]) if rows else None), tables


def _refuse_unknown(script: ScriptDirectory, revision: str | None, tables: set[str], name: str,
                    connection: Connection | None = None) -> None:
    if revision is None:
        if not tables - {"alembic_version"}:
            return
        if connection is not None and _half_made(connection, tables):
            for table in sorted(tables):  # an earlier MatchDesk's creation, killed half-way: start again
                connection.exec_driver_sql(f'DROP TABLE "{table}"')
            return
        if connection is None and tables <= _OURS:
            return  # judged again under the write lock
        raise StorageUnavailable(f"{name} is geen MatchDesk-database; MatchDesk opent hem niet.", kind="foreign")
    try:
        script.get_revision(revision)
    except Exception:
        raise StorageUnavailable(
            f"{name} is gemaakt door een nieuwere versie van MatchDesk "
            f"(schema {revision}); werk MatchDesk bij om hem te openen.", kind="foreign"
        ) from None


def ensure_schema(engine: Engine, sqlite_path: Path | None, *, key: DatabaseKey | None = None,
                  read_only: str | None = None) -> None:
    """Bring the database to the newest schema in one transaction, or refuse it with a Dutch message.
    ``key``: the SQLite file's key (for the backup before an upgrade). ``read_only``: the message why this
    file must not be written (a plaintext file): one at the newest schema opens, an older one is refused."""
    name = f"Het bestand {sqlite_path.name}" if sqlite_path else "De database"
    with engine.connect() as connection:
        revision, tables = _state(connection)
        connection.rollback()
    if revision == HEAD_REVISION:
        return  # the everyday case: no Alembic imported at all
    script = _scripts()
    head = script.get_current_head()
    if revision == head:
        return
    _refuse_unknown(script, revision, tables, name)
    if read_only is not None:
        raise StorageUnavailable(read_only, kind="plaintext")
    backup = None
    if sqlite_path is not None and revision is not None:
        backup = backup_before_migration(sqlite_path, revision, key)
    with engine.execution_options(**{WRITE: True}).begin() as connection:
        revision, tables = _state(connection)  # again, under the write lock: another process may have done it
        if revision == head:
            return
        _refuse_unknown(script, revision, tables, name, connection)
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    if backup is not None and sqlite_path is not None:
        rotate_backups(sqlite_path)


def _half_made(connection: Connection, tables: set[str]) -> bool:
    """Only tables of MatchDesk's own schema, no revision, and no row in any of them: the file an older
    MatchDesk (whose DDL ran outside a transaction) was creating when it was killed."""
    if not tables <= _OURS:
        return False
    return all(connection.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first() is None for table in tables)


def backup_before_migration(path: Path, revision: str, key: DatabaseKey | None) -> Path:
    """The copy of ``path`` (at ``revision``) made before upgrading it, encrypted with the same ``key``: an
    earlier copy of the same revision with the same data when there is one, else a new one."""
    if quick_check(path, key):  # a damaged file is neither copied over good backups nor upgraded
        raise StorageUnavailable(damaged_message(path), kind="damaged")
    earlier = [b for b in backups_of(path) if b.name.startswith(f"{path.name}.bak-{revision}-")]
    if earlier and _same_data(path, earlier[-1], revision, key):
        return earlier[-1]
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S%f")
    target = path.with_name(f"{path.name}.bak-{revision}-{stamp}")
    try:
        sqlite_backup(path, target, key)
    except cipher.FILE_ERRORS as error:
        raise StorageUnavailable(
            f"Kon geen reservekopie maken vóór het bijwerken van de database ({error}); er is niets gewijzigd."
        ) from None
    return target


def rotate_backups(path: Path) -> None:
    """Keep the newest ``BACKUPS_KEPT`` copies; only called when the database is at a good revision."""
    for old in backups_of(path)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


def _read_only(path: Path, key: DatabaseKey | None, copy: bool) -> Any:
    """A keyed read-only connection; a backup copy (which nobody writes) is opened ``immutable``, so
    reading it leaves no ``-wal``/``-shm`` beside it (those once counted as backups and rotated real
    ones away)."""
    return cipher.connect(f"file:{path}?mode=ro{'&immutable=1' if copy else ''}", key, uri=True)


def _fingerprint(path: Path, key: DatabaseKey | None, copy: bool = False) -> tuple | None:
    """Row counts and the newest change per table: equal for a copy of the same data."""
    try:
        connection = _read_only(path, key, copy)
    except cipher.DRIVER_ERRORS:
        return None
    try:
        tables = sorted(r[0] for r in connection.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"))
        parts: list[object] = []
        for table in tables:
            columns = {r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')}
            newest = "max(updated_at)" if "updated_at" in columns else "null"
            parts.append((table, *connection.execute(f'select count(*), {newest} from "{table}"').fetchone()))
        return tuple(parts)
    except cipher.DRIVER_ERRORS:
        return None
    finally:
        connection.close()


def _same_data(path: Path, backup: Path, revision: str, key: DatabaseKey | None) -> bool:
    mine = _fingerprint(path, key)
    theirs = _fingerprint(backup, key, copy=True)
    return mine is not None and mine == theirs and _revision_of(backup, key, copy=True) == revision


def _revision_of(path: Path, key: DatabaseKey | None, copy: bool = False) -> str | None:
    try:
        connection = _read_only(path, key, copy)
        try:
            row = connection.execute("select version_num from alembic_version").fetchone()
        finally:
            connection.close()
    except cipher.DRIVER_ERRORS:
        return None
    return row[0] if row else None
