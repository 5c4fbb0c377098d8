"""Ranking in both directions: candidates for a vacancy (vectorised over the index), vacancies and
leerwerkplekken for a candidate. Eligible results first, each group by score descending (the exact
score, then the klantnummer or reference, breaks ties of the rounded score); knocked-out results keep
their score and come after, never hidden.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import threading
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from matchdesk.domain import VacancyKind, VacancyStatus
from matchdesk.errors import MatchDeskError
from matchdesk.matching.components import Scorer, VacancyTerms, round_score
from matchdesk.matching.explain import LazyResults, result_dict
from matchdesk.matching.geo import Gazetteer, load_gazetteer
from matchdesk.matching.index import CandidateIndex
from matchdesk.matching.profiles import CandidateProfile, VacancyProfile, vacancy_profile
from matchdesk.matching.resolve import SkillResolver
from matchdesk.matching.scoring import RowScorer
from matchdesk.matching.text import OccupationMatcher, TextSimilarity
from matchdesk.matching.weights import Weights
from matchdesk.occupations import load_occupations
from matchdesk.rules.eligibility import eligibility
from matchdesk.rules.facts import CandidateFacts, Finding
from matchdesk.rules.rulebook import Rulebook, Rulebooks
from matchdesk.storage.models import Vacancy, VacancyLanguage, VacancySkill
from matchdesk.vocabulary import Vocabulary, load_vocabulary


@dataclass(frozen=True)
class Filters:
    municipality: str | None = None  # candidate's gemeente; for vacancies: the place of work
    doelgroep: str | None = None
    categorie: str | None = None
    kind: str | None = None  # vacancy kind
    max_distance_km: float | None = None
    min_score: int | None = None
    available_now: bool = False


EXPLAIN_AT_ONCE = 20  # results explained with the ranking; the others when first read (``LazyResults``)
PROFILES_KEPT = 5_000  # candidate profiles kept between rankings while the database's candidates stay the same


@dataclass
class Ranking:
    """``results``: the result dicts of CONTRACTS.md in order, explained when read (all of them for JSON);
    ``keys``: the klantnummer (candidates) or reference (vacancies) of each, known without explaining."""

    query: dict
    total: int
    results: Sequence[dict]
    keys: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"query": self.query, "total": self.total, "results": list(self.results)}


def vacancies_mark(session: Session) -> tuple:
    """Count, latest change and sum of row versions of the vacancy, vacancy skill and language tables: it moves
    with every change to any vacancy (what is kept per vacancy is let go when it does)."""
    return tuple(tuple(session.execute(select(func.count(), func.max(model.updated_at), func.sum(model.version)))
                       .one()) for model in (Vacancy, VacancySkill, VacancyLanguage))


def _order_key(score: float) -> float:
    return round(score, 6)


class MatchEngine:
    """Holds the vocabulary, weights, rulebooks and the candidate index of one database."""

    def __init__(self, weights: Weights, rulebooks: Rulebooks, vocabulary: Vocabulary | None = None,
                 gazetteer: Gazetteer | None = None, resolver: SkillResolver | None = None) -> None:
        self.weights = weights
        self.rulebooks = rulebooks
        self.resolver = resolver or SkillResolver(vocabulary or load_vocabulary(), weights)
        self.scorer = Scorer(weights, self.resolver, gazetteer or load_gazetteer(),
                             OccupationMatcher(load_occupations()), TextSimilarity())
        self.index = CandidateIndex(self.scorer)
        self.rows = RowScorer(self.scorer)
        self._explaining = threading.RLock()
        self._per_mark: tuple[object, dict] | None = None
        self._blocked_tables: dict[tuple, np.ndarray] = {}
        self._rulebook_cache: dict[tuple[str, dt.date], Rulebook | None] = {}
        self._findings: dict[tuple[CandidateFacts, str, dt.date], list[Finding]] = {}
        self._terms_cache: dict[tuple, VacancyTerms] = {}
        self._vacancies: tuple[tuple, list[VacancyProfile]] | None = None

    def fingerprint(self) -> str:
        """What a saved index depends on: vocabulary, occupations, places and weights."""
        from matchdesk.resources import resource

        digest = hashlib.sha256()
        folder = resource("vocabulary")
        for item in sorted(folder.iterdir(), key=lambda t: t.name):
            if item.name.endswith(".toml"):
                digest.update(item.read_bytes())
        digest.update(resource("occupations.toml").read_bytes())
        digest.update(resource("matching", "nl_places.tsv").read_bytes())
        plain = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in dataclasses.asdict(self.weights).items()}
        plain["licence_implies"] = {k: sorted(v) for k, v in self.weights.licence_implies.items()}
        digest.update(json.dumps(plain, sort_keys=True, default=sorted).encode())
        return digest.hexdigest()

    # --- eligibility ----------------------------------------------------------------------------------
    def findings(self, facts: CandidateFacts, kind: VacancyKind, today: dt.date) -> list[Finding]:
        """The rules' findings for these facts (the same list for the same facts, kind and day: do not change it)."""
        judged = (facts, str(kind), today)
        found = self._findings.get(judged)
        if found is None:
            if len(self._findings) > 50_000:
                self._findings.clear()
            found = self._findings[judged] = self._judge(facts, kind, today)
        return found

    def _judge(self, facts: CandidateFacts, kind: VacancyKind, today: dt.date) -> list[Finding]:
        key = (facts.municipality, today)
        if key not in self._rulebook_cache:
            try:
                self._rulebook_cache[key] = self.rulebooks.for_municipality(facts.municipality, today)
            except MatchDeskError:
                self._rulebook_cache[key] = self._region_rulebook(today)
        rulebook = self._rulebook_cache[key]
        if rulebook is None:
            return [Finding("regelboek", "warning", "Geen regelboek voor de gemeente van de kandidaat; "
                                                  "geschiktheid niet getoetst")]
        return eligibility(facts, VacancyKind(kind), today, rulebook)

    def _region_rulebook(self, today: dt.date) -> Rulebook | None:
        for name in self.rulebooks.municipalities():
            if (self.rulebooks.region_of(name) or "").casefold() == self.weights.region.casefold():
                try:
                    return self.rulebooks.for_municipality(name, today)
                except MatchDeskError:
                    continue
        return None

    def _blocked_rows(self, rows: np.ndarray, kind: VacancyKind, today: dt.date) -> np.ndarray:
        """Knock-outs for many rows at once: the rules judge each distinct set of facts once."""
        index, day = self.index, today.toordinal()
        running = index.ontheffing[rows] >= day  # NaN compares False
        keys = index.elig_key[rows].astype(np.int64) * 2 + running
        table_key = (str(kind), today)
        table = self._blocked_tables.get(table_key)
        if table is None or len(table) < 2 * len(index.eligibility_facts):
            table = np.array([self._blocks(key, kind, today) for key in range(2 * len(index.eligibility_facts))],
                             dtype=bool)
            self._blocked_tables[table_key] = table
        return table[keys]

    def _blocks(self, key: int, kind: VacancyKind, today: dt.date) -> bool:
        facts = self.index.eligibility_facts[key // 2]
        facts = dataclasses.replace(facts, ontheffing_until=today if key % 2 else None)
        return any(f.severity == "block" for f in self.findings(facts, kind, today))

    def prepare(self, today: dt.date) -> None:
        """Compute now what the first ranking of the day would (the window's warm-up calls it after the index is
        up to date): the scorer's per-index codes, the live rows and the knock-outs of every live row per vacancy
        kind, kept exactly as ``_choose`` keeps them, so a ranking afterwards finds them."""
        index = self.index
        index.flush()
        self.rows.prepare(index)
        kept = self._kept()
        live = kept.get("live")
        if live is None:
            live = kept["live"] = np.flatnonzero(index.alive)
        for kind in VacancyKind:
            if ("blocked", str(kind), today) not in kept:
                kept[("blocked", str(kind), today)] = self._blocked_rows(live, kind, today)

    # --- candidates for a vacancy ---------------------------------------------------------------------
    def rank_candidates(self, session: Session, vacancy: VacancyProfile, today: dt.date,
                        filters: Filters = Filters(), top: int = 20, at_once: int = EXPLAIN_AT_ONCE) -> Ranking:
        self.index.refresh(session)
        chosen, total, terms = self._choose(vacancy, today, filters, top)
        return self._ranking(session, vacancy, terms, chosen, total, filters, top, today, at_once)

    def rank_many(self, session: Session, vacancies: Sequence[VacancyProfile], today: dt.date,
                  filters: Filters = Filters(), top: int = 20) -> list[Ranking]:
        """``rank_candidates`` for each vacancy (all-vs-all), with one index check and one read of every winner's
        profile not kept yet (in chunks) instead of one per vacancy; the results are explained when read."""
        self.index.refresh(session)
        picked = [self._choose(vacancy, today, filters, top) for vacancy in vacancies]
        self.candidate_profiles(session, list(dict.fromkeys(cid for chosen, _, _ in picked for cid in chosen)))
        return [self._ranking(session, vacancy, terms, chosen, total, filters, top, today, 0)
                for vacancy, (chosen, total, terms) in zip(vacancies, picked, strict=True)]

    def _choose(self, vacancy: VacancyProfile, today: dt.date, filters: Filters,
                top: int) -> tuple[list[uuid.UUID], int, VacancyTerms]:
        """The ids of the ``top`` results in order, the number judged after filters, the vacancy's terms."""
        index = self.index
        index.flush()
        terms = self.scorer.terms(vacancy, today)
        kept = self._kept()
        live: np.ndarray | None = kept.get("live")
        if live is None:
            live = kept["live"] = np.flatnonzero(index.alive)
        rows = live
        if filters.municipality:
            rows = rows[index.municipality[rows] == filters.municipality.strip().lower()]
        if filters.doelgroep:
            rows = rows[index.doelgroep[rows] == filters.doelgroep]
        if filters.categorie:
            rows = rows[index.categorie[rows] == filters.categorie]
        if filters.available_now:
            rows = rows[~(index.avail[rows] > today.toordinal())]
        scores = self.rows.score(index, terms, today, rows)
        total = scores.total
        if filters.max_distance_km is not None or filters.min_score is not None:
            keep = np.ones(len(rows), bool)
            if filters.max_distance_km is not None:
                keep &= ~(scores.distance > filters.max_distance_km)  # unknown distance stays, marked onbekend
            if filters.min_score is not None:
                keep &= np.floor(scores.total + 0.5 + 1e-9) >= filters.min_score
            rows, total = rows[keep], total[keep]
        else:
            keep = None
        if rows is live:  # every live row: the knock-outs are those of the last ranking of this kind and day
            blocked = kept.get(("blocked", str(vacancy.kind), today))
            if blocked is None:
                blocked = kept[("blocked", str(vacancy.kind), today)] = self._blocked_rows(rows, vacancy.kind, today)
        else:
            blocked = self._blocked_rows(rows, vacancy.kind, today)
        if terms.licences:  # a required licence known to be missing is a knock-out (as ``explain`` says)
            missing = (scores.values["driving_licence"] == 0) & ~scores.unknown["driving_licence"]
            blocked = blocked | (missing if keep is None else missing[keep])
        primary = blocked * 1000.0 - np.round(total, 6)
        if top and len(rows) > top:
            threshold = np.partition(primary, top - 1)[top - 1]
            pick = np.flatnonzero(primary <= threshold)
        else:
            pick = np.arange(len(rows))
        order = pick[np.lexsort((index.order_rank[rows[pick]], primary[pick]))]
        if top:
            order = order[:top]
        return [index.ids[r] for r in rows[order]], int(len(rows)), terms

    def _ranking(self, session: Session, vacancy: VacancyProfile, terms: VacancyTerms, chosen: list[uuid.UUID],
                 total: int, filters: Filters, top: int, today: dt.date, at_once: int) -> Ranking:
        found = self.candidate_profiles(session, chosen)
        profiles = [found[cid] for cid in chosen if cid in found]

        def make(i: int) -> dict:
            return self.explain(profiles[i], terms, today)

        results = LazyResults(len(profiles), make, self._explaining, at_once)
        return Ranking(self._query("vacancy", vacancy.reference, filters, top, today), total, results,
                       [p.klantnummer for p in profiles])

    def candidate_profiles(self, session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, CandidateProfile]:
        """The profiles of these live candidates. Read from the database once and kept while the index's mark
        of the candidates' tables stays the same (any change to a candidate, skill or language moves it), so
        the next ranking reads only winners it has not shown before."""
        kept: dict[uuid.UUID, CandidateProfile] = self._kept().setdefault("profiles", {})
        wanted = [cid for cid in ids if cid not in kept]
        if wanted:
            if len(kept) + len(wanted) > PROFILES_KEPT:  # a batch larger than that is kept whole until the next
                kept.clear()
            for profile in self.index.load_profiles(session, wanted):
                kept[uuid.UUID(profile.id)] = profile
        return {cid: kept[cid] for cid in ids if cid in kept}

    def let_go(self) -> None:
        """Forget what is kept between rankings (the next one reads its winners' profiles again)."""
        self._per_mark = None

    def _kept(self) -> dict:
        """What the engine keeps while the candidates stay as they are (the index store's mark of the candidate,
        skill and language tables, as the last refresh read it): the winners' profiles, the live rows, the
        knock-outs of every live row per vacancy kind and day. Let go as soon as any candidate changes."""
        mark = getattr(self.index.store, "marks", None)
        if not mark or self._per_mark is None or self._per_mark[0] != mark:
            self._per_mark = (dict(mark) if mark else None, {})
        return self._per_mark[1]

    def explain(self, candidate: CandidateProfile, terms: VacancyTerms, today: dt.date,
                direction: str = "candidates") -> dict:
        pair = self.scorer.score(candidate, terms, today)
        findings = self.findings(candidate.facts, terms.profile.kind, today)
        return result_dict(self.scorer, candidate, terms, pair, findings, today, direction=direction)

    # --- vacancies for a candidate --------------------------------------------------------------------
    def open_vacancies(self, session: Session) -> list[VacancyProfile]:
        mark = vacancies_mark(session)
        if self._vacancies is None or self._vacancies[0] != mark:
            query = (select(Vacancy).where(Vacancy.deleted_at.is_(None), Vacancy.archived_at.is_(None),
                                           Vacancy.status == VacancyStatus.OPEN)
                     .options(selectinload(Vacancy.skills), selectinload(Vacancy.languages)))
            self._vacancies = (mark, [vacancy_profile(v, self.resolver) for v in session.scalars(query)])
        return self._vacancies[1]

    def _terms(self, vacancy: VacancyProfile, today: dt.date) -> VacancyTerms:
        key = (vacancy.id, vacancy.reference, today)
        terms = self._terms_cache.get(key)
        if terms is None or terms.profile is not vacancy:
            terms = self._terms_cache[key] = self.scorer.terms(vacancy, today)
        return terms

    def rank_vacancies(self, session: Session, candidate: CandidateProfile, today: dt.date,
                       filters: Filters = Filters(), top: int = 20) -> Ranking:
        scored = []
        for vacancy in self.open_vacancies(session):
            if filters.kind and str(vacancy.kind) != filters.kind:
                continue
            if filters.municipality and (vacancy.place or "").strip().lower() != filters.municipality.strip().lower():
                continue
            if filters.available_now and vacancy.start_date is not None and vacancy.start_date > today:
                continue
            terms = self._terms(vacancy, today)
            pair = self.scorer.score(candidate, terms, today)
            if filters.max_distance_km is not None and pair.distance_km is not None \
                    and pair.distance_km > filters.max_distance_km:
                continue
            if filters.min_score is not None and round_score(pair.total) < filters.min_score:
                continue
            blocked = pair.knocked_out_by_licence or any(
                f.severity == "block" for f in self.findings(candidate.facts, vacancy.kind, today))
            scored.append((blocked, -_order_key(pair.total), vacancy.reference, terms))
        scored.sort(key=lambda item: item[:3])
        chosen = [terms for *_, terms in (scored[:top] if top else scored)]

        def make(i: int) -> dict:
            return self.explain(candidate, chosen[i], today, direction="vacancies")

        results = LazyResults(len(chosen), make, self._explaining, EXPLAIN_AT_ONCE)
        return Ranking(self._query("candidate", candidate.klantnummer, filters, top, today), len(scored), results,
                       [terms.profile.reference for terms in chosen])

    def _query(self, key: str, value: str, filters: Filters, top: int, today: dt.date) -> dict:
        query = {key: value, "top": top, "today": today.isoformat()}
        query.update({k: v for k, v in asdict(filters).items()})
        return query
