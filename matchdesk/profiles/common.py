"""Pieces both profile variants share: skills per sector, language levels, availability."""

from __future__ import annotations

import datetime as dt

from matchdesk.dates import format_nl
from matchdesk.domain import REFERENTIENIVEAU, CefrLevel, LanguageSkill, SkillSource
from matchdesk.labels import label
from matchdesk.licences import display as display_licences
from matchdesk.occupations import SECTOR_LABELS
from matchdesk.profiles.model import Languages, SkillGroup, SkillLine, Skills
from matchdesk.vocabulary import Vocabulary, load_vocabulary

KIND_ORDER = {"vaardigheid": 0, "certificaat": 1, "rijbewijs": 2, "competentie": 3}
OTHER_SECTOR = "Overig"
OTHER_SKILL = "Overige vaardigheid"  # an unresolved skill on an anonymised profile: its text never shown
SOURCE_LABELS = {source: label(source) for source in SkillSource}  # "Zelf opgegeven", "Getoetst", ...
LANGUAGE_LABELS = {skill: label(skill) for skill in LanguageSkill}


def skill_groups(skills, *, other_label: str | None = None, show_source: bool = True,
                 vocabulary: Vocabulary | None = None) -> Skills:
    """Skills grouped by the vocabulary's sector (free-text skills under "Overig"), sectors A-Z.

    ``other_label`` replaces the text of a skill that did not resolve to the vocabulary (anonymised
    profiles: the typed text is never read); vocabulary labels are not personal.
    """
    vocabulary = vocabulary or load_vocabulary()
    groups: dict[str, list[tuple[tuple, SkillLine]]] = {}
    for index, skill in enumerate(skills):
        known = vocabulary.get(skill.skill_id) if skill.skill_id else None
        if known is not None:
            sector, label, order = SECTOR_LABELS.get(known.sector, known.sector.capitalize()), known.label, \
                KIND_ORDER.get(known.kind, 9)
        else:
            sector, label, order = OTHER_SECTOR, other_label if other_label is not None else skill.text, 9
        if not label:
            continue
        source = SOURCE_LABELS.get(skill.source, str(skill.source or "")) if show_source else ""
        groups.setdefault(sector, []).append(((order, index), SkillLine(label, skill.level or "", source)))
    ordered = sorted(groups, key=lambda s: (s == OTHER_SECTOR, s))
    return Skills("Vaardigheden per sector",
                  tuple(SkillGroup(s, tuple(line for _, line in sorted(groups[s], key=lambda x: x[0])))
                        for s in ordered), show_source)


def language_block(languages, required: tuple[tuple[str, str], ...] = (),
                   rows: tuple[tuple[str, str], ...] = ()) -> Languages:
    """Dutch levels in the fixed skill order; unknown stays unknown (None), never a guess."""
    by_skill = {row.skill: row.level for row in languages if (row.language or "nl") == "nl"}
    levels = tuple((LANGUAGE_LABELS[s], by_skill[s].value if by_skill.get(s) else None) for s in LanguageSkill)
    return Languages("Nederlandse taal", levels, required, rows)


def level_text(level: str | None) -> str:
    if level is None:
        return "onbekend"
    cefr = CefrLevel(level)
    if cefr == CefrLevel.A0:
        return "A0 (geen)"
    return f"{level} ({REFERENTIENIVEAU[cefr]})" if cefr in REFERENTIENIVEAU else level


def availability(available_from: dt.date | None, today: dt.date) -> str:
    if available_from is None:
        return "onbekend"
    return "per direct" if available_from <= today else f"vanaf {format_nl(available_from)}"


def hours(value: int | None) -> str:
    return "onbekend" if value is None else f"{value} uur per week"


def travel(value: int | None) -> str:
    return "onbekend" if value is None else f"tot {value} km"


def licences(value: str | None) -> str:
    """The licence field as both profiles show it (``matchdesk.licences.display``): "CE (omvat ook C, ...)",
    "geen" when the candidate holds none, "onbekend" when nothing is recorded."""
    return display_licences(value)


def occupations(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def yes_no(value: bool | None) -> str:
    return "ja" if value else "nee"
