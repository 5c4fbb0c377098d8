"""One result as CONTRACTS.md shapes it, with the Dutch explanation and the changes that would help most.

Improvements only use what a candidate can acquire: a skill or certificate, one language level in one
skill, a driving licence. Never place, age or hours. Work limitations show as "bespreken met werkgever",
never their content, and never in the score.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import overload

from matchdesk.domain import CefrLevel
from matchdesk.licences import name as licence_name
from matchdesk.licences import order
from matchdesk.matching.components import LEVELS, PairScore, Scorer, VacancyTerms, normalized, round_score
from matchdesk.matching.profiles import LANGUAGE_SKILLS, CandidateProfile
from matchdesk.matching.resolve import VIA_EXACT, Resolution
from matchdesk.matching.weights import COMPONENT_LABELS, COMPONENTS, Weights
from matchdesk.rules.facts import Finding

LICENCE_RULE = "rijbewijs"  # the knock-out of a required licence the candidate is known to lack


def licence_knockout(codes: list[str]) -> str:
    """The knock-out's message: "Rijbewijs CE is vereist; de kandidaat heeft het niet"."""
    names = [licence_name(c) for c in codes]
    named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    verb, it = ("is", "het") if len(names) == 1 else ("zijn", "ze")
    return f"{named[0].upper()}{named[1:]} {verb} vereist; de kandidaat heeft {it} niet"


_VIA = {"exact": "exact", "synonym": "synoniem", "fuzzy": "vage treffer", "related": "verwant"}
_ASK = {
    "required_skills": "welke vaardigheden en certificaten de kandidaat heeft",
    "desired_skills": "welke vaardigheden en certificaten de kandidaat heeft",
    "hours": "hoeveel uur per week de kandidaat wil werken",
    "start_date": "vanaf wanneer de kandidaat beschikbaar is",
    "driving_licence": "welke rijbewijzen de kandidaat heeft",
    "wishes": "welk werk de kandidaat zoekt (wensen, gewenste beroepen)",
}


# what each kind of improvement can move (a licence held also counts as its skill)
_LANGUAGE, _LICENCE = frozenset({"language"}), frozenset({"skills", "licence"})


@lru_cache(maxsize=4096)
def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").replace(",0", "")


def improvements(scorer: Scorer, candidate: CandidateProfile, terms: VacancyTerms, pair: PairScore,
                 today: dt.date, limit: int = 2) -> list[dict]:
    """The one or two acquirable changes that raise the score most, each with the score after it. Each change
    is judged on the components it can move only, the rest taken from ``pair`` (the same totals as scoring
    the changed candidate whole: ``tests/matching/test_explain_speed.py``)."""
    now = round_score(pair.total)
    found: list[tuple[int, str]] = []
    w = scorer.weights
    owned = {r.skill_id for r in candidate.skills if r.skill_id}
    wanted = [r for r in (*terms.required, *terms.profile.desired) if r.skill_id and r.skill_id not in owned]
    if wanted and pair.raw:
        held = pair.owned or scorer.canonical_skills(candidate)
        groups = {scorer.resolver.canonical(skill_id).group for skill_id in held}
        free = [r.input for r in candidate.skills]
    for r in wanted:
        assert r.skill_id is not None
        skill = scorer.resolver.canonical(r.skill_id)
        if skill.licence:
            continue  # offered below as a licence
        change = f"met {skill.label[0].lower() + skill.label[1:]}"
        if pair.raw:  # the candidate with this skill typed exactly: only the two skill components move
            more = {**held, skill.id: (skill.label, VIA_EXACT, 1.0)}
            more_groups = dict.fromkeys(groups | {skill.group}, "")
            raw = dict(pair.raw)
            for name, asked in (("required_skills", terms.required), ("desired_skills", terms.profile.desired)):
                credits = scorer.credits_with(asked, more, more_groups, [*free, skill.label])
                raw[name] = sum(credits) / len(credits) if credits else 1.0
            after = round_score(_total(w, raw))
        else:  # a pair made elsewhere: judged whole
            extra = Resolution(skill.label, skill.id, VIA_EXACT, 1.0)
            changed = dataclasses.replace(candidate, skills=(*candidate.skills, extra))
            after = round_score(scorer.score(changed, terms, today).total)
        if after > now:
            found.append((after, change))
    options: list[tuple[str, CandidateProfile, frozenset[str]]] = []
    for gap in pair.language_gaps:
        i = [s.value for s in LANGUAGE_SKILLS].index(gap["skill"])
        levels = list(candidate.languages)
        raised = levels[i] = CefrLevel(gap["level"]).rank + 1
        options.append((f"{gap['skill']} {LEVELS[raised].value} (nu {gap['level']})",
                        dataclasses.replace(candidate, languages=tuple(levels)), _LANGUAGE))
    lacking = order(terms.licences - w.licence_closure(candidate.licences))
    if lacking:  # all of them at once: one of two required licences lifts nothing
        options.append(("met " + " en ".join(licence_name(code) for code in lacking), dataclasses.replace(
            candidate, licences=candidate.licences | set(lacking), licences_known=True), _LICENCE))
    for change, changed, parts in options:
        if pair.raw:
            after = round_score(scorer.total_after(changed, terms, pair, parts))
        else:
            after = round_score(scorer.score(changed, terms, today).total)
        if after > now:
            found.append((after, change))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [{"change": change, "score_after": after} for after, change in found[:limit]]


def _total(w: Weights, raw: dict[str, float | None]) -> float:
    """The total of raw component values (None: unknown), summed as ``Scorer.score`` sums it."""
    points = []
    for name in COMPONENTS:
        value = raw[name]
        points.append(w.points[name] * (w.unknown[name] if value is None else value))
    return sum(points)


def questions(pair: PairScore, candidate: CandidateProfile, scorer: Scorer) -> list[str]:
    asks: list[str] = []
    for name in pair.unknown:
        if name == "language":
            asks.append("taalniveau " + ", ".join(pair.language_unknown))
        elif name == "travel":
            if scorer.locate(candidate.woonplaats, candidate.municipality) is None:
                asks.append("woonplaats (niet gevonden)" if candidate.woonplaats else "woonplaats")
            if candidate.max_travel_km is None:
                asks.append("maximale reisafstand")
        elif _ASK.get(name) and _ASK[name] not in asks:
            asks.append(_ASK[name])
    return asks


def candidate_questions(candidate: CandidateProfile, scorer: Scorer) -> list[str]:
    """What to ask at the next contact so matching can judge every component, whatever the vacancy."""
    asks = []
    unknown_levels = [s.value for s, level in zip(LANGUAGE_SKILLS, candidate.languages, strict=True) if level is None]
    if unknown_levels:
        asks.append("taalniveau " + ", ".join(unknown_levels))
    if not candidate.skills:
        asks.append(_ASK["required_skills"])
    if not candidate.licences_known:
        asks.append(_ASK["driving_licence"])
    if scorer.locate(candidate.woonplaats, candidate.municipality) is None:
        asks.append("woonplaats (niet gevonden)" if candidate.woonplaats else "woonplaats")
    if candidate.max_travel_km is None:
        asks.append("maximale reisafstand")
    if candidate.hours_per_week is None:
        asks.append(_ASK["hours"])
    if candidate.available_from is None:
        asks.append(_ASK["start_date"])
    if not candidate.wish_text:
        asks.append(_ASK["wishes"])
    return asks


def result_dict(scorer: Scorer, candidate: CandidateProfile, terms: VacancyTerms, pair: PairScore,
                findings: list[Finding], today: dt.date, *, direction: str) -> dict:
    knockouts = [{"rule": f.rule, "message": f.message} for f in findings if f.severity == "block"]
    if pair.knocked_out_by_licence:
        knockouts.append({"rule": LICENCE_RULE, "message": licence_knockout(pair.licences_missing)})
    warnings = [f.message for f in findings if f.severity == "warning"]
    score = round_score(pair.total)
    result: dict = {}
    if direction == "candidates":
        result["candidate"] = candidate.klantnummer
    else:
        v = terms.profile
        result.update({"vacancy": v.reference, "title": v.title, "kind": str(v.kind), "place": v.place})
    improve = improvements(scorer, candidate, terms, pair, today)
    result.update({
        "score": score,
        "eligible": not knockouts,
        "knockouts": knockouts,
        "components": {name: round(pair.points[name], 1) for name in COMPONENTS},
        "matched_skills": pair.matched,
        "missing_skills": pair.missing,
        "language_gaps": pair.language_gaps,
        "unknown": pair.unknown,
        "improvements": improve,
        "questions": questions(pair, candidate, scorer),
        "distance_km": None if pair.distance_km is None else round(pair.distance_km, 1),
    })
    result["explanation"] = explanation_text(scorer, candidate, terms, pair, score, knockouts, warnings, improve)
    return result


def explanation_text(scorer: Scorer, candidate: CandidateProfile, terms: VacancyTerms, pair: PairScore, score: int,
                     knockouts: list[dict], warnings: list[str], improve: list[dict]) -> str:
    w, v = scorer.weights, terms.profile
    lines = [f"Score {score} van 100 voor {v.reference} {v.title}."]
    lines.append("Punten: " + "; ".join(
        f"{COMPONENT_LABELS[n]} {_number(pair.points[n])}/{_number(w.points[n])}"
        + (" (onbekend)" if n in pair.unknown else "") for n in COMPONENTS) + ".")
    if pair.matched:
        parts = []
        for m in pair.matched:
            if m["via"] == "exact" and normalized(m["input"]) == normalized(m["skill"]):
                parts.append(m["skill"])
                continue
            how = _VIA[m["via"]]
            if m["via"] == "fuzzy":
                how += f" {round(m['confidence'] * 100)}%"
            parts.append(f"{m['skill']} ({how}: \"{m['input']}\")")
        lines.append("Gevonden: " + "; ".join(parts) + ".")
    read_as = [f"\"{r.input}\" als {scorer.resolver.canonical(r.skill_id).label} ({round(r.confidence * 100)}%)"
               for r in (*v.required, *v.desired) if r.skill_id and r.via == "fuzzy"]
    if read_as:
        lines.append("Eis gelezen als: " + "; ".join(read_as) + ".")
    as_text = [r.input for r in (*v.required, *v.desired) if not r.skill_id]
    if as_text:
        lines.append("Niet in de vaardighedenlijst, als tekst vergeleken: " + ", ".join(as_text) + ".")
    statuses = [f"{licence_name(c)}: aanwezig" for c in pair.licences_held]
    statuses += [f"{licence_name(c)}: onbekend" for c in pair.licences_unknown]
    if statuses:  # a required licence the candidate lacks is named under "Ontbreekt (vereist)" and knocks out
        line = "; ".join(statuses) + "."
        lines.append(line[0].upper() + line[1:])
    if pair.missing:
        lines.append("Ontbreekt (vereist): " + ", ".join(pair.missing) + ".")
    if pair.missing_desired:
        lines.append("Ontbreekt (gewenst): " + ", ".join(pair.missing_desired) + ".")
    if pair.language_gaps:
        lines.append("Taal: " + "; ".join(f"{g['skill']}: {g['level']}, vereist {g['required']}"
                                          for g in pair.language_gaps) + ".")
        if v.taalondersteuning and v.kind == "leerwerkplek":
            lines.append(f"Leerwerkplek met taalondersteuning: {w.taalondersteuning_tolerance} niveau lager "
                         "telt zonder puntverlies.")
    if pair.distance_km is not None:
        limit = f" (maximum {candidate.max_travel_km} km)" if candidate.max_travel_km is not None else ""
        lines.append(f"Reisafstand: {_number(round(pair.distance_km))} km{limit}.")
    for knockout in knockouts:
        lines.append(f"Knock-out: {knockout['message']}.")
    for warning in warnings:
        lines.append(f"Let op: {warning}.")
    asks = questions(pair, candidate, scorer)
    if asks:
        lines.append("Onbekend: " + ", ".join(COMPONENT_LABELS[n] for n in pair.unknown)
                     + ". Vraag bij het volgende contact: " + "; ".join(asks) + ".")
    if candidate.has_work_limitations:
        lines.append("Functionele beperkingen: bespreken met werkgever.")
    for item in improve:
        lines.append(f"Verbeteren: {item['change']}: {score} → {item['score_after']}.")
    return "\n".join(lines)


class LazyResults(Sequence[dict]):
    """The result dicts of a ranking, each explained when first read (the first ``at_once`` right away): the
    window shows about 20 rows and asks for the others when they are scrolled to or selected, ``rank --json``
    reads them all. ``make(i)`` explains result ``i``; ``lock`` serialises explaining across threads."""

    def __init__(self, count: int, make: Callable[[int], dict], lock: AbstractContextManager[object],
                 at_once: int = 20) -> None:
        self._made: list[dict | None] = [None] * count
        self._make = make
        self._lock = lock
        for i in range(min(at_once, count)):
            self[i]

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, i: int) -> dict: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict]: ...

    def __getitem__(self, i: int | slice) -> dict | list[dict]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self._made)))]
        found = self._made[i]
        if found is None:
            with self._lock:
                found = self._made[i]
                if found is None:
                    found = self._made[i] = self._make(range(len(self._made))[i])
        return found

    @property
    def explained(self) -> int:
        """How many results are explained so far."""
        return sum(made is not None for made in self._made)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyResults({len(self)} results, {self.explained} explained)"
