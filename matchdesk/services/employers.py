"""Employers and the medewerkers who act: session-level building blocks (the import shares them) and the
use cases of the employer editor (open, create or save, archive, restore, the picker of the new vacancy),
which return plain frozen values."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchdesk.domain import Role, VacancyStatus
from matchdesk.errors import NotFound, ValidationError
from matchdesk.services import fields as f
from matchdesk.services.insert_or_get import insert_or_get
from matchdesk.services.records import Archived, Saved, apply, archived_of, frozen_values, load_for_update, set_archived
from matchdesk.storage.models import Employer, Medewerker, Vacancy
from matchdesk.sync.outbox import recorded
from matchdesk.validators import normalize_email, normalize_kvk, normalize_postcode

if TYPE_CHECKING:
    from matchdesk.app import App


def _optional(normalizer):
    return lambda v: None if v is None or str(v).strip() == "" else normalizer(str(v).strip())


EMPLOYER_SPEC: dict[str, f.Normalizer] = {
    "kvk": lambda v: normalize_kvk(cast(str, v if v is not None else "")),  # the message shows the value as given
    "name": f.required_text("naam"),
    "sector": f.text("sector", 60),
    "adres": f.text("adres"),
    "postcode": _optional(normalize_postcode),
    "plaats": f.text("plaats", 100),
    "contactpersoon": f.text("contactpersoon"),
    "email": _optional(normalize_email),
    "telefoon": f.text("telefoon", 30),
}


def find_employer(session: Session, key: str) -> Employer:
    """By KvK number exactly, or by name case-insensitively; unknown or ambiguous is refused."""
    key = key.strip()
    live = Employer.deleted_at.is_(None)
    if key.isdigit() and len(key) == 8:
        found = session.scalar(select(Employer).where(Employer.kvk == key, live))
        if found:
            return found
    matches = session.scalars(select(Employer).where(func.lower(Employer.name) == key.lower(), live)).all()
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise ValidationError("werkgever", key, f"werkgever {key!r} is niet eenduidig: gebruik het KvK-nummer")
    raise NotFound(f"Werkgever {key!r} bestaat niet")


def create_employer(session: Session, values: dict[str, object],
                    accountmanager_id: uuid.UUID | None = None) -> Employer:
    data = f.normalize_fields(EMPLOYER_SPEC, values)
    if session.scalar(select(Employer.id).where(Employer.kvk == data["kvk"], Employer.deleted_at.is_(None))):
        raise ValidationError("kvk", data["kvk"], f"KvK-nummer {data['kvk']} bestaat al")
    employer = Employer(**data, accountmanager_id=accountmanager_id)
    session.add(employer)
    return employer


def update_employer(session: Session, employer_id: uuid.UUID, expected_version: int | None,
                    values: dict[str, object]) -> list[str]:
    employer = load_for_update(session, Employer, employer_id, expected_version, "De werkgever")
    return apply(employer, f.normalize_fields(EMPLOYER_SPEC, values))


def ensure_medewerker(session: Session, name: str, role: Role = Role.MATCHMAKER, **extra) -> Medewerker:
    """The medewerker with this name, created on first use (a command line --user, the first start, a
    consulent or accountmanager an import names). Insert-or-get under the unique name: when another writer
    (a second import, the window, a colleague's laptop) creates the same medewerker at the same moment, this
    one uses theirs instead of failing; ``role`` and ``extra`` only apply to a medewerker made here."""
    name = name.strip()
    if not name:
        raise ValidationError("medewerker", name, "de naam van de medewerker is verplicht")
    return insert_or_get(session, lambda: session.scalar(select(Medewerker).where(Medewerker.name == name)),
                         lambda: Medewerker(name=name, role=role, **extra))


def medewerker_role(session: Session, name: str) -> Role | None:
    return session.scalar(select(Medewerker.role).where(Medewerker.name == name))


# -- use cases of the employer editor -------------------------------------------------------------------------
@dataclass(frozen=True)
class EmployerRecord:
    """One employer as its editor shows it; ``values``: the fields of ``EMPLOYER_SPEC`` by name, read-only."""

    id: uuid.UUID
    version: int
    kvk: str
    values: Mapping[str, object]
    archived: Archived | None = None

    @property
    def key(self) -> str:
        return self.kvk


def open_employer(app: App, kvk: str) -> EmployerRecord:
    """The employer with this KvK number (NotFound when there is none)."""
    with app.reading() as session:
        employer = session.scalar(select(Employer).where(Employer.kvk == kvk, Employer.deleted_at.is_(None)))
        if employer is None:
            raise NotFound(f"Werkgever met KvK-nummer {kvk} bestaat niet")
        return EmployerRecord(employer.id, employer.version, employer.kvk, frozen_values(employer, EMPLOYER_SPEC),
                              archived_of(employer))


@recorded("employer.save")  # a laptop records it in its outbox (matchdesk.sync)
def save_employer(app: App, employer_id: uuid.UUID | None, version: int | None,
                  values: Mapping[str, object]) -> Saved:
    """Create (``employer_id`` None) or change an employer; ``version``: the one read (ConflictError). A new
    employer is checked as the import checks one (naam required, KvK valid and new); an accountmanager who
    creates one becomes its accountmanager."""
    with app.unit() as session:
        if employer_id is None:
            manager = session.scalar(select(Medewerker.id).where(Medewerker.name == app.user,
                                                                 Medewerker.role == Role.ACCOUNTMANAGER))
            employer = create_employer(session, dict(values), manager)
        else:
            update_employer(session, employer_id, version, dict(values))
            employer = session.get_one(Employer, employer_id)
        session.flush()
        return Saved(employer.id, employer.version, employer.kvk)


@recorded("employer.archive")  # a laptop records it in its outbox (matchdesk.sync)
def archive_employer(app: App, employer_id: uuid.UUID, version: int | None) -> Saved:
    """Set the employer aside (kept, hidden from the lists by default). Refused while it has open vacancies
    that are not archived: close or archive those first."""
    with app.unit() as session:
        open_ones = session.scalar(select(func.count()).select_from(Vacancy).where(
            Vacancy.employer_id == employer_id, Vacancy.status == VacancyStatus.OPEN, Vacancy.deleted_at.is_(None),
            Vacancy.archived_at.is_(None))) or 0
        if open_ones:
            raise ValidationError("vacatures", None, f"de werkgever heeft nog {open_ones} open "
                                  f"{'vacature' if open_ones == 1 else 'vacatures'}: sluit of archiveer die eerst")
        employer = set_archived(session, Employer, employer_id, version, "De werkgever", True)
        session.flush()
        return Saved(employer.id, employer.version, employer.kvk)


@recorded("employer.restore")  # a laptop records it in its outbox (matchdesk.sync)
def restore_employer(app: App, employer_id: uuid.UUID, version: int | None) -> Saved:
    with app.unit() as session:
        employer = set_archived(session, Employer, employer_id, version, "De werkgever", False)
        session.flush()
        return Saved(employer.id, employer.version, employer.kvk)


@dataclass(frozen=True)
class EmployerChoice:
    """An employer to create a new vacancy for (the picker on the Vacatures page)."""

    id: uuid.UUID
    kvk: str
    name: str
    plaats: str | None

    @property
    def text(self) -> str:
        return f"{self.name} (KvK {self.kvk}{', ' + self.plaats if self.plaats else ''})"


def employer_choices(app: App, text: str = "", limit: int = 50) -> tuple[EmployerChoice, ...]:
    """Employers whose name or KvK number holds ``text`` (every one when empty), by name; archived ones not."""
    with app.reading() as session:
        query = select(Employer.id, Employer.kvk, Employer.name, Employer.plaats).where(
            Employer.deleted_at.is_(None), Employer.archived_at.is_(None))
        if text.strip():
            like = f"%{text.strip().lower()}%"
            query = query.where(func.lower(Employer.name).like(like) | Employer.kvk.like(like))
        rows = session.execute(query.order_by(func.lower(Employer.name), Employer.kvk).limit(limit)).all()
    return tuple(EmployerChoice(r.id, r.kvk, r.name, r.plaats) for r in rows)
