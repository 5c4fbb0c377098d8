"""Plain, immutable views of a candidate and a vacancy: what the matching reads, nothing more.

Built from ORM rows (``candidate_profile``, ``vacancy_profile``) or from a vacancy import's fields
(``vacancy_from_fields``, for ``rank --vacancy-file``). No personal data beyond what scoring and the
explanation need: name, age, health details, benefit and statushouder status are not copied.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from matchdesk.domain import CefrLevel, LanguageSkill, VacancyKind, parse_level
from matchdesk.errors import ValidationError
from matchdesk.licences import CODES, normalize_requirement
from matchdesk.licences import parse as parse_licences
from matchdesk.matching.resolve import Resolution, SkillResolver
from matchdesk.rules.facts import CandidateFacts
from matchdesk.vocabulary import normalize_term

LANGUAGE_SKILLS = tuple(LanguageSkill)


@dataclass(frozen=True)
class CandidateProfile:
    id: str
    klantnummer: str
    municipality: str | None
    woonplaats: str | None
    skills: tuple[Resolution, ...]
    languages: tuple[int | None, ...]  # rank per LANGUAGE_SKILLS; None unknown
    licences: frozenset[str]  # the licence field's codes plus licences typed as skills (before implication)
    licences_known: bool  # False only when nothing is recorded ("geen" is known: no licence)
    max_travel_km: int | None
    hours_per_week: int | None
    available_from: dt.date | None
    wishes: str
    desired_occupations: tuple[str, ...]
    facts: CandidateFacts
    doelgroep: str | None = None
    categorie: str | None = None
    has_work_limitations: bool = False

    @property
    def skill_ids(self) -> frozenset[str]:
        return frozenset(r.skill_id for r in self.skills if r.skill_id)

    @property
    def wish_text(self) -> str:
        return " ".join([self.wishes, *self.desired_occupations]).strip()


@dataclass(frozen=True)
class VacancyProfile:
    reference: str
    title: str
    kind: VacancyKind
    place: str | None
    required: tuple[Resolution, ...]
    desired: tuple[Resolution, ...]
    languages: dict[LanguageSkill, int] = field(default_factory=dict)  # minimum rank per skill
    driving_licence: str | None = None
    hours_per_week: int | None = None
    start_date: dt.date | None = None
    taalondersteuning: bool = False
    description: str = ""
    id: str | None = None
    municipality: str | None = None

    @property
    def text(self) -> str:
        return " ".join([self.title, self.description or ""]).strip()


def _licence_set(declared: str | None, skills: tuple[Resolution, ...],
                 resolver: SkillResolver) -> tuple[frozenset[str], bool]:
    """(codes, known): the licence field (``matchdesk.licences``) plus licence skills a database from before
    migration 0009 may still hold."""
    try:
        parsed, known = parse_licences(declared)
    except ValidationError:  # a value stored before the field was checked: read the codes it does name
        parsed = frozenset(c.strip().upper() for c in str(declared).split(",") if c.strip().upper() in CODES)
        known = bool(parsed)
    codes = set(parsed)
    for r in skills:
        skill = resolver.skill(r.skill_id) if r.skill_id else None
        if skill is not None and skill.licence:
            codes.add(skill.licence)
    return frozenset(codes), known or bool(codes)


def _stored_resolution(text: str, skill_id: str | None, resolver: SkillResolver) -> Resolution:
    if skill_id and resolver.skill(skill_id) is not None:
        return resolver.stored(text, skill_id)
    return resolver.resolve(text)


def candidate_profile(candidate, resolver: SkillResolver) -> CandidateProfile:
    """From a Candidate with ``skills`` and ``languages`` loaded (or any object with those attributes)."""
    return profile_from_values(candidate, [(s.text, s.skill_id) for s in candidate.skills],
                               [(row.language, row.skill, row.level) for row in candidate.languages], resolver)


def profile_from_values(candidate, skill_rows, language_rows, resolver: SkillResolver) -> CandidateProfile:
    """``candidate``: the candidate's columns as attributes; skill rows (text, skill_id) in order;
    language rows (language, skill, level)."""
    skills = tuple(_stored_resolution(text, skill_id, resolver) for text, skill_id in skill_rows)
    levels = {skill: level for language, skill, level in language_rows if language in (None, "nl")}
    languages = tuple(levels[s].rank if levels.get(s) is not None else None for s in LANGUAGE_SKILLS)
    licences, licences_known = _licence_set(candidate.driving_licences or "", skills, resolver)
    occupations = tuple(o.strip() for o in (candidate.desired_occupations or "").split(";") if o.strip())
    facts = CandidateFacts(
        municipality=candidate.municipality or "", doelgroep=candidate.doelgroep, categorie=candidate.categorie,
        birth_date=None, banenafspraak=bool(candidate.banenafspraak),
        beschut_indicatie=bool(candidate.beschut_indicatie), ontheffing_until=candidate.ontheffing_until,
        wsw=bool(candidate.wsw), taalachterstand=bool(candidate.taalachterstand),
    )
    return CandidateProfile(
        id=str(candidate.id), klantnummer=candidate.klantnummer, municipality=candidate.municipality,
        woonplaats=candidate.woonplaats, skills=skills, languages=languages, licences=licences,
        licences_known=licences_known, max_travel_km=candidate.max_travel_km,
        hours_per_week=candidate.hours_per_week or None, available_from=candidate.available_from,
        wishes=candidate.wishes or "", desired_occupations=occupations, facts=facts,
        doelgroep=str(candidate.doelgroep) if candidate.doelgroep else None,
        categorie=str(candidate.categorie) if candidate.categorie else None,
        has_work_limitations=bool((candidate.work_limitations or "").strip()),
    )


def vacancy_profile(vacancy, resolver: SkillResolver) -> VacancyProfile:
    """From a Vacancy with ``skills`` and ``languages`` loaded."""
    required = tuple(_stored_resolution(s.text, s.skill_id, resolver) for s in vacancy.skills if s.required)
    desired = tuple(_stored_resolution(s.text, s.skill_id, resolver) for s in vacancy.skills if not s.required)
    return VacancyProfile(
        id=str(vacancy.id), reference=vacancy.reference, title=vacancy.title, kind=vacancy.kind, place=vacancy.place,
        required=required, desired=desired, languages={row.skill: row.min_level.rank for row in vacancy.languages},
        driving_licence=vacancy.driving_licence, hours_per_week=vacancy.hours_per_week, start_date=vacancy.start_date,
        taalondersteuning=bool(vacancy.taalondersteuning), description=vacancy.description or "",
    )


def _split(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(r"[;\n]", str(value)) if part.strip()]


_TRUE = {"ja", "j", "x", "1", "true", "waar", "yes"}
_FALSE = {"nee", "n", "0", "false", "onwaar", "no", ""}


def vacancy_from_fields(data: dict, resolver: SkillResolver) -> VacancyProfile:
    """A vacancy that is not stored, from the vacancy import's fields (Dutch keys, as in the import).

    Keys: referentie, titel, soort, plaats, postcode, uren_per_week, vereiste_vaardigheden,
    gewenste_vaardigheden (``;``-separated text or a list), min_nl_luisteren .. min_nl_schrijven,
    taalondersteuning, rijbewijs_vereist, startdatum, omschrijving; others are ignored.
    """
    if not isinstance(data, dict):
        raise ValidationError("vacature", None, "het vacaturebestand moet één JSON-object met vacaturevelden zijn")
    fields = {normalize_term(k).replace(" ", "_"): v for k, v in data.items()}
    title = str(fields.get("titel") or "").strip()
    if not title:
        raise ValidationError("titel", None, "titel ontbreekt in het vacaturebestand")
    kind_text = str(fields.get("soort") or "regulier").strip().lower()
    try:
        kind = VacancyKind(kind_text)
    except ValueError:
        raise ValidationError("soort", kind_text, f"onbekende soort {kind_text!r}; kies uit "
                              + ", ".join(k.value for k in VacancyKind)) from None
    languages = {}
    for skill in LanguageSkill:
        raw = fields.get(f"min_nl_{skill.value}")
        try:
            level = parse_level(raw if raw is None else str(raw))
        except ValueError as error:
            raise ValidationError(f"min_nl_{skill.value}", raw, f"min_nl_{skill.value}: {error}") from None
        if level is not None and level is not CefrLevel.A0:
            languages[skill] = level.rank
    hours = fields.get("uren_per_week")
    try:
        hours = int(hours) if hours not in (None, "") else None
    except (TypeError, ValueError):
        raise ValidationError("uren_per_week", hours, f"uren_per_week {hours!r} is geen geheel getal") from None
    start = fields.get("startdatum")
    if start not in (None, ""):
        from matchdesk.dates import parse_date

        try:
            start = parse_date(str(start))
        except ValueError:
            raise ValidationError("startdatum", start, f"startdatum {start!r} is geen datum (JJJJ-MM-DD)") from None
    else:
        start = None
    support = str(fields.get("taalondersteuning") or "").strip().lower()
    if support not in _TRUE | _FALSE:
        raise ValidationError("taalondersteuning", support, "taalondersteuning: gebruik ja of nee")
    licence = normalize_requirement(fields.get("rijbewijs_vereist"))
    return VacancyProfile(
        reference=str(fields.get("referentie") or "(nieuw)").strip(), title=title, kind=kind,
        place=str(fields.get("plaats") or "").strip() or None,
        required=tuple(resolver.resolve(t) for t in _split(fields.get("vereiste_vaardigheden"))),
        desired=tuple(resolver.resolve(t) for t in _split(fields.get("gewenste_vaardigheden"))),
        languages=languages, driving_licence=licence, hours_per_week=hours, start_date=start,
        taalondersteuning=support in _TRUE, description=str(fields.get("omschrijving") or ""),
    )
