"""``matchdesk encrypt``: a plaintext database from before encryption becomes an encrypted one, in place.

1. The file is checked (a damaged file is not converted) and a consistent plaintext copy is kept beside it
   as ``<db>.onversleuteld-<stamp>`` (0600), until the user removes it: the way back should anything
   go wrong. The command says so.
2. The key for the file is found or made (``keys.key_for`` with ``create``: a new key in the credential
   store, or the key file or passphrase).
3. ``sqlcipher_export`` copies schema and rows into a new encrypted file beside the database (0600),
   under the write lock of the plaintext file, so nobody writes in between; the copy is checked.
4. The new file is renamed over the database (``os.replace``): a kill leaves the plaintext file or the
   encrypted one, never half of one. The plaintext file's WAL must be gone first (its last connection
   closed): a WAL left beside the encrypted file would belong to another database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from matchdesk.errors import StorageUnavailable, UsageError
from matchdesk.storage import cipher
from matchdesk.storage.keys import key_for
from matchdesk.storage.sqlite_files import (
    damaged_message,
    discard,
    quick_check,
    remove_leftovers,
    replace_into_place,
    sqlite_backup,
    temp_path,
)

IN_USE = ("De database is nog geopend door een ander programma of een collega; sluit MatchDesk daar en "
          "probeer het opnieuw. Er is niets gewijzigd.")


@dataclass(frozen=True)
class Encrypted:
    database: Path
    plaintext_copy: Path  # the plaintext copy kept beside it: the user removes it once all is well
    key_source: str  # sleutelbeheer, sleutelbestand, wachtzin


def encrypt_file(path: Path) -> Encrypted:
    """Convert the plaintext SQLite file at ``path`` into an encrypted one at the same place."""
    path = path.expanduser().resolve()
    if not path.is_file():
        raise UsageError(f"De database {path} bestaat niet.")
    if not cipher.is_plaintext(path):
        raise UsageError(f"{path.name} is al versleuteld (of geen SQLite-bestand); er is niets gewijzigd.")
    if quick_check(path, None):
        raise StorageUnavailable(damaged_message(path), kind="damaged")
    remove_leftovers(path.parent)
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    kept = path.with_name(f"{path.name}.onversleuteld-{stamp}")
    sqlite_backup(path, kept, None)  # owner-only, consistent
    key = key_for(path, create=True)
    temporary = temp_path(path)
    discard(temporary)
    try:
        _export(path, temporary, key)
        _refuse_when_open(path)
        replace_into_place(temporary, path)
    except BaseException:
        discard(temporary)
        raise
    cipher.make_private(path)
    return Encrypted(path, kept, key.source)


def _export(path: Path, temporary: Path, key) -> None:  # noqa: ANN001 - a keys.DatabaseKey
    source = cipher.connect(path, None, isolation_level=None, timeout=5.0)
    try:
        version = source.execute("PRAGMA user_version").fetchone()[0]
        cipher.create_private(temporary)
        literal = str(temporary).replace("'", "''")
        source.execute(f"ATTACH DATABASE '{literal}' AS versleuteld KEY {key.literal}")
        if not source.execute("PRAGMA versleuteld.cipher_version").fetchall():
            raise StorageUnavailable(cipher.NOT_SQLCIPHER, kind="driver")
        source.execute("BEGIN IMMEDIATE")  # nobody writes to the plaintext file meanwhile
        try:
            source.execute("SELECT sqlcipher_export('versleuteld')")
            source.execute(f"PRAGMA versleuteld.user_version = {int(version)}")
            source.execute("COMMIT")
        except BaseException:
            source.execute("ROLLBACK")
            raise
        source.execute("DETACH DATABASE versleuteld")
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        source.close()
    copy = cipher.connect(temporary, key)
    try:
        copy.execute("PRAGMA journal_mode=WAL")
        problems = [row[0] for row in copy.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise StorageUnavailable("De versleutelde kopie is niet in orde; er is niets gewijzigd.")
    finally:
        copy.close()


def _refuse_when_open(path: Path) -> None:
    """The plaintext file's last connection removes its WAL and shared memory; either still there means
    another process has the file open (it would keep writing plaintext into a file that is gone)."""
    if any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-shm")):
        raise StorageUnavailable(IN_USE, kind="busy")
