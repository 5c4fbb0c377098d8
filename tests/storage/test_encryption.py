"""Issue 14 item 1: encrypted at rest (SQLCipher), owner-only files, plaintext files read-only until
``matchdesk encrypt``, a wrong or missing key is one Dutch sentence."""

# SQLite only: SQLCipher encryption and file modes of the SQLite file.

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from matchdesk.cli.main import main
from matchdesk.errors import StorageUnavailable
from matchdesk.storage import cipher
from matchdesk.storage.database import Database
from matchdesk.storage.keys import ID_SUFFIX, KEY_FILE_ENV, PASSPHRASE_ENV, SERVICE, key_for
from tests.conftest import TODAY, raw_connect, test_key

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.db"


def _secrets(path: Path) -> list[bytes]:
    """The demo's BSNs and its surnames long enough not to turn up in random bytes by chance."""
    with raw_connect(path) as connection:
        rows = connection.execute("select bsn, achternaam from candidates").fetchall()
    found = {bsn.encode() for bsn, _ in rows if bsn} | {name.encode() for _, name in rows if name and len(name) >= 7}
    assert len(found) > 100
    return sorted(found)


def _leaks(path: Path, secrets: list[bytes]) -> list[bytes]:
    data = path.read_bytes()
    return [secret for secret in secrets if secret in data]


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def _plaintext_copy(source: Path, target: Path) -> Path:
    """The same database as it was before encryption (SQLCipher's export with an empty key)."""
    connection = raw_connect(source)
    connection.execute(f"ATTACH DATABASE '{target}' AS klaar KEY ''")
    connection.execute("SELECT sqlcipher_export('klaar')")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.execute(f"PRAGMA klaar.user_version = {version}")
    connection.execute("DETACH DATABASE klaar")
    connection.close()
    return target


def test_the_demo_its_wal_and_a_backup_hold_no_bsn_or_surname_and_are_owner_only(demo_db_path, tmp_path, capsys):
    secrets = _secrets(demo_db_path)
    db = Database.open(demo_db_path)
    try:
        with db.unit("tester") as session:  # a write, so the WAL holds pages of the candidates table
            session.execute(text("update candidates set updated_by = 'tester'"))
        wal = demo_db_path.with_name(demo_db_path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        assert _leaks(wal, secrets) == []
        assert _private(wal) and _private(demo_db_path.with_name(demo_db_path.name + "-shm"))
    finally:
        db.dispose()
    assert _leaks(demo_db_path, secrets) == [] and _private(demo_db_path)
    backup = tmp_path / "kopie.db"
    assert main(["--db", str(demo_db_path), "backup", str(backup)]) == 0
    assert _leaks(backup, secrets) == [] and _private(backup)
    assert not cipher.is_plaintext(backup)
    # the scan itself finds them where they are readable
    plain = _plaintext_copy(demo_db_path, tmp_path / "plat.db")
    assert _leaks(plain, secrets)


def test_the_ranking_index_copy_holds_no_bsn_surname_klantnummer_or_skill(demo_db_path, tmp_path):
    """The index kept in the cache folder between processes is sealed with a key the database holds."""
    from matchdesk.app import App
    from matchdesk.services.matching import MatchService

    secrets = _secrets(demo_db_path)
    with raw_connect(demo_db_path) as connection:
        klantnummers = [row[0].encode() for row in connection.execute("select klantnummer from candidates")]
        reference = connection.execute("select reference from vacancies order by reference limit 1").fetchone()[0]
        skills = {row[0].encode() for row in connection.execute("select text from candidate_skills")
                  if len(row[0]) >= 8}
    cache = tmp_path / "cache"
    app = App.open(demo_db_path, user="tester", today=TODAY)
    try:
        service = MatchService(app, cache_dir=cache)
        assert service.rank_for_vacancy(reference, TODAY).results
        service.close()
    finally:
        app.close()
    copies = [path for path in cache.rglob("*") if path.is_file()]
    assert copies and all(_private(path) for path in copies)
    for path in copies:
        assert _leaks(path, secrets) == [] and _leaks(path, klantnummers) == [] and _leaks(path, sorted(skills)) == []


def test_a_new_database_is_encrypted_and_owner_only(tmp_path):
    path = tmp_path / "nieuw.db"
    Database.open(path, create=True).dispose()
    assert not cipher.is_plaintext(path) and _private(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("select count(*) from sqlite_master").fetchone()


def test_a_plaintext_file_opens_read_only_and_encrypt_converts_it(demo_db_path, tmp_path, capsys):
    path = _plaintext_copy(demo_db_path, tmp_path / "oud.db")
    before = path.read_bytes()
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "stats", "--json"]) == 0
    captured = capsys.readouterr()
    assert "niet versleuteld" in captured.err and "matchdesk" in captured.err and "encrypt" in captured.err
    stats = captured.out
    vacancy = _first_vacancy(demo_db_path)
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "rank", "--vacancy", vacancy]) == 2  # audits
    assert "niet versleuteld" in capsys.readouterr().err
    assert path.read_bytes() == before  # nothing written

    assert main(["--db", str(path), "encrypt"]) == 0
    captured = capsys.readouterr()
    assert "versleuteld" in captured.out and "onversleuteld-" in captured.err
    assert not cipher.is_plaintext(path) and _private(path)
    kept = list(tmp_path.glob("oud.db.onversleuteld-*"))
    assert len(kept) == 1 and _private(kept[0]) and kept[0].read_bytes()[:16] == cipher.SQLITE_HEADER
    assert _leaks(path, _secrets(demo_db_path)) == []
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "stats", "--json"]) == 0
    assert capsys.readouterr().out == stats
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "rank", "--vacancy", vacancy, "--top", "5"]) == 0
    capsys.readouterr()
    with raw_connect(path) as connection:
        assert connection.execute("select count(*) from audit_log where action = 'versleuteld'").fetchone() == (1,)
    assert main(["--db", str(path), "encrypt"]) == 0
    assert "al versleuteld" in capsys.readouterr().out


def _first_vacancy(path: Path) -> str:
    with raw_connect(path) as connection:
        return connection.execute("select reference from vacancies order by reference").fetchone()[0]


def test_an_old_plaintext_file_is_refused_then_converted_and_migrated_with_an_encrypted_backup(tmp_path):
    path = tmp_path / "oud.db"
    path.write_bytes(FIXTURE.read_bytes())
    with pytest.raises(StorageUnavailable, match="niet versleuteld") as refused:
        Database.open(path)
    assert refused.value.kind == "plaintext" and path.read_bytes() == FIXTURE.read_bytes()
    assert main(["--db", str(path), "encrypt"]) == 0
    backups = list(tmp_path.glob("oud.db.bak-0001-*"))
    assert len(backups) == 1 and not cipher.is_plaintext(backups[0]) and _private(backups[0])
    with raw_connect(backups[0]) as connection:
        assert connection.execute("select count(*) from candidates").fetchone() == (3,)


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "matchdesk", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_a_wrong_key_is_one_dutch_sentence_exit_2_without_sqlcipher_noise(db_path, tmp_path):
    other = tmp_path / "ander.sleutel"
    other.write_text("ab" * 32)
    other.chmod(0o600)
    done = _run(["--db", str(db_path), "stats"], {**os.environ, KEY_FILE_ENV: str(other)})
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "De sleutel past niet bij matchdesk.db" in lines[0], done.stderr
    assert "ERROR" not in done.stderr and "hmac" not in done.stderr and "Traceback" not in done.stderr


def test_without_a_credential_store_and_without_a_key_it_is_a_dutch_message(db_path):
    env = {k: v for k, v in os.environ.items() if k not in (KEY_FILE_ENV, PASSPHRASE_ENV)}
    done = _run(["--db", str(db_path), "stats"], env)
    assert done.returncode == 2 and "MATCHDESK_KEY_FILE" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_key_file_readable_by_others_is_refused(tmp_path, monkeypatch):
    loose = tmp_path / "los.sleutel"
    loose.write_text("cd" * 32)
    loose.chmod(0o644)
    monkeypatch.setenv(KEY_FILE_ENV, str(loose))
    with pytest.raises(StorageUnavailable, match="chmod 600"):
        Database.open(tmp_path / "x.db", create=True)


def test_a_passphrase_is_stretched_with_a_salt_beside_the_database(tmp_path, monkeypatch):
    suite = test_key()
    monkeypatch.delenv(KEY_FILE_ENV)
    monkeypatch.setenv(PASSPHRASE_ENV, "correct paard batterij niet")
    path = tmp_path / "wachtzin.db"
    Database.open(path, create=True).dispose()
    side = path.with_name(path.name + ID_SUFFIX)
    assert side.exists() and _private(side) and "zout" in side.read_text()
    key = key_for(path)
    assert key.source == "wachtzin" and key.hex != suite.hex
    Database.open(path).dispose()
    monkeypatch.setenv(PASSPHRASE_ENV, "verkeerd")
    with pytest.raises(StorageUnavailable, match="sleutel past niet") as wrong:
        Database.open(path)
    assert wrong.value.kind == "key"


def test_a_key_in_the_credential_store_is_found_by_the_id_beside_the_database(tmp_path, monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        stored: dict = {}

        def get_password(self, service, username):
            return self.stored.get((service, username))

        def set_password(self, service, username, password):
            self.stored[(service, username)] = password

        def delete_password(self, service, username):
            self.stored.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        monkeypatch.delenv(KEY_FILE_ENV)
        path = tmp_path / "kluis.db"
        Database.open(path, create=True).dispose()
        (service, ident), value = next(iter(Memory.stored.items()))
        assert service == SERVICE and ident in path.with_name(path.name + ID_SUFFIX).read_text()
        assert key_for(path).hex == value and key_for(path).source == "sleutelbeheer"
        backup = tmp_path / "kopie.db"
        assert main(["--db", str(path), "backup", str(backup)]) == 0
        assert key_for(backup).hex == value  # the copy carries the id of its key
        recovery = tmp_path / "herstel.sleutel"
        assert main(["--db", str(path), "encrypt", "--herstelsleutel", str(recovery)]) == 0
        assert recovery.read_text().strip() == value and _private(recovery)
    finally:
        keyring.set_keyring(previous)


def test_a_driver_without_sqlcipher_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(cipher, "driver", sqlite3)
    path = tmp_path / "plat.db"
    with pytest.raises(StorageUnavailable, match="SQLCipher") as refused:
        Database.open(path, create=True)
    assert refused.value.kind == "driver"
    assert not path.exists() or path.stat().st_size == 0
