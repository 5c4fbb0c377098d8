"""Where a database's key comes from: the OS credential store, a key file, or a passphrase.

Each SQLite database MatchDesk creates gets its own random 256-bit key, used raw (``PRAGMA key =
"x'<64 hex>'"``: no key stretching, the key is already random). The key is looked up in this order:

1. the OS credential store through ``keyring``: service ``MatchDesk``, user name the database's id, a
   random id kept beside the database in ``<db>.sleutel-id`` (JSON, no secret in it). The id moves with
   the file (``matchdesk backup`` writes one beside every copy), so a moved or restored database keeps
   its key. On Windows the key goes to the Credential Manager with *local machine* persistence
   (``CRED_PERSIST_LOCAL_MACHINE``, set on keyring's WinVault backend below): it stays on this laptop and
   never roams with the profile. On Linux it is the Secret Service (GNOME Keyring, KWallet);
2. ``MATCHDESK_KEY_FILE``: a file holding the key as 64 hexadecimal characters, readable by its owner only
   (0600). For a server or CI without a credential store, and the form in which IT keeps a recovery copy;
3. ``MATCHDESK_PASSPHRASE``: stretched with scrypt (n=2**15, r=8, p=1) and a random salt kept in
   ``<db>.sleutel-id``.

A new database with a usable credential store and neither variable set gets a fresh random key stored
there. With no credential store and neither variable, MatchDesk stops with a Dutch message (exit 2).
IT's recovery copy (like a BitLocker recovery key): ``matchdesk encrypt --herstelsleutel BESTAND`` writes
the key in the key-file form (``export_key``), to be kept where IT keeps recovery keys; with it,
``MATCHDESK_KEY_FILE`` opens the database (or a backup of it) on any machine.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from matchdesk.errors import StorageUnavailable

SERVICE = "MatchDesk"
ID_SUFFIX = ".sleutel-id"
KEY_FILE_ENV = "MATCHDESK_KEY_FILE"
PASSPHRASE_ENV = "MATCHDESK_PASSPHRASE"
_HEX = re.compile(r"[0-9a-fA-F]{64}")
_SCRYPT = {"n": 2**15, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}

NO_KEY = ("Er is geen sleutel voor de versleutelde database: dit systeem heeft geen sleutelbeheer (keyring); "
          f"zet {KEY_FILE_ENV} (een bestand met de sleutel als 64 hexadecimale tekens, alleen voor jou "
          f"leesbaar) of {PASSPHRASE_ENV}.")


@dataclass(frozen=True)
class DatabaseKey:
    """A raw 256-bit SQLCipher key and where it came from (``sleutelbeheer``, ``sleutelbestand``, ``wachtzin``)."""

    hex: str
    source: str

    def __repr__(self) -> str:  # never the key itself in a log or a traceback
        return f"DatabaseKey(source={self.source!r})"

    @property
    def pragma(self) -> str:
        return f"PRAGMA key = \"x'{self.hex}'\""

    @property
    def literal(self) -> str:
        """The key as a blob literal for ``ATTACH ... KEY``."""
        return f"\"x'{self.hex}'\""


@dataclass(frozen=True)
class SideFile:
    """``<db>.sleutel-id``: the database's id in the credential store and the passphrase's salt."""

    id: str
    salt: str

    @staticmethod
    def new() -> SideFile:
        return SideFile(id=secrets.token_hex(16), salt=secrets.token_hex(16))


def side_path(database: Path) -> Path:
    return database.with_name(database.name + ID_SUFFIX)


def read_side(database: Path) -> SideFile | None:
    try:
        data = json.loads(side_path(database).read_text(encoding="utf-8"))
        return SideFile(id=str(data["id"]), salt=str(data["zout"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_side(database: Path, side: SideFile) -> None:
    write_private(side_path(database), json.dumps({"id": side.id, "zout": side.salt}) + "\n")


def copy_side(source: Path, target: Path) -> None:
    """Give a copy of ``source`` (a backup) the same id and salt: it has the same key."""
    side = read_side(source)
    if side is not None:
        write_side(target, side)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the owner only (0600), whole or not at all."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.matchdesk-tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


# -- the credential store ---------------------------------------------------------------------------------
def _store():  # noqa: ANN202 - keyring's backend object, or None when there is no usable store
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is the same as none
        return None
    if isinstance(backend, fail.Keyring):
        return None
    if hasattr(backend, "persist"):  # Windows Credential Manager: this machine only, never roaming
        with contextlib.suppress(Exception):
            backend.persist = "local machine"
    return backend


def _stored_key(side: SideFile | None) -> str | None:
    backend = _store() if side is not None else None
    if backend is None or side is None:
        return None
    try:
        value = backend.get_password(SERVICE, side.id)
    except Exception:  # locked keyring, no D-Bus session: fall through to the variables
        return None
    return value if value and _HEX.fullmatch(value) else None


def _store_new_key(database: Path) -> DatabaseKey | None:
    backend = _store()
    if backend is None:
        return None
    side = read_side(database) or SideFile.new()
    value = secrets.token_hex(32)
    try:
        backend.set_password(SERVICE, side.id, value)
    except Exception:
        return None
    write_side(database, side)
    return DatabaseKey(value, "sleutelbeheer")


# -- the variables ------------------------------------------------------------------------------------------
def _key_from_file(text: str) -> DatabaseKey:
    path = Path(text).expanduser()
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            raise StorageUnavailable(f"Het sleutelbestand {path} is leesbaar voor anderen; maak het alleen voor "
                                     f"jou leesbaar (chmod 600 {path}).", kind="key")
        value = path.read_text(encoding="utf-8").strip()
    except OSError:
        raise StorageUnavailable(f"Het sleutelbestand {path} ({KEY_FILE_ENV}) kan niet worden gelezen.",
                                 kind="key") from None
    if not _HEX.fullmatch(value):
        raise StorageUnavailable(f"Het sleutelbestand {path} ({KEY_FILE_ENV}) bevat geen sleutel van 64 "
                                 "hexadecimale tekens.", kind="key")
    return DatabaseKey(value.lower(), "sleutelbestand")


def _key_from_passphrase(passphrase: str, database: Path, create: bool) -> DatabaseKey:
    side = read_side(database)
    if side is None:
        if not create:
            raise StorageUnavailable(f"Bij de wachtzin hoort het bestand {side_path(database).name} naast de "
                                     "database; het ontbreekt, zet het terug.", kind="key")
        side = SideFile.new()
        write_side(database, side)
    derived = hashlib.scrypt(passphrase.encode("utf-8"), salt=bytes.fromhex(side.salt), **_SCRYPT)
    return DatabaseKey(derived.hex(), "wachtzin")


def key_for(database: Path, *, create: bool = False) -> DatabaseKey:
    """The key of the (encrypted) database at ``database``; ``create`` for a new file: then a new key is made
    in the credential store when neither variable is set."""
    stored = _stored_key(read_side(database))
    if stored is not None:
        return DatabaseKey(stored.lower(), "sleutelbeheer")
    key_file = os.environ.get(KEY_FILE_ENV)
    if key_file:
        return _key_from_file(key_file)
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        return _key_from_passphrase(passphrase, database, create)
    if create:
        made = _store_new_key(database)
        if made is not None:
            return made
    elif _store() is not None:
        raise StorageUnavailable(f"De sleutel van {database.name} staat niet in het sleutelbeheer van dit "
                                 f"systeem; zet {KEY_FILE_ENV} op de herstelsleutel van de beheerder.", kind="key")
    raise StorageUnavailable(NO_KEY, kind="key")


def export_key(key: DatabaseKey, target: Path) -> Path:
    """The key in the form ``MATCHDESK_KEY_FILE`` reads (64 hex characters, 0600): IT's recovery copy."""
    write_private(target, key.hex + "\n")
    return target
