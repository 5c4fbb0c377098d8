"""Backups of a SQLite database (online backup API, safe while colleagues keep working).

The copy is written beside the target under a temporary name, flushed to disk and only then renamed over
the target (``storage.sqlite_files.sqlite_backup``): a failed or killed backup leaves the previous backup
as it was and no partial file (a killed process's temporary file is removed the next time). A damaged
database is not copied over a good backup: the file is checked first (``PRAGMA quick_check``, bounded).
The copy is encrypted with the database's key and owner-only (0600); ``<target>.sleutel-id`` beside it
names the key in the credential store.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from matchdesk.errors import StorageUnavailable, UsageError
from matchdesk.storage.audit import log_event
from matchdesk.storage.cipher import FILE_ERRORS
from matchdesk.storage.sqlite_files import remove_leftovers, sqlite_backup

if TYPE_CHECKING:
    from matchdesk.app import App

NOT_SQLITE = "backup werkt alleen voor een SQLite-database; gebruik voor PostgreSQL pg_dump"


def backup_database(app: App, target: Path) -> Path:
    """A consistent copy of the SQLite file at ``target`` (also while colleagues work), audited as
    made by the app's medewerker; returns the path written. A previous file at ``target`` is replaced
    only by a complete copy."""
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
    damaged = db.check()
    if damaged is not None:
        raise StorageUnavailable(f"Er is geen reservekopie gemaakt. {damaged}", kind="damaged")
    remove_leftovers(target.parent)
    earlier = target.exists()
    try:
        sqlite_backup(db.sqlite_path, target, db.key)
    except FILE_ERRORS as error:
        kept = f"; de eerdere kopie {target.name} is onaangeroerd" if earlier else ""
        raise UsageError(f"reservekopie mislukt: {error}{kept}") from None
    with app.unit() as session:
        log_event(session, "reservekopie", "database", None, detail=target.name)
    return target
