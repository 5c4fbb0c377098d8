"""Candidates: create, change, delete (tombstone), view; skills and language levels."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from matchdesk import licences as licence_model
from matchdesk.domain import Categorie, CefrLevel, Doelgroep, LanguageSkill, SkillSource, TaaleisStatus
from matchdesk.errors import NotFound, ValidationError
from matchdesk.services import fields as f
from matchdesk.services.insert_or_get import savepoint
from matchdesk.services.records import apply, load_for_update
from matchdesk.storage.audit import log_event
from matchdesk.storage.ids import new_id, utcnow
from matchdesk.storage.models import AuditEntry, Candidate, CandidateLanguage, CandidateSkill, ContactMoment, Record
from matchdesk.validators import check_birth_date, normalize_bsn, normalize_email, normalize_postcode
from matchdesk.vocabulary import Vocabulary


def _birth_date(parse, today):
    """The parsed date held to ``validators.check_birth_date`` (not before 1900, age at most 110)."""
    return lambda value: None if (day := parse(value)) is None else check_birth_date(day, today)


def _optional(normalizer):
    def normalize(value):
        if value is None or str(value).strip() == "":
            return None
        return normalizer(str(value).strip())
    return normalize


def _private(normalizer, field: str, message: str):
    """``normalizer`` whose refusal names the field, never the value (a BSN or an e-mail address in an error
    message ends up in import reports, logs and message boxes)."""
    def normalize(value):
        try:
            return normalizer(value)
        except ValidationError as error:
            raise ValidationError(field, None, f"{field}: {message}") from error
    return normalize


BSN_INVALID = "geen geldig BSN (9 cijfers met elfproef)"
BSN_TAKEN = "dit BSN is al bekend bij een andere kandidaat"


@functools.lru_cache(maxsize=8)
def candidate_spec(today: dt.date) -> dict[str, f.Normalizer]:
    """Every stored candidate field and how its input is checked (do not mutate: cached per day)."""
    return {
        "klantnummer": f.required_text("klantnummer", 30),
        "voornaam": f.text("voornaam", 100),
        "tussenvoegsel": f.text("tussenvoegsel", 30),
        "achternaam": f.required_text("achternaam", 100),
        "birth_date": _birth_date(f.date("geboortedatum", not_after=lambda: today), today),
        "bsn": _optional(_private(normalize_bsn, "bsn", BSN_INVALID)),
        "bsn_test_data": f.boolean("bsn_testgegeven"),  # a generated BSN (demo, training): printed as such
        "adres": f.text("adres"),
        "postcode": _optional(normalize_postcode),
        "woonplaats": f.text("woonplaats", 100),
        "municipality": f.text("gemeente", 100),
        "telefoon": f.text("telefoon", 30),
        "email": _optional(_private(normalize_email, "email", "geen geldig e-mailadres")),
        "doelgroep": f.choice("doelgroep", Doelgroep),
        "categorie": f.choice("categorie", Categorie),
        "benefit_type": f.text("uitkering", 60),
        "banenafspraak": f.boolean("banenafspraak"),
        "beschut_indicatie": f.boolean("beschut_indicatie"),
        "wsw": f.boolean("wsw"),
        "statushouder": f.boolean("statushouder"),
        "taalachterstand": f.boolean("taalachterstand"),
        "taaleis_status": lambda v: f.choice("taaleis_status", TaaleisStatus)(v) or TaaleisStatus.ONBEKEND,
        "taaleis_date": f.date("taaleis_datum"),
        "startkwalificatie": f.boolean("startkwalificatie"),
        "ontheffing_until": f.date("ontheffing_tot"),
        "hours_per_week": f.integer("uren_per_week", 0, 60),
        "available_from": f.date("beschikbaar_vanaf"),
        "driving_licences": f.licences("rijbewijs"),
        "max_travel_km": f.integer("max_reisafstand_km", 0, 300),
        "wishes": f.text("wensen", 4000),
        "desired_occupations": f.text("gewenste_beroepen", 1000),
        "work_limitations": f.text("beperkingen", 4000),
        "loonwaarde": f.integer("loonwaarde", 0, 100),
        "notes": f.text("notities", 20000),
        "employer_text": f.text("tekst_voor_werkgever", 2000),
    }


def new_profile_number(session: Session) -> str:
    """Random, stored and stable: never derived from klantnummer or BSN (anonymised profiles)."""
    while True:
        number = "P" + "".join(secrets.choice("0123456789") for _ in range(7))
        if session.scalar(select(Candidate.id).where(Candidate.profile_number == number)) is None:
            return number


@dataclass(frozen=True)
class SkillInput:
    text: str
    level: str | None = None
    source: SkillSource = SkillSource.ZELF


def find_live(session: Session, klantnummer: str) -> Candidate | None:
    return session.scalar(
        select(Candidate).where(Candidate.klantnummer == klantnummer, Candidate.deleted_at.is_(None)))


def get_by_klantnummer(session: Session, klantnummer: str, *, full: bool = False) -> Candidate:
    query = select(Candidate).where(Candidate.klantnummer == klantnummer, Candidate.deleted_at.is_(None))
    if full:
        query = query.options(selectinload(Candidate.skills), selectinload(Candidate.languages),
                              selectinload(Candidate.educations), selectinload(Candidate.experiences),
                              selectinload(Candidate.owner), selectinload(Candidate.trajectories))
    candidate = session.scalar(query)
    if candidate is None:
        raise NotFound(f"Kandidaat met klantnummer {klantnummer} bestaat niet")
    return candidate


@dataclass
class NewCandidate:
    """A validated new candidate as plain rows: what create_candidate stores one by one and
    insert_candidates stores in bulk."""

    values: dict[str, object]
    skills: list[dict[str, object]]
    languages: list[dict[str, object]]


def prepare_candidate(values: dict[str, object], today: dt.date, *, skills: Sequence[SkillInput] = (),
                      languages: dict[LanguageSkill, CefrLevel | None] | None = None,
                      vocabulary: Vocabulary | None = None, owner_id: uuid.UUID | None = None,
                      profile_number: str) -> NewCandidate:
    data = f.normalize_fields(candidate_spec(today), values)
    skills, data = licence_model.absorb(skills, data, vocabulary)  # a licence typed as a skill: the licence field
    for required in ("klantnummer", "achternaam"):
        if not data.get(required):
            raise ValidationError(required, None, f"{required} is verplicht")
    candidate_id = new_id()
    data.update(id=candidate_id, owner_id=owner_id, profile_number=profile_number)
    skill_rows = [_skill_values(s, i, vocabulary) | {"id": new_id(), "candidate_id": candidate_id}
                  for i, s in enumerate(skills)]
    language_rows: list[dict[str, object]] = [
        {"id": new_id(), "candidate_id": candidate_id, "language": "nl", "skill": skill,
         "level": (languages or {}).get(skill)} for skill in LanguageSkill]
    return NewCandidate(data, skill_rows, language_rows)


def create_candidate(session: Session, values: dict[str, object], today: dt.date, *,
                     skills: Sequence[SkillInput] = (), languages: dict[LanguageSkill, CefrLevel | None] | None = None,
                     vocabulary: Vocabulary | None = None, owner_id: uuid.UUID | None = None,
                     profile_number: str | None = None) -> Candidate:
    new = prepare_candidate(values, today, skills=skills, languages=languages, vocabulary=vocabulary,
                            owner_id=owner_id, profile_number=profile_number or new_profile_number(session))
    klantnummer = cast(str, new.values["klantnummer"])
    if find_live(session, klantnummer) is not None:
        raise ValidationError("klantnummer", klantnummer, f"klantnummer {klantnummer} bestaat al")
    _check_bsn_unique(session, cast("str | None", new.values.get("bsn")), klantnummer)
    candidate = Candidate(**new.values)
    candidate.skills = [CandidateSkill(**row) for row in new.skills]
    candidate.languages = [CandidateLanguage(**row) for row in new.languages]
    candidate.educations = []
    candidate.experiences = []
    if profile_number:
        session.add(candidate)
        return candidate
    return _insert_with_free_profile_number(session, candidate, klantnummer)


PROFILE_ATTEMPTS = 20


def _insert_with_free_profile_number(session: Session, candidate: Candidate, klantnummer: str) -> Candidate:
    """Insert ``candidate`` now, under the database's unique profile number: when another writer took the
    randomly chosen number after it was checked (an import, a colleague on the same server), the insert is
    undone to its savepoint and the candidate gets another number; a klantnummer another writer just stored
    is the usual "bestaat al"."""
    for _ in range(PROFILE_ATTEMPTS):
        number = candidate.profile_number
        try:
            with savepoint(session):
                session.add(candidate)
                session.flush()
            return candidate
        except IntegrityError:
            if session.scalar(select(Candidate.id).where(Candidate.profile_number == number)) is None:
                if find_live(session, klantnummer) is not None:
                    raise ValidationError("klantnummer", klantnummer,
                                          f"klantnummer {klantnummer} bestaat al") from None
                raise
            candidate.profile_number = new_profile_number(session)
    raise ValidationError("profielnummer", None, "er is geen vrij profielnummer gevonden; probeer het opnieuw")


def insert_candidates(session: Session, batch: list[NewCandidate]) -> None:
    """Many new candidates in one executemany per table (demo generation, large imports), audited
    like single creates. The caller has checked that klantnummers, BSNs and profile numbers are new."""
    if not batch:
        return
    now, user = utcnow(), session.info.get("user") or "systeem"
    stamp = {"created_at": now, "updated_at": now, "updated_by": user, "version": 1}
    session.flush()  # pending objects first: the statements below bypass the unit of work
    # one executemany per set of given fields: it takes its columns from the first row, so a field
    # only later rows have would be dropped silently, and a missing one must get its column default
    by_fields: dict[frozenset, list[dict]] = {}
    for c in batch:
        by_fields.setdefault(frozenset(c.values), []).append(c.values | stamp)
    for rows in by_fields.values():
        session.execute(insert(_table(Candidate)), rows)
    skills = [row | stamp for c in batch for row in c.skills]
    if skills:
        session.execute(insert(_table(CandidateSkill)), skills)
    session.execute(insert(_table(CandidateLanguage)), [row | stamp for c in batch for row in c.languages])
    session.execute(insert(_table(AuditEntry)), [
        {"id": new_id(), "at": now, "medewerker": user, "action": "aangemaakt", "record_type": "kandidaat",
         "record_id": c.values["id"], "fields": None, "detail": None} | stamp for c in batch])


def _table(model: type[Record]) -> Table:
    return cast(Table, model.__table__)


def update_candidate(session: Session, candidate_id: uuid.UUID, expected_version: int | None,
                     values: dict[str, object], today: dt.date) -> list[str]:
    candidate = load_for_update(session, Candidate, candidate_id, expected_version, "De kandidaat")
    data = f.normalize_fields(candidate_spec(today), values)
    klantnummer = cast(str, data.get("klantnummer", candidate.klantnummer))
    if klantnummer != candidate.klantnummer:
        other = find_live(session, klantnummer)
        if other is not None:
            raise ValidationError("klantnummer", klantnummer, f"klantnummer {klantnummer} bestaat al")
    if data.get("bsn"):
        _check_bsn_unique(session, cast(str, data["bsn"]), klantnummer)
    return apply(candidate, data)


def set_languages(session: Session, candidate: Candidate, levels: dict[LanguageSkill, CefrLevel | None]) -> None:
    rows = {row.skill: row for row in session.scalars(
        select(CandidateLanguage).where(CandidateLanguage.candidate_id == candidate.id))}
    for skill, level in levels.items():
        if skill in rows:
            rows[skill].level = level
        else:
            session.add(CandidateLanguage(candidate_id=candidate.id, skill=skill, level=level))


def set_skills(session: Session, candidate: Candidate, skills: list[SkillInput], vocabulary: Vocabulary | None) -> None:
    skills = licence_model.absorb_into(candidate, skills, vocabulary)  # licence skills join the licence field
    for row in session.scalars(select(CandidateSkill).where(CandidateSkill.candidate_id == candidate.id)):
        session.delete(row)
    session.flush()
    for i, skill in enumerate(skills):
        row = CandidateSkill(**_skill_values(skill, i, vocabulary), candidate_id=candidate.id)
        session.add(row)


# Personal fields cleared when a candidate is deleted: the tombstone keeps only key and portfolio facts.
_PERSONAL = ("voornaam", "tussenvoegsel", "achternaam", "birth_date", "bsn", "adres", "postcode", "woonplaats",
             "telefoon", "email", "benefit_type", "wishes", "desired_occupations", "work_limitations",
             "loonwaarde", "notes", "employer_text", "taaleis_date", "ontheffing_until", "available_from",
             "hours_per_week",
             "max_travel_km")


def delete_candidate(session: Session, candidate_id: uuid.UUID, expected_version: int | None) -> None:
    candidate = load_for_update(session, Candidate, candidate_id, expected_version, "De kandidaat")
    for name in _PERSONAL:
        setattr(candidate, name, None)
    candidate.driving_licences = ""
    candidate.deleted_at = candidate.updated_at = utcnow()
    for model in (CandidateSkill, CandidateLanguage, ContactMoment):
        for row in session.scalars(select(model).where(model.candidate_id == candidate.id)):
            session.delete(row)


def view_candidate(session: Session, klantnummer: str) -> Candidate:
    """The full record for a detail view or profile; the view itself is audited."""
    candidate = get_by_klantnummer(session, klantnummer, full=True)
    log_event(session, "bekeken", "kandidaat", candidate.id)
    return candidate


def _check_bsn_unique(session: Session, bsn: str | None, klantnummer: str) -> None:
    if not bsn:
        return
    other = session.scalar(select(Candidate.id).where(
        Candidate.bsn == bsn, Candidate.klantnummer != klantnummer, Candidate.deleted_at.is_(None)))
    if other is not None:  # never which klantnummer holds it: that would answer for any BSN one tries
        raise ValidationError("bsn", None, f"bsn: {BSN_TAKEN}")


def _skill_values(skill: SkillInput, position: int, vocabulary: Vocabulary | None) -> dict[str, object]:
    known = vocabulary.lookup(skill.text) if vocabulary else None
    return {"position": position, "skill_id": known.id if known else None,
            "text": known.label if known else skill.text.strip(), "level": skill.level, "source": skill.source}
