"""The skill vocabulary: canonical skills with synonyms, loaded from ``resources/vocabulary/*.toml``.

Used by the demo generator, import, the matching engine (skill resolution) and the UI (completion).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from matchdesk.resources import resource

SKILL_KINDS = ("vaardigheid", "certificaat", "competentie", "rijbewijs")


@dataclass(frozen=True)
class Skill:
    id: str
    label: str
    sector: str
    kind: str
    group: str
    synonyms: tuple[str, ...] = ()
    licence: str | None = None  # driving-licence category ("B", "C", "CE", ...) for kind "rijbewijs"


# Letters that Unicode does not decompose into a base letter plus accent (Turkish ı, Polish ł, ...).
_UNDECOMPOSED = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
                               "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "þ": "th"})


def normalize_term(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces, single spaces: the key synonyms are looked up by."""
    plain = str(text).translate(_UNDECOMPOSED)
    folded = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9+]+", " ", folded)).strip()


class VocabularyError(ValueError):
    pass


@dataclass(frozen=True)
class Vocabulary:
    skills: dict[str, Skill]
    terms: dict[str, str]  # normalised label or synonym -> skill id

    def get(self, skill_id: str) -> Skill | None:
        return self.skills.get(skill_id)

    def lookup(self, text: str) -> Skill | None:
        """Exact lookup of a label or synonym (after normalisation); no fuzzy matching here."""
        skill_id = self.terms.get(normalize_term(text))
        return self.skills[skill_id] if skill_id else None

    def by_sector(self, sector: str) -> list[Skill]:
        return [s for s in self.skills.values() if s.sector == sector]

    @classmethod
    def from_entries(cls, entries: list[dict], source: str = "") -> Vocabulary:
        skills: dict[str, Skill] = {}
        terms: dict[str, str] = {}
        for entry in entries:
            skill = Skill(
                id=entry["id"],
                label=entry["label"],
                sector=entry["sector"],
                kind=entry["kind"],
                group=entry.get("group", entry["id"]),
                synonyms=tuple(entry.get("synonyms", ())),
                licence=entry.get("licence"),
            )
            if skill.kind not in SKILL_KINDS:
                raise VocabularyError(f"{source}: vaardigheid {skill.id}: onbekende soort {skill.kind!r}")
            if skill.id in skills:
                raise VocabularyError(f"{source}: vaardigheid {skill.id} staat er twee keer in")
            skills[skill.id] = skill
            for term in (skill.label, *skill.synonyms):
                key = normalize_term(term)
                owner = terms.setdefault(key, skill.id)
                if owner != skill.id:
                    raise VocabularyError(
                        f"{source}: synoniem {term!r} hoort bij zowel {owner} als {skill.id}"
                    )
        return cls(skills=skills, terms=terms)


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The shipped vocabulary (every ``*.toml`` under resources/vocabulary, in name order)."""
    entries: list[dict] = []
    folder = resource("vocabulary")
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".toml"):
            data = tomllib.loads(item.read_text(encoding="utf-8"))
            entries.extend(data.get("skill", []))
    return Vocabulary.from_entries(entries, source="vocabulary")
