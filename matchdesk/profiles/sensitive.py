"""Words that look sensitive in a text meant for an employer: what the print preview highlights.

The shipped list (``resources/privacy/gevoelige_woorden.toml``) names per category the beginnings of
words (health, addiction, justice, religion, debts, family, contact handles, addresses), whole short
words, and patterns (e-mail addresses also when written as "at gmail dot com", handles, phone numbers,
street addresses, postcodes). Matching ignores case and accents. This only points; it never removes:
the matchmaker reads the highlighted text and decides whether it goes to the employer.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from matchdesk.resources import resource

WORD_LIST = ("privacy", "gevoelige_woorden.toml")


@dataclass(frozen=True)
class SensitiveHit:
    """``text[start:end]`` looks sensitive; ``category`` is the list's Dutch title ("gezondheid")."""

    start: int
    end: int
    category: str


@dataclass(frozen=True)
class _Category:
    title: str
    pattern: re.Pattern


def fold(text: str) -> str:
    """Lower case with accents removed, one character for one character (positions stay valid)."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        out.append(base if len(base) == 1 and base.isascii() else char.lower()[:1] or char)
    return "".join(out)


@lru_cache(maxsize=1)
def _categories() -> tuple[_Category, ...]:
    data = tomllib.loads(resource(*WORD_LIST).read_text(encoding="utf-8"))
    categories = []
    for key, entry in data.items():
        parts = [rf"(?<!\w){re.escape(fold(w).strip())}" for w in entry.get("words", ()) if w.strip()]
        parts += [rf"(?<!\w){re.escape(fold(w).strip())}(?!\w)" for w in entry.get("exact", ()) if w.strip()]
        parts += [f"(?:{p})" for p in entry.get("patterns", ())]
        if parts:
            categories.append(_Category(entry.get("title", key), re.compile("|".join(parts), re.IGNORECASE)))
    return tuple(categories)


def find_sensitive(text: str | None) -> tuple[SensitiveHit, ...]:
    """Spans of ``text`` that look sensitive, in text order, overlapping spans merged (first category wins);
    a word found by its beginning is marked whole ("depress" marks "depressief")."""
    if not text:
        return ()
    folded = fold(text)
    spans: list[tuple[int, int, str]] = []
    for category in _categories():
        for match in category.pattern.finditer(folded):
            start, end = match.span()
            if end == start:
                continue
            while end < len(folded) and folded[end].isalnum() and folded[end - 1].isalnum():
                end += 1  # the rest of the word
            spans.append((start, end, category.title))
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[SensitiveHit] = []
    for start, end, title in spans:
        if merged and start < merged[-1].end:
            last = merged[-1]
            if end > last.end:
                merged[-1] = SensitiveHit(last.start, end, last.category)
            continue
        merged.append(SensitiveHit(start, end, title))
    return tuple(merged)
