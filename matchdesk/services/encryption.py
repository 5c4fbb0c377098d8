"""Encryption at rest as use cases: convert a database from before encryption, and IT's recovery key.

The conversion itself is ``storage.convert`` (a file operation: the database cannot be open meanwhile);
after it the database is opened as usual (migrated to the newest schema, with a keyed backup first when
it was older) and the conversion is audited. The recovery key is the database's key in the form
``MATCHDESK_KEY_FILE`` reads; writing it is audited too (never the key itself).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from matchdesk.errors import UsageError
from matchdesk.storage.audit import log_event
from matchdesk.storage.convert import Encrypted, encrypt_file
from matchdesk.storage.database import Database
from matchdesk.storage.keys import export_key

if TYPE_CHECKING:
    from matchdesk.app import App

__all__ = ["Encrypted", "encrypt_database", "write_recovery_key"]


def encrypt_database(path: Path, user: str) -> Encrypted:
    """Convert the plaintext file at ``path``; afterwards it opens (and is migrated) like any database."""
    done = encrypt_file(path)
    database = Database.open(done.database)
    try:
        with database.unit(user) as session:
            log_event(session, "versleuteld", "database", None, detail=f"sleutel: {done.key_source}")
    finally:
        database.dispose()
    return done


def write_recovery_key(app: App, target: Path) -> Path:
    """The key of the app's (encrypted, SQLite) database written to ``target`` (0600) for IT's safe."""
    key = app.db.key
    if key is None:
        raise UsageError("Deze database heeft geen sleutel van MatchDesk (PostgreSQL, of nog niet versleuteld).")
    target = target.expanduser()
    if target.exists():
        raise UsageError(f"{target} bestaat al; kies een nieuwe bestandsnaam voor de herstelsleutel.")
    with app.unit() as session:
        log_event(session, "herstelsleutel", "database", None, detail=target.name)
    return export_key(key, target)
