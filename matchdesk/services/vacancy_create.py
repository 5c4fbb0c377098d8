"""A vacancy typed in on the spot (the Matchen page's "Vacature ter plekke", the vacancy import's Dutch
field names) kept as a real vacancy of an employer.

    saved = create_vacancy_for(app, "12345678", {"titel": "Heftruckchauffeur", "plaats": "Roosendaal",
                                                  "vereiste_vaardigheden": "heftruckcertificaat; orderpicken",
                                                  "min_nl_spreken": "A2"})
    saved.key   # the new reference, V2026-00042

One unit of work: the employer is looked up by KvK number, the next free reference of the year is given,
the fields are normalised by the vacancy service's rules (``services.vacancies.create_vacancy``) and the
audit listener records the new vacancy. (When ``save_vacancy(app, None, ...)`` creates new vacancies, this
can call it.)
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.domain import CefrLevel, LanguageSkill
from matchdesk.errors import NotFound
from matchdesk.services import fields as f
from matchdesk.services.records import Saved
from matchdesk.services.vacancies import VacancySkillInput, create_vacancy
from matchdesk.storage.models import Employer, Vacancy
from matchdesk.sync.outbox import recorded

if TYPE_CHECKING:
    from matchdesk.app import App

# the typed fields (the import's Dutch names) -> the vacancy service's field names
FIELD_NAMES = {"titel": "title", "soort": "kind", "plaats": "place", "postcode": "postcode",
               "uren_per_week": "hours_per_week", "rijbewijs_vereist": "driving_licence", "startdatum": "start_date",
               "omschrijving": "description", "plaatsen": "positions", "taalondersteuning": "taalondersteuning",
               "aanbieder": "provider"}


def next_reference(session: Session, year: int) -> str:
    """The next free reference of the year (``V2026-00042``), after the highest one in use (erased ones too)."""
    prefix = f"V{year}-"
    used = session.scalars(select(Vacancy.reference).where(Vacancy.reference.like(f"{prefix}%"))).all()
    numbers = [int(m.group(1)) for r in used if (m := re.fullmatch(rf"{re.escape(prefix)}(\d+)", r))]
    return f"{prefix}{max(numbers, default=0) + 1:05d}"


def _skills(text: object, required: bool) -> list[VacancySkillInput]:
    items = text if isinstance(text, list | tuple) else str(text or "").split(";")
    return [VacancySkillInput(str(item).strip(), required) for item in items if str(item).strip()]


@recorded("vacancy.create_for")  # a laptop records it in its outbox (matchdesk.sync)
def create_vacancy_for(app: App, employer_kvk: str, typed: Mapping[str, object], *,
                       record_id: uuid.UUID | None = None) -> Saved:
    """Store the vacancy typed in for the employer with this KvK number (NotFound when there is none);
    returns the new vacancy's id, version and reference. ``record_id``: a client-made id for it."""
    values: dict[str, object] = {FIELD_NAMES[k]: v for k, v in typed.items()
                                 if k in FIELD_NAMES and v not in (None, "")}
    levels: dict[LanguageSkill, CefrLevel] = {}
    for skill in LanguageSkill:
        level = f.level(f"min_nl_{skill.value}")(typed.get(f"min_nl_{skill.value}"))
        if isinstance(level, CefrLevel):
            levels[skill] = level
    skills = _skills(typed.get("vereiste_vaardigheden"), True) + _skills(typed.get("gewenste_vaardigheden"), False)
    with app.unit() as session:
        employer = session.scalar(select(Employer).where(Employer.kvk == employer_kvk, Employer.deleted_at.is_(None)))
        if employer is None:
            raise NotFound(f"Werkgever met KvK-nummer {employer_kvk} bestaat niet")
        if not values.get("postcode") and (not values.get("place") or str(values["place"]).strip().lower()
                                           == (employer.plaats or "").strip().lower()):
            values["postcode"] = employer.postcode  # at the employer's: travel is judged from there
            values.setdefault("place", employer.plaats)
        values["reference"] = next_reference(session, app.today.year)
        vacancy = create_vacancy(session, employer.id, values, skills=skills, min_language=levels,
                                 vocabulary=app.vocabulary, record_id=record_id)
        session.flush()
        return Saved(vacancy.id, vacancy.version, vacancy.reference)
