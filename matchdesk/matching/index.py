"""The candidate index's array half: canonical skills, groups, levels, places and wishes as numpy / scipy-sparse
arrays, and the vectorised score over them.

A query is vectorised work only (``score``); explanations are made afterwards, for returned rows only.
Rows are made from plain columns (``index_build``: no ORM rows, no profile object per candidate) and held as
arrays only: ids as one S16 array (``ids`` gives uuid.UUID on access), row versions, sparse skill / group /
occupation rows, numbers, flags and short strings; each distinct wish text's hashed vector is held once
(``wish_vectors``, gathered per row through ``wish_of_row``). The database half (``index_store.IndexStore``:
high-water marks, what changed, reading columns) keeps the arrays up to date through ``refresh``: a changed
candidate's old row is retired and a new row appended; ``compact`` drops retired rows. The saved copy
(``index_file``) holds the same arrays.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from matchdesk.licences import CODES
from matchdesk.matching.components import Scorer, VacancyTerms
from matchdesk.matching.geo import distances_km
from matchdesk.matching.index_build import ID, Block, BlockBuilder, as_uuid, id_array, member
from matchdesk.matching.index_file import read_index, write_index
from matchdesk.matching.index_store import IndexStore
from matchdesk.matching.index_values import IdColumn, facts_of_key, profile_columns
from matchdesk.matching.profiles import LANGUAGE_SKILLS, CandidateProfile
from matchdesk.matching.resolve import Resolution
from matchdesk.matching.weights import COMPONENTS
from matchdesk.rules.facts import CandidateFacts
from matchdesk.vocabulary import normalize_term

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass
class Scores:
    """Per-row component values (after unknown substitution) and flags for one vacancy."""

    rows: np.ndarray
    values: dict[str, np.ndarray]
    unknown: dict[str, np.ndarray]
    total: np.ndarray
    distance: np.ndarray


ROW_ARRAYS = ("alive", "skills_known", "lang", "lat", "lon", "max_km", "hours", "avail", "licences", "licences_known",
              "wish_known", "ontheffing", "elig_key")
STRINGS = ("klantnummer", "municipality", "doelgroep", "categorie")  # numpy unicode arrays, '' for none
MATRICES = ("S", "G", "O")


class CandidateIndex:
    """One row per candidate read (a retired row stays, not ``alive``, until ``compact``). Per row only arrays:
    ids (S16), versions, sparse skill / group / occupation rows, numbers, flags and short strings; what is per
    distinct value (wish texts with their hashed vectors, skill texts, eligibility facts) is held once."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.store = IndexStore()
        vocabulary = scorer.resolver.vocabulary
        self.skill_col = {sid: i for i, sid in enumerate(sorted(vocabulary.skills))}
        groups = sorted({s.group for s in vocabulary.skills.values()})
        self.group_col = {g: i for i, g in enumerate(groups)}
        self.licence_codes = list(CODES)
        self.occupation_col = scorer.occupations.column
        self.builder = BlockBuilder(scorer, self.skill_col, self.group_col, self.licence_codes)
        self.dirty = False  # changed since it was loaded from or saved to disk
        self._init_arrays()

    # --- storage of rows ------------------------------------------------------------------------------
    def _init_arrays(self) -> None:
        n_skills, n_groups = len(self.skill_col), len(self.group_col)
        self.id_bytes = np.zeros(0, ID)
        self.version = np.zeros(0, np.int64)
        self.S = sparse.csc_matrix((0, n_skills), dtype=np.float32)
        self.G = sparse.csc_matrix((0, n_groups), dtype=np.float32)
        self.O = sparse.csc_matrix((0, len(self.occupation_col)), dtype=np.float32)
        self.alive = np.zeros(0, bool)
        self.skills_known = np.zeros(0, bool)
        self.lang = np.zeros((0, len(LANGUAGE_SKILLS)), np.int8)
        self.lat = np.zeros(0)
        self.lon = np.zeros(0)
        self.max_km = np.zeros(0)
        self.hours = np.zeros(0)
        self.avail = np.zeros(0)
        self.licences = np.zeros((0, len(self.licence_codes)), bool)
        self.licences_known = np.zeros(0, bool)
        self.wish_known = np.zeros(0, bool)
        self.ontheffing = np.zeros(0)
        self.elig_key = np.zeros(0, np.int32)
        self.klantnummer = np.zeros(0, str)
        self.municipality = np.zeros(0, str)  # lower case
        self.doelgroep = np.zeros(0, str)
        self.categorie = np.zeros(0, str)
        self.order_rank = np.zeros(0, np.int64)
        # per distinct wish text: its hashed vector (a row of ``wish_vectors``); per row the text's number
        self.wish_texts: dict[str, int] = {}
        self.wish_vectors = sparse.csc_matrix((0, self.scorer.text.n_features), dtype=np.float32)
        self.wish_of_row = np.zeros(0, np.int32)
        # distinct normalised skill texts, and (row, text) pairs: the fuzzy match of unresolved wanted skills
        self.skill_texts: dict[str, int] = {}
        self.text_row = np.zeros(0, np.int32)
        self.text_id = np.zeros(0, np.int32)
        self._text_matrix: sparse.csc_matrix | None = None
        self._eligibility_keys: dict[tuple[object, ...], int] = {}
        self.eligibility_facts: list[CandidateFacts] = []
        self._live_ids = np.zeros(0, ID)  # sorted ids of the live rows, and their rows: the id -> row lookup
        self._live_rows = np.zeros(0, np.int64)

    def __len__(self) -> int:
        return int(self.alive.sum())

    @property
    def ids(self) -> IdColumn:
        return IdColumn(self.id_bytes)

    @property
    def row_of(self) -> dict[uuid.UUID, int]:
        """{id: row} of the live rows, made on demand (the index itself looks rows up in arrays: ``rows_of``)."""
        return {as_uuid(i): int(r) for i, r in zip(self._live_ids, self._live_rows, strict=True)}

    @property
    def W(self) -> sparse.csc_matrix:  # noqa: N802 - the name of the matrix before wish texts were held once
        """Every row's wish vector (made on demand; the index holds each distinct text's vector once)."""
        return self.wish_vectors.tocsr()[self.wish_of_row].tocsc()

    @property
    def _texts(self) -> dict[str, list[int]]:
        """{normalised skill text: rows having it} (made on demand from the (row, text) pairs)."""
        names = list(self.skill_texts)
        found: dict[str, list[int]] = {}
        for row, text in zip(self.text_row.tolist(), self.text_id.tolist(), strict=True):
            found.setdefault(names[text], []).append(row)
        return found

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """The live row of each id (S16 array); -1 for an id not indexed."""
        if not len(self._live_ids):
            return np.full(len(ids), -1, np.int64)
        where = np.searchsorted(self._live_ids, ids)
        return np.where(member(self._live_ids, where, ids), self._live_rows[np.minimum(where, len(self._live_ids) - 1)],
                        -1)

    def nbytes(self) -> int:
        total = 0
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
            elif sparse.issparse(value):
                total += value.data.nbytes + value.indices.nbytes + value.indptr.nbytes
        return total

    def _relookup(self) -> None:
        live = np.flatnonzero(self.alive)
        order = np.argsort(self.id_bytes[live], kind="stable")
        self._live_ids, self._live_rows = self.id_bytes[live][order], live[order]
        self._text_matrix = None

    def retire(self, ids: np.ndarray | Iterable[uuid.UUID]) -> None:
        """Retire the live rows of these ids (S16 array or uuids)."""
        wanted = ids if isinstance(ids, np.ndarray) else id_array(list(ids))
        rows = self.rows_of(wanted)
        rows = rows[rows >= 0]
        if len(rows):
            self.alive[rows] = False
            self._relookup()

    def add_profiles(self, profiles: Sequence[CandidateProfile]) -> None:
        """Index these profiles (replacing rows of the same ids): for callers that hold profiles, not rows."""
        self.add_block(self.builder.build(profile_columns(profiles)))

    def flush(self) -> None:
        """Nothing waits: rows are added whole (``add_block``). Kept for callers of the earlier index."""

    def add_block(self, block: Block) -> None:
        """Retire the old rows of the block's candidates and append the block's rows."""
        self.retire(block.ids)
        start, n = len(self.id_bytes), len(block)
        wish_code = self._numbers(self.wish_texts, block.wish_texts)
        new = [i for i, text in enumerate(block.wish_texts) if wish_code[i] >= self.wish_vectors.shape[0]]
        if new:
            vectors = self.scorer.text.vectors([block.wish_texts[i] for i in new])
            self.wish_vectors = sparse.vstack([self.wish_vectors.tocsr(), vectors]).tocsc()
        text_code = self._numbers(self.skill_texts, block.skill_texts)
        facts_code = self._numbers(self._eligibility_keys, block.eligibility)
        added = list(self._eligibility_keys)[len(self.eligibility_facts):]
        self.eligibility_facts += [facts_of_key(key) for key in added]
        cat = np.concatenate
        self.id_bytes, self.version = cat([self.id_bytes, block.ids]), cat([self.version, block.version])
        for name in MATRICES:
            setattr(self, name, sparse.vstack([getattr(self, name).tocsr(), getattr(block, name)]).tocsc())
        for name in ROW_ARRAYS:
            setattr(self, name, cat([getattr(self, name), block.arrays[name]]))
        self.elig_key[start:] = facts_code[block.elig_key]
        for name in STRINGS:
            setattr(self, name, cat([getattr(self, name), block.strings[name]]))
        self.wish_of_row = cat([self.wish_of_row, wish_code[block.wish_of_row].astype(np.int32)])
        self.text_row = cat([self.text_row, (block.text_row + start).astype(np.int32)])
        self.text_id = cat([self.text_id, text_code[block.text_id].astype(np.int32)])
        self.order_rank = np.empty(len(self.id_bytes), np.int64)
        self.order_rank[np.argsort(self.klantnummer, kind="stable")] = np.arange(len(self.id_bytes))
        self._relookup()
        if n:
            self.dirty = True

    @staticmethod
    def _numbers(known: dict[Any, int], names: Sequence[Any]) -> np.ndarray:
        """The index's number of each name, adding the new ones to ``known``."""
        return np.fromiter((known.setdefault(name, len(known)) for name in names), np.int64, len(names))

    def compact(self) -> None:
        """Drop retired rows and put the rows in id order, as a full build has them (distinct texts and
        eligibility facts keep their numbers: the engine's knock-out tables are per fact number)."""
        keep = self._live_rows  # live rows in id order
        if len(keep) == len(self.id_bytes) and np.array_equal(keep, np.arange(len(keep))):
            return
        new_row = np.full(len(self.id_bytes), -1, np.int64)
        new_row[keep] = np.arange(len(keep))
        self.id_bytes, self.version = self.id_bytes[keep], self.version[keep]
        for name in MATRICES:
            setattr(self, name, getattr(self, name).tocsr()[keep].tocsc())
        for name in (*ROW_ARRAYS, *STRINGS, "wish_of_row", "order_rank"):
            setattr(self, name, getattr(self, name)[keep])
        self.order_rank = np.argsort(np.argsort(self.order_rank, kind="stable"), kind="stable")
        moved = new_row[self.text_row]
        order = np.lexsort((self.text_id[moved >= 0], moved[moved >= 0]))
        self.text_row = moved[moved >= 0][order].astype(np.int32)
        self.text_id = self.text_id[moved >= 0][order]
        self._relookup()

    # --- the vectorised score -------------------------------------------------------------------------
    def _skill_credit(self, wanted: Sequence[Resolution], rows: np.ndarray) -> tuple[np.ndarray, bool]:
        """Mean credit per row over the wanted skills (exact 1, related, unresolved text by fuzzy text)."""
        if not wanted:
            return np.ones(len(rows)), False
        w, total = self.scorer.weights, np.zeros(len(rows))
        for r in wanted:
            if r.skill_id:
                col = self.skill_col.get(r.skill_id)
                exact = self.S[:, col].toarray().ravel()[rows] if col is not None else np.zeros(len(rows))
                skill = self.scorer.resolver.canonical(r.skill_id)
                if skill.licence:  # a licence is held or not: no credit for a related one (as components)
                    total += exact
                    continue
                related = self.G[:, self.group_col[skill.group]].toarray().ravel()[rows] * w.related_credit
                total += np.maximum(exact, related)
            else:
                total += self._text_hits(normalize_term(r.input))[rows]
        return total / len(wanted), True

    def _text_hits(self, key: str) -> np.ndarray:
        """1.0 for each row with a skill text close to ``key`` (rapidfuzz token set ratio), else 0."""
        hit = np.zeros(len(self.id_bytes))
        found = [column for _text, _score, column in process.extract(
            key, list(self.skill_texts), scorer=fuzz.token_set_ratio, score_cutoff=self.scorer.weights.fuzzy_cutoff,
            limit=None)]
        if found:
            if self._text_matrix is None:
                self._text_matrix = sparse.csc_matrix(
                    (np.ones(len(self.text_row), np.float32), (self.text_row, self.text_id)),
                    shape=(len(self.id_bytes), len(self.skill_texts)))
            hit[self._text_matrix[:, found].indices] = 1.0
        return hit

    def score(self, terms: VacancyTerms, today: dt.date, rows: np.ndarray | None = None) -> Scores:
        w, v = self.scorer.weights, terms.profile
        if rows is None:
            rows = np.flatnonzero(self.alive)
        n = len(rows)
        values: dict[str, np.ndarray] = {}
        unknown: dict[str, np.ndarray] = {}
        none = np.zeros(n, bool)

        for name, wanted in (("required_skills", terms.required), ("desired_skills", v.desired)):
            credit, asked = self._skill_credit(wanted, rows)
            unknown[name] = ~self.skills_known[rows] if asked else none
            values[name] = credit

        if v.languages:
            tolerance = w.taalondersteuning_tolerance if v.taalondersteuning and v.kind == "leerwerkplek" else 0
            table = np.asarray(w.gap_factor)
            factors, lang_unknown = np.zeros(n), np.zeros(n, bool)
            lang = self.lang[rows]
            for i, skill in enumerate(LANGUAGE_SKILLS):
                required = v.languages.get(skill)
                if required is None:
                    continue
                level = lang[:, i].astype(np.int64)
                missing = level < 0
                short = np.clip(required - level - tolerance, 0, len(table) - 1)
                factors += np.where(missing, w.unknown["language"], table[short])
                lang_unknown |= missing
            values["language"] = factors / len(v.languages)
            unknown["language"] = lang_unknown
        else:
            values["language"], unknown["language"] = np.ones(n), none

        if terms.location is not None:
            distance = distances_km(self.lat[rows], self.lon[rows], terms.location)
        else:
            distance = np.full(n, np.nan)
        maximum = self.max_km[rows]
        zero_at = np.maximum(maximum * w.travel_zero_at_ratio, maximum + w.travel_min_extra_km)
        with np.errstate(invalid="ignore", divide="ignore"):
            travel = np.where(distance <= maximum, 1.0,
                              np.clip(1.0 - (distance - maximum) / (zero_at - maximum), 0, w.short_cap))
        unknown["travel"] = np.isnan(distance) | np.isnan(maximum)
        values["travel"] = travel

        if v.hours_per_week is None:
            values["hours"], unknown["hours"] = np.ones(n), none
        else:
            diff = np.abs(self.hours[rows] - v.hours_per_week)
            span = w.hours_zero_at - w.hours_full_within
            with np.errstate(invalid="ignore"):
                values["hours"] = np.where(diff <= w.hours_full_within, 1.0,
                                           np.clip(1.0 - (diff - w.hours_full_within) / span, 0, w.short_cap))
            unknown["hours"] = np.isnan(diff)

        delay = self.avail[rows] - terms.start.toordinal()
        with np.errstate(invalid="ignore"):
            values["start_date"] = np.where(delay <= w.start_full_within_days, 1.0,
                                            np.clip(1.0 - delay / w.start_zero_at_days, 0, w.short_cap))
        unknown["start_date"] = np.isnan(delay)

        if terms.licences:
            held = np.zeros(n)
            for code in terms.licences:
                if code in self.licence_codes:
                    held += self.licences[rows, self.licence_codes.index(code)]
            values["driving_licence"] = (held == len(terms.licences)).astype(float)
            unknown["driving_licence"] = ~self.licences_known[rows]
        else:
            values["driving_licence"], unknown["driving_licence"] = np.ones(n), none

        query = self.scorer.text.vectors([v.text])
        if query.nnz:  # only the columns the vacancy text has, per distinct wish text, then gathered per row
            similarity = (self.wish_vectors[:, query.indices] @ query.data.astype(np.float64))[self.wish_of_row[rows]]
        else:
            similarity = np.zeros(n)
        wishes = np.minimum(w.short_cap, similarity / w.text_full_at)
        if terms.occupation is not None:
            hit = self.O[:, self.occupation_col[terms.occupation]].toarray().ravel()[rows] > 0
            wishes = np.where(hit, w.occupation_match, wishes)
        values["wishes"], unknown["wishes"] = wishes, ~self.wish_known[rows]

        total = np.zeros(n)
        for name in COMPONENTS:
            if name != "language":
                values[name] = np.where(unknown[name], w.unknown[name], values[name])
            total += w.points[name] * values[name]
        return Scores(rows=rows, values=values, unknown=unknown, total=total, distance=distance)

    # --- keeping up with the database (the store's work) ---------------------------------------------
    def refresh(self, session: Session) -> int:
        """Bring the index up to date; returns the number of candidates (re)read.

        Call it before anything else reads in ``session`` (see ``IndexStore.refresh``)."""
        return self.store.refresh(session, self)

    def load_profiles(self, session: Session, ids: Sequence[uuid.UUID]) -> list[CandidateProfile]:
        """The profiles of these live candidates, read from the database (not from the arrays)."""
        return self.store.load_profiles(session, self.scorer.resolver, ids)

    def close(self) -> None:
        self.store.close()

    # --- a copy on disk, so a cold process does not rebuild (``index_file``: numpy arrays, signed) ----------
    def save(self, path: str | os.PathLike[str], fingerprint: str, key: bytes) -> None:
        """Write the index (after a flush) for the next process, signed with ``key``; readable by the user only."""
        write_index(self, path, fingerprint, key)

    def load(self, path: str | os.PathLike[str], fingerprint: str, key: bytes) -> bool:
        """Take over a saved index if its signature is right for ``key`` and it was made by the same
        vocabulary, places and weights; anything else is ignored (the index stays empty)."""
        return read_index(self, path, fingerprint, key)
