"""Free-typed skills to the vocabulary's canonical skills: synonyms, compounds, typos (rapidfuzz).

Order: exact label or synonym; a driving licence ("rijbewijs C", "C-rijbewijs"); the same after dropping
a qualifier ("ervaring met ...", "(2 jaar)"); written together or apart ("heftruck certificaat" =
"heftruckcertificaat"); then fuzzy. Short and generic words never resolve fuzzily. What does not
resolve is kept as text (``skill_id`` None) and still compared as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from matchdesk.matching.weights import Weights
from matchdesk.vocabulary import Skill, Vocabulary, normalize_term

VIA_EXACT, VIA_SYNONYM, VIA_FUZZY, VIA_RELATED, VIA_NONE = "exact", "synonym", "fuzzy", "related", "none"
_LICENCE = re.compile(r"^(?:rijbewijs|rijbewijzen|rijb)\s*([a-z]{1,2}[0-9]?[a-z]?)$"
                      r"|^([a-z]{1,2}[0-9]?[a-z]?)\s*rijbewijs$")


@dataclass(frozen=True)
class Resolution:
    input: str
    skill_id: str | None
    via: str  # exact | synonym | fuzzy | none
    confidence: float


class SkillResolver:
    def __init__(self, vocabulary: Vocabulary, weights: Weights) -> None:
        self.vocabulary = vocabulary
        self.weights = weights
        self._labels = {normalize_term(s.label): s.id for s in vocabulary.skills.values()}
        self._compact = {key.replace(" ", ""): sid for key, sid in vocabulary.terms.items()}
        self._keys = list(vocabulary.terms)
        self._compact_keys = list(self._compact)
        self._licences = {s.licence: s.id for s in vocabulary.skills.values() if s.licence}
        self._cache: dict[str, Resolution] = {}
        self._stored: dict[tuple[str, str], Resolution] = {}

    def skill(self, skill_id: str) -> Skill | None:
        return self.vocabulary.get(skill_id)

    def canonical(self, skill_id: str) -> Skill:
        """The vocabulary's skill for an id a resolution or the index holds (always one of the vocabulary)."""
        return self.vocabulary.skills[skill_id]

    def licence_skill(self, code: str) -> str | None:
        return self._licences.get(code.upper())

    def stored(self, text: str, skill_id: str) -> Resolution:
        """A skill stored with its vocabulary id: an exact match (shared objects, many rows repeat)."""
        key = (text, skill_id)
        found = self._stored.get(key)
        if found is None:
            found = self._stored[key] = Resolution(text, skill_id, VIA_EXACT, 1.0)
        return found

    def resolve(self, text: str) -> Resolution:
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._resolve(text)
        return cached

    def _resolve(self, text: str) -> Resolution:
        norm = normalize_term(text)
        found = self._exact(norm)
        if found:
            return Resolution(text, found[0], found[1], 1.0)
        stripped = self._strip(text)
        if stripped and stripped != norm:
            found = self._exact(stripped)
            if found:
                return Resolution(text, found[0], VIA_SYNONYM, 0.95)
        key = stripped or norm
        compact = key.replace(" ", "")
        if compact in self._compact:
            return Resolution(text, self._compact[compact], VIA_SYNONYM, 0.95)
        if key in self.weights.generic_terms or norm in self.weights.generic_terms \
                or len(compact) < self.weights.fuzzy_min_length:
            return Resolution(text, None, VIA_NONE, 0.0)
        best = process.extractOne(key, self._keys, scorer=fuzz.token_sort_ratio, score_cutoff=self.weights.fuzzy_cutoff)
        best_compact = process.extractOne(compact, self._compact_keys, scorer=fuzz.ratio,
                                          score_cutoff=self.weights.fuzzy_cutoff)
        options = []
        if best:
            options.append((best[1], self.vocabulary.terms[best[0]]))
        if best_compact:
            options.append((best_compact[1], self._compact[best_compact[0]]))
        if not options:
            return Resolution(text, None, VIA_NONE, 0.0)
        score, skill_id = max(options)
        return Resolution(text, skill_id, VIA_FUZZY, round(score / 100, 2))

    def _exact(self, norm: str) -> tuple[str, str] | None:
        if norm in self._labels:
            return self._labels[norm], VIA_EXACT
        if norm in self.vocabulary.terms:
            return self.vocabulary.terms[norm], VIA_SYNONYM
        match = _LICENCE.match(norm)
        if match:
            skill_id = self.licence_skill(match.group(1) or match.group(2))
            if skill_id:
                return skill_id, VIA_SYNONYM
        return None

    def _strip(self, text: str) -> str:
        norm = normalize_term(re.sub(r"\([^)]*\)", " ", text))
        changed = True
        while changed:
            changed = False
            for prefix in self.weights.strip_prefixes:
                if norm.startswith(prefix + " "):
                    norm, changed = norm[len(prefix) + 1:], True
        return norm
