"""Backups of a SQLite database (online backup API, safe while colleagues keep working)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.storage.audit import log_event
from matchdesk.storage.migrate import sqlite_backup


def backup_database(db, target: Path, user: str) -> Path:
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
    with db.unit(user) as session:
        log_event(session, "reservekopie", "database", None, detail=target.name)
    return target
