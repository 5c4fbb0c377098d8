"""The score components of one candidate against one vacancy, each 0..1, in plain Python.

This is the reference: the explanation of every returned row is computed here, and the vectorised
index (``index.py``) must give the same values (a test holds them together). A component that cannot
be judged is ``onbekend`` and takes the weights file's value for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from matchdesk.domain import CefrLevel
from matchdesk.errors import ValidationError
from matchdesk.licences import minimal, order, parse
from matchdesk.licences import name as licence_name
from matchdesk.matching.geo import Gazetteer, distance_km
from matchdesk.matching.profiles import LANGUAGE_SKILLS, CandidateProfile, VacancyProfile
from matchdesk.matching.resolve import VIA_FUZZY, VIA_RELATED, VIA_SYNONYM, Resolution, SkillResolver
from matchdesk.matching.text import OccupationMatcher, TextSimilarity
from matchdesk.matching.weights import COMPONENTS, Weights
from matchdesk.vocabulary import normalize_term

LEVELS = list(CefrLevel)


@dataclass
class PairScore:
    values: dict[str, float]
    unknown: list[str]
    total: float
    points: dict[str, float]
    matched: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    missing_desired: list[str] = field(default_factory=list)
    language_gaps: list[dict] = field(default_factory=list)
    language_unknown: list[str] = field(default_factory=list)
    distance_km: float | None = None
    notes: list[str] = field(default_factory=list)
    licences_held: list[str] = field(default_factory=list)  # required codes the candidate holds
    licences_missing: list[str] = field(default_factory=list)  # required codes the candidate is known to lack
    licences_unknown: list[str] = field(default_factory=list)  # required codes, the candidate's licences unknown
    raw: dict[str, float | None] = field(default_factory=dict, repr=False)  # each component before unknowns count
    owned: dict[str, tuple[str, str, float]] = field(default_factory=dict, repr=False)  # ``canonical_skills``

    @property
    def knocked_out_by_licence(self) -> bool:
        """A required licence is a hard requirement: known to be missing knocks the candidate out."""
        return bool(self.licences_missing)


@dataclass(frozen=True)
class VacancyTerms:
    """What a vacancy asks, prepared once per query. ``licences``: the required driving licences (the field and
    required skills that are licences, as the least set of codes); ``required``: the other required skills."""

    profile: VacancyProfile
    location: tuple[float, float] | None
    licences: frozenset[str]
    occupation: str | None
    start: dt.date
    required: tuple[Resolution, ...] = ()


normalized = lru_cache(maxsize=100_000)(normalize_term)  # the same skill texts are compared again and again


def round_score(total: float) -> int:
    return int(total + 0.5 + 1e-9)


class Scorer:
    def __init__(self, weights: Weights, resolver: SkillResolver, gazetteer: Gazetteer,
                 occupations: OccupationMatcher, text: TextSimilarity) -> None:
        self.weights = weights
        self.resolver = resolver
        self.gazetteer = gazetteer
        self.occupations = occupations
        self.text = text
        self._places: dict[tuple, tuple[float, float] | None] = {}
        self._distances: dict[tuple[tuple[float, float], tuple[float, float]], float] = {}

    # --- places -------------------------------------------------------------------------------------
    def locate(self, place: str | None, municipality: str | None = None) -> tuple[float, float] | None:
        key = (place, municipality)
        if key not in self._places:
            near = self.gazetteer.locate(municipality, self.weights.centre) if municipality else None
            self._places[key] = self.gazetteer.locate(place, near or self.weights.centre)
        return self._places[key]

    def terms(self, vacancy: VacancyProfile, today: dt.date) -> VacancyTerms:
        try:
            licences = set(parse(vacancy.driving_licence, "rijbewijs_vereist")[0])
        except ValidationError:
            licences = set()
        required = []
        for r in vacancy.required:
            skill = self.resolver.skill(r.skill_id) if r.skill_id else None
            if skill is not None and skill.licence:
                licences.add(skill.licence)
            else:
                required.append(r)
        start = max(vacancy.start_date or today, today)
        return VacancyTerms(vacancy, self.locate(vacancy.place, vacancy.municipality), frozenset(minimal(licences)),
                            self.occupations.match(vacancy.title), start, tuple(required))

    # --- candidate skills ---------------------------------------------------------------------------
    def canonical_skills(self, candidate: CandidateProfile) -> dict[str, tuple[str, str, float]]:
        """skill id -> (input, via, confidence): typed skills plus the licences a candidate holds."""
        skills: dict[str, tuple[str, str, float]] = {}
        for r in candidate.skills:
            if r.skill_id and (r.skill_id not in skills or skills[r.skill_id][2] < r.confidence):
                skills[r.skill_id] = (r.input, r.via, r.confidence)
        for code in sorted(self.weights.licence_closure(candidate.licences)):
            skill_id = self.resolver.licence_skill(code)
            if skill_id and skill_id not in skills:
                skills[skill_id] = (licence_name(code), VIA_SYNONYM, 1.0)
        return skills

    def _match_skills(self, wanted, candidate: CandidateProfile, owned: dict, groups: dict[str, str]):
        """Credit per wanted skill: exact 1, same group related_credit, unresolved text by fuzzy text."""
        credits, matched, missing = [], [], []
        free = [r.input for r in candidate.skills]
        for r in wanted:
            label = self._label(r)
            if r.skill_id and r.skill_id in owned:
                text, via, confidence = owned[r.skill_id]
                credits.append(1.0)
                matched.append({"skill": label, "input": text, "via": via, "confidence": confidence})
                continue
            if r.skill_id:
                skill = self.resolver.canonical(r.skill_id)
                group = skill.group
                if group in groups and not skill.licence:  # C1 is no partial C: licences are held or not
                    credits.append(self.weights.related_credit)
                    matched.append({"skill": label, "input": groups[group], "via": VIA_RELATED,
                                    "confidence": self.weights.related_credit})
                    continue
            else:
                hit = self._text_hit(r.input, free)
                if hit is not None:
                    credits.append(1.0)
                    matched.append({"skill": label, "input": hit[0], "via": VIA_FUZZY, "confidence": hit[1]})
                    continue
            credits.append(0.0)
            missing.append(label)
        return credits, matched, missing

    def credits_with(self, wanted, owned: dict, groups: dict[str, str], free: list[str]) -> list[float]:
        """The credits of ``_match_skills`` alone (no matches to describe), for ``owned`` skills, their
        ``groups`` and the ``free`` texts typed: what judging an added skill needs."""
        credits = []
        for r in wanted:
            if r.skill_id:
                if r.skill_id in owned:
                    credits.append(1.0)
                    continue
                skill = self.resolver.canonical(r.skill_id)
                credits.append(self.weights.related_credit if skill.group in groups and not skill.licence else 0.0)
            else:
                credits.append(0.0 if self._text_hit(r.input, free) is None else 1.0)
        return credits

    def _text_hit(self, wanted: str, texts: list[str]) -> tuple[str, float] | None:
        key = normalized(wanted)
        best = None
        for text in texts:
            score = fuzz.token_set_ratio(key, normalized(text))
            if score >= self.weights.fuzzy_cutoff and (best is None or score > best[1]):
                best = (text, score)
        return (best[0], round(best[1] / 100, 2)) if best else None

    def _label(self, r) -> str:
        skill = self.resolver.skill(r.skill_id) if r.skill_id else None
        return skill.label if skill else r.input

    # --- the score ------------------------------------------------------------------------------------
    def score(self, candidate: CandidateProfile, terms: VacancyTerms, today: dt.date) -> PairScore:
        w, v = self.weights, terms.profile
        values: dict[str, float | None] = {}
        result = PairScore(values={}, unknown=[], total=0.0, points={}, raw=values)

        values["required_skills"], values["desired_skills"] = self._skills(candidate, terms, result)
        values["language"] = self._language(candidate, v, result)

        here = self.locate(candidate.woonplaats, candidate.municipality)
        if here is not None and terms.location is not None:
            result.distance_km = self._distance(here, terms.location)
        values["travel"] = travel_value(result.distance_km, candidate.max_travel_km, w)

        values["hours"] = hours_value(candidate.hours_per_week, v.hours_per_week, w)
        values["start_date"] = start_value(candidate.available_from, terms.start, w)
        values["driving_licence"] = self._licence(candidate, terms, result)
        result.missing += [licence_name(code) for code in result.licences_missing]
        values["wishes"] = self._wishes(candidate, terms)

        for name in COMPONENTS:
            value = values[name]
            if value is None:
                result.unknown.append(name)
                value = w.unknown[name]
            elif name == "language" and result.language_unknown:
                result.unknown.append(name)
            result.values[name] = value
            result.points[name] = w.points[name] * value
        result.total = sum(result.points[name] for name in COMPONENTS)
        return result

    def total_after(self, changed: CandidateProfile, terms: VacancyTerms, pair: PairScore,
                    parts: frozenset[str]) -> float:
        """The total ``score`` gives ``changed``, a variant of the candidate ``pair`` was scored for that differs
        only in what ``parts`` names ("skills", "language", "licence"): those components are judged again, the
        others are taken from ``pair`` (no distance, hours, start or wishes again). Exactly ``score(...).total``."""
        w, raw = self.weights, dict(pair.raw)
        scratch = PairScore(values={}, unknown=[], total=0.0, points={})
        if "skills" in parts:
            raw["required_skills"], raw["desired_skills"] = self._skills(changed, terms, scratch)
        if "language" in parts:
            raw["language"] = self._language(changed, terms.profile, scratch)
        if "licence" in parts:
            raw["driving_licence"] = self._licence(changed, terms, scratch)
        points = []
        for name in COMPONENTS:
            value = raw[name]
            points.append(w.points[name] * (w.unknown[name] if value is None else value))
        return sum(points)  # summed as ``score`` sums them: the same float

    def _skills(self, candidate: CandidateProfile, terms: VacancyTerms,
                result: PairScore) -> tuple[float | None, float | None]:
        """The required and desired skills' values (None: unknown); the matches and misses into ``result``."""
        owned = result.owned = self.canonical_skills(candidate)
        groups: dict[str, str] = {}
        for skill_id, (text, _via, _conf) in owned.items():
            groups.setdefault(self.resolver.canonical(skill_id).group, text)
        skills_known = bool(candidate.skills) or candidate.licences_known
        credits, result.matched, result.missing = self._match_skills(terms.required, candidate, owned, groups)
        required = (sum(credits) / len(credits) if skills_known else None) if credits else 1.0
        credits, matched, result.missing_desired = self._match_skills(terms.profile.desired, candidate, owned, groups)
        result.matched += matched
        desired = (sum(credits) / len(credits) if skills_known else None) if credits else 1.0
        return required, desired

    def _distance(self, here: tuple[float, float], there: tuple[float, float]) -> float:
        """Great-circle km between two located places, kept (a region has a few dozen places)."""
        key = (here, there)
        found = self._distances.get(key)
        if found is None:
            if len(self._distances) > 100_000:
                self._distances.clear()
            found = self._distances[key] = distance_km(here, there)
        return found

    def _language(self, candidate: CandidateProfile, v: VacancyProfile, result: PairScore) -> float:
        if not v.languages:
            return 1.0
        tolerance = self.weights.taalondersteuning_tolerance if v.taalondersteuning and v.kind == "leerwerkplek" else 0
        factors = []
        for i, skill in enumerate(LANGUAGE_SKILLS):
            required = v.languages.get(skill)
            if required is None:
                continue
            level = candidate.languages[i]
            if level is None:
                result.language_unknown.append(skill.value)
                factors.append(self.weights.unknown["language"])
                continue
            short = required - level
            if short > 0:
                result.language_gaps.append({"skill": skill.value, "level": LEVELS[level].value,
                                             "required": LEVELS[required].value, "short_by": short})
            factors.append(self.weights.language_factor(short - tolerance))
        return sum(factors) / len(factors)

    def _licence(self, candidate: CandidateProfile, terms: VacancyTerms, result: PairScore) -> float | None:
        if not terms.licences:
            return 1.0
        wanted = order(terms.licences)
        if not candidate.licences_known:
            result.licences_unknown = wanted
            return None
        held = self.weights.licence_closure(candidate.licences)
        result.licences_held = [code for code in wanted if code in held]
        result.licences_missing = [code for code in wanted if code not in held]
        return 0.0 if result.licences_missing else 1.0

    def _wishes(self, candidate: CandidateProfile, terms: VacancyTerms) -> float | None:
        if not candidate.wish_text:
            return None
        if terms.occupation is not None and any(
                self.occupations.match(o) == terms.occupation for o in candidate.desired_occupations):
            return self.weights.occupation_match
        similarity = self.text.similarity(candidate.wish_text, terms.profile.text)
        return min(self.weights.short_cap, similarity / self.weights.text_full_at)


def travel_value(distance: float | None, maximum: int | None, w: Weights) -> float | None:
    if distance is None or maximum is None:
        return None
    if distance <= maximum:
        return 1.0
    zero_at = max(maximum * w.travel_zero_at_ratio, maximum + w.travel_min_extra_km)
    return min(w.short_cap, max(0.0, 1.0 - (distance - maximum) / (zero_at - maximum)))


def hours_value(wanted: int | None, offered: int | None, w: Weights) -> float | None:
    if offered is None:
        return 1.0
    if wanted is None:
        return None
    diff = abs(wanted - offered)
    if diff <= w.hours_full_within:
        return 1.0
    return min(w.short_cap, max(0.0, 1.0 - (diff - w.hours_full_within) / (w.hours_zero_at - w.hours_full_within)))


def start_value(available: dt.date | None, start: dt.date, w: Weights) -> float | None:
    if available is None:
        return None
    delay = (available - start).days
    if delay <= w.start_full_within_days:
        return 1.0
    return min(w.short_cap, max(0.0, 1.0 - delay / w.start_zero_at_days))
