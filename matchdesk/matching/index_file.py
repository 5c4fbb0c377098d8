"""The candidate index's copy on disk, so a cold process does not rebuild it: numpy arrays, no pickle, encrypted.

The file is ``MAGIC``, a 96-bit nonce and a ``numpy.savez`` archive (plain dtypes only, read back with
``allow_pickle=False``) sealed with AES-256-GCM (``cryptography``, the well-kept implementation every Python
TLS stack uses; hand-written crypto is not an option). The key is derived (HKDF-SHA256) from a secret that only
the database holds (``services.matching`` keeps it in the ``meta`` table, inside the encrypted database), so the
copy is as unreadable as the database itself (it holds klantnummers and skills), and a file someone else wrote
into the cache folder, a tampered or truncated one, or one made for another database fails authentication and is
ignored before numpy reads a byte of it.

The archive holds only arrays (format 5): ids as 16 bytes each, row versions, the sparse skill / group /
occupation matrices as their component arrays, the per-row numbers and flags, short strings as numpy unicode
arrays, each distinct wish text's hashed vector once (``wish_vectors``, ``wish_of_row``), the (row, skill text)
pairs; one small JSON document names the distinct wish and skill texts, the eligibility facts and the store's
marks (the database's data version the copy was made at: a start takes the copy over and re-reads only the
candidates changed since). Written in a canonical form (live rows in id order, distinct values sorted), so an
index kept up to date row by row writes the same arrays as one built afresh.

    write_index(index, path, fingerprint, key)        # after a flush; 0600, written beside and renamed
    read_index(index, path, fingerprint, key)         # True when taken over; False leaves ``index`` as it was
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from scipy import sparse

from matchdesk.matching.index_build import ID, distinct_sorted
from matchdesk.matching.index_store import Mark

if TYPE_CHECKING:
    from matchdesk.matching.index import CandidateIndex

# 5: plain arrays built from columns (wish vectors per distinct text); 4 had per-row wish vectors and a JSON map
# of skill texts; 4 and 5 are AES-256-GCM, 3 was signed but readable (HMAC-SHA256), 2 a pickle: none read again
MAGIC = b"MatchDesk-index-5\n"
NONCE = 12
_MATRICES = ("S", "G", "O", "wish_vectors")


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
        # a view, not a slice: slicing would copy the whole ciphertext (43 MB at 100,000) for the decryption
        return _cipher(key).decrypt(data[head:head + NONCE], memoryview(data)[head + NONCE:], MAGIC)
    except InvalidTag:
        return None


def canonical(index: CandidateIndex) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and the JSON document the file holds: live rows in id order, distinct wish texts, skill texts
    and eligibility facts sorted (so the same candidates give the same arrays however the index got there)."""
    from matchdesk.matching.index import ROW_ARRAYS, STRINGS

    keep = index._live_rows  # live rows, in id order
    new_row = np.full(len(index.id_bytes), -1, np.int64)
    new_row[keep] = np.arange(len(keep))
    arrays: dict[str, np.ndarray] = {name: getattr(index, name)[keep] for name in (*ROW_ARRAYS, *STRINGS)}
    arrays["ids"] = np.frombuffer(index.id_bytes[keep].tobytes(), np.uint8).reshape(len(keep), 16)
    arrays["version"] = index.version[keep]
    arrays["order_rank"] = np.argsort(np.argsort(arrays["klantnummer"], kind="stable"), kind="stable")
    keys = list(index._eligibility_keys)
    facts_order, arrays["elig_key"] = _sorted_codes(arrays["elig_key"], [json.dumps(_plain_key(k)) for k in keys])
    wish_names = list(index.wish_texts)
    wish_order, arrays["wish_of_row"] = _sorted_codes(index.wish_of_row[keep], wish_names)
    text_names = list(index.skill_texts)
    moved = new_row[index.text_row]
    kept = moved >= 0
    text_order, text_id = _sorted_codes(index.text_id[kept], text_names)
    pairs = distinct_sorted(moved[kept] * max(len(text_order), 1) + text_id)
    arrays["text_row"] = (pairs // max(len(text_order), 1)).astype(np.int32)
    arrays["text_id"] = (pairs % max(len(text_order), 1)).astype(np.int32)
    matrices = {"S": index.S.tocsr()[keep], "G": index.G.tocsr()[keep], "O": index.O.tocsr()[keep],
                "wish_vectors": index.wish_vectors.tocsr()[wish_order]}
    for name, matrix in matrices.items():
        matrix = matrix.tocsc()
        matrix.sort_indices()
        arrays[f"{name}_data"], arrays[f"{name}_indices"] = matrix.data, matrix.indices
        arrays[f"{name}_indptr"], arrays[f"{name}_shape"] = matrix.indptr, np.array(matrix.shape, np.int64)
    document = {
        "facts": [_plain_key(keys[k]) for k in facts_order.tolist()],
        "wish_texts": [wish_names[k] for k in wish_order.tolist()],
        "skill_texts": [text_names[k] for k in text_order.tolist()],
        "marks": {table: [m.count, m.latest.isoformat() if m.latest else None, m.versions]
                  for table, m in index.store.marks.items()},
    }
    return arrays, document


def _sorted_codes(codes: np.ndarray, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(the used codes in the order of their names, ``codes`` renumbered into that order)."""
    used = distinct_sorted(codes)
    order = used[np.argsort(np.array([names[k] for k in used.tolist()], str), kind="stable")] if len(used) else used
    renumber = np.zeros(max(len(names), 1), np.int64)
    renumber[order] = np.arange(len(order))
    return order.astype(np.int64), renumber[codes].astype(np.int32)


def _plain_key(key: tuple[object, ...]) -> list[Any]:
    municipality, doelgroep, categorie, *flags = key
    return [str(municipality), None if doelgroep is None else str(doelgroep),
            None if categorie is None else str(categorie), *(bool(f) for f in flags)]


def write_index(index: CandidateIndex, path: str | os.PathLike[str], fingerprint: str, key: bytes) -> None:
    """Write ``index`` for the next process (retired rows left out); readable and writable by the user only."""
    arrays, document = canonical(index)
    document["fingerprint"] = fingerprint
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
    del data  # the sealed bytes go before the arrays are made: one copy of the index fewer at the peak
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
    index._relookup()
    return True


def _state(index: CandidateIndex, arrays: dict[str, np.ndarray], fingerprint: str) -> dict[str, Any] | None:
    from matchdesk.matching.index import ROW_ARRAYS, STRINGS
    from matchdesk.matching.index_values import facts_of_key

    document = json.loads(arrays["document"].tobytes().decode())
    if document.get("fingerprint") != fingerprint:
        return None
    rows = len(arrays["ids"])
    state: dict[str, Any] = {name: arrays[name] for name in (*ROW_ARRAYS, *STRINGS, "version", "order_rank",
                                                             "wish_of_row", "text_row", "text_id")}
    widths = {"S": len(index.skill_col), "G": len(index.group_col), "O": len(index.occupation_col),
              "wish_vectors": index.scorer.text.n_features}
    heights = {"S": rows, "G": rows, "O": rows, "wish_vectors": len(document["wish_texts"])}
    for name in _MATRICES:
        shape = tuple(int(n) for n in arrays[f"{name}_shape"])
        if shape != (heights[name], widths[name]):
            return None
        state[name] = sparse.csc_matrix(
            (arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"]), shape=shape)
    if arrays["ids"].shape != (rows, 16) or any(len(state[n]) != rows for n in (*ROW_ARRAYS, *STRINGS, "version")) \
            or any(arrays[n].dtype.kind not in "US" for n in STRINGS):
        return None
    if len(state["text_row"]) and (state["text_row"].max() >= rows
                                   or state["text_id"].max() >= len(document["skill_texts"])):
        return None
    keys = [(m, d, k, *flags) for m, d, k, *flags in document["facts"]]
    if (len(state["elig_key"]) and state["elig_key"].max() >= len(keys)) \
            or (len(state["wish_of_row"]) and state["wish_of_row"].max() >= len(document["wish_texts"])):
        return None
    state["id_bytes"] = np.ascontiguousarray(arrays["ids"]).view(ID).reshape(rows)
    state["alive"] = state["alive"].astype(bool)
    state["wish_texts"] = {str(t): i for i, t in enumerate(document["wish_texts"])}
    state["skill_texts"] = {str(t): i for i, t in enumerate(document["skill_texts"])}
    state["_eligibility_keys"] = {key: i for i, key in enumerate(keys)}
    state["eligibility_facts"] = [facts_of_key(key) for key in keys]
    state["_text_matrix"] = None
    state["dirty"] = False
    store = index.store
    store.marks = {table: Mark(int(c), dt.datetime.fromisoformat(latest) if latest else None, int(v))
                   for table, (c, latest, v) in document["marks"].items()}
    store.data_version = None  # another process may have committed since
    return state
