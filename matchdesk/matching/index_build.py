"""Rows of the candidate index made from plain columns (issue 16): no ORM rows, no profile object per candidate.

``index_store`` reads the candidates' columns and their skill and language rows as plain values (a Core select
of columns; ids, enums and dates as the driver gives them). ``build_block`` turns them into a ``Block`` of
arrays, one row per candidate in id order, with the same values ``profiles.profile_from_values`` and
``Scorer.canonical_skills`` give one candidate at a time: every derived value is computed once per distinct
input (a skill text and id, a licence field, a place, a desired-occupation list, a wish text) and gathered.
Distinct wish texts are hashed once each and kept apart (``wish_texts``, ``wish_of_row``), never one vector
per candidate.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from matchdesk.domain import CefrLevel
from matchdesk.errors import ValidationError
from matchdesk.licences import CODES
from matchdesk.licences import parse as parse_licences
from matchdesk.matching.components import Scorer
from matchdesk.matching.profiles import LANGUAGE_SKILLS
from matchdesk.vocabulary import normalize_term

ORDINAL_1970 = 719163  # date(1970, 1, 1).toordinal(): datetime64[D] days + this = date.toordinal()
ID = np.dtype("S16")

# the candidate columns ``index_store`` reads, in this order (``Columns.candidates``)
CANDIDATE_FIELDS = ("id", "klantnummer", "municipality", "woonplaats", "doelgroep", "categorie", "banenafspraak",
                    "beschut_indicatie", "ontheffing_until", "wsw", "taalachterstand", "driving_licences",
                    "max_travel_km", "hours_per_week", "available_from", "wishes", "desired_occupations", "version")

_normalized = lru_cache(maxsize=200_000)(normalize_term)


@dataclass
class Columns:
    """Plain values as read: ``candidates`` one list per ``CANDIDATE_FIELDS`` (live candidates only);
    ``skills`` (candidate id, text, skill id) in candidate and position order; ``languages`` (candidate id,
    language, skill, level)."""

    candidates: dict[str, list[Any]]
    skills: tuple[list[Any], list[Any], list[Any]]
    languages: tuple[list[Any], list[Any], list[Any], list[Any]]


@dataclass
class Block:
    """Index rows for some candidates, sorted by id. ``wish_of_row`` / ``text_*`` / ``elig_key`` number into
    the block's own ``wish_texts`` / ``skill_texts`` / ``eligibility`` (the index renumbers them)."""

    ids: np.ndarray  # S16
    version: np.ndarray
    S: sparse.csr_matrix
    G: sparse.csr_matrix
    O: sparse.csr_matrix  # noqa: E741 - the name the index has always used
    arrays: dict[str, np.ndarray]  # the per-row arrays of ``CandidateIndex`` (``ROW_ARRAYS``)
    strings: dict[str, np.ndarray]  # klantnummer, municipality (lower case), doelgroep, categorie ('' for none)
    wish_texts: list[str]
    wish_of_row: np.ndarray
    skill_texts: list[str]
    text_row: np.ndarray  # (row, skill text) pairs, sorted
    text_id: np.ndarray
    eligibility: list[tuple[object, ...]]  # (municipality, doelgroep, categorie, 4 flags)
    elig_key: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def id_array(values: Sequence[Any]) -> np.ndarray:
    """16-byte ids (S16) from what a driver returns for a Uuid column: hex text (SQLite), uuid.UUID, bytes."""
    if not values:
        return np.zeros(0, ID)
    first = values[0]
    if isinstance(first, uuid.UUID):
        raw = b"".join(v.bytes for v in values)
    elif isinstance(first, bytes | bytearray | memoryview):
        raw = b"".join(bytes(v) for v in values)
    else:
        raw = bytes.fromhex("".join(values).replace("-", ""))
    return np.frombuffer(raw, ID).copy()


def as_uuid(value: bytes) -> uuid.UUID:
    """The id of an S16 item (numpy drops trailing zero bytes of an item)."""
    return uuid.UUID(bytes=bytes(value).ljust(16, b"\x00"))


def _distinct(values: Iterable[Hashable], n: int) -> tuple[list[Any], np.ndarray]:
    """(distinct values in order of first appearance, the index of each value among them)."""
    values = values if isinstance(values, list) else list(values)
    number = {value: i for i, value in enumerate(dict.fromkeys(values))}
    return list(number), np.fromiter(map(number.__getitem__, values), np.int64, n)


def _ordinals(values: Sequence[Any]) -> np.ndarray:
    """date.toordinal() of dates or ISO texts; NaN for none."""
    days = np.array([v if v is not None else "NaT" for v in values], "datetime64[D]")
    out = days.astype(np.int64).astype(float) + ORDINAL_1970
    out[np.isnat(days)] = np.nan
    return out


def _numbers(values: Sequence[Any]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], float)


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (numpy 2's hashing ``unique`` is many times slower on these arrays)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def distinct_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct values, the index of each value among them), by sorting."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(values) else np.zeros(0, bool)
    inverse = np.empty(len(values), np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


def _pairs(rows: np.ndarray, cols: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (row, col) pairs, sorted."""
    keys = distinct_sorted(rows.astype(np.int64) * width + cols)
    return keys // width, keys % width


def _ones(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    return sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=shape)


def _licences(declared: str) -> tuple[frozenset[str], bool]:
    """The licence field's codes as ``profiles._licence_set`` reads them (before licence skills are added)."""
    try:
        return parse_licences(declared)
    except ValidationError:
        parsed = frozenset(c.strip().upper() for c in str(declared).split(",") if c.strip().upper() in CODES)
        return parsed, bool(parsed)


class SkillRows:
    """Skill rows encoded as they are read (the plain values of a chunk can go at once): owner ids (S16) and the
    number of each distinct (text, stored skill id)."""

    def __init__(self) -> None:
        self.owners: list[np.ndarray] = []
        self.codes: list[np.ndarray] = []
        self.pairs: dict[tuple[str, str | None], int] = {}

    def add(self, owner_ids: list[Any], texts: list[str], skill_ids: list[str | None]) -> None:
        keys = list(zip(texts, skill_ids, strict=True))
        number = self.pairs
        for key in dict.fromkeys(keys):
            number.setdefault(key, len(number))
        self.owners.append(id_array(owner_ids))
        self.codes.append(np.fromiter(map(number.__getitem__, keys), np.int64, len(keys)))


class LanguageRows:
    """Language rows encoded as they are read: owner ids, the column of the skill (-1: not a Dutch row), the rank
    of the level (-1: unknown)."""

    _RANK: dict[str | None, int] = {None: -1, **{str(level): level.rank for level in CefrLevel}}

    def __init__(self) -> None:
        self.owners: list[np.ndarray] = []
        self.skill: list[np.ndarray] = []
        self.rank: list[np.ndarray] = []
        # (language, skill as the driver gives it) -> column; anything else (another language) -1
        self._column: defaultdict[tuple[Any, Any], int] = defaultdict(lambda: -1)
        for i, skill in enumerate(LANGUAGE_SKILLS):
            for language in (None, "nl"):
                self._column[(language, str(skill))] = self._column[(language, skill)] = i

    def add(self, owner_ids: list[Any], languages: list[str | None], skills: list[Any], levels: list[Any]) -> None:
        n = len(owner_ids)
        self.owners.append(id_array(owner_ids))
        self.skill.append(np.fromiter(map(self._column.__getitem__, zip(languages, skills, strict=True)), np.int64, n))
        self.rank.append(np.fromiter(map(self._RANK.__getitem__, levels), np.int64, n))


class BlockBuilder:
    """Builds blocks for one index (its scorer and column numbering); caches what is per distinct input."""

    def __init__(self, scorer: Scorer, skill_col: dict[str, int], group_col: dict[str, int],
                 licence_codes: list[str]) -> None:
        self.scorer = scorer
        self.skill_col, self.group_col, self.licence_codes = skill_col, group_col, licence_codes
        resolver = scorer.resolver
        self._group_of_col = np.array([group_col[resolver.canonical(sid).group] for sid in skill_col], np.int64)
        self._licence_bit = {code: i for i, code in enumerate(CODES)}
        self._occupations: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}

    def _resolved(self, pairs: list[tuple[str, str | None]]) -> tuple[np.ndarray, np.ndarray]:
        """Per distinct (text, stored skill id): the skill column it resolves to (-1: none) and its licence bit."""
        from matchdesk.matching.profiles import _stored_resolution

        resolver = self.scorer.resolver
        cols, bits = np.full(len(pairs), -1, np.int64), np.full(len(pairs), -1, np.int64)
        for i, (text, skill_id) in enumerate(pairs):
            found = _stored_resolution(text, skill_id, resolver).skill_id
            if found:
                cols[i] = self.skill_col[found]
                licence = resolver.canonical(found).licence
                if licence and licence in self._licence_bit:
                    bits[i] = self._licence_bit[licence]
        return cols, bits

    def _occupation(self, value: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """(the desired occupations as typed, the occupation columns they match)."""
        found = self._occupations.get(value)
        if found is None:
            typed = tuple(o.strip() for o in value.split(";") if o.strip())
            matched = {self.scorer.occupations.match(o) for o in typed}
            columns = tuple(sorted(self.scorer.occupations.column[m] for m in matched if m is not None))
            found = self._occupations[value] = (typed, columns)
        return found

    def build(self, columns: Columns) -> Block:
        skills, languages = SkillRows(), LanguageRows()
        skills.add(*columns.skills)
        languages.add(*columns.languages)
        return self.build_from(columns.candidates, skills, languages)

    def build_from(self, c: dict[str, list[Any]], skill_rows: SkillRows, language_rows: LanguageRows) -> Block:
        """The block of these candidates' columns, with their skill and language rows already encoded (rows of
        other candidates are dropped)."""
        ids = id_array(c["id"])
        order = np.argsort(ids, kind="stable")
        if len(order) and np.any(order != np.arange(len(order))):
            c = {name: [values[i] for i in order.tolist()] for name, values in c.items()}
            ids = ids[order]
        n = len(ids)
        # --- skills: resolved once per distinct (text, id), then gathered -------------------------------------
        owners = np.concatenate([np.zeros(0, ID), *skill_rows.owners])
        owner = np.searchsorted(ids, owners)
        mine = member(ids, owner, owners)
        distinct, pair_of = list(skill_rows.pairs), np.concatenate([np.zeros(0, np.int64), *skill_rows.codes])
        pair_col, pair_bit = self._resolved(distinct)
        owner, pair_of = owner[mine], pair_of[mine]
        col, bit = pair_col[pair_of], pair_bit[pair_of]
        # --- licences: the field's codes plus licence skills, then the closure once per distinct set ----------
        fields, field_of = _distinct((v or "" for v in c["driving_licences"]), n)
        parsed = [_licences(v) for v in fields]
        width = len(CODES)
        declared = np.zeros((len(fields), width), bool)
        for i, (codes, _known) in enumerate(parsed):
            declared[i, [self._licence_bit[code] for code in codes if code in self._licence_bit]] = True
        bits = declared[field_of]
        bits[owner[bit >= 0], bit[bit >= 0]] = True
        licences_known = np.array([known for _codes, known in parsed], bool)[field_of] | bits.any(axis=1)
        packed, pattern_of = distinct_inverse(bits.astype(np.int64) @ (1 << np.arange(width, dtype=np.int64)))
        patterns = (packed[:, None] >> np.arange(width)) & 1 > 0
        held = np.zeros((len(patterns), len(self.licence_codes)), bool)
        extra_rows: list[int] = []
        extra_cols: list[int] = []
        for i, pattern in enumerate(patterns):
            closed = self.scorer.weights.licence_closure(frozenset(CODES[j] for j in np.flatnonzero(pattern)))
            held[i] = [code in closed for code in self.licence_codes]
            for code in closed:
                skill_id = self.scorer.resolver.licence_skill(code)
                if skill_id:
                    extra_rows.append(i)
                    extra_cols.append(self.skill_col[skill_id])
        licence_skills = _ones(np.array(extra_rows, np.int64), np.array(extra_cols, np.int64),
                               (len(patterns), len(self.skill_col)))[pattern_of].tocoo()
        s_rows, s_cols = _pairs(np.concatenate([owner[col >= 0], licence_skills.row]),
                                np.concatenate([col[col >= 0], licence_skills.col]), len(self.skill_col))
        g_rows, g_cols = _pairs(s_rows, self._group_of_col[s_cols], len(self.group_col))
        has_skill_rows = np.zeros(n, bool)
        has_skill_rows[owner] = True
        # --- skill texts for the fuzzy match of unresolved wanted skills --------------------------------------
        normalized, text_of_pair = _distinct((_normalized(text) for text, _sid in distinct), len(distinct))
        text_row, text_code = _pairs(owner, text_of_pair[pair_of], max(len(normalized), 1))
        skill_texts, text_id = by_first_use(text_code, normalized)
        # --- occupations and wish texts ----------------------------------------------------------------------
        wishes = [(w or "", d or "") for w, d in zip(c["wishes"], c["desired_occupations"], strict=True)]
        wish_pairs, wish_pair_of = _distinct(wishes, n)
        o_rows: list[int] = []
        o_cols: list[int] = []
        wish_text_of_pair = []
        for i, (wish, desired) in enumerate(wish_pairs):
            typed, occupation_cols = self._occupation(desired)
            o_rows += [i] * len(occupation_cols)
            o_cols += occupation_cols
            wish_text_of_pair.append(" ".join([wish, *typed]).strip())
        occupations = _ones(np.array(o_rows, np.int64), np.array(o_cols, np.int64),
                            (len(wish_pairs), len(self.scorer.occupations.column)))[wish_pair_of]
        wish_texts, text_of_wish_pair = _distinct(wish_text_of_pair, len(wish_text_of_pair))
        wish_of_row = text_of_wish_pair[wish_pair_of] if n else np.zeros(0, np.int64)
        # --- languages ---------------------------------------------------------------------------------------
        lang = np.full((n, len(LANGUAGE_SKILLS)), -1, np.int8)
        owners = np.concatenate([np.zeros(0, ID), *language_rows.owners])
        where = np.searchsorted(ids, owners)
        skill, rank = (np.concatenate([np.zeros(0, np.int64), *parts]) for parts in (language_rows.skill,
                                                                                      language_rows.rank))
        ok = member(ids, where, owners) & (skill >= 0)
        lang[where[ok], skill[ok]] = rank[ok]  # Dutch rows; of two rows for one skill the later one counts
        # --- places, numbers, eligibility --------------------------------------------------------------------
        places, place_of = _distinct(zip(c["woonplaats"], c["municipality"], strict=True), n)
        located = [self.scorer.locate(*place) for place in places]
        coordinates = np.array([(np.nan, np.nan) if p is None else p for p in located], float).reshape(-1, 2)
        keys = zip((m or "" for m in c["municipality"]), c["doelgroep"], c["categorie"],
                   map(bool, c["banenafspraak"]), map(bool, c["beschut_indicatie"]), map(bool, c["wsw"]),
                   map(bool, c["taalachterstand"]), strict=True)
        eligibility, elig_key = _distinct(((m, d or None, k or None, *rest) for m, d, k, *rest in keys), n)
        arrays = {
            "alive": np.ones(n, bool), "skills_known": has_skill_rows | licences_known, "lang": lang,
            "lat": coordinates[place_of, 0], "lon": coordinates[place_of, 1],
            "max_km": _numbers(c["max_travel_km"]), "hours": _numbers(c["hours_per_week"]),
            "avail": _ordinals(c["available_from"]), "licences": held[pattern_of],
            "licences_known": licences_known, "wish_known": np.array([bool(t) for t in wish_texts], bool)[wish_of_row],
            "ontheffing": _ordinals(c["ontheffing_until"]), "elig_key": elig_key.astype(np.int32),
        }
        strings = {
            "klantnummer": np.array([k or "" for k in c["klantnummer"]], str),
            "municipality": np.array([(m or "").lower() for m in c["municipality"]], str),
            "doelgroep": np.array([str(d) if d else "" for d in c["doelgroep"]], str),
            "categorie": np.array([str(k) if k else "" for k in c["categorie"]], str),
        }
        return Block(ids=ids, version=np.array(c["version"], np.int64).reshape(n),
                     S=_ones(s_rows, s_cols, (n, len(self.skill_col))),
                     G=_ones(g_rows, g_cols, (n, len(self.group_col))), O=occupations.tocsr(), arrays=arrays,
                     strings=strings, wish_texts=wish_texts, wish_of_row=wish_of_row.astype(np.int32),
                     skill_texts=skill_texts, text_row=text_row.astype(np.int32), text_id=text_id.astype(np.int32),
                     eligibility=eligibility, elig_key=elig_key.astype(np.int32))

def member(ids: np.ndarray, where: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Which ``wanted`` ids are in the sorted ``ids``, given ``where = searchsorted(ids, wanted)``."""
    if not len(ids):
        return np.zeros(len(wanted), bool)
    return (where < len(ids)) & (ids[np.minimum(where, len(ids) - 1)] == wanted)


def by_first_use(codes: np.ndarray, names: Sequence[Any]) -> tuple[list[Any], np.ndarray]:
    """The names ``codes`` use, in order of first use, and the codes renumbered into that list."""
    used, inverse = distinct_inverse(codes)
    first = np.full(len(used), len(codes), np.int64)
    np.minimum.at(first, inverse, np.arange(len(codes)))
    order = np.argsort(first, kind="stable")
    renumber = np.empty(len(used), np.int64)
    renumber[order] = np.arange(len(used))
    return [names[k] for k in used[order].tolist()], renumber[inverse]
