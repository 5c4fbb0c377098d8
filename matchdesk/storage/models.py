"""The domain model: SQLAlchemy 2 typed declarative models.

Every table has a UUID key, created/updated timestamps, who updated it, and a row version that
SQLAlchemy checks on every UPDATE (optimistic locking). Relationships are ``lazy="raise"``: each
query states its eager loads. Deleted candidates, employers and vacancies stay as tombstones with
their personal fields cleared (``deleted_at`` set); keys are kept so an import can restore them.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchdesk.domain import (
    Categorie,
    CefrLevel,
    Doelgroep,
    LanguageSkill,
    Location,
    ProposalStatus,
    Provider,
    Role,
    SkillSource,
    TaaleisStatus,
    TrajectoryKind,
    VacancyKind,
    VacancyStatus,
)
from matchdesk.storage.model_base import NAMING, Base, Record, enum_column
from matchdesk.storage.models_system import AuditEntry, Draft, Meta, audit_permission
from matchdesk.vocabulary import normalize_term


class Medewerker(Record):
    __tablename__ = "medewerkers"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    region: Mapped[str | None] = mapped_column(String(100))


def name_key(achternaam: str | None, voornaam: str | None) -> str:
    """How lists sort and find names: achternaam then voornaam, accents and case folded, so that
    Özdemir sorts with Ozdemir and Çelik with Celik, not after Z (SQLite compares bytes)."""
    return f"{normalize_term(achternaam or '')} {normalize_term(voornaam or '')}".strip()


def _name_key_default(context) -> str:
    row = context.get_current_parameters()  # per row, also in an executemany (demo, import)
    return name_key(row.get("achternaam"), row.get("voornaam"))


def marks_indexes(table: str) -> tuple[Index, Index]:
    """Narrow indexes on ``updated_at`` and ``version`` (migration 0012): the candidate index's data-version
    check reads count and sum(version) from the one and max(updated_at) from the other, not from the rows."""
    return Index(f"ix_{table}_updated_at", "updated_at"), Index(f"ix_{table}_version", "version")


class Candidate(Record):
    __tablename__ = "candidates"
    __table_args__ = (
        # klantnummer is unique among non-deleted candidates only (tombstones keep theirs).
        Index("uq_candidates_klantnummer_live", "klantnummer", unique=True,
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
        # the default list order: achternaam (without tussenvoegsel), voornaam, klantnummer; accents folded
        Index("ix_candidates_name_key", "name_key", "klantnummer"),
        Index("ix_candidates_municipality", "municipality"),
        # the candidate index's data-version check (matching/index_store: count, max(updated_at), sum(version))
        *marks_indexes("candidates"),
    )

    klantnummer: Mapped[str] = mapped_column(String(30))
    profile_number: Mapped[str] = mapped_column(String(12), unique=True)
    voornaam: Mapped[str | None] = mapped_column(String(100))
    tussenvoegsel: Mapped[str | None] = mapped_column(String(30))
    achternaam: Mapped[str | None] = mapped_column(String(100))
    name_key: Mapped[str | None] = mapped_column(String(210), default=_name_key_default)  # see name_key()
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    bsn: Mapped[str | None] = mapped_column(String(9))
    bsn_test_data: Mapped[bool] = mapped_column(Boolean, default=False)
    adres: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(7))
    woonplaats: Mapped[str | None] = mapped_column(String(100))
    municipality: Mapped[str | None] = mapped_column(String(100))
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    doelgroep: Mapped[Doelgroep | None] = mapped_column(enum_column(Doelgroep))
    categorie: Mapped[Categorie | None] = mapped_column(enum_column(Categorie))
    benefit_type: Mapped[str | None] = mapped_column(String(60))
    banenafspraak: Mapped[bool] = mapped_column(Boolean, default=False)
    beschut_indicatie: Mapped[bool] = mapped_column(Boolean, default=False)
    wsw: Mapped[bool] = mapped_column(Boolean, default=False)
    statushouder: Mapped[bool] = mapped_column(Boolean, default=False)
    taalachterstand: Mapped[bool] = mapped_column(Boolean, default=False)
    taaleis_status: Mapped[TaaleisStatus] = mapped_column(enum_column(TaaleisStatus), default=TaaleisStatus.ONBEKEND)
    taaleis_date: Mapped[dt.date | None] = mapped_column(Date)
    startkwalificatie: Mapped[bool] = mapped_column(Boolean, default=False)
    ontheffing_until: Mapped[dt.date | None] = mapped_column(Date)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    available_from: Mapped[dt.date | None] = mapped_column(Date)
    driving_licences: Mapped[str] = mapped_column(String(60), default="")  # "B,C": categories
    max_travel_km: Mapped[int | None] = mapped_column(Integer)
    wishes: Mapped[str | None] = mapped_column(Text)
    desired_occupations: Mapped[str | None] = mapped_column(Text)  # ";"-separated
    work_limitations: Mapped[str | None] = mapped_column(Text)  # functional terms only
    loonwaarde: Mapped[int | None] = mapped_column(Integer)  # % of the minimum wage
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("medewerkers.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    # written by the matchmaker FOR employers (the only free text an anonymised profile may carry, once
    # confirmed in the print preview); everything else free stays internal
    employer_text: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # archived: kept, hidden, not ranked
    archived_by: Mapped[str | None] = mapped_column(String(100))

    owner: Mapped[Medewerker | None] = relationship(lazy="raise")
    skills: Mapped[list[CandidateSkill]] = relationship(
        back_populates="candidate", lazy="raise", cascade="all, delete-orphan", order_by="CandidateSkill.position")
    languages: Mapped[list[CandidateLanguage]] = relationship(
        back_populates="candidate", lazy="raise", cascade="all, delete-orphan")
    educations: Mapped[list[Education]] = relationship(lazy="raise", cascade="all, delete-orphan")
    experiences: Mapped[list[WorkExperience]] = relationship(lazy="raise", cascade="all, delete-orphan")
    trajectories: Mapped[list[Trajectory]] = relationship(back_populates="candidate", lazy="raise")

    @property
    def display_name(self) -> str:
        parts = [self.voornaam, self.tussenvoegsel, self.achternaam]
        return " ".join(p for p in parts if p)


class CandidateSkill(Record):
    __tablename__ = "candidate_skills"
    __table_args__ = marks_indexes("candidate_skills")

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    skill_id: Mapped[str | None] = mapped_column(String(80), index=True)  # vocabulary id; None = free text
    text: Mapped[str] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(20))  # basis | gevorderd | ervaren
    source: Mapped[SkillSource] = mapped_column(enum_column(SkillSource), default=SkillSource.ZELF)

    candidate: Mapped[Candidate] = relationship(back_populates="skills", lazy="raise")


class CandidateLanguage(Record):
    __tablename__ = "candidate_languages"
    __table_args__ = (UniqueConstraint("candidate_id", "language", "skill", name="candidate_language_skill"),
                      *marks_indexes("candidate_languages"))

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10), default="nl")
    skill: Mapped[LanguageSkill] = mapped_column(enum_column(LanguageSkill))
    level: Mapped[CefrLevel | None] = mapped_column(enum_column(CefrLevel))  # None: unknown, not a guess

    candidate: Mapped[Candidate] = relationship(back_populates="languages", lazy="raise")


class Education(Record):
    __tablename__ = "educations"

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(40))
    institution: Mapped[str | None] = mapped_column(String(200))
    year_end: Mapped[int | None] = mapped_column(Integer)
    diploma: Mapped[bool] = mapped_column(Boolean, default=False)


class WorkExperience(Record):
    __tablename__ = "work_experiences"

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    function: Mapped[str] = mapped_column(String(200))
    employer_name: Mapped[str | None] = mapped_column(String(200))
    start: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)


class Employer(Record):
    __tablename__ = "employers"
    __table_args__ = (
        Index("uq_employers_kvk_live", "kvk", unique=True,
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
    )

    name: Mapped[str] = mapped_column(String(200))
    kvk: Mapped[str] = mapped_column(String(8))
    sector: Mapped[str | None] = mapped_column(String(60))
    adres: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(7))
    plaats: Mapped[str | None] = mapped_column(String(100))
    contactpersoon: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    telefoon: Mapped[str | None] = mapped_column(String(30))
    accountmanager_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("medewerkers.id"))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    archived_by: Mapped[str | None] = mapped_column(String(100))

    accountmanager: Mapped[Medewerker | None] = relationship(lazy="raise")


class Vacancy(Record):
    __tablename__ = "vacancies"
    __table_args__ = (
        Index("uq_vacancies_reference_live", "reference", unique=True,
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
    )

    reference: Mapped[str] = mapped_column(String(40))
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[VacancyKind] = mapped_column(enum_column(VacancyKind), default=VacancyKind.REGULIER)
    description: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(7))
    place: Mapped[str | None] = mapped_column(String(100))
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    driving_licence: Mapped[str | None] = mapped_column(String(10))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    positions: Mapped[int] = mapped_column(Integer, default=1)
    provider: Mapped[Provider | None] = mapped_column(enum_column(Provider))
    taalondersteuning: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[VacancyStatus] = mapped_column(enum_column(VacancyStatus), default=VacancyStatus.OPEN)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    archived_by: Mapped[str | None] = mapped_column(String(100))

    employer: Mapped[Employer] = relationship(lazy="raise")
    skills: Mapped[list[VacancySkill]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="VacancySkill.position")
    languages: Mapped[list[VacancyLanguage]] = relationship(lazy="raise", cascade="all, delete-orphan")


class VacancySkill(Record):
    __tablename__ = "vacancy_skills"

    vacancy_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    skill_id: Mapped[str | None] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(String(200))
    required: Mapped[bool] = mapped_column(Boolean, default=True)


class VacancyLanguage(Record):
    __tablename__ = "vacancy_languages"
    __table_args__ = (UniqueConstraint("vacancy_id", "skill", name="vacancy_language_skill"),)

    vacancy_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"), index=True)
    skill: Mapped[LanguageSkill] = mapped_column(enum_column(LanguageSkill))
    min_level: Mapped[CefrLevel] = mapped_column(enum_column(CefrLevel))


class Proposal(Record):
    __tablename__ = "proposals"

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id"), index=True)
    vacancy_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vacancies.id"), index=True)
    status: Mapped[ProposalStatus] = mapped_column(enum_column(ProposalStatus), default=ProposalStatus.VOORGESTELD)
    proposed_on: Mapped[dt.date] = mapped_column(Date)
    status_changed_on: Mapped[dt.date] = mapped_column(Date)
    proposed_by: Mapped[str] = mapped_column(String(100))
    score: Mapped[int | None] = mapped_column(Integer)
    explanation: Mapped[str | None] = mapped_column(Text)

    candidate: Mapped[Candidate] = relationship(lazy="raise")
    vacancy: Mapped[Vacancy] = relationship(lazy="raise")


class Trajectory(Record):
    __tablename__ = "trajectories"

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id"), index=True)
    kind: Mapped[TrajectoryKind] = mapped_column(enum_column(TrajectoryKind))
    start: Mapped[dt.date] = mapped_column(Date)
    planned_end: Mapped[dt.date | None] = mapped_column(Date)  # inclusive last day
    actual_end: Mapped[dt.date | None] = mapped_column(Date)
    aborted: Mapped[bool] = mapped_column(Boolean, default=False)  # ended early: status afgebroken
    outcome: Mapped[str | None] = mapped_column(String(200))
    provider: Mapped[Provider | None] = mapped_column(enum_column(Provider))
    employer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("employers.id"))
    vacancy_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vacancies.id"))
    proposal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("proposals.id"))
    location: Mapped[Location | None] = mapped_column(enum_column(Location))
    intended_employer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("employers.id"))
    employment_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    development_goals: Mapped[str | None] = mapped_column(Text)
    municipality: Mapped[str | None] = mapped_column(String(100))  # the candidate"s, at the decision
    verdict: Mapped[str | None] = mapped_column(String(10))  # allowed | warning | blocked
    findings: Mapped[str | None] = mapped_column(Text)  # JSON list of the rules" findings
    motivation: Mapped[str | None] = mapped_column(Text)
    motivation_by: Mapped[str | None] = mapped_column(String(100))
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by: Mapped[str | None] = mapped_column(String(100))
    imported: Mapped[bool] = mapped_column(Boolean, default=False)

    candidate: Mapped[Candidate] = relationship(back_populates="trajectories", lazy="raise")
    employer: Mapped[Employer | None] = relationship(lazy="raise", foreign_keys=[employer_id])


class ContactMoment(Record):
    __tablename__ = "contact_moments"

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    medewerker: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))  # gesprek | telefoon | e-mail | bezoek
    summary: Mapped[str | None] = mapped_column(Text)
    next_contact: Mapped[dt.date | None] = mapped_column(Date)


from matchdesk.storage.models_outbox import OutboxCommand  # noqa: E402  (a laptop's outbox: matchdesk.sync)
from matchdesk.storage.models_server import SyncChange, SyncReceived, SyncToken  # noqa: E402  (team server)
from matchdesk.storage.models_signals import SignalState  # noqa: E402  (after Candidate and Medewerker)


@event.listens_for(Candidate, "before_update")
def _refresh_name_key(_mapper, _connection, candidate: Candidate) -> None:
    # after the audit"s before_flush: the key is bookkeeping, never listed as a changed field
    candidate.name_key = name_key(candidate.achternaam, candidate.voornaam)


__all__ = ["AuditEntry", "Base", "Candidate", "CandidateLanguage", "CandidateSkill", "ContactMoment", "Draft",
           "Education", "Employer", "Medewerker", "Meta", "NAMING", "Proposal", "Record", "SignalState", "Trajectory",
           "Vacancy", "VacancyLanguage", "VacancySkill", "WorkExperience", "audit_permission",
           "enum_column", "name_key"]
__all__ += ["OutboxCommand"]  # a laptop's outbox (models_outbox.py)
__all__ += ["SyncChange", "SyncReceived", "SyncToken"]  # the team server's tables (models_server.py)
