"""Wish texts are hashed with ``mmh3`` instead of scikit-learn (its import was 39% of a cold ``matchdesk rank``):
the vectors must be exactly scikit-learn's ``HashingVectorizer`` ones, feature for feature and bit for bit."""

import random

import numpy as np
import pytest

from matchdesk.matching.text import TextSimilarity, _clean, hashed_feature


def test_vectors_are_exactly_those_of_the_hashing_vectorizer():
    text_module = pytest.importorskip("sklearn.feature_extraction.text")
    reference = text_module.HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2 ** 18,
                                              alternate_sign=False, norm="l2", preprocessor=_clean)
    rng = random.Random(16)
    alphabet = "abcdefghijklmnopqrstuvwxyzéëïçß -;,.\t0123456789ABCÉ"
    texts = ["Wil graag werken als heftruckchauffeur in de logistiek", "", "a", "medewerker", "één café naïef",
             "Zorg; schoonmaak  en\tkoken", "ab cd ef"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 90))) for _ in range(2000)]
    ours = TextSimilarity().vectors(texts)
    theirs = reference.transform(texts).tocsr().astype(np.float32)
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


def test_the_one_hash_without_an_absolute_value_maps_as_scikit_learn_maps_it(monkeypatch):
    import matchdesk.matching.text as text

    monkeypatch.setattr(text.mmh3, "hash", lambda *args: -2 ** 31)
    assert hashed_feature("x", 2 ** 18) == 2 ** 31 % 2 ** 18
