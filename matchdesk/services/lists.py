"""Paged, sorted, filtered rows for list views: plain immutable rows, never live ORM objects."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchdesk.storage.models import Candidate, Medewerker


@dataclass(frozen=True)
class CandidateRow:
    id: uuid.UUID
    klantnummer: str
    sort_name: str  # "Berg, Noël van den": sorted on achternaam without tussenvoegsel
    woonplaats: str
    municipality: str
    doelgroep: str
    categorie: str
    birth_date: dt.date | None
    owner: str


@dataclass(frozen=True)
class CandidateFilter:
    text: str = ""
    owner: str | None = None  # "Mijn kandidaten": the medewerker's name
    doelgroep: str | None = None
    municipality: str | None = None


SORTABLE = {
    "klantnummer": (Candidate.klantnummer,),
    "naam": (Candidate.achternaam, Candidate.voornaam, Candidate.klantnummer),
    "woonplaats": (Candidate.woonplaats, Candidate.klantnummer),
    "gemeente": (Candidate.municipality, Candidate.klantnummer),
    "doelgroep": (Candidate.doelgroep, Candidate.klantnummer),
    "categorie": (Candidate.categorie, Candidate.klantnummer),
    "geboortedatum": (Candidate.birth_date, Candidate.klantnummer),
}


def _where(flt: CandidateFilter) -> list:
    clauses = [Candidate.deleted_at.is_(None)]
    if flt.owner:
        clauses.append(Medewerker.name == flt.owner)
    if flt.doelgroep:
        clauses.append(Candidate.doelgroep == flt.doelgroep)
    if flt.municipality:
        clauses.append(Candidate.municipality == flt.municipality)
    if flt.text.strip():
        like = f"%{flt.text.strip().lower()}%"
        clauses.append(func.lower(Candidate.achternaam).like(like) | Candidate.klantnummer.like(like)
                       | func.lower(Candidate.voornaam).like(like))
    return clauses


def count_candidates(session: Session, flt: CandidateFilter) -> int:
    query = select(func.count()).select_from(Candidate).outerjoin(Medewerker, Candidate.owner_id == Medewerker.id)
    return session.scalar(query.where(*_where(flt)))


def candidate_page(session: Session, flt: CandidateFilter, sort: str, descending: bool, offset: int,
                   limit: int) -> list[CandidateRow]:
    columns = SORTABLE.get(sort, SORTABLE["naam"])
    order = [c.desc() if descending else c.asc() for c in columns]
    query = (select(Candidate.id, Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel,
                    Candidate.achternaam, Candidate.woonplaats, Candidate.municipality, Candidate.doelgroep,
                    Candidate.categorie, Candidate.birth_date, Medewerker.name)
             .outerjoin(Medewerker, Candidate.owner_id == Medewerker.id)
             .where(*_where(flt)).order_by(*order).offset(offset).limit(limit))
    return [CandidateRow(id=r[0], klantnummer=r[1], sort_name=sort_name(r[2], r[3], r[4]), woonplaats=r[5] or "",
                         municipality=r[6] or "", doelgroep=r[7].value if r[7] else "",
                         categorie=r[8].value if r[8] else "", birth_date=r[9], owner=r[10] or "")
            for r in session.execute(query)]


def sort_name(voornaam: str | None, tussenvoegsel: str | None, achternaam: str | None) -> str:
    rest = " ".join(p for p in (voornaam, tussenvoegsel) if p)
    return f"{achternaam or ''}, {rest}" if rest else (achternaam or "")
