"""Occupations typical for the Participatiewet target group, loaded from ``resources/occupations.toml``.

Each occupation names the skills a vacancy for it usually requires and desires (ids from the skill
vocabulary), the minimum Dutch level per language skill, the driving licence it needs, typical hours
and the kinds of vacancy in which it occurs. Used by the demo generator and the matching evaluation.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from matchdesk.domain import CefrLevel, LanguageSkill, VacancyKind
from matchdesk.resources import resource
from matchdesk.vocabulary import Vocabulary, load_vocabulary, normalize_term

# Sectors used by both the vocabulary and the occupations: code (stored, in files) -> display name (shown).
SECTOR_LABELS = {
    "logistiek": "Logistiek",
    "schoonmaak": "Schoonmaak",
    "groen": "Groen",
    "productie": "Productie",
    "horeca": "Horeca en catering",
    "retail": "Retail",
    "zorg_welzijn": "Zorg en welzijn",
    "bouw": "Bouw en infra",
    "techniek": "Techniek",
    "administratie": "Administratie en kantoor",
    "transport": "Transport",
    "algemeen": "Algemeen",
}
SECTORS = tuple(SECTOR_LABELS)


def sector_label(code: str | None) -> str:
    """The display name of a sector code ("zorg_welzijn" -> "Zorg en welzijn"); other text as it is."""
    if not code:
        return ""
    return SECTOR_LABELS.get(code, code)


_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Occupation:
    id: str
    label: str
    sector: str
    synonyms: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    desired: tuple[str, ...] = ()
    language: dict[str, str] = field(default_factory=dict)  # LanguageSkill value -> CEFR level ("A2")
    driving_licence: str | None = None  # "B", "C", "CE", ... or None when no licence is needed
    hours: int = 38
    vacancy_kinds: tuple[str, ...] = ()

    def __hash__(self) -> int:  # language is a dict; the id identifies an occupation
        return hash(self.id)


class OccupationError(ValueError):
    pass


def _fail(source: str, occupation_id: str, message: str) -> OccupationError:
    return OccupationError(f"{source}: beroep {occupation_id}: {message}")


def occupation_from_entry(entry: dict, vocabulary: Vocabulary, source: str = "") -> Occupation:
    """One ``[[occupation]]`` table checked against the vocabulary; raises OccupationError (a ValueError)."""
    oid = entry.get("id")
    if not isinstance(oid, str) or not _ID.fullmatch(oid):
        raise OccupationError(f"{source}: beroep met ongeldige id {oid!r} (alleen kleine letters, cijfers en _)")
    for key in ("label", "sector"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise _fail(source, oid, f"veld {key} ontbreekt")
    if entry["sector"] not in SECTORS:
        raise _fail(source, oid, f"onbekende sector {entry['sector']!r}")
    required = tuple(entry.get("required", ()))
    desired = tuple(entry.get("desired", ()))
    if not 1 <= len(required) <= 4:
        raise _fail(source, oid, f"required moet 1 tot 4 vaardigheden noemen, niet {len(required)}")
    if len(desired) > 4:
        raise _fail(source, oid, f"desired mag hoogstens 4 vaardigheden noemen, niet {len(desired)}")
    for skill_id in (*required, *desired):
        if vocabulary.get(skill_id) is None:
            raise _fail(source, oid, f"onbekende vaardigheid {skill_id!r} (niet in de vocabulaire)")
    both = set(required) & set(desired)
    if both:
        raise _fail(source, oid, f"vaardigheid staat zowel bij required als desired: {', '.join(sorted(both))}")
    language = dict(entry.get("language", {}))
    for skill, level in language.items():
        if skill not in {s.value for s in LanguageSkill}:
            raise _fail(source, oid, f"onbekende taalvaardigheid {skill!r}")
        if level not in {c.value for c in CefrLevel}:
            raise _fail(source, oid, f"ongeldig taalniveau {level!r} bij {skill}")
    licences = {s.licence for s in vocabulary.skills.values() if s.kind == "rijbewijs" and s.licence}
    driving_licence = entry.get("driving_licence") or None
    if driving_licence is not None and driving_licence not in licences:
        raise _fail(source, oid, f"onbekend rijbewijs {driving_licence!r}")
    required_licences = {vocabulary.skills[s].licence for s in required if vocabulary.skills[s].kind == "rijbewijs"}
    if required_licences and driving_licence not in required_licences:
        raise _fail(source, oid, "een verplicht rijbewijs moet ook als driving_licence staan")
    hours = entry.get("hours")
    if not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= 60:
        raise _fail(source, oid, f"ongeldig aantal uren per week {hours!r}")
    kinds = tuple(entry.get("vacancy_kinds", ()))
    if not kinds:
        raise _fail(source, oid, "vacancy_kinds is leeg")
    for kind in kinds:
        if kind not in {k.value for k in VacancyKind}:
            raise _fail(source, oid, f"onbekende soort vacature {kind!r}")
    return Occupation(
        id=oid,
        label=entry["label"],
        sector=entry["sector"],
        synonyms=tuple(entry.get("synonyms", ())),
        required=required,
        desired=desired,
        language=language,
        driving_licence=driving_licence,
        hours=hours,
        vacancy_kinds=kinds,
    )


def occupations_from_entries(
    entries: list[dict], vocabulary: Vocabulary, source: str = ""
) -> dict[str, Occupation]:
    occupations: dict[str, Occupation] = {}
    names: dict[str, str] = {}  # normalised label or synonym -> occupation id
    for entry in entries:
        occupation = occupation_from_entry(entry, vocabulary, source)
        if occupation.id in occupations:
            raise _fail(source, occupation.id, "staat er twee keer in")
        occupations[occupation.id] = occupation
        for name in (occupation.label, *occupation.synonyms):
            owner = names.setdefault(normalize_term(name), occupation.id)
            if owner != occupation.id:
                raise _fail(source, occupation.id, f"naam {name!r} hoort ook bij beroep {owner}")
    return occupations


@lru_cache(maxsize=1)
def load_occupations() -> dict[str, Occupation]:
    """The shipped occupations by id, checked against the shipped vocabulary."""
    data = tomllib.loads(resource("occupations.toml").read_text(encoding="utf-8"))
    return occupations_from_entries(data.get("occupation", []), load_vocabulary(), source="occupations.toml")
