"""Vacancies and leerwerkplekken in and out, keyed on the reference, through the vacancy service."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchdesk import licences as licence_model
from matchdesk.domain import LanguageSkill, VacancyKind, VacancyStatus
from matchdesk.errors import MatchDeskError
from matchdesk.services import fields as f
from matchdesk.services.employers import find_employer
from matchdesk.services.records import apply
from matchdesk.services.vacancies import VACANCY_SPEC, VacancySkillInput, create_vacancy, update_vacancy
from matchdesk.storage.models import Employer, Vacancy, VacancyLanguage, VacancySkill
from matchdesk.transfer.base import ImportOptions, RecordType
from matchdesk.transfer.columns import Column, RowInput, SkillEntry, format_skills, none_words, skill_list, yes_no
from matchdesk.transfer.employers import live_or_tombstone

_PLAIN = tuple(VACANCY_SPEC)
MIN_LEVEL = {f"min:{skill.value}": skill for skill in LanguageSkill}


def vacancy_columns() -> tuple[Column, ...]:
    s = VACANCY_SPEC
    languages = tuple(Column(f"min_nl_{skill.value}", f"min:{skill.value}",
                             none_words(f.level(f"min_nl_{skill.value}")),
                             doc="minimaal niveau Nederlands; leeg, geen, nee, - of n.v.t.: geen eis", lenient=True)
                      for skill in LanguageSkill)
    return (
        Column("referentie", "reference", s["reference"], required=True, doc="sleutel; verplicht"),
        Column("werkgever", "employer", f.required_text("werkgever"), required=True,
               doc="KvK-nummer, of de naam (hoofdletterongevoelig); onbekend of dubbelzinnig weigert de rij"),
        Column("titel", "title", s["title"], required=True, doc="verplicht"),
        Column("soort", "kind", none_words(s["kind"]), doc=", ".join(k.value for k in VacancyKind) + "; leeg: regulier",
               lenient=True),
        Column("omschrijving", "description", s["description"]),
        Column("postcode", "postcode", s["postcode"]),
        Column("plaats", "place", s["place"]),
        Column("uren_per_week", "hours_per_week", s["hours_per_week"], doc="1..60"),
        Column("vereiste_vaardigheden", "required_skills", skill_list("vereiste_vaardigheden", False),
               format_skills, doc="gescheiden door ;"),
        Column("gewenste_vaardigheden", "desired_skills", skill_list("gewenste_vaardigheden", False),
               format_skills, doc="gescheiden door ;"),
        *languages,
        Column("taalondersteuning", "taalondersteuning", s["taalondersteuning"], yes_no, doc="ja/nee"),
        Column("rijbewijs_vereist", "driving_licence", s["driving_licence"],
               doc="bijv. B of CE,95 (95: code 95); leeg, geen, nee, - of n.v.t.: geen rijbewijs nodig", lenient=True),
        Column("startdatum", "start_date", s["start_date"]),
        Column("aanbieder", "provider", none_words(s["provider"]),
               doc="leerwerkbedrijf (ook WVS), markt of werkgever; leeg of n.v.t.: niet bekend", lenient=True),
        Column("plaatsen", "positions", s["positions"], doc="1..500; leeg: 1"),
        Column("status", "status", none_words(s["status"]),
               doc=", ".join(k.value for k in VacancyStatus) + "; leeg: open", lenient=True),
    )


class Vacancies(RecordType):
    name = "vacancies"
    label = "vacatures"
    audit_type = "vacature"
    sheet_names = ("vacatures", "vacancies", "leerwerkplekken")
    key_fields = ("reference",)

    def columns(self, today: dt.date) -> tuple[Column, ...]:
        return vacancy_columns()

    def process(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        columns = vacancy_columns()
        employers: dict[str, uuid.UUID] = {}
        for row in rows:
            if row.rejected:
                continue
            values = row.values
            found = live_or_tombstone(session, Vacancy, Vacancy.reference, values["reference"],
                                      selectinload(Vacancy.skills), selectinload(Vacancy.languages))
            if found is None or found.deleted_at is not None:
                self.missing_for_new(row, options, columns)
            employer_id: uuid.UUID | None = None
            if values.get("employer"):
                key = values["employer"]
                try:
                    employer_id = employers.get(key) or find_employer(session, key).id
                    employers[key] = employer_id
                except MatchDeskError as error:
                    row.error("werkgever", str(error), field_name="employer")
            if row.rejected:
                continue
            skills = self._skills(row, values, options)
            plain = {k: v for k, v in values.items() if k in _PLAIN}
            levels = {skill: values[name] for name, skill in MIN_LEVEL.items() if name in values}
            if found is None:
                # a new vacancy's werkgever column is required: without it the row arrived rejected
                assert employer_id is not None
                create_vacancy(session, employer_id, plain, skills=skills or [],
                               min_language={k: v for k, v in levels.items() if v}, vocabulary=options.vocabulary)
                row.outcome = "new"
                continue
            if skills is not None:  # a required licence skill goes into the licence field (with the stored one)
                skills, plain = licence_model.absorb_requirements(
                    skills, {"driving_licence": found.driving_licence} | plain, options.vocabulary)
            restoring = found.deleted_at is not None
            if restoring:
                found.deleted_at = None
                changed = apply(found, plain)
            else:
                changed = update_vacancy(session, found.id, None, plain)
            if employer_id is not None and found.employer_id != employer_id:
                found.employer_id = employer_id
                changed.append("employer_id")
            changed += self._replace_children(found, skills, levels, options)
            row.outcome = "restored" if restoring else "updated" if changed else "unchanged"

    def _skills(self, row: RowInput, values: dict, options: ImportOptions) -> list[VacancySkillInput] | None:
        if "required_skills" not in values and "desired_skills" not in values:
            return None
        result = []
        for name, required in (("required_skills", True), ("desired_skills", False)):
            header = "vereiste_vaardigheden" if required else "gewenste_vaardigheden"
            for entry in values.get(name) or ():
                if options.vocabulary is not None and options.vocabulary.lookup(entry.text) is None:
                    options.count("unresolved_skills")
                    row.warn(header, "vaardigheid niet gevonden in de woordenlijst; als vrije tekst bewaard",
                             entry.text)
                result.append(VacancySkillInput(entry.text, required))
        return result

    def _replace_children(self, vacancy: Vacancy, skills, levels, options: ImportOptions) -> list[str]:
        changed = []
        if skills is not None:
            vocabulary = options.vocabulary
            wanted = []
            for position, skill in enumerate(skills):
                known = vocabulary.lookup(skill.text) if vocabulary else None
                wanted.append((position, known.id if known else None, known.label if known else skill.text,
                               skill.required))
            current = [(s.position, s.skill_id, s.text, s.required) for s in vacancy.skills]
            if wanted != current:
                vacancy.skills = [VacancySkill(position=p, skill_id=i, text=t, required=r) for p, i, t, r in wanted]
                changed.append("skills")
        by_skill = {lang.skill: lang for lang in vacancy.languages}
        for skill, level in levels.items():
            row = by_skill.get(skill)
            if level is None and row is not None:
                vacancy.languages.remove(row)
                changed.append(f"min_{skill.value}")
            elif level is not None and row is None:
                vacancy.languages.append(VacancyLanguage(skill=skill, min_level=level))
                changed.append(f"min_{skill.value}")
            elif row is not None and row.min_level != level:
                row.min_level = level
                changed.append(f"min_{skill.value}")
        return changed

    def export_values(self, session: Session) -> Iterator[dict[str, object]]:
        kvk = dict(session.execute(select(Employer.id, Employer.kvk)).all())
        query = (select(Vacancy).where(Vacancy.deleted_at.is_(None)).order_by(Vacancy.reference)
                 .options(selectinload(Vacancy.skills), selectinload(Vacancy.languages)))
        for vacancy in session.scalars(query):
            values = {name: getattr(vacancy, name) for name in _PLAIN}
            values["employer"] = kvk.get(vacancy.employer_id)
            values["required_skills"] = [SkillEntry(s.text) for s in vacancy.skills if s.required]
            values["desired_skills"] = [SkillEntry(s.text) for s in vacancy.skills if not s.required]
            for lang in vacancy.languages:
                values[f"min:{lang.skill.value}"] = lang.min_level
            yield values

