"""The candidate index's copy on disk, so a cold process does not rebuild it: numpy arrays, no pickle, encrypted.

The file is ``MAGIC``, a 96-bit nonce and a ``numpy.savez`` archive (plain dtypes only, read back with
``allow_pickle=False``) sealed with AES-256-GCM (``cryptography``, the well-kept implementation every Python
TLS stack uses; hand-written crypto is not an option). The key is derived (HKDF-SHA256) from a secret that only
the database holds (``services.matching`` keeps it in the ``meta`` table, inside the encrypted database), so the
copy is as unreadable as the database itself (it holds klantnummers and skills), and a file someone else wrote
into the cache folder, a tampered or truncated one, or one made for another database fails authentication and is
ignored before numpy reads a byte of it. Strings and small structures
(klantnummers, skill texts, the eligibility facts, the store's marks) travel as one JSON document inside the
archive; the sparse matrices as their component arrays.

    write_index(index, path, fingerprint, key)        # after a flush; 0600, written beside and renamed
    read_index(index, path, fingerprint, key)         # True when taken over; False leaves ``index`` as it was
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import uuid
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from scipy import sparse

from matchdesk.domain import Categorie, Doelgroep
from matchdesk.matching.index_store import Mark
from matchdesk.rules.facts import CandidateFacts

if TYPE_CHECKING:
    from matchdesk.matching.index import CandidateIndex

# 4: AES-256-GCM; 3 was signed but readable (HMAC-SHA256), 2 a pickle: neither is read again
MAGIC = b"MatchDesk-index-4\n"
NONCE = 12
_ARRAYS = ("alive", "skills_known", "lang", "lat", "lon", "max_km", "hours", "avail", "licences", "licences_known",
           "wish_known", "ontheffing", "elig_key", "order_rank")
_MATRICES = ("S", "G", "O", "W")
_STRINGS = ("klantnummer", "municipality", "doelgroep", "categorie")


def _cipher(key: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"MatchDesk candidate index").derive(key)
    return AESGCM(derived)


def seal(key: bytes, payload: bytes) -> bytes:
    """``MAGIC`` + nonce + AES-GCM ciphertext (with its tag) of ``payload``, the magic authenticated too."""
    nonce = os.urandom(NONCE)
    return MAGIC + nonce + _cipher(key).encrypt(nonce, payload, MAGIC)


def unseal(key: bytes, data: bytes) -> bytes | None:
    """The payload of a sealed file, or None when it is not one of ours for ``key`` (foreign, tampered, old)."""
    head = len(MAGIC)
    if not data.startswith(MAGIC) or len(data) < head + NONCE + 16:
        return None
    try:
        return _cipher(key).decrypt(data[head:head + NONCE], data[head + NONCE:], MAGIC)
    except InvalidTag:
        return None


def write_index(index: CandidateIndex, path: str | os.PathLike[str], fingerprint: str, key: bytes) -> None:
    """Write ``index`` (flushed) for the next process; readable and writable by the user only."""
    index.flush()
    keep = np.flatnonzero(index.alive)  # retired rows (changed, deleted or erased candidates) are not written
    new_row = np.full(len(index.ids), -1, np.int64)
    new_row[keep] = np.arange(len(keep))
    used, elig_key = np.unique(index.elig_key[keep], return_inverse=True)
    arrays: dict[str, np.ndarray] = {name: getattr(index, name)[keep] for name in _ARRAYS}
    arrays["elig_key"] = elig_key.astype(np.int32)
    arrays["order_rank"] = np.argsort(np.argsort(index.klantnummer[keep].astype(str), kind="stable"), kind="stable")
    for name in _MATRICES:
        matrix = getattr(index, name).tocsr()[keep].tocsc()
        arrays[f"{name}_data"], arrays[f"{name}_indices"] = matrix.data, matrix.indices
        arrays[f"{name}_indptr"], arrays[f"{name}_shape"] = matrix.indptr, np.asarray(matrix.shape, np.int64)
    arrays["ids"] = _uuid_array([index.ids[row] for row in keep])
    versions = index.store.versions
    arrays["version_ids"] = _uuid_array(list(versions))
    arrays["versions"] = np.fromiter(versions.values(), np.int64, len(versions))
    texts = {text: [int(new_row[r]) for r in rows if new_row[r] >= 0] for text, rows in index._texts.items()}
    document = {
        "fingerprint": fingerprint,
        "texts": {text: rows for text, rows in texts.items() if rows},
        "facts": [_facts_plain(index.eligibility_facts[i]) for i in used],
        "marks": {table: [m.count, m.latest.isoformat() if m.latest else None, m.versions]
                  for table, m in index.store.marks.items()},
        **{name: [None if v is None else str(v) for v in getattr(index, name)[keep]] for name in _STRINGS},
    }
    arrays["document"] = np.frombuffer(json.dumps(document, ensure_ascii=False).encode(), np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, allow_pickle=False, **arrays)
    payload = buffer.getvalue()
    target = Path(path)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # services.matching made it 0700 already
    temporary = target.with_name(target.name + ".tmp")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
        handle.write(seal(key, payload))
    os.replace(temporary, target)
    index.dirty = False


def read_index(index: CandidateIndex, path: str | os.PathLike[str], fingerprint: str, key: bytes) -> bool:
    """Take over a saved index when it opens with ``key`` and it was made with the same vocabulary,
    places and weights (``fingerprint``); anything else (absent, foreign, tampered, old format) is ignored."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return False
    payload = unseal(key, data)
    if payload is None:
        return False
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as archive:
            state = _state(index, {name: archive[name] for name in archive.files}, fingerprint)
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return False
    if state is None:
        return False
    vars(index).update(state)
    return True


def _state(index: CandidateIndex, arrays: dict[str, np.ndarray], fingerprint: str) -> dict[str, Any] | None:
    document = json.loads(arrays["document"].tobytes().decode())
    if document.get("fingerprint") != fingerprint:
        return None
    state: dict[str, Any] = {name: arrays[name] for name in _ARRAYS}
    widths = {"S": len(index.skill_col), "G": len(index.group_col), "O": len(index.occupation_col), "W": 2 ** 18}
    for name in _MATRICES:
        shape = tuple(int(n) for n in arrays[f"{name}_shape"])
        if len(shape) != 2 or shape[1] != widths[name]:
            return None
        state[name] = sparse.csc_matrix(
            (arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"]), shape=shape)
    ids = [uuid.UUID(bytes=bytes(row)) for row in arrays["ids"]]
    rows = len(ids)
    if any(len(state[n]) != rows for n in _ARRAYS) or any(state[m].shape[0] != rows for m in _MATRICES) \
            or any(len(document[n]) != rows for n in _STRINGS):
        return None
    alive = state["alive"].astype(bool)
    state["ids"] = ids
    state["row_of"] = {ids[row]: int(row) for row in np.flatnonzero(alive)}
    for name in _STRINGS:
        state[name] = np.array(document[name], object)
    state["_texts"] = {str(text): [int(r) for r in found] for text, found in document["texts"].items()}
    facts = [_facts(plain) for plain in document["facts"]]
    state["eligibility_facts"] = facts
    state["_eligibility_keys"] = {_facts_key(f): i for i, f in enumerate(facts)}
    state["_pending"] = []
    state["dirty"] = False
    store = index.store
    store.marks = {table: Mark(int(c), dt.datetime.fromisoformat(latest) if latest else None, int(v))
                   for table, (c, latest, v) in document["marks"].items()}
    store.data_version = None  # another process may have committed since
    store.versions = {uuid.UUID(bytes=bytes(row)): int(v) for row, v in zip(arrays["version_ids"],
                                                                          arrays["versions"], strict=True)}
    return state


def _uuid_array(ids: list[uuid.UUID]) -> np.ndarray:
    return np.frombuffer(b"".join(i.bytes for i in ids), np.uint8).reshape(len(ids), 16)


def _facts_key(f: CandidateFacts) -> tuple[object, ...]:
    """The same key as ``index._eligibility_key`` of a profile with these facts."""
    return (f.municipality, f.doelgroep, f.categorie, f.banenafspraak, f.beschut_indicatie, f.wsw, f.taalachterstand)


def _facts_plain(f: CandidateFacts) -> dict[str, Any]:
    return {"municipality": f.municipality, "doelgroep": None if f.doelgroep is None else str(f.doelgroep),
            "categorie": None if f.categorie is None else str(f.categorie),
            "banenafspraak": f.banenafspraak, "beschut_indicatie": f.beschut_indicatie,
            "ontheffing_until": f.ontheffing_until.isoformat() if f.ontheffing_until else None,
            "wsw": f.wsw, "taalachterstand": f.taalachterstand}


def _facts(plain: dict[str, Any]) -> CandidateFacts:
    until = plain["ontheffing_until"]
    return CandidateFacts(
        municipality=str(plain["municipality"]),
        doelgroep=Doelgroep(plain["doelgroep"]) if plain["doelgroep"] is not None else None,
        categorie=Categorie(plain["categorie"]) if plain["categorie"] is not None else None,
        birth_date=None, banenafspraak=bool(plain["banenafspraak"]),
        beschut_indicatie=bool(plain["beschut_indicatie"]),
        ontheffing_until=dt.date.fromisoformat(until) if until else None,
        wsw=bool(plain["wsw"]), taalachterstand=bool(plain["taalachterstand"]))
