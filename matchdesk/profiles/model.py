"""The content of a printed profile as plain, immutable blocks: what the renderer draws.

A profile is a list of blocks (fields, skills per sector, language levels, tables, text). The
builders in ``full.py`` and ``anonymous.py`` decide what goes in; ``render.py`` only draws.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

FULL = "volledig"
ANONYMOUS = "geanonimiseerd"


@dataclass(frozen=True)
class Fields:
    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SkillLine:
    label: str
    level: str = ""
    source: str = ""


@dataclass(frozen=True)
class SkillGroup:
    sector: str
    skills: tuple[SkillLine, ...]


@dataclass(frozen=True)
class Skills:
    title: str
    groups: tuple[SkillGroup, ...]
    show_source: bool = True


@dataclass(frozen=True)
class Languages:
    """Dutch levels per skill (CEFR value or None for unknown); ``required`` from a vacancy if any."""

    title: str
    levels: tuple[tuple[str, str | None], ...]
    required: tuple[tuple[str, str], ...] = ()
    rows: tuple[tuple[str, str], ...] = ()  # extra lines under the levels (taaleis status, internal only)


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative
    empty: str = "Niets vastgelegd."


@dataclass(frozen=True)
class Text:
    title: str
    paragraphs: tuple[str, ...]
    empty: str = "Niets vastgelegd."


@dataclass(frozen=True)
class MatchBlock:
    title: str
    vacancy: str
    score: int | None
    sentences: tuple[str, ...]


Block = Fields | Skills | Languages | Table | Text | MatchBlock


@dataclass(frozen=True)
class PdfInfo:
    """Document metadata: never personal data (no name, klantnummer or profile number)."""

    title: str
    author: str
    subject: str
    keywords: str


@dataclass(frozen=True)
class ProfileDocument:
    variant: str  # FULL or ANONYMOUS
    heading: str
    subheading: str
    profile_number: str
    blocks: tuple[Block, ...]
    file_name: str
    info: PdfInfo
    score: int | None = None  # for a shortlist


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class VacancyInfo:
    reference: str
    title: str
    employer: str = ""
    place: str = ""
    required_languages: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Match:
    """A match explanation for one vacancy: an optional score and Dutch sentences."""

    score: int | None = None
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShortlistDocument:
    vacancy: VacancyInfo
    contact: Contact | None
    printed_on: dt.date
    profiles: tuple[ProfileDocument, ...]
    organisation: str
    file_name: str
    info: PdfInfo


def _default_region(municipality: str | None) -> str | None:
    from matchdesk.domain import WERKPLEINEN

    for werkplein, members in WERKPLEINEN.items():
        if municipality in members:
            return f"werkplein {werkplein}"
    return None


@dataclass(frozen=True)
class ProfileSettings:
    """Per-region settings of printed profiles; the defaults are the safe ones."""

    organisation: str = "Werkgeversservicepunt"
    age_band: bool = False  # an age band on anonymised profiles, only where the region allows it
    region_of: Callable[[str | None], str | None] = field(default=_default_region)


def as_match(value: object) -> Match | None:
    """Accept what a matching engine may hand over: None, a Match, a text, a list of sentences, a
    ``rank --json`` result (dict with ``score`` and ``explanation``) or an object with those attributes."""
    if value is None:
        return None
    if isinstance(value, Match):
        return value
    if isinstance(value, str):
        return Match(None, _sentences(value))
    if isinstance(value, (list, tuple)):
        return Match(None, tuple(str(s).strip() for s in value if str(s).strip()))
    if isinstance(value, dict):
        score, explanation = value.get("score"), value.get("explanation")
    else:
        score, explanation = getattr(value, "score", None), getattr(value, "explanation", None)
    inner = as_match(explanation) or Match()
    return Match(int(round(score)) if isinstance(score, (int, float)) else None, inner.sentences)


def _sentences(text: str) -> tuple[str, ...]:
    """One line per sentence: the matching engine writes one statement per line; plain prose is split
    after sentence ends."""
    text = text.strip()
    parts = text.splitlines() if "\n" in text else re.split(r"(?<=[.!?])\s+", text)
    return tuple(p.strip() for p in parts if p.strip())
