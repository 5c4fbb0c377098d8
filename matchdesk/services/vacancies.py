"""Vacancies and leerwerkplekken: session-level building blocks (the import and matching share them) and
the use cases of the vacancy editor (open, create from its employer or save, archive, restore), which return
plain frozen values."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchdesk import licences as licence_model
from matchdesk.domain import CefrLevel, LanguageSkill, Provider, VacancyKind, VacancyStatus
from matchdesk.errors import NotFound, ValidationError
from matchdesk.services import fields as f
from matchdesk.services.records import (
    Archived,
    Saved,
    apply,
    archived_of,
    client_id,
    frozen_values,
    load_for_update,
    set_archived,
)
from matchdesk.storage.models import Employer, Vacancy, VacancyLanguage, VacancySkill
from matchdesk.sync.outbox import recorded
from matchdesk.validators import normalize_postcode
from matchdesk.vocabulary import Vocabulary

if TYPE_CHECKING:
    from matchdesk.app import App

VACANCY_SPEC: dict[str, f.Normalizer] = {
    "reference": f.required_text("referentie", 40),
    "title": f.required_text("titel"),
    "kind": lambda v: f.choice("soort", VacancyKind)(v) or VacancyKind.REGULIER,
    "description": f.text("omschrijving", 8000),
    "postcode": lambda v: None if v is None or str(v).strip() == "" else normalize_postcode(str(v)),
    "place": f.text("plaats", 100),
    "hours_per_week": f.integer("uren_per_week", 1, 60),
    "driving_licence": lambda v: licence_model.normalize_requirement(v, "rijbewijs_vereist"),
    "start_date": f.date("startdatum"),
    "positions": lambda v: f.integer("plaatsen", 1, 500)(v) or 1,
    "provider": f.choice("aanbieder", Provider, aliases={"wvs": "leerwerkbedrijf"}),
    "taalondersteuning": f.boolean("taalondersteuning"),
    "status": lambda v: f.choice("status", VacancyStatus)(v) or VacancyStatus.OPEN,
}


@dataclass(frozen=True)
class VacancySkillInput:
    text: str
    required: bool = True


def get_by_reference(session: Session, reference: str, *, full: bool = False) -> Vacancy:
    query = select(Vacancy).where(Vacancy.reference == reference, Vacancy.deleted_at.is_(None))
    if full:
        query = query.options(selectinload(Vacancy.skills), selectinload(Vacancy.languages),
                              selectinload(Vacancy.employer))
    vacancy = session.scalar(query)
    if vacancy is None:
        raise NotFound(f"Vacature met referentie {reference} bestaat niet")
    return vacancy


def create_vacancy(session: Session, employer_id: uuid.UUID, values: dict[str, object], *,
                   skills: Sequence[VacancySkillInput] = (), min_language: dict[LanguageSkill, CefrLevel] | None = None,
                   vocabulary: Vocabulary | None = None, record_id: uuid.UUID | None = None) -> Vacancy:
    """A new vacancy of the employer (``record_id``: a client-made id; None: a new one)."""
    data = f.normalize_fields(VACANCY_SPEC, values)
    skills, data = licence_model.absorb_requirements(skills, data, vocabulary)  # a required licence skill: the field
    if session.scalar(select(Vacancy.id).where(Vacancy.reference == data["reference"], Vacancy.deleted_at.is_(None))):
        raise ValidationError("referentie", data["reference"], f"referentie {data['reference']} bestaat al")
    vacancy = Vacancy(**data, employer_id=employer_id, **client_id(session, Vacancy, record_id))
    vacancy.skills = [_skill_row(s, i, vocabulary) for i, s in enumerate(skills)]
    vacancy.languages = [VacancyLanguage(skill=k, min_level=v) for k, v in (min_language or {}).items() if v]
    session.add(vacancy)
    return vacancy


def update_vacancy(session: Session, vacancy_id: uuid.UUID, expected_version: int | None,
                   values: dict[str, object]) -> list[str]:
    vacancy = load_for_update(session, Vacancy, vacancy_id, expected_version, "De vacature")
    return apply(vacancy, f.normalize_fields(VACANCY_SPEC, values))


def _skill_row(skill: VacancySkillInput, position: int, vocabulary: Vocabulary | None) -> VacancySkill:
    known = vocabulary.lookup(skill.text) if vocabulary else None
    return VacancySkill(position=position, skill_id=known.id if known else None,
                        text=known.label if known else skill.text.strip(), required=skill.required)


# -- use cases of the vacancy editor --------------------------------------------------------------------------
# the fields the editor shows and changes (status is changed by placements, not in the editor)
EDITABLE = tuple(name for name in VACANCY_SPEC if name != "status")


@dataclass(frozen=True)
class VacancyRecord:
    """One vacancy as its editor shows it: the fields (``EDITABLE`` by name, read-only), the required and
    desired skills and the minimum Dutch level per language skill."""

    id: uuid.UUID
    version: int
    reference: str
    values: Mapping[str, object]
    required_skills: tuple[str, ...]
    desired_skills: tuple[str, ...]
    min_languages: tuple[tuple[LanguageSkill, CefrLevel], ...]
    employer: str = ""  # the employer's name
    archived: Archived | None = None

    @property
    def key(self) -> str:
        return self.reference


def open_vacancy(app: App, reference: str) -> VacancyRecord:
    """The vacancy or leerwerkplek with this reference (NotFound when there is none)."""
    with app.reading() as session:
        vacancy = get_by_reference(session, reference, full=True)
        skills = sorted(vacancy.skills, key=lambda s: s.position)
        return VacancyRecord(
            vacancy.id, vacancy.version, vacancy.reference, frozen_values(vacancy, EDITABLE),
            tuple(s.text for s in skills if s.required), tuple(s.text for s in skills if not s.required),
            tuple((row.skill, row.min_level) for row in vacancy.languages if row.min_level),
            vacancy.employer.name, archived_of(vacancy))


@recorded("vacancy.save")  # a laptop records it in its outbox (matchdesk.sync)
def save_vacancy(app: App, vacancy_id: uuid.UUID | None, version: int | None, values: Mapping[str, object], *,
                 employer_id: uuid.UUID | None = None) -> Saved:
    """Create a vacancy for ``employer_id`` (``vacancy_id`` None: referentie and titel required, the referentie
    new; the employer live and not archived), or change one; ``version``: the one read (ConflictError when
    someone saved meanwhile)."""
    with app.unit() as session:
        if vacancy_id is None:
            employer = session.get(Employer, employer_id) if employer_id is not None else None
            if employer is None or employer.deleted_at is not None:
                raise ValidationError("werkgever", None, "kies de werkgever van de nieuwe vacature")
            if employer.archived_at is not None:
                raise ValidationError("werkgever", None, f"werkgever {employer.name} is gearchiveerd: "
                                                         "zet die eerst terug")
            vacancy = create_vacancy(session, employer.id, dict(values), vocabulary=app.vocabulary)
        else:
            update_vacancy(session, vacancy_id, version, dict(values))
            vacancy = session.get_one(Vacancy, vacancy_id)
        session.flush()
        return Saved(vacancy.id, vacancy.version, vacancy.reference)


@recorded("vacancy.archive")  # a laptop records it in its outbox (matchdesk.sync)
def archive_vacancy(app: App, vacancy_id: uuid.UUID, version: int | None) -> Saved:
    """Set the vacancy aside (kept, hidden from the lists by default)."""
    with app.unit() as session:
        vacancy = set_archived(session, Vacancy, vacancy_id, version, "De vacature", True)
        session.flush()
        return Saved(vacancy.id, vacancy.version, vacancy.reference)


@recorded("vacancy.restore")  # a laptop records it in its outbox (matchdesk.sync)
def restore_vacancy(app: App, vacancy_id: uuid.UUID, version: int | None) -> Saved:
    with app.unit() as session:
        vacancy = set_archived(session, Vacancy, vacancy_id, version, "De vacature", False)
        session.flush()
        return Saved(vacancy.id, vacancy.version, vacancy.reference)
