"""The candidate index: canonical skills, groups, levels, places and wishes as numpy / scipy-sparse arrays.

A query is vectorised work only (``score``); explanations are made afterwards, for returned rows only.
Before each query ``refresh`` compares the high-water mark (count, highest ``updated_at`` and sum of row
versions per table) with the database and re-reads only the candidates whose rows changed; a changed
candidate's old row is retired and a new row appended, so a long-running app sees what the command
line or a colleague changed. On SQLite a ``PRAGMA data_version`` on the index's own connection skips
even the aggregate check when nobody committed since the last query.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from matchdesk.matching.components import Scorer, VacancyTerms
from matchdesk.matching.geo import distances_km
from matchdesk.matching.profiles import LANGUAGE_SKILLS, CandidateProfile, profile_from_values
from matchdesk.matching.weights import COMPONENTS
from matchdesk.storage.models import Candidate, CandidateLanguage, CandidateSkill
from matchdesk.vocabulary import normalize_term

_CANDIDATE_COLUMNS = (
    Candidate.id, Candidate.klantnummer, Candidate.municipality, Candidate.woonplaats, Candidate.doelgroep,
    Candidate.categorie, Candidate.banenafspraak, Candidate.beschut_indicatie, Candidate.ontheffing_until,
    Candidate.wsw, Candidate.taalachterstand, Candidate.driving_licences, Candidate.max_travel_km,
    Candidate.hours_per_week, Candidate.available_from, Candidate.wishes, Candidate.desired_occupations,
    Candidate.work_limitations,
)
_TABLES = (Candidate, CandidateSkill, CandidateLanguage)
CHUNK = 900  # ids per IN (...) query
CACHE_FORMAT = 1
BUILD_WINDOW = 20_000  # candidates per step of the first build


@dataclass(frozen=True)
class Mark:
    count: int
    latest: dt.datetime | None
    versions: int


@dataclass
class Scores:
    """Per-row component values (after unknown substitution) and flags for one vacancy."""

    rows: np.ndarray
    values: dict[str, np.ndarray]
    unknown: dict[str, np.ndarray]
    total: np.ndarray
    distance: np.ndarray


_normalized = lru_cache(maxsize=200_000)(normalize_term)


def _eligibility_key(profile: CandidateProfile) -> tuple:
    f = profile.facts
    return (f.municipality, f.doelgroep, f.categorie, f.banenafspraak, f.beschut_indicatie, f.wsw, f.taalachterstand)


class CandidateIndex:
    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        vocabulary = scorer.resolver.vocabulary
        self.skill_col = {sid: i for i, sid in enumerate(sorted(vocabulary.skills))}
        groups = sorted({s.group for s in vocabulary.skills.values()})
        self.group_col = {g: i for i, g in enumerate(groups)}
        self.licence_codes = sorted({s.licence for s in vocabulary.skills.values() if s.licence})
        self.occupation_col = scorer.occupations.column
        self.marks: dict[str, Mark] = {}
        self.data_version: int | None = None
        self._connection = None
        self.row_of: dict[uuid.UUID, int] = {}
        self.ids: list[uuid.UUID] = []
        self._pending: list[CandidateProfile] = []
        self._texts: dict[str, list[int]] = {}
        self._eligibility_keys: dict[tuple, int] = {}
        self._versions: dict[uuid.UUID, int] = {}
        self.dirty = False  # changed since it was loaded from or saved to disk
        self.eligibility_facts: list = []
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

    def retire(self, ids) -> None:
        ids = set(ids)
        for candidate_id in ids:
            row = self.row_of.pop(candidate_id, None)
            if row is not None:
                self.alive[row] = False
        ids = set(ids)
        self._pending = [p for p in self._pending if uuid.UUID(p.id) not in ids]

    def flush(self) -> None:
        if not self._pending:
            return
        profiles, self._pending = self._pending, []
        scorer, start = self.scorer, len(self.ids)
        n, width = len(profiles), len(LANGUAGE_SKILLS)
        s_rows, s_cols, g_rows, g_cols, o_rows, o_cols = [], [], [], [], [], []
        lang = np.full((n, width), -1, np.int8)
        lat, lon = np.full(n, np.nan), np.full(n, np.nan)
        max_km, hours, avail, ontheffing = (np.full(n, np.nan) for _ in range(4))
        licences = np.zeros((n, len(self.licence_codes)), bool)
        known, lic_known, wish_known = np.zeros(n, bool), np.zeros(n, bool), np.zeros(n, bool)
        elig = np.zeros(n, np.int32)
        locations: dict[tuple, tuple | None] = {}
        for i, p in enumerate(profiles):
            owned = scorer.canonical_skills(p)
            groups = set()
            for skill_id in owned:
                s_rows.append(i)
                s_cols.append(self.skill_col[skill_id])
                groups.add(scorer.resolver.skill(skill_id).group)
            for group in groups:
                g_rows.append(i)
                g_cols.append(self.group_col[group])
            for text in {_normalized(r.input) for r in p.skills}:
                self._texts.setdefault(text, []).append(start + i)
            for occupation in {scorer.occupations.match(o) for o in p.desired_occupations} - {None}:
                o_rows.append(i)
                o_cols.append(self.occupation_col[occupation])
            lang[i] = [-1 if level is None else level for level in p.languages]
            place = (p.woonplaats, p.municipality)
            if place not in locations:
                locations[place] = scorer.locate(*place)
            if locations[place] is not None:
                lat[i], lon[i] = locations[place]
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
        ones = lambda rows: np.ones(len(rows), np.float32)  # noqa: E731
        S = sparse.csr_matrix((ones(s_rows), (s_rows, s_cols)), shape=(n, len(self.skill_col)))
        G = sparse.csr_matrix((ones(g_rows), (g_rows, g_cols)), shape=(n, len(self.group_col)))
        O = sparse.csr_matrix((ones(o_rows), (o_rows, o_cols)), shape=(n, len(self.occupation_col)))
        texts = [p.wish_text for p in profiles]
        unique = {text: i for i, text in enumerate(dict.fromkeys(texts))}
        W = scorer.text.vectors(list(unique))[[unique[t] for t in texts]]
        self.S = sparse.vstack([self.S.tocsr(), S]).tocsc()
        self.G = sparse.vstack([self.G.tocsr(), G]).tocsc()
        self.O = sparse.vstack([self.O.tocsr(), O]).tocsc()
        self.W = sparse.vstack([self.W.tocsr(), W]).tocsc()
        cat = np.concatenate
        self.alive = cat([self.alive, np.ones(n, bool)])
        self.skills_known = cat([self.skills_known, known])
        self.lang = np.vstack([self.lang, lang])
        self.lat, self.lon = cat([self.lat, lat]), cat([self.lon, lon])
        self.max_km, self.hours, self.avail = cat([self.max_km, max_km]), cat([self.hours, hours]), cat([self.avail, avail])
        self.licences = np.vstack([self.licences, licences])
        self.licences_known = cat([self.licences_known, lic_known])
        self.wish_known = cat([self.wish_known, wish_known])
        self.ontheffing = cat([self.ontheffing, ontheffing])
        self.elig_key = cat([self.elig_key, elig])
        self.klantnummer = cat([self.klantnummer, np.array([p.klantnummer for p in profiles], object)])
        self.municipality = cat([self.municipality, np.array([(p.municipality or "").lower() for p in profiles], object)])
        self.doelgroep = cat([self.doelgroep, np.array([p.doelgroep for p in profiles], object)])
        self.categorie = cat([self.categorie, np.array([p.categorie for p in profiles], object)])
        for i, p in enumerate(profiles):
            candidate_id = uuid.UUID(p.id)
            self.ids.append(candidate_id)
            self.row_of[candidate_id] = start + i
        self.order_rank = np.empty(len(self.ids), np.int64)
        self.order_rank[np.argsort(self.klantnummer.astype(str), kind="stable")] = np.arange(len(self.ids))

    # --- the vectorised score -------------------------------------------------------------------------
    def _skill_credit(self, wanted, rows: np.ndarray) -> tuple[np.ndarray, bool]:
        """Mean credit per row over the wanted skills (exact 1, related, unresolved text by fuzzy text)."""
        if not wanted:
            return np.ones(len(rows)), False
        w, total = self.scorer.weights, np.zeros(len(rows))
        for r in wanted:
            if r.skill_id:
                col = self.skill_col.get(r.skill_id)
                exact = self.S[:, col].toarray().ravel()[rows] if col is not None else np.zeros(len(rows))
                group = self.scorer.resolver.skill(r.skill_id).group
                related = self.G[:, self.group_col[group]].toarray().ravel()[rows] * w.related_credit
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

        for name, wanted in (("required_skills", v.required), ("desired_skills", v.desired)):
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

    # --- keeping up with the database ----------------------------------------------------------------
    def _marks(self, session: Session) -> dict[str, Mark]:
        marks = {}
        for model in _TABLES:
            count, latest, versions = session.execute(
                select(func.count(), func.max(model.updated_at), func.coalesce(func.sum(model.version), 0))).one()
            marks[model.__tablename__] = Mark(count, latest, int(versions))
        return marks

    def _sqlite_version(self, session: Session) -> int | None:
        bind = session.get_bind()
        if bind.dialect.name != "sqlite":
            return None
        if self._connection is None:
            self._connection = bind.engine.connect()
        value = self._connection.exec_driver_sql("PRAGMA data_version").scalar()
        self._connection.rollback()
        return int(value)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def refresh(self, session: Session) -> int:
        """Bring the index up to date; returns the number of candidates (re)read.

        Call it before anything else reads in ``session``: on SQLite the data_version check is made on the
        index's own connection, so the session's read snapshot must start after it."""
        version = self._sqlite_version(session)
        if version is not None and version == self.data_version and self.marks:
            return 0
        marks = self._marks(session)
        loaded = 0
        if not self.marks:
            loaded = self._load_all(session)
        elif marks != self.marks:
            loaded = self._load(session, self._changed_ids(session, marks))
        if marks != self.marks:
            self.dirty = True
        self.marks, self.data_version = marks, version
        return loaded

    def _changed_ids(self, session: Session, marks: dict[str, Mark]) -> set[uuid.UUID]:
        changed: set[uuid.UUID] = set()
        for model in _TABLES:
            old, new = self.marks[model.__tablename__], marks[model.__tablename__]
            if old == new:
                continue
            column = model.id if model is Candidate else model.candidate_id
            since = select(column)
            if old.latest is not None:
                since = since.where(model.updated_at >= old.latest)
            found = set(session.scalars(since).all())
            changed |= found
            grew = new.count - old.count
            if not found or grew < 0 or grew > len(found):
                # rows went away, or were written with an older clock: compare every candidate's rows
                changed |= self._full_diff(session, model)
        return changed

    def _full_diff(self, session: Session, model) -> set[uuid.UUID]:
        if model is Candidate:
            live = set(session.scalars(select(Candidate.id).where(Candidate.deleted_at.is_(None))).all())
            gone = set(self.row_of) - live
            return live - set(self.row_of) | gone | self._all_ids_changed_versions(session)
        return set(self.row_of) | set(session.scalars(select(model.candidate_id).distinct()).all())

    def _all_ids_changed_versions(self, session: Session) -> set[uuid.UUID]:
        rows = session.execute(select(Candidate.id, Candidate.version)).all()
        return {cid for cid, version in rows if self._versions.get(cid) != version}

    def _load(self, session: Session, ids) -> int:
        ids = list(ids)
        profiles = self.load_profiles(session, ids, record_versions=True)
        found = {uuid.UUID(p.id) for p in profiles}
        self.retire([cid for cid in ids if cid not in found])
        self.add_profiles(profiles)
        self.flush()
        return len(ids)

    def load_profiles(self, session: Session, ids: list[uuid.UUID] | None, record_versions: bool = False,
                      window: tuple[uuid.UUID, uuid.UUID] | None = None) -> list[CandidateProfile]:
        """Profiles of live candidates, read with plain column queries (no ORM objects): the given ``ids``,
        or every live candidate with an id in ``window`` (inclusive; the first build goes window by window)."""
        if ids is not None and window is None:
            found = []
            for start in range(0, len(ids), CHUNK):
                found += self._read(session, Candidate.id.in_(ids[start:start + CHUNK]),
                                    CandidateSkill.candidate_id.in_(ids[start:start + CHUNK]),
                                    CandidateLanguage.candidate_id.in_(ids[start:start + CHUNK]), record_versions)
            return found
        low, high = window
        return self._read(session, Candidate.id.between(low, high), CandidateSkill.candidate_id.between(low, high),
                          CandidateLanguage.candidate_id.between(low, high), record_versions)

    def _read(self, session: Session, people_filter, skill_filter, language_filter,
              record_versions: bool) -> list[CandidateProfile]:
        skills: dict[str, list] = {}
        skill_key = type_coerce(CandidateSkill.candidate_id, String).label("key")
        for key, text, skill_id in session.execute(
                select(skill_key, CandidateSkill.text, CandidateSkill.skill_id).where(skill_filter)
                .order_by(CandidateSkill.candidate_id, CandidateSkill.position)):
            skills.setdefault(key, []).append((text, skill_id))
        languages: dict[str, list] = {}
        language_key = type_coerce(CandidateLanguage.candidate_id, String).label("key")
        for key, *row in session.execute(select(language_key, CandidateLanguage.language, CandidateLanguage.skill,
                                                CandidateLanguage.level).where(language_filter)):
            languages.setdefault(key, []).append(row)
        profiles = []
        key = type_coerce(Candidate.id, String).label("key")
        for person in session.execute(select(key, *_CANDIDATE_COLUMNS, Candidate.deleted_at, Candidate.version)
                                      .where(people_filter)):
            if person.deleted_at is not None:
                continue
            if record_versions:
                self._versions[person.id] = person.version
            profiles.append(profile_from_values(person, skills.get(person.key, ()), languages.get(person.key, ()),
                                                self.scorer.resolver))
        return profiles

    def _load_all(self, session: Session) -> int:
        """The first build, window by window (bounded memory): every live candidate."""
        last, total = None, 0
        while True:
            query = select(Candidate.id).where(Candidate.deleted_at.is_(None)).order_by(Candidate.id).limit(BUILD_WINDOW)
            if last is not None:
                query = query.where(Candidate.id > last)
            ids = session.scalars(query).all()
            if not ids:
                return total
            profiles = self.load_profiles(session, None, record_versions=True, window=(ids[0], ids[-1]))
            self.add_profiles(profiles)
            self.flush()
            total, last = total + len(profiles), ids[-1]

    # --- a copy on disk, so a cold process does not rebuild ------------------------------------------
    _TRANSIENT = ("scorer", "_connection", "_pending")

    def save(self, path, fingerprint: str) -> None:
        """Write the index (after a flush) for the next process; readable by the user only."""
        self.flush()
        state = {k: v for k, v in vars(self).items() if k not in self._TRANSIENT}
        state["data_version"] = None
        state["dirty"] = False
        tmp = Path(f"{path}.tmp")
        tmp.parent.mkdir(parents=True, exist_ok=True)
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            pickle.dump({"format": CACHE_FORMAT, "fingerprint": fingerprint, "state": state}, handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        self.dirty = False

    def load(self, path, fingerprint: str) -> bool:
        """Take over a saved index if it was made by the same vocabulary, places and weights."""
        try:
            with open(path, "rb") as handle:
                saved = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return False
        if not isinstance(saved, dict) or saved.get("format") != CACHE_FORMAT \
                or saved.get("fingerprint") != fingerprint:
            return False
        vars(self).update(saved["state"])
        self._pending = []
        return True
