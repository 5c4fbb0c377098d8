"""Paged, sorted, filtered rows for the list views: plain immutable rows, never live ORM objects.

One ``ListSpec`` per record type says which columns a list shows, how each sorts in SQL and which
filters apply; ``count_rows`` and ``fetch_page`` serve every list the same way, so a list of 100,000
candidates costs one COUNT and one LIMIT/OFFSET query per page.

The use cases (what the window and the command line call) take the application object and a
``ListQuery`` (which list, filter, sort): ``first_page`` (count and first rows in one read),
``rows`` (a further page) and ``export_list`` (every row, through the one audited export). A row's
``values`` are values (dates as ``datetime.date``, enumerated values as their enum member), so an export
writes ISO dates and contract codes and the window shows Dutch dates and display names
(``matchdesk.labels``). Archived records are left out unless the filter asks for them (``archived``); a
row says whether its record is archived.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from matchdesk.domain import TaaleisStatus, TrajectoryStatus
from matchdesk.services.trajectories import trajectory_status
from matchdesk.storage.models import Candidate, Employer, Medewerker, Trajectory, Vacancy
from matchdesk.vocabulary import normalize_term

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.transfer.writers import Cell  # (importing the transfer package is not for the start-up)


@dataclass(frozen=True)
class ListFilter:
    """The caseload filters of the list views (never ranking inputs); each list uses what applies."""

    text: str = ""
    owner: str | None = None  # "Mijn kandidaten": the medewerker's name
    doelgroep: str | None = None
    categorie: str | None = None
    municipality: str | None = None
    young_without_startkwalificatie: bool = False  # jongeren onder 27 zonder startkwalificatie
    fifty_plus: bool = False
    statushouder: bool = False
    banenafspraak: bool = False
    taaleis: str | None = None  # a TaaleisStatus value, or "open" for onbekend/niet voldaan
    kind: str | None = None  # vacancy or trajectory kind
    status: str | None = None  # vacancy status or trajectory status
    archived: bool = False  # "Ook gearchiveerd": archived records too (candidates, employers, vacancies)


@dataclass(frozen=True)
class ListRow:
    id: uuid.UUID
    key: str  # what opens the record: klantnummer, KvK, referentie or trajectory id
    values: tuple[Cell, ...]  # one per column: texts, numbers, dates (``datetime.date``) or None
    attention: bool = False  # e.g. a trajectory blocked by the rules (stored under override)
    archived: bool = False  # the record is archived (shown only under "Ook gearchiveerd")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sort: tuple  # SQL expressions, most significant first


@dataclass(frozen=True)
class ListSpec:
    name: str  # kandidaat | werkgever | vacature | traject
    columns: tuple[Column, ...]
    query: Callable[[], Select]
    where: Callable[[ListFilter, dt.date], list[ColumnElement[bool]]]
    row: Callable[[Any, dt.date], ListRow]

    def column(self, key: str) -> Column:
        return next((c for c in self.columns if c.key == key), self.columns[0])


def count_rows(session: Session, spec: ListSpec, flt: ListFilter, today: dt.date) -> int:
    inner = spec.query().where(*spec.where(flt, today)).subquery()
    return session.scalar(select(func.count()).select_from(inner)) or 0


def fetch_page(session: Session, spec: ListSpec, flt: ListFilter, today: dt.date, sort: str, descending: bool,
               offset: int, limit: int) -> list[ListRow]:
    # NULL first going up, last going down, on PostgreSQL as on SQLite (whose default that is)
    order = [c.desc().nulls_last() if descending else c.asc().nulls_first() for c in spec.column(sort).sort]
    query = spec.query().where(*spec.where(flt, today)).order_by(*order).offset(offset).limit(limit)
    return [spec.row(r, today) for r in session.execute(query)]


def sort_name(voornaam: str | None, tussenvoegsel: str | None, achternaam: str | None) -> str:
    """"Berg, Noël van den": lists sort on achternaam without tussenvoegsel."""
    rest = " ".join(p for p in (voornaam, tussenvoegsel) if p)
    return f"{achternaam or ''}, {rest}" if rest else (achternaam or "")


def _like(text: str) -> str:
    return f"%{text.strip().lower()}%"


def _folded_like(text: str) -> str:
    """Matches the name key: "ozdemir" and "Özdemir" find Özdemir."""
    return f"%{normalize_term(text)}%"


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


# -- candidates ----------------------------------------------------------------------------------------

def _full_name():
    return func.lower(func.coalesce(Candidate.voornaam, "") + literal(" ")
                      + func.coalesce(Candidate.tussenvoegsel + literal(" "), "")
                      + func.coalesce(Candidate.achternaam, ""))


def _candidate_query() -> Select:
    return (select(Candidate.id, Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel,
                   Candidate.achternaam, Candidate.woonplaats, Candidate.municipality, Candidate.doelgroep,
                   Candidate.categorie, Candidate.birth_date, Candidate.archived_at, Medewerker.name.label("owner"))
            .outerjoin(Medewerker, Candidate.owner_id == Medewerker.id))


def _candidate_where(flt: ListFilter, today: dt.date) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [Candidate.deleted_at.is_(None)]
    if not flt.archived:
        clauses.append(Candidate.archived_at.is_(None))
    if flt.owner:
        clauses.append(Medewerker.name == flt.owner)
    for value, column in ((flt.doelgroep, Candidate.doelgroep), (flt.categorie, Candidate.categorie),
                          (flt.municipality, Candidate.municipality)):
        if value:
            clauses.append(column == value)
    if flt.young_without_startkwalificatie:
        clauses += [Candidate.birth_date > _years_ago(today, 27), Candidate.startkwalificatie.is_(False)]
    if flt.fifty_plus:
        clauses.append(Candidate.birth_date <= _years_ago(today, 50))
    if flt.statushouder:
        clauses.append(Candidate.statushouder.is_(True))
    if flt.banenafspraak:
        clauses.append(Candidate.banenafspraak.is_(True))
    if flt.taaleis == "open":
        clauses.append(or_(Candidate.taaleis_status.is_(None),
                           Candidate.taaleis_status.in_([TaaleisStatus.ONBEKEND, TaaleisStatus.NIET_VOLDAAN])))
    elif flt.taaleis:
        clauses.append(Candidate.taaleis_status == flt.taaleis)
    if flt.text.strip():
        like = _like(flt.text)
        clauses.append(or_(func.lower(Candidate.klantnummer).like(like),  # lowered: PostgreSQL's LIKE keeps case
                           Candidate.name_key.like(_folded_like(flt.text)), _full_name().like(like)))
    return clauses


def _candidate_row(r, today: dt.date) -> ListRow:
    return ListRow(r.id, r.klantnummer, (
        r.klantnummer, sort_name(r.voornaam, r.tussenvoegsel, r.achternaam), r.woonplaats or "", r.municipality or "",
        r.doelgroep or "", r.categorie or "", r.birth_date, r.owner or ""), archived=r.archived_at is not None)


CANDIDATES = ListSpec(
    "kandidaat",
    (Column("klantnummer", "Klantnummer", (Candidate.klantnummer,)),
     Column("naam", "Naam", (Candidate.name_key, Candidate.klantnummer)),
     Column("woonplaats", "Woonplaats", (Candidate.woonplaats, Candidate.klantnummer)),
     Column("gemeente", "Gemeente", (Candidate.municipality, Candidate.klantnummer)),
     Column("doelgroep", "Doelgroep", (Candidate.doelgroep, Candidate.klantnummer)),
     Column("categorie", "Categorie", (Candidate.categorie, Candidate.klantnummer)),
     Column("geboortedatum", "Geboortedatum", (Candidate.birth_date, Candidate.klantnummer)),
     Column("eigenaar", "Matchmaker", (Medewerker.name, Candidate.klantnummer))),
    _candidate_query, _candidate_where, _candidate_row)


# -- employers -----------------------------------------------------------------------------------------

def _employer_query() -> Select:
    return (select(Employer.id, Employer.kvk, Employer.name, Employer.plaats, Employer.sector, Employer.archived_at,
                   Medewerker.name.label("accountmanager"))
            .outerjoin(Medewerker, Employer.accountmanager_id == Medewerker.id))


def _employer_where(flt: ListFilter, today: dt.date) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [Employer.deleted_at.is_(None)]
    if not flt.archived:
        clauses.append(Employer.archived_at.is_(None))
    if flt.owner:
        clauses.append(Medewerker.name == flt.owner)
    if flt.text.strip():
        like = _like(flt.text)
        clauses.append(or_(func.lower(Employer.name).like(like), Employer.kvk.like(like),
                           func.lower(Employer.plaats).like(like)))
    return clauses


EMPLOYERS = ListSpec(
    "werkgever",
    (Column("naam", "Naam", (Employer.name, Employer.kvk)),
     Column("kvk", "KvK", (Employer.kvk,)),
     Column("plaats", "Plaats", (Employer.plaats, Employer.name)),
     Column("sector", "Sector", (Employer.sector, Employer.name)),
     Column("accountmanager", "Accountmanager", (Medewerker.name, Employer.name))),
    _employer_query, _employer_where,
    lambda r, today: ListRow(r.id, r.kvk, (r.name, r.kvk, r.plaats or "", r.sector or "", r.accountmanager or ""),
                             archived=r.archived_at is not None))


# -- vacancies and leerwerkplekken -----------------------------------------------------------------------

def _vacancy_query() -> Select:
    return (select(Vacancy.id, Vacancy.reference, Vacancy.title, Employer.name.label("employer"), Vacancy.kind,
                   Vacancy.place, Vacancy.hours_per_week, Vacancy.start_date, Vacancy.status, Vacancy.archived_at)
            .join(Employer, Employer.id == Vacancy.employer_id))


def _vacancy_where(flt: ListFilter, today: dt.date) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [Vacancy.deleted_at.is_(None)]
    if not flt.archived:
        clauses.append(Vacancy.archived_at.is_(None))
    if flt.kind:
        clauses.append(Vacancy.kind == flt.kind)
    if flt.status:
        clauses.append(Vacancy.status == flt.status)
    if flt.text.strip():
        like = _like(flt.text)
        clauses.append(or_(func.lower(Vacancy.title).like(like), func.lower(Vacancy.reference).like(like),
                           func.lower(Employer.name).like(like), func.lower(Vacancy.place).like(like)))
    return clauses


VACANCIES = ListSpec(
    "vacature",
    (Column("referentie", "Referentie", (Vacancy.reference,)),
     Column("titel", "Titel", (Vacancy.title, Vacancy.reference)),
     Column("werkgever", "Werkgever", (Employer.name, Vacancy.reference)),
     Column("soort", "Soort", (Vacancy.kind, Vacancy.reference)),
     Column("plaats", "Plaats", (Vacancy.place, Vacancy.reference)),
     Column("uren", "Uren", (Vacancy.hours_per_week, Vacancy.reference)),
     Column("start", "Start", (Vacancy.start_date, Vacancy.reference)),
     Column("status", "Status", (Vacancy.status, Vacancy.reference))),
    _vacancy_query, _vacancy_where,
    lambda r, today: ListRow(r.id, r.reference, (
        r.reference, r.title, r.employer, r.kind, r.place or "",
        r.hours_per_week, r.start_date, r.status), archived=r.archived_at is not None))


# -- trajectories --------------------------------------------------------------------------------------

_TrajectoryEmployer = aliased(Employer)


def _trajectory_query() -> Select:
    return (select(Trajectory.id, Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel,
                   Candidate.achternaam, Trajectory.kind, Trajectory.provider, Trajectory.start,
                   Trajectory.planned_end, Trajectory.actual_end, Trajectory.aborted, Trajectory.verdict,
                   Trajectory.override_reason, _TrajectoryEmployer.name.label("employer"))
            .join(Candidate, Candidate.id == Trajectory.candidate_id)
            .outerjoin(_TrajectoryEmployer, _TrajectoryEmployer.id == Trajectory.employer_id))


def _trajectory_where(flt: ListFilter, today: dt.date) -> list[ColumnElement[bool]]:
    end = func.coalesce(Trajectory.actual_end, Trajectory.planned_end)
    clauses: list[ColumnElement[bool]] = [Candidate.deleted_at.is_(None)]
    if flt.kind:
        clauses.append(Trajectory.kind == flt.kind)
    if flt.status == TrajectoryStatus.GEPLAND:
        clauses.append(Trajectory.start > today)
    elif flt.status == TrajectoryStatus.LOPEND:
        clauses += [Trajectory.start <= today, or_(end.is_(None), end >= today)]
    elif flt.status == TrajectoryStatus.BEEINDIGD:
        clauses += [end < today, Trajectory.aborted.is_(False)]
    elif flt.status == TrajectoryStatus.AFGEBROKEN:
        clauses += [end < today, Trajectory.aborted.is_(True)]
    if flt.owner:
        owner_ids = select(Medewerker.id).where(Medewerker.name == flt.owner).scalar_subquery()
        clauses.append(Candidate.owner_id == owner_ids)
    if flt.text.strip():
        like = _like(flt.text)
        clauses.append(or_(func.lower(Candidate.klantnummer).like(like),  # lowered: PostgreSQL's LIKE keeps case
                           Candidate.name_key.like(_folded_like(flt.text)), _full_name().like(like)))
    return clauses


def _trajectory_row(r, today: dt.date) -> ListRow:
    status = trajectory_status(r.start, r.planned_end, r.actual_end, r.aborted, today)
    end = r.actual_end or r.planned_end
    verdict = {"allowed": "toegestaan", "warning": "waarschuwing", "blocked": "geblokkeerd"}.get(r.verdict or "", "")
    if r.override_reason:
        verdict = "geblokkeerd, toegestaan door teamleider"
    return ListRow(r.id, str(r.id), (
        r.klantnummer, sort_name(r.voornaam, r.tussenvoegsel, r.achternaam), r.kind,
        r.provider or "", r.employer or "", r.start, end,
        status, verdict), attention=bool(r.override_reason) or r.verdict == "blocked")


TRAJECTORIES = ListSpec(
    "traject",
    (Column("klantnummer", "Klantnummer", (Candidate.klantnummer, Trajectory.start)),
     Column("naam", "Naam", (Candidate.name_key, Trajectory.start)),
     Column("soort", "Soort", (Trajectory.kind, Trajectory.start)),
     Column("aanbieder", "Aanbieder", (Trajectory.provider, Trajectory.start)),
     Column("werkgever", "Werkgever", (_TrajectoryEmployer.name, Trajectory.start)),
     Column("start", "Start", (Trajectory.start, Candidate.klantnummer)),
     Column("einde", "Einde", (func.coalesce(Trajectory.actual_end, Trajectory.planned_end), Candidate.klantnummer)),
     Column("status", "Status", (Trajectory.start, Candidate.klantnummer)),
     Column("oordeel", "Oordeel regels", (Trajectory.verdict, Candidate.klantnummer))),
    _trajectory_query, _trajectory_where, _trajectory_row)

SPECS = {spec.name: spec for spec in (CANDIDATES, EMPLOYERS, VACANCIES, TRAJECTORIES)}


# -- use cases -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ListQuery:
    """What a list shows: the list (kandidaat | werkgever | vacature | traject), its filter and its sort
    (a column key; the first column when empty)."""

    list: str
    filter: ListFilter = ListFilter()
    sort: str = ""
    descending: bool = False

    @property
    def spec(self) -> ListSpec:
        return SPECS[self.list]


@dataclass(frozen=True)
class ListSlice:
    """The rows from ``offset`` on, and how many rows the whole list has under the query."""

    query: ListQuery
    total: int
    offset: int
    rows: tuple[ListRow, ...]


def _sort(query: ListQuery) -> str:
    return query.sort or query.spec.columns[0].key


def first_page(app: App, query: ListQuery, limit: int) -> ListSlice:
    """The count and the first ``limit`` rows in one read (a new list, sort or filter)."""
    with app.reading() as session:
        total = count_rows(session, query.spec, query.filter, app.today)
        found = fetch_page(session, query.spec, query.filter, app.today, _sort(query), query.descending, 0, limit)
    return ListSlice(query, total, 0, tuple(found))


def count(app: App, query: ListQuery) -> int:
    with app.reading() as session:
        return count_rows(session, query.spec, query.filter, app.today)


def rows(app: App, query: ListQuery, offset: int, limit: int) -> tuple[ListRow, ...]:
    """A further page of the list (the window fetches 200 at a time while the user scrolls)."""
    with app.reading() as session:
        return tuple(fetch_page(session, query.spec, query.filter, app.today, _sort(query), query.descending,
                                offset, limit))


def export_list(app: App, query: ListQuery, path: str | Path) -> int:
    """Every row of the list as filtered and sorted to a .csv or .xlsx file, audited as an export of the
    list's record type; returns the row count."""
    from matchdesk.services.exports import export_rows

    spec = query.spec
    with app.reading() as session:
        total = count_rows(session, spec, query.filter, app.today)
        found = fetch_page(session, spec, query.filter, app.today, _sort(query), query.descending, 0, max(total, 1))
    return export_rows(app, path, [c.label for c in spec.columns],
                       [tuple(_code(v) for v in row.values) for row in found], record_type=spec.name)


def _code(value: Cell) -> Cell:
    """Files keep the contract codes: an enumerated value as its code, not its display name."""
    return value.value if isinstance(value, StrEnum) else value


__all__ = ["CANDIDATES", "EMPLOYERS", "SPECS", "TRAJECTORIES", "VACANCIES", "Column", "ListFilter", "ListQuery",
           "ListRow", "ListSlice", "ListSpec", "count", "count_rows", "export_list", "fetch_page", "first_page",
           "rows", "sort_name"]
