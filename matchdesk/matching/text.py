"""Wishes against a vacancy: desired occupations (the occupation list) and text similarity (hashed n-grams).

Texts are hashed (character 3- to 5-grams within words, MurmurHash3 into 2**18 features, counts
l2-normalised), so the candidate index can add rows one at a time without refitting a vocabulary; cosine =
dot product. The vectors are exactly those of scikit-learn's ``HashingVectorizer(analyzer="char_wb",
ngram_range=(3, 5), alternate_sign=False, norm="l2")`` (what this module used before; a test holds them
equal), made with the small ``mmh3`` package instead: importing scikit-learn was 39% of a cold
``matchdesk rank`` at 100,000 candidates.
"""

from __future__ import annotations

import re

import mmh3
import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from matchdesk.occupations import Occupation
from matchdesk.vocabulary import normalize_term

# Words that say nothing about the work ("Wil graag werken als ...").
STOP_WORDS = frozenset("""wil graag werken als of en in de het een bij met voor van op te aan werk baan functie iets
                          medewerker medewerkster leerwerkplek zou willen liefst ook niet""".split())


def _clean(text: str) -> str:
    return " ".join(w for w in normalize_term(text).split() if w not in STOP_WORDS)


def char_wb_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """The n-grams of each word padded with a space, as scikit-learn's ``char_wb`` analyzer makes them."""
    grams: list[str] = []
    for word in text.split():
        word = f" {word} "
        length = len(word)
        for n in range(low, high + 1):
            offset = 0
            grams.append(word[:n])
            while offset + n < length:
                offset += 1
                grams.append(word[offset:offset + n])
            if offset == 0:  # a short word counts once
                break
    return grams


def hashed_feature(gram: str, n_features: int) -> int:
    """scikit-learn's feature of an n-gram: abs(signed MurmurHash3_x86_32 of its UTF-8, seed 0) mod n."""
    h = mmh3.hash(gram.encode("utf-8"), 0, True)
    if h == -2147483648:
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


class TextSimilarity:
    def __init__(self, n_features: int = 2 ** 18) -> None:
        self.n_features = n_features
        self._words: dict[str, tuple[int, ...]] = {}  # word -> the features of its n-grams (words repeat a lot)
        self._cache: dict[str, dict[int, float]] = {}

    def _features(self, word: str) -> tuple[int, ...]:
        found = self._words.get(word)
        if found is None:
            if len(self._words) > 200_000:
                self._words.clear()
            found = self._words[word] = tuple(hashed_feature(g, self.n_features) for g in char_wb_ngrams(word))
        return found

    def vectors(self, texts: list[str]) -> sparse.csr_matrix:
        """One l2-normalised row per text (float32, sorted features), as ``HashingVectorizer.transform``: the
        n-grams of a text are those of its words (each padded with a space), counted, divided by the root of
        the sum of the squared counts (exact: integers) and cast to float32."""
        features: list[int] = []
        lengths = np.zeros(len(texts), np.int64)
        for i, text in enumerate(texts):
            start = len(features)
            for word in _clean(text).split():
                features.extend(self._features(word))
            lengths[i] = len(features) - start
        width = self.n_features
        keys = np.repeat(np.arange(len(texts), dtype=np.int64), lengths) * width + np.asarray(features, np.int64)
        keys.sort()
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) else keys
        counts = np.diff(np.append(first, len(keys))).astype(np.float64)
        row, column = keys[first] // width, keys[first] % width
        norms = np.sqrt(np.bincount(row, weights=counts * counts, minlength=len(texts)))
        indptr = np.concatenate(([0], np.cumsum(np.bincount(row, minlength=len(texts)))))
        data = (counts / norms[row]).astype(np.float32) if len(row) else np.zeros(0, np.float32)
        return sparse.csr_matrix((data, column.astype(np.int32), indptr.astype(np.int32)),
                                 shape=(len(texts), width))

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
