"""The candidate index's copy in the cache folder: numpy arrays encrypted (AES-GCM) with a key the database holds,
never a pickle. A tampered, foreign or pickle-based file is ignored (and never executed); a good one is taken over
whole; the file's bytes hold no klantnummer or skill."""

import io
import os
import pickle
import stat

import numpy as np
import pytest

from matchdesk.matching.index_file import MAGIC, NONCE, seal, unseal
from matchdesk.services.matching import CACHE_KEY


@pytest.fixture
def open_service(db, today, tmp_path):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import MatchService

    made = []

    def open_one(cache=tmp_path / "cache", database=db):
        service = MatchService(App(database, user="tester", today=today, rulebooks=load_rulebooks()),
                               cache_dir=cache)
        made.append(service)
        return service

    yield open_one
    for service in made:
        service.engine.index.close()


def _ranked(service, today):
    return [r["candidate"] for r in service.rank_for_vacancy("V1", today).results]


def _saved_file(folder):
    files = list(folder.glob("index-*.idx"))
    assert len(files) == 1
    return files[0]


class Boom:
    """Unpickling this would create a file: proof that code ran."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_the_copy_is_taken_over_whole_and_gives_the_same_ranking(open_service, add_vacancy, add_candidate, today,
                                                                   tmp_path):
    add_vacancy("V1", required=["heftruck"], desired=["magazijn"])
    for i in range(6):
        add_candidate(["heftruck"] + (["magazijnwerk", "eigen tekst zonder woordenboek"] if i % 2 else []),
                      wsw=bool(i % 3 == 0))
    first = open_service()
    before = _ranked(first, today)
    first.close()
    path = _saved_file(tmp_path / "cache")
    data = path.read_bytes()
    assert data.startswith(MAGIC) and b"\x80\x04" not in data[:64]  # not a pickle stream
    again = open_service()
    assert again.from_cache
    index, fresh = again.engine.index, first.engine.index
    assert _ranked(again, today) == before
    assert index.row_of == fresh.row_of and index._texts == fresh._texts
    assert sorted(map(str, index.eligibility_facts)) == sorted(map(str, fresh.eligibility_facts))
    assert (index.S != fresh.S).nnz == 0 and (index.W != fresh.W).nnz == 0
    assert list(index.klantnummer) == list(fresh.klantnummer)


@pytest.mark.parametrize("damage", ["flip_payload", "flip_tag", "truncate", "other_key", "old_pickle",
                                    "unsigned_npz"])
def test_a_tampered_foreign_or_pickled_copy_is_ignored(damage, open_service, add_vacancy, add_candidate, today,
                                                       tmp_path, db):

    add_vacancy("V1", required=["heftruck"])
    who = add_candidate(["heftruck"])
    first = open_service()
    _ranked(first, today)
    first.close()
    path = _saved_file(tmp_path / "cache")
    data = bytearray(path.read_bytes())
    marker = tmp_path / "code-ran"
    if damage == "flip_payload":
        data[-100] ^= 0xFF
    elif damage == "flip_tag":  # the nonce, then the GCM tag at the end
        data[len(MAGIC)] ^= 0x01
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "other_key":  # a file made for another database (or by someone without the key)
        payload = unseal(bytes.fromhex(db.meta(CACHE_KEY)), bytes(data))
        assert payload is not None
        data = bytearray(seal(os.urandom(32), payload))
    elif damage == "old_pickle":  # what versions before 3 wrote, with a payload that runs code
        data = bytearray(pickle.dumps({"format": 2, "fingerprint": "x", "state": Boom(str(marker))}))
    elif damage == "unsigned_npz":  # an object array would need pickle to load
        buffer = io.BytesIO()
        np.savez(buffer, document=np.array([Boom(str(marker))], object))
        data = bytearray(MAGIC + bytes(NONCE) + buffer.getvalue())
    path.write_bytes(bytes(data))
    again = open_service()
    assert not again.from_cache
    assert not marker.exists()
    assert _ranked(again, today) == [who]  # built afresh from the database


def test_a_copy_with_an_object_array_is_refused_even_when_signed(open_service, add_vacancy, add_candidate, today,
                                                                  tmp_path, db):
    """Belt and braces: numpy reads the archive with ``allow_pickle=False`` after the signature is checked."""

    add_vacancy("V1", required=["heftruck"])
    add_candidate(["heftruck"])
    first = open_service()
    _ranked(first, today)
    first.close()
    path = _saved_file(tmp_path / "cache")
    marker = tmp_path / "code-ran"
    buffer = io.BytesIO()
    np.savez(buffer, document=np.array([Boom(str(marker))], object))
    key = bytes.fromhex(db.meta(CACHE_KEY))
    payload = buffer.getvalue()
    path.write_bytes(seal(key, payload))
    again = open_service()
    assert not again.from_cache and not marker.exists()


def test_the_copy_is_owner_only_and_erased_rows_are_not_written_again(open_service, add_vacancy, add_candidate,
                                                                      today, tmp_path, db):
    from sqlalchemy import select

    from matchdesk.storage.ids import utcnow
    from matchdesk.storage.models import Candidate

    add_vacancy("V1", required=["heftruck"])
    gone = add_candidate(["heftruck"], klantnummer="7777001")
    stays = add_candidate(["heftruck"], klantnummer="7777002")
    first = open_service()
    assert _ranked(first, today) == [gone, stays] or _ranked(first, today) == [stays, gone]
    with db.unit("tester") as session:  # another process deletes a candidate while this one holds the index
        session.scalars(select(Candidate).where(Candidate.klantnummer == gone)).one().deleted_at = utcnow()
    first.close()  # brought up to date before it is written
    folder = tmp_path / "cache"
    path = _saved_file(folder)
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(path.stat().st_mode) == 0o600
    data = path.read_bytes()
    assert b"7777001" not in data and b"7777002" not in data and b"heftruck" not in data  # encrypted at rest
    payload = unseal(bytes.fromhex(db.meta(CACHE_KEY)), data)
    assert payload is not None and "7777002".encode("utf-32-le") in payload  # the klantnummer array (UTF-32)
    assert all(gone.encode(encoding) not in payload for encoding in ("utf-8", "utf-32-le"))
    again = open_service()
    assert again.from_cache and _ranked(again, today) == [stays]


def test_no_cache_folder_means_no_copy(open_service, add_vacancy, add_candidate, today, tmp_path, monkeypatch):
    from matchdesk.cli.context import _cache_dir

    monkeypatch.setenv("MATCHDESK_NO_CACHE", "1")
    add_vacancy("V1", required=["heftruck"])
    add_candidate(["heftruck"])

    class Local:
        sqlite_path = tmp_path / "x.db"

    assert _cache_dir(Local()) is None
    service = open_service(cache=None)
    _ranked(service, today)
    service.close()
    assert not list(tmp_path.rglob("index-*"))


def test_close_checks_the_database_again_only_after_this_process_wrote_candidates(
        open_service, add_vacancy, add_candidate, today, tmp_path, db, db_target, monkeypatch):
    """Closing writes the copy only when the index changed; the check before that (count, latest change and sum
    of versions of ~1 M rows at 100,000 candidates) is skipped when nothing would be written and this process
    wrote nothing the index reads since its last look: another process's change is seen when the next process
    takes the (stale) copy over."""
    from sqlalchemy import select

    from matchdesk.matching import index_store
    from matchdesk.storage.database import Database
    from matchdesk.storage.ids import utcnow
    from matchdesk.storage.models import Candidate

    add_vacancy("V1", required=["heftruck"])
    first, second, third = (add_candidate(["heftruck"], klantnummer=f"880000{i}") for i in (1, 2, 3))
    opened = open_service()
    _ranked(opened, today)
    opened.close()
    path = _saved_file(tmp_path / "cache")
    checks = []
    real = index_store._read_marks
    monkeypatch.setattr(index_store, "_read_marks", lambda session: checks.append(1) or real(session))

    def deleted(database, klantnummer):
        with database.unit("tester") as session:
            session.scalars(select(Candidate).where(Candidate.klantnummer == klantnummer)).one().deleted_at = utcnow()

    # a ranking and a write elsewhere (a meta row, as an audit entry would be): no second check, nothing written
    service = open_service()
    assert service.from_cache and sorted(_ranked(service, today)) == sorted([first, second, third])
    with db.unit("tester") as session:
        db.set_meta(session, "test_unrelated", "x")
    data, checks[:] = path.read_bytes(), []
    service.close()
    assert checks == [] and path.read_bytes() == data

    # this process deletes a candidate after its last ranking: checked at close and the copy written without it
    service = open_service()
    _ranked(service, today)
    deleted(db, first)
    checks[:] = []
    service.close()
    assert checks == [1] and path.read_bytes() != data
    service = open_service()
    assert service.from_cache and service.warm_up() == 2 and sorted(_ranked(service, today)) == sorted([second, third])
    service.close()

    # another process deletes one: this one's close skips the check, the next start takes the stale copy over and
    # sees the change
    service = open_service()
    _ranked(service, today)
    other = Database.open(db_target)
    try:
        deleted(other, second)
    finally:
        other.dispose()
    checks[:] = []
    service.close()
    assert checks == []
    service = open_service()
    assert service.from_cache and _ranked(service, today) == [third]
