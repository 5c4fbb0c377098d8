"""Scrubbing free text that goes on an anonymised profile (wishes, the match explanation).

Removes what identifies a candidate: the candidate's own names, klantnummer, BSN, address and places
(``Identity``), and by pattern every e-mail address, phone number, 9-digit number, postcode and date
in any common form (ISO, dd-mm-jjjj, dd/mm/jjjj, "1 mei 1990", "mei 1990", a bare year). In
``strict`` mode (the explanation) it also removes every place name it knows, distances and any
mention of age, so the explanation never says where a candidate lives or how old they are.
Each removal leaves a bracketed placeholder ("[naam]", "[datum]"), so a reader sees that text went.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from matchdesk.dates import MONTHS_NL
from matchdesk.domain import WERKPLEINEN

_MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec")
_MONTH = r"(?:" + "|".join(sorted(MONTHS_NL + _MONTHS_SHORT, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_DATES = [
    # written out: (maandag) 1 mei (1990), 1e mei, mei 1990
    re.compile(rf"\b(?:{_WEEKDAY}\s+)?\d{{1,2}}(?:e|ste|de)?\s+{_MONTH}(?:\s+'?\d{{2,4}})?(?![\w])", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+'?\d{{2,4}}\b", re.IGNORECASE),
    re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"),  # ISO and variants
    re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"),  # day first
    # 1-5, 01/05 (a real day and month), but not "24-32 uur" or points like "1,7/10"
    re.compile(r"(?<![\d,.])\b(?:0?[1-9]|[12]\d|3[01])[-/](?:0?[1-9]|1[0-2])\b(?![-/.,]?\d)"
               r"(?!\s*(?:uur|u\b|km|%|jaar|dag|keer|maand|week|x\b))", re.IGNORECASE),
    re.compile(r"\b(?:19|20)\d{2}\b"),  # a bare year (a birth year is a date too)
]
# Any run of 9 or more digits, also grouped with spaces, dots, dashes or brackets (BSN, phone numbers).
_LONG_NUMBER = re.compile(r"(?<![\w])\+?\(?\d(?:[\s.\-/()]{0,2}\d){8,}(?![\w])")
# Dutch postcodes: 1234 AB / 1234AB / 1234 ab; "2020 en" is a year and a word, not a postcode, but
# "1000 al" is taken for one (removing too much is the safe side).
_POSTCODE = re.compile(r"\b([1-9]\d{3})(\s?)([A-Za-z]{2})\b")
_NOT_POSTCODE_WORDS = {"en", "te", "de", "al", "na", "zo", "ja", "nu", "om", "op", "in", "is", "of", "er", "ze", "we",
                       "je", "ik", "me", "uw", "an", "or", "to", "at"}
_AGES = [  # the words first: the placeholder "[leeftijd]" must not be matched again
    re.compile(r"(?<!\[)\b(?:leeftijd|geboortejaar|geboren|jongeren?|ouderen?|senior|junior)\b"
               r"(?:\s*(?::|van|is|in|op)?\s*\d{1,4}\b)?", re.IGNORECASE),
    re.compile(r"\b\d{1,3}\s*(?:-\s*)?(?:jaar|jr\.?|jarige?n?)\b(?:\s+oud)?", re.IGNORECASE),
    re.compile(r"\b\d{2}\s*-?\s*(?:plussers?|\+)", re.IGNORECASE),
]
# Particles inside surnames ("Kuijc van Malsen", "Uit de Willigen") are words too: never scrubbed alone.
PARTICLES = frozenset({"van", "de", "der", "den", "het", "'t", "te", "ter", "ten", "in", "op", "uit", "aan", "bij",
                       "la", "le", "du", "di", "da", "del", "della", "von", "zu", "zum", "el", "al", "ben", "bin", "y",
                       "die", "des", "dos", "das", "do", "of", "en", "und"})
_DISTANCE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:km|kilometer)\b", re.IGNORECASE)
_RESIDENCE = re.compile(r"\b(?i:woont|wonend|woonachtig|verhuisd|afkomstig)\s+(?i:in|te|naar|uit|bij|aan|op)\s+"
                        r"(?:[A-Z][\w'-]*)(?:\s+(?:op|aan|de|den|van|ter)?\s*[A-Z][\w'-]*){0,3}")
_REPEATS = re.compile(r"(\[[a-z-]+\])(?:[\s,;/-]*\1)+")


@dataclass(frozen=True)
class Identity:
    """What identifies one candidate in free text; every field optional."""

    names: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()  # klantnummer, BSN, any other personal number
    postcodes: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # woonplaats, gemeente, street
    birth_date: dt.date | None = None

    @classmethod
    def of(cls, *, voornaam: str | None = None, tussenvoegsel: str | None = None, achternaam: str | None = None,
           klantnummer: str | None = None, bsn: str | None = None, postcode: str | None = None,
           woonplaats: str | None = None, municipality: str | None = None, adres: str | None = None,
           birth_date: dt.date | None = None, extra_names: Iterable[str] = ()) -> Identity:
        names: list[str] = []
        for value in (voornaam, achternaam, *extra_names):
            if value and value.strip():
                names.append(value.strip())
                names.extend(p for p in re.split(r"[\s-]+", value.strip())
                             if len(p) >= 2 and p.lower() not in PARTICLES)
        if achternaam and tussenvoegsel:
            names.append(f"{tussenvoegsel.strip()} {achternaam.strip()}")
        street = re.sub(r"\s*\d.*$", "", adres).strip() if adres else None
        return cls(names=tuple(dict.fromkeys(names)),
                   numbers=tuple(n for n in (klantnummer, bsn) if n),
                   postcodes=tuple(p for p in (postcode,) if p),
                   places=tuple(p for p in (woonplaats, municipality, street, adres) if p and len(p.strip()) >= 2),
                   birth_date=birth_date)


def scrub(text: str | None, identity: Identity | None = None, *, strict: bool = False) -> str:
    """``text`` without the candidate's identifiers, contact details and dates (see the module doc).

    ``strict`` is for the match explanation: also no place names at all, no distances, no ages.
    """
    if not text:
        return ""
    out = str(text)
    identity = identity or Identity()
    out = _URL.sub("[link]", out)
    out = _EMAIL.sub("[e-mail]", out)
    if identity.birth_date is not None:
        out = _birth_date_pattern(identity.birth_date).sub("[datum]", out)
    for pattern in _DATES[:-1]:
        out = pattern.sub("[datum]", out)
    out = _LONG_NUMBER.sub("[nummer]", out)
    for number in identity.numbers:
        out = _exact(number).sub("[nummer]", out)
    for postcode in identity.postcodes:
        out = _postcode_pattern(postcode).sub("[postcode]", out)
    out = _POSTCODE.sub(_postcode_or_words, out)
    out = _DATES[-1].sub("[datum]", out)
    for name in sorted(identity.names, key=len, reverse=True):
        out = _word(name).sub("[naam]", out)
    for place in sorted(identity.places, key=len, reverse=True):
        out = _word(place).sub("[plaats]", out)
    if strict:
        out = _RESIDENCE.sub("woont in de regio", out)
        for place in _known_places():
            out = _word(place).sub("[plaats]", out)
        out = _DISTANCE.sub("[afstand]", out)
        for pattern in _AGES:
            out = pattern.sub("[leeftijd]", out)
    out = _REPEATS.sub(r"\1", out)
    return re.sub(r"[ \t]{2,}", " ", out).strip()


def scrub_lines(lines: Iterable[str], identity: Identity | None = None, *, strict: bool = False) -> tuple[str, ...]:
    return tuple(s for s in (scrub(line, identity, strict=strict) for line in lines) if s)


def _postcode_or_words(match: re.Match) -> str:
    digits, space, letters = match.groups()
    if space and letters.islower() and letters in _NOT_POSTCODE_WORDS and 1900 <= int(digits) <= 2099:
        return match.group(0)  # "sinds 2020 en ...": a year and a word (the year goes as a date)
    return "[postcode]"


def _birth_date_pattern(birth: dt.date) -> re.Pattern:
    d, m, y = birth.day, birth.month, birth.year
    day = rf"0?{d}"
    month = rf"0?{m}"
    month_name = MONTHS_NL[m - 1]
    forms = [
        rf"{y}[-/.]{month}[-/.]{day}",
        rf"{day}[-/.]{month}[-/.](?:{y}|{y % 100:02d})",
        rf"{day}(?:e|ste|de)?\s+(?:{month_name}|{month_name[:3]})\.?\s+{y}",
    ]
    return re.compile(r"(?<!\d)(?:" + "|".join(forms) + r")(?!\d)", re.IGNORECASE)


def _postcode_pattern(postcode: str) -> re.Pattern:
    compact = re.sub(r"\s+", "", postcode)
    if len(compact) != 6:
        return _exact(postcode)
    return re.compile(rf"(?<!\w){re.escape(compact[:4])}\s*{re.escape(compact[4:])}(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _exact(value: str) -> re.Pattern:
    return re.compile(rf"(?<![\w]){re.escape(value.strip())}(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _word(value: str) -> re.Pattern:
    """A name or place as a whole word, case- and accent-insensitive ("Noël" also matches "Noel")."""
    parts = []
    for char in value.strip():
        if char.isspace():
            parts.append(r"\s+")
            continue
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        if base and base.lower() != char.lower():
            parts.append(f"(?:{re.escape(char)}|{re.escape(base)})")
        elif char in "-'’":
            parts.append(r"[-'’\s]?")
        else:
            parts.append(re.escape(char))
    return re.compile(r"(?<![\w])" + "".join(parts) + r"(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known_places() -> tuple[str, ...]:
    """Municipalities and woonplaatsen MatchDesk knows, longest first (strict mode)."""
    names = set(WERKPLEINEN) | {m for members in WERKPLEINEN.values() for m in members}
    try:
        import tomllib

        from matchdesk.resources import resource

        data = tomllib.loads(resource("demo", "wvs_region.toml").read_text(encoding="utf-8"))
        for municipality in data.get("municipality", []):
            names.add(municipality["name"])
            names.update(municipality.get("places", []))
    except (OSError, ValueError, KeyError):
        pass
    return tuple(sorted(names, key=len, reverse=True))
