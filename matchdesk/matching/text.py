"""Wishes against a vacancy: desired occupations (the occupation list) and text similarity (scikit-learn).

Texts are hashed (``HashingVectorizer``, character n-grams within words, l2-normalised), so the
candidate index can add rows one at a time without refitting a vocabulary; cosine = dot product.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from matchdesk.occupations import Occupation
from matchdesk.vocabulary import normalize_term

# Words that say nothing about the work ("Wil graag werken als ...").
STOP_WORDS = frozenset("""wil graag werken als of en in de het een bij met voor van op te aan werk baan functie iets
                          medewerker medewerkster leerwerkplek zou willen liefst ook niet""".split())


def _clean(text: str) -> str:
    return " ".join(w for w in normalize_term(text).split() if w not in STOP_WORDS)


class TextSimilarity:
    def __init__(self, n_features: int = 2 ** 18) -> None:
        self._vectorizer = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=n_features,
                                             alternate_sign=False, norm="l2", preprocessor=_clean)
        self._cache: dict[str, dict[int, float]] = {}

    def vectors(self, texts: list[str]) -> sparse.csr_matrix:
        return self._vectorizer.transform(texts).tocsr().astype(np.float32)

    def vector(self, text: str) -> dict[int, float]:
        """One text as {feature: weight}, cached (explanations score the same texts many times)."""
        found = self._cache.get(text)
        if found is None:
            row = self.vectors([text])
            found = dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[text] = found
        return found

    def similarity(self, a: str, b: str) -> float:
        va, vb = self.vector(a), self.vector(b)
        if len(vb) < len(va):
            va, vb = vb, va
        return float(sum(weight * vb.get(feature, 0.0) for feature, weight in va.items()))


class OccupationMatcher:
    """Free text (a desired occupation, a vacancy title) to occupation ids of the shipped list."""

    def __init__(self, occupations: dict[str, Occupation]) -> None:
        self.ids = sorted(occupations)
        self.column = {oid: i for i, oid in enumerate(self.ids)}
        self.names: dict[str, str] = {}
        for occupation in occupations.values():
            for name in (occupation.label, *occupation.synonyms):
                self.names[normalize_term(name)] = occupation.id
        self._keys = sorted(self.names, key=len, reverse=True)
        self._cache: dict[str, str | None] = {}

    def match(self, text: str) -> str | None:
        """The occupation a short text names: exact, then a name inside the text, then a close typo."""
        if text in self._cache:
            return self._cache[text]
        norm = re.sub(r"^leerwerkplek ", "", normalize_term(text))
        found = self.names.get(norm)
        if found is None and norm:
            padded = f" {norm} "
            found = next((self.names[k] for k in self._keys if len(k) >= 5 and f" {k} " in padded), None)
        if found is None and len(norm) >= 6:
            best = process.extractOne(norm, list(self.names), scorer=fuzz.ratio, score_cutoff=90)
            found = self.names[best[0]] if best else None
        self._cache[text] = found
        return found
