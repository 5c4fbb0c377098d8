"""Backups of a SQLite database (online backup API, safe while colleagues keep working)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from matchdesk.errors import UsageError
from matchdesk.storage.audit import log_event
from matchdesk.storage.migrate import sqlite_backup

if TYPE_CHECKING:
    from matchdesk.app import App

NOT_SQLITE = "backup werkt alleen voor een SQLite-database; gebruik voor PostgreSQL pg_dump"


def backup_database(app: App, target: Path) -> Path:
    """A consistent copy of the SQLite file at ``target`` (also while colleagues work), audited as
    made by the app's medewerker; returns the path written."""
    db = app.db
    if db.sqlite_path is None:
        raise UsageError(NOT_SQLITE)
    target = target.expanduser()
    if target.exists() and target.is_dir():
        raise UsageError(f"{target} is een map; geef een bestandsnaam")
    if target.resolve() == db.sqlite_path:
        raise UsageError("de reservekopie kan niet over de database zelf heen")
    if not target.parent.exists():
        raise UsageError(f"de map {target.parent} bestaat niet")
    target.unlink(missing_ok=True)
    try:
        sqlite_backup(db.sqlite_path, target)
    except sqlite3.Error as error:
        raise UsageError(f"reservekopie mislukt: {error}") from None
    with app.unit() as session:
        log_event(session, "reservekopie", "database", None, detail=target.name)
    return target
