"""The vectorised score of many index rows against one vacancy: the engine's hot path (issue 16, item 3).

It reads the candidate index's arrays (``index.CandidateIndex``; it never changes them) and gives the same
values as the index's own ``score`` and the reference components (``components.Scorer``), cheaper:

- distances per distinct place, then gathered: the index's coordinate pairs are reduced to their distinct
  places once (``np.unique``, kept while the index's coordinate arrays are the same objects), so a ranking
  runs the haversine over a few dozen places instead of every row;
- skill credit as one sparse product per matrix (the wanted skills as a weight vector over the skill and
  group columns) instead of a densified column per wanted skill and again per group;
- no gathers when every row is ranked (the common case: no filter).

Exactness: every value is computed in float64 with the same operations per element as before (identical
arrays: ``tests/matching/test_row_scorer.py``; rankings: ``tests/matching/test_rank_reference.py``). Totals
summed in float32 were measured on the 9,000 demo (775 vacancies x 9,000): the ordering key ``round(total, 6)``
changed for 64% of the pairs and the rounded score for 180 of 6,975,000, so float32 is not used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from matchdesk.matching.components import Scorer, VacancyTerms
from matchdesk.matching.geo import distances_km
from matchdesk.matching.profiles import LANGUAGE_SKILLS
from matchdesk.matching.resolve import Resolution
from matchdesk.matching.weights import COMPONENTS
from matchdesk.vocabulary import normalize_term

if TYPE_CHECKING:
    from matchdesk.matching.index import CandidateIndex, Scores


def _column_product(matrix: sparse.spmatrix, cols: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``matrix[:, cols] @ weights`` over every row, in float64, summed per row in the order of ``cols`` (as
    scipy's CSC product sums it). On a CSC matrix straight from its arrays: scipy's indexing costs more than
    the product."""
    n = matrix.shape[0]
    if not len(cols):
        return np.zeros(n)
    if getattr(matrix, "format", None) != "csc":
        return np.asarray(matrix.tocsc()[:, cols] @ weights, dtype=np.float64).ravel()
    bounds = matrix.indptr[np.asarray(cols)[:, None] + (0, 1)].tolist()
    lengths = [end - start for start, end in bounds]
    if not sum(lengths):
        return np.zeros(n)
    # the stored entries of the chosen columns, column after column (contiguous slices, no gathers)
    rows = np.concatenate([matrix.indices[start:end] for start, end in bounds])
    data = np.concatenate([matrix.data[start:end] for start, end in bounds]).astype(np.float64)
    data *= np.repeat(np.asarray(weights, np.float64), lengths)
    return np.bincount(rows, weights=data, minlength=n)


def _weighted(matrix: sparse.spmatrix, weights: np.ndarray) -> np.ndarray:
    cols = np.flatnonzero(weights)
    return _column_product(matrix, cols, weights[cols])


class RowScorer:
    """The vectorised score with what it may keep between queries: the index's distinct places (and the
    distances from a vacancy's place to them), the list of the index's typed skill texts."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self._places: tuple[object, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
        self._from: dict[tuple[float, float], np.ndarray] = {}
        self._queries: dict[str, sparse.csr_matrix] = {}
        self._columns: dict[str, tuple[object, np.ndarray, np.ndarray, np.ndarray]] = {}
        self._pairs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    # --- places ---------------------------------------------------------------------------------------
    def place_codes(self, index: CandidateIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(place code per row, latitude and longitude per code); the last code is "not located" (NaN)."""
        lat, lon = index.lat, index.lon
        cached = self._places
        if cached is None or cached[0] is not index or cached[1] is not lat or cached[2] is not lon \
                or len(cached[3]) != len(lat):
            known = ~(np.isnan(lat) | np.isnan(lon))
            pairs = np.stack([np.where(known, lat, 0.0), np.where(known, lon, 0.0)], axis=1)
            unique, codes = np.unique(pairs[known], axis=0, return_inverse=True)
            row_codes = np.full(len(lat), len(unique), np.intp)
            row_codes[known] = codes.reshape(-1)
            place_lat = np.append(unique[:, 0], np.nan) if len(unique) else np.array([np.nan])
            place_lon = np.append(unique[:, 1], np.nan) if len(unique) else np.array([np.nan])
            self._places = cached = (index, lat, lon, row_codes, place_lat, place_lon)
            self._from = {}
        return cached[3], cached[4], cached[5]

    def distances(self, index: CandidateIndex, location: tuple[float, float] | None,
                  rows: np.ndarray | None) -> np.ndarray:
        """Great-circle km from ``location`` to each row's place (NaN where either is unknown)."""
        if location is None:
            return np.full(len(index.lat) if rows is None else len(rows), np.nan)
        codes = self.place_codes(index)[0]
        return self._per_place(index, location)[codes if rows is None else codes[rows]]

    def _per_place(self, index: CandidateIndex, location: tuple[float, float] | None) -> np.ndarray:
        """Km from ``location`` to each distinct place (NaN for "not located", or all NaN without a location)."""
        _codes, place_lat, place_lon = self.place_codes(index)
        if location is None:
            return np.full(len(place_lat), np.nan)
        per_place = self._from.get(location)
        if per_place is None:
            if len(self._from) > 4096:
                self._from.clear()
            per_place = self._from[location] = distances_km(place_lat, place_lon, location)
        return per_place

    def _codes(self, index: CandidateIndex, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(code per row, distinct values) of one of the index's float columns (NaN one value), kept while the
        column is the same array."""
        array = getattr(index, name)
        cached = self._columns.get(name)
        if cached is None or cached[0] is not index or cached[1] is not array or len(cached[2]) != len(array):
            values, codes = np.unique(array, return_inverse=True, equal_nan=True)
            cached = self._columns[name] = (index, array, codes.reshape(-1).astype(np.intp), values)
        return cached[2], cached[3]

    def _travel_codes(self, index: CandidateIndex) -> tuple[np.ndarray, np.ndarray]:
        """(code per row of its place and maximum travel distance: place * len(maxima) + maximum, distinct maxima)."""
        places = self.place_codes(index)[0]
        max_codes, maxima = self._codes(index, "max_km")
        if self._pairs is None or self._pairs[0] is not places or self._pairs[1] is not max_codes:
            self._pairs = (places, max_codes, places * len(maxima) + max_codes)
        return self._pairs[2], maxima

    def prepare(self, index: CandidateIndex) -> None:
        """What the first query would compute and keep: the distinct places and the codes of the columns scored."""
        self._travel_codes(index)
        for name in ("hours", "avail"):
            self._codes(index, name)

    def _query_vector(self, text: str) -> sparse.csr_matrix:
        found = self._queries.get(text)
        if found is None:
            if len(self._queries) > 4096:
                self._queries.clear()
            found = self._queries[text] = self.scorer.text.vectors([text])
        return found

    # --- skills ---------------------------------------------------------------------------------------
    def skill_credit(self, index: CandidateIndex, wanted: Sequence[Resolution],
                     rows: np.ndarray | None) -> tuple[np.ndarray, bool]:
        """Mean credit per row over the wanted skills: exact 1, the same group ``related_credit`` (never for a
        licence), an unresolved text 1 when a typed skill text matches it fuzzily."""
        n = len(index.alive) if rows is None else len(rows)
        if not wanted:
            return np.ones(n), False
        w, resolver = self.scorer.weights, self.scorer.resolver
        exact = np.zeros(len(index.skill_col))
        groups = np.zeros(len(index.group_col))
        exact_in_group = np.zeros(len(index.skill_col))
        texts: list[str] = []
        for r in wanted:
            if r.skill_id:
                col = index.skill_col.get(r.skill_id)
                skill = resolver.canonical(r.skill_id)
                if col is not None:
                    exact[col] += 1
                if not skill.licence:  # a licence is held or not: no credit for a related one
                    groups[index.group_col[skill.group]] += 1
                    if col is not None:
                        exact_in_group[col] += 1
            else:
                texts.append(r.input)
        # per non-licence skill max(exact, related) = exact + related_credit * (in group - exact): a held
        # skill's group is always held
        total = _weighted(index.S, exact)
        if groups.any():
            related = _weighted(index.G, groups) - _weighted(index.S, exact_in_group)
            total = total + related * w.related_credit
        if texts:
            for text in texts:  # 1 for each row with a skill text close to it (the index holds each text once)
                total = total + index._text_hits(normalize_term(text))
        if rows is not None:
            total = total[rows]
        return total / len(wanted), True

    # --- the score ------------------------------------------------------------------------------------
    def score(self, index: CandidateIndex, terms: VacancyTerms, today: dt.date,
              rows: np.ndarray | None = None) -> Scores:
        """The components and total of ``rows`` (default: every live row) for one vacancy; as ``index.score``."""
        from matchdesk.matching.index import Scores

        index.flush()
        w, v = self.scorer.weights, terms.profile
        if rows is None:
            rows = np.flatnonzero(index.alive)
        n = len(rows)
        pick: np.ndarray | None = None if n == len(index.alive) else rows  # all rows: no gathers

        def take(array: np.ndarray) -> np.ndarray:
            return array if pick is None else array[pick]

        values: dict[str, np.ndarray] = {}
        unknown: dict[str, np.ndarray] = {}
        none = np.zeros(n, bool)

        skills_unknown = ~take(index.skills_known)
        for name, wanted in (("required_skills", terms.required), ("desired_skills", v.desired)):
            credit, asked = self.skill_credit(index, wanted, pick)
            unknown[name] = skills_unknown if asked else none
            values[name] = credit

        if v.languages:
            tolerance = w.taalondersteuning_tolerance if v.taalondersteuning and v.kind == "leerwerkplek" else 0
            table = np.asarray(w.gap_factor)
            factors, lang_unknown = np.zeros(n), np.zeros(n, bool)
            levels = np.arange(-1, 7)  # every level the index holds (-1: unknown), as a lookup per level + 1
            for i, skill in enumerate(LANGUAGE_SKILLS):
                required = v.languages.get(skill)
                if required is None:
                    continue
                short = np.clip(required - levels - tolerance, 0, len(table) - 1)
                per_level = np.where(levels < 0, w.unknown["language"], table[short])
                level = take(index.lang[:, i]).astype(np.intp) + 1
                factors += per_level[level]
                lang_unknown |= level == 0
            values["language"] = factors / len(v.languages)
            unknown["language"] = lang_unknown
        else:
            values["language"], unknown["language"] = np.ones(n), none

        # travel, hours and start date take few distinct values: each is judged per distinct value, then gathered
        distance = self.distances(index, terms.location, pick)
        pairs, max_values = self._travel_codes(index)
        per_place = self._per_place(index, terms.location)
        grid_distance, grid_max = per_place[:, None], max_values[None, :]
        zero_at = np.maximum(grid_max * w.travel_zero_at_ratio, grid_max + w.travel_min_extra_km)
        with np.errstate(invalid="ignore", divide="ignore"):
            travel = np.where(grid_distance <= grid_max, 1.0,
                              np.clip(1.0 - (grid_distance - grid_max) / (zero_at - grid_max), 0, w.short_cap))
        travel_unknown = (np.isnan(grid_distance) | np.isnan(grid_max)).ravel()
        substituted = {"travel"}
        pairs = take(pairs)
        values["travel"] = np.where(travel_unknown, w.unknown["travel"], travel.ravel())[pairs]
        unknown["travel"] = travel_unknown[pairs]

        if v.hours_per_week is None:
            values["hours"], unknown["hours"] = np.ones(n), none
        else:
            codes, hours = self._codes(index, "hours")
            diff = np.abs(hours - v.hours_per_week)
            span = w.hours_zero_at - w.hours_full_within
            with np.errstate(invalid="ignore"):
                per_hours = np.where(diff <= w.hours_full_within, 1.0,
                                     np.clip(1.0 - (diff - w.hours_full_within) / span, 0, w.short_cap))
            codes = take(codes)
            values["hours"] = np.where(np.isnan(diff), w.unknown["hours"], per_hours)[codes]
            unknown["hours"] = np.isnan(diff)[codes]
            substituted.add("hours")

        codes, avail = self._codes(index, "avail")
        delay = avail - terms.start.toordinal()
        with np.errstate(invalid="ignore"):
            per_day = np.where(delay <= w.start_full_within_days, 1.0,
                               np.clip(1.0 - delay / w.start_zero_at_days, 0, w.short_cap))
        codes = take(codes)
        values["start_date"] = np.where(np.isnan(delay), w.unknown["start_date"], per_day)[codes]
        unknown["start_date"] = np.isnan(delay)[codes]
        substituted.add("start_date")

        if terms.licences:
            columns = [index.licence_codes.index(code) for code in terms.licences if code in index.licence_codes]
            held = take(index.licences[:, columns]).sum(axis=1) if columns else np.zeros(n)
            values["driving_licence"] = (held == len(terms.licences)).astype(float)
            unknown["driving_licence"] = ~take(index.licences_known)
        else:
            values["driving_licence"], unknown["driving_licence"] = np.ones(n), none

        query = self._query_vector(v.text)
        if query.nnz:  # only the columns the vacancy text has
            # per distinct wish text (the index holds each once), then gathered to the rows having it
            per_text = _column_product(index.wish_vectors, query.indices, query.data.astype(np.float64))
            similarity = per_text[take(index.wish_of_row)]
        else:
            similarity = np.zeros(n)
        wishes = np.minimum(w.short_cap, similarity / w.text_full_at)
        if terms.occupation is not None:
            column = index.occupation_col[terms.occupation]
            hit = _column_product(index.O, np.array([column]), np.ones(1)) > 0
            wishes = np.where(take(hit), w.occupation_match, wishes)
        values["wishes"], unknown["wishes"] = wishes, ~take(index.wish_known)

        total = np.zeros(n)
        for name in COMPONENTS:
            if name != "language" and name not in substituted:
                values[name] = np.where(unknown[name], w.unknown[name], values[name])
            total += w.points[name] * values[name]
        return Scores(rows=rows, values=values, unknown=unknown, total=total, distance=distance)
