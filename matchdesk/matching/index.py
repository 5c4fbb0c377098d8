"""The candidate index's array half: canonical skills, groups, levels, places and wishes as numpy / scipy-sparse
arrays, and the vectorised score over them.

A query is vectorised work only (``score``); explanations are made afterwards, for returned rows only.
The database half (``index_store.IndexStore``: high-water marks, what changed, reading profiles) keeps the
arrays up to date through ``refresh``: a changed candidate's old row is retired and a new row appended.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from matchdesk.licences import CODES
from matchdesk.matching.components import Scorer, VacancyTerms
from matchdesk.matching.geo import distances_km
from matchdesk.matching.index_file import read_index, write_index
from matchdesk.matching.index_store import IndexStore
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


_normalized = lru_cache(maxsize=200_000)(normalize_term)


def _eligibility_key(profile: CandidateProfile) -> tuple[object, ...]:
    f = profile.facts
    return (f.municipality, f.doelgroep, f.categorie, f.banenafspraak, f.beschut_indicatie, f.wsw, f.taalachterstand)


def _ones(rows: list[int], cols: list[int], shape: tuple[int, int]) -> sparse.csr_matrix:
    return sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=shape)


class CandidateIndex:
    """One row per candidate read (a retired row stays, not ``alive``); ``row_of`` maps live ids to rows."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.store = IndexStore()
        vocabulary = scorer.resolver.vocabulary
        self.skill_col = {sid: i for i, sid in enumerate(sorted(vocabulary.skills))}
        groups = sorted({s.group for s in vocabulary.skills.values()})
        self.group_col = {g: i for i, g in enumerate(groups)}
        self.licence_codes = list(CODES)
        self.occupation_col = scorer.occupations.column
        self.row_of: dict[uuid.UUID, int] = {}
        self.ids: list[uuid.UUID] = []
        self._pending: list[CandidateProfile] = []
        self._texts: dict[str, list[int]] = {}
        self._eligibility_keys: dict[tuple[object, ...], int] = {}
        self.dirty = False  # changed since it was loaded from or saved to disk
        self.eligibility_facts: list[CandidateFacts] = []
        self._init_arrays()

    # --- storage of rows ------------------------------------------------------------------------------
    def _init_arrays(self) -> None:
        n_skills, n_groups = len(self.skill_col), len(self.group_col)
        self.S = sparse.csc_matrix((0, n_skills), dtype=np.float32)
        self.G = sparse.csc_matrix((0, n_groups), dtype=np.float32)
        self.O = sparse.csc_matrix((0, len(self.occupation_col)), dtype=np.float32)
        self.W = sparse.csc_matrix((0, 2 ** 18), dtype=np.float32)
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
        self.klantnummer = np.zeros(0, object)
        self.municipality = np.zeros(0, object)
        self.doelgroep = np.zeros(0, object)
        self.categorie = np.zeros(0, object)
        self.order_rank = np.zeros(0, np.int64)

    def __len__(self) -> int:
        return int(self.alive.sum())

    def nbytes(self) -> int:
        total = 0
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                total += value.nbytes if value.dtype != object else value.size * 8
            elif sparse.issparse(value):
                total += value.data.nbytes + value.indices.nbytes + value.indptr.nbytes
        return total

    def add_profiles(self, profiles: list[CandidateProfile]) -> None:
        """Retire the old rows of these candidates and append new ones (applied at the next ``flush``)."""
        for profile in profiles:
            old = self.row_of.pop(uuid.UUID(profile.id), None)
            if old is not None:
                self.alive[old] = False
        self._pending.extend(profiles)

    def retire(self, ids: Iterable[uuid.UUID]) -> None:
        gone = set(ids)
        for candidate_id in gone:
            row = self.row_of.pop(candidate_id, None)
            if row is not None:
                self.alive[row] = False
        self._pending = [p for p in self._pending if uuid.UUID(p.id) not in gone]

    def flush(self) -> None:
        if not self._pending:
            return
        profiles, self._pending = self._pending, []
        scorer, start = self.scorer, len(self.ids)
        n, width = len(profiles), len(LANGUAGE_SKILLS)
        s_rows: list[int] = []
        s_cols: list[int] = []
        g_rows: list[int] = []
        g_cols: list[int] = []
        o_rows: list[int] = []
        o_cols: list[int] = []
        lang = np.full((n, width), -1, np.int8)
        lat, lon = np.full(n, np.nan), np.full(n, np.nan)
        max_km, hours, avail, ontheffing = (np.full(n, np.nan) for _ in range(4))
        licences = np.zeros((n, len(self.licence_codes)), bool)
        known, lic_known, wish_known = np.zeros(n, bool), np.zeros(n, bool), np.zeros(n, bool)
        elig = np.zeros(n, np.int32)
        locations: dict[tuple[str | None, str | None], tuple[float, float] | None] = {}
        for i, p in enumerate(profiles):
            owned = scorer.canonical_skills(p)
            groups = set()
            for skill_id in owned:
                s_rows.append(i)
                s_cols.append(self.skill_col[skill_id])
                groups.add(scorer.resolver.canonical(skill_id).group)
            for group in groups:
                g_rows.append(i)
                g_cols.append(self.group_col[group])
            for text in {_normalized(r.input) for r in p.skills}:
                self._texts.setdefault(text, []).append(start + i)
            for occupation in {scorer.occupations.match(o) for o in p.desired_occupations}:
                if occupation is not None:
                    o_rows.append(i)
                    o_cols.append(self.occupation_col[occupation])
            lang[i] = [-1 if level is None else level for level in p.languages]
            place = (p.woonplaats, p.municipality)
            if place not in locations:
                locations[place] = scorer.locate(*place)
            located = locations[place]
            if located is not None:
                lat[i], lon[i] = located
            max_km[i] = np.nan if p.max_travel_km is None else p.max_travel_km
            hours[i] = np.nan if p.hours_per_week is None else p.hours_per_week
            avail[i] = np.nan if p.available_from is None else p.available_from.toordinal()
            held = scorer.weights.licence_closure(p.licences)
            licences[i] = [code in held for code in self.licence_codes]
            known[i] = bool(p.skills) or p.licences_known
            lic_known[i] = p.licences_known
            wish_known[i] = bool(p.wish_text)
            ontheffing[i] = np.nan if p.facts.ontheffing_until is None else p.facts.ontheffing_until.toordinal()
            key = _eligibility_key(p)
            if key not in self._eligibility_keys:
                self._eligibility_keys[key] = len(self.eligibility_facts)
                self.eligibility_facts.append(p.facts)
            elig[i] = self._eligibility_keys[key]
        new_s = _ones(s_rows, s_cols, (n, len(self.skill_col)))
        new_g = _ones(g_rows, g_cols, (n, len(self.group_col)))
        new_o = _ones(o_rows, o_cols, (n, len(self.occupation_col)))
        texts = [p.wish_text for p in profiles]
        unique = {text: i for i, text in enumerate(dict.fromkeys(texts))}
        new_w = scorer.text.vectors(list(unique))[[unique[t] for t in texts]]
        self.S = sparse.vstack([self.S.tocsr(), new_s]).tocsc()
        self.G = sparse.vstack([self.G.tocsr(), new_g]).tocsc()
        self.O = sparse.vstack([self.O.tocsr(), new_o]).tocsc()
        self.W = sparse.vstack([self.W.tocsr(), new_w]).tocsc()
        cat = np.concatenate
        self.alive = cat([self.alive, np.ones(n, bool)])
        self.skills_known = cat([self.skills_known, known])
        self.lang = np.vstack([self.lang, lang])
        self.lat, self.lon = cat([self.lat, lat]), cat([self.lon, lon])
        self.max_km, self.hours = cat([self.max_km, max_km]), cat([self.hours, hours])
        self.avail = cat([self.avail, avail])
        self.licences = np.vstack([self.licences, licences])
        self.licences_known = cat([self.licences_known, lic_known])
        self.wish_known = cat([self.wish_known, wish_known])
        self.ontheffing = cat([self.ontheffing, ontheffing])
        self.elig_key = cat([self.elig_key, elig])
        self.klantnummer = cat([self.klantnummer, np.array([p.klantnummer for p in profiles], object)])
        places = np.array([(p.municipality or "").lower() for p in profiles], object)
        self.municipality = cat([self.municipality, places])
        self.doelgroep = cat([self.doelgroep, np.array([p.doelgroep for p in profiles], object)])
        self.categorie = cat([self.categorie, np.array([p.categorie for p in profiles], object)])
        for i, p in enumerate(profiles):
            candidate_id = uuid.UUID(p.id)
            self.ids.append(candidate_id)
            self.row_of[candidate_id] = start + i
        self.order_rank = np.empty(len(self.ids), np.int64)
        self.order_rank[np.argsort(self.klantnummer.astype(str), kind="stable")] = np.arange(len(self.ids))

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
                hit = np.zeros(len(self.ids))
                key = normalize_term(r.input)
                for text, _score, _ in process.extract(key, list(self._texts), scorer=fuzz.token_set_ratio,
                                                       score_cutoff=w.fuzzy_cutoff, limit=None):
                    hit[self._texts[text]] = 1.0
                total += hit[rows]
        return total / len(wanted), True

    def score(self, terms: VacancyTerms, today: dt.date, rows: np.ndarray | None = None) -> Scores:
        self.flush()
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
        if query.nnz:  # only the columns the vacancy text has: cheap on a CSC matrix
            similarity = (self.W[:, query.indices] @ query.data.astype(np.float64))[rows]
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
