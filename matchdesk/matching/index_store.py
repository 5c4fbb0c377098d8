"""The candidate index's database half: where the index stands against the database, and what it reads.

Before each query ``refresh`` compares the high-water mark (count, highest ``updated_at`` and sum of row
versions per table: the database's data version as the index sees it, saved with the index) with the database
and re-reads only the candidates whose rows changed: their old rows are retired and new rows appended
(``index.CandidateIndex``, the array half), so a long-running app sees what the command line or a colleague
changed. The aggregates are read from narrow indexes (migration 0012), not the rows. On SQLite a ``PRAGMA
data_version`` on the store's own connection skips even the aggregate check when nobody committed since the
last query; ``touched`` notes whether this process wrote to the tables the index reads since (``current_here``).
The index is built from plain columns (``read_columns``: a Core select
of columns with ids, enums and dates left as the driver returns them, no ORM rows, no profile objects;
``index_build`` makes the rows); ``load_profiles`` reads the few profiles an explanation needs.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Connection, Engine, String, event, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import ColumnElement

from matchdesk.matching.index_build import (
    CANDIDATE_FIELDS,
    ID,
    Columns,
    LanguageRows,
    SkillRows,
    as_uuid,
    distinct_sorted,
    id_array,
)
from matchdesk.matching.profiles import CandidateProfile, profile_from_values
from matchdesk.matching.resolve import SkillResolver
from matchdesk.storage.models import Candidate, CandidateLanguage, CandidateSkill

if TYPE_CHECKING:
    from matchdesk.matching.index import CandidateIndex

_CANDIDATE_COLUMNS = (
    Candidate.id, Candidate.klantnummer, Candidate.municipality, Candidate.woonplaats, Candidate.doelgroep,
    Candidate.categorie, Candidate.banenafspraak, Candidate.beschut_indicatie, Candidate.ontheffing_until,
    Candidate.wsw, Candidate.taalachterstand, Candidate.driving_licences, Candidate.max_travel_km,
    Candidate.hours_per_week, Candidate.available_from, Candidate.wishes, Candidate.desired_occupations,
    Candidate.work_limitations,
)
Table = type[Candidate] | type[CandidateSkill] | type[CandidateLanguage]
# each table the index reads, with the column that names the candidate a row belongs to
_TABLES: tuple[tuple[Table, InstrumentedAttribute[uuid.UUID]], ...] = (
    (Candidate, Candidate.id), (CandidateSkill, CandidateSkill.candidate_id),
    (CandidateLanguage, CandidateLanguage.candidate_id),
)
# a statement that may write to a table the index reads (conservative: any statement but a SELECT naming one)
_INDEXED_TABLE = re.compile(r"\b(candidates|candidate_skills|candidate_languages)\b", re.IGNORECASE)
CHUNK = 900  # ids per IN (...) query
CHUNK_ROWS = 50_000  # rows per fetch of the first build


def _plain(column: InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """A column as the driver returns it: no per-value conversion to uuid.UUID, enum or date objects."""
    if column.key in ("id", "candidate_id", "doelgroep", "categorie", "ontheffing_until", "available_from", "skill",
                      "level"):
        return type_coerce(column, String)
    return column.expression


_PLAIN_CANDIDATE = tuple(_plain(getattr(Candidate, name)) for name in CANDIDATE_FIELDS)
_LIVE = (Candidate.deleted_at.is_(None), Candidate.archived_at.is_(None))  # archived: not ranked


@dataclass(frozen=True)
class Mark:
    count: int
    latest: dt.datetime | None
    versions: int


class IndexStore:
    """The marks and SQLite data_version of the index's last look (the row version of each candidate read is
    the index's ``version`` array); the marks are saved with the index (``index_file``), the connection and
    data_version not. ``touched``: a statement of this process (on the engine ``watch`` was given) may have
    written to candidates or their skill or language rows since the last look."""

    def __init__(self) -> None:
        self.marks: dict[str, Mark] = {}
        self.data_version: int | None = None
        self.touched = False
        self._connection: Connection | None = None
        self._watched: Engine | None = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._watched is not None:
            event.remove(self._watched, "before_cursor_execute", self._on_execute)
            self._watched = None

    def watch(self, engine: Engine) -> None:
        """Note every statement of this process that may write to a table the index reads (``touched``)."""
        if self._watched is None:
            event.listen(engine, "before_cursor_execute", self._on_execute)
            self._watched = engine

    def _on_execute(self, _connection: Connection, _cursor: Any, statement: str, *_rest: Any) -> None:
        if not self.touched and statement.lstrip()[:6].upper() != "SELECT" and _INDEXED_TABLE.search(statement):
            self.touched = True

    def current_here(self) -> bool:
        """True when the index has looked at the database and nothing this process wrote since could change it.
        What another process changed meanwhile only makes a copy written now stale, and a copy is checked
        against the database when it is taken over (its marks), so a caller that writes nothing new (an index
        not ``dirty``) may then skip the check. Exact in that direction: a write this process started before
        the last look and committed after it is missed here, but seen by the next process's check."""
        return bool(self.marks) and not self.touched

    # --- keeping up with the database ----------------------------------------------------------------
    def refresh(self, session: Session, index: CandidateIndex) -> int:
        """Bring ``index`` up to date; returns the number of candidates (re)read.

        Call it before anything else reads in ``session``: on SQLite the data_version check is made on the
        store's own connection, so the session's read snapshot must start after it."""
        self.watch(session.get_bind().engine)
        self.touched = False  # before the look: a write from now on is noted again
        version = self._sqlite_version(session)
        if version is not None and version == self.data_version and self.marks:
            return 0
        marks = _read_marks(session)
        loaded = 0
        if not self.marks:
            loaded = self._load_all(session, index)
        elif marks != self.marks:
            loaded = self._load(session, index, self._changed_ids(session, marks, index))
        if marks != self.marks:
            index.dirty = True
        self.marks, self.data_version = marks, version
        return loaded

    def _sqlite_version(self, session: Session) -> int | None:
        bind = session.get_bind()
        if bind.dialect.name != "sqlite":
            return None
        if self._connection is None:
            self._connection = bind.engine.connect()
        value = self._connection.exec_driver_sql("PRAGMA data_version").scalar()
        self._connection.rollback()
        return int(value or 0)

    def _changed_ids(self, session: Session, marks: dict[str, Mark], index: CandidateIndex) -> np.ndarray:
        """The ids (S16) of candidates whose rows changed since the last look."""
        changed = [np.zeros(0, ID)]
        for model, column in _TABLES:
            old, new = self.marks[model.__tablename__], marks[model.__tablename__]
            if old == new:
                continue
            since = select(type_coerce(column, String))
            if old.latest is not None:
                since = since.where(model.updated_at >= old.latest)
            if model is Candidate:  # rows tied at the old mark with the version the index read did not change
                since = since.add_columns(Candidate.version, Candidate.updated_at)
                ids, versions, stamps = _columns(session, since, 3)
                found = id_array(ids)
                rows = index.rows_of(found)
                moved = _versions(index, rows) != np.asarray(versions, np.int64)
                changed.append(found[moved | np.array([old.latest is None or t != old.latest for t in stamps], bool)])
            else:
                found = id_array(session.scalars(since).all())
                changed.append(found)
            grew = new.count - old.count
            if not len(found) or grew < 0 or grew > len(found):
                # rows went away, or were written with an older clock: compare every candidate's rows
                changed.append(self._full_diff(session, model, column, index))
        return distinct_sorted(np.concatenate(changed))

    def _full_diff(self, session: Session, model: Table, column: InstrumentedAttribute[uuid.UUID],
                   index: CandidateIndex) -> np.ndarray:
        indexed = index.id_bytes[index.alive]
        if model is not Candidate:
            return np.concatenate([indexed, id_array(session.scalars(select(type_coerce(column, String)).distinct())
                                                     .all())])
        ids, versions = _columns(session, select(type_coerce(Candidate.id, String), Candidate.version)
                                 .where(Candidate.deleted_at.is_(None)), 2)
        live = id_array(ids)
        rows = index.rows_of(live)
        moved = _versions(index, rows) != np.asarray(versions, np.int64).reshape(-1)
        return np.concatenate([live[moved], indexed[~np.isin(indexed, live, assume_unique=True)]])

    def _load(self, session: Session, index: CandidateIndex, ids: np.ndarray) -> int:
        columns = _empty_columns()
        wanted = [as_uuid(i) for i in ids]
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start:start + CHUNK]
            _extend(columns, read_columns(session, Candidate.id.in_(chunk), CandidateSkill.candidate_id.in_(chunk),
                                          CandidateLanguage.candidate_id.in_(chunk)))
        index.retire(ids)  # changed, deleted, archived or erased: the block brings back who is still live
        index.add_block(index.builder.build(columns))
        return len(wanted)

    def _load_all(self, session: Session, index: CandidateIndex) -> int:
        """The first build: every live candidate's columns, then their skill and language rows read in chunks on
        the session's DB-API connection (its transaction; plain table scans, no SQLAlchemy rows) and encoded
        chunk by chunk, so the plain values held at once stay bounded."""
        collecting = gc.isenabled()
        gc.disable()  # a million short-lived tuples: collections would scan them over and over
        try:
            return self._read_all(session, index)
        finally:
            if collecting:
                gc.enable()

    def _read_all(self, session: Session, index: CandidateIndex) -> int:
        connection = session.connection()
        found: list[list[Any]] = []
        encoded = (SkillRows(), LanguageRows())
        for statement, width, into in zip(statements(), (len(CANDIDATE_FIELDS), 3, 4), (None, *encoded),
                                          strict=True):
            sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(sql)
                while rows := cursor.fetchmany(CHUNK_ROWS):
                    if into is None:
                        found += rows
                    else:
                        into.add(*_transpose(rows, width))
            finally:
                cursor.close()
        found.sort(key=itemgetter(0))  # id order (hex text or uuid.UUID: both sort as the 16 bytes do)
        people = dict(zip(CANDIDATE_FIELDS, _transpose(found, len(CANDIDATE_FIELDS)), strict=True))
        del found
        index.add_block(index.builder.build_from(people, *encoded))
        return len(people["id"])

    # --- reading profiles -----------------------------------------------------------------------------
    def load_profiles(self, session: Session, resolver: SkillResolver,
                      ids: Sequence[uuid.UUID]) -> list[CandidateProfile]:
        """Profiles of these candidates that are live (for the explanations of a ranking's results)."""
        found: list[CandidateProfile] = []
        for start in range(0, len(ids), CHUNK):
            chunk = list(ids[start:start + CHUNK])
            found += self._read(session, resolver, Candidate.id.in_(chunk), CandidateSkill.candidate_id.in_(chunk),
                                CandidateLanguage.candidate_id.in_(chunk))
        return found

    def _read(self, session: Session, resolver: SkillResolver, people_filter: ColumnElement[bool],
              skill_filter: ColumnElement[bool], language_filter: ColumnElement[bool]) -> list[CandidateProfile]:
        skills: dict[str, list[tuple[str, str | None]]] = {}
        skill_key = type_coerce(CandidateSkill.candidate_id, String).label("key")
        for owner, text, skill_id in session.execute(
                select(skill_key, CandidateSkill.text, CandidateSkill.skill_id).where(skill_filter)
                .order_by(CandidateSkill.candidate_id, CandidateSkill.position)):
            skills.setdefault(owner, []).append((text, skill_id))
        languages: dict[str, list[Any]] = {}
        language_key = type_coerce(CandidateLanguage.candidate_id, String).label("key")
        for owner, *row in session.execute(select(language_key, CandidateLanguage.language, CandidateLanguage.skill,
                                                  CandidateLanguage.level).where(language_filter)):
            languages.setdefault(owner, []).append(row)
        profiles = []
        person_key = type_coerce(Candidate.id, String).label("key")
        for person in session.execute(select(person_key, *_CANDIDATE_COLUMNS, Candidate.deleted_at,
                                             Candidate.archived_at, Candidate.version).where(people_filter)):
            if person.deleted_at is not None or person.archived_at is not None:  # archived: not ranked
                continue
            profiles.append(profile_from_values(person, skills.get(person.key, ()), languages.get(person.key, ()),
                                                resolver))
        return profiles


def _versions(index: CandidateIndex, rows: np.ndarray) -> np.ndarray:
    """The row version the index read for each row; -1 (no version a row has) where ``rows`` is -1."""
    found = np.full(len(rows), -1, np.int64)
    found[rows >= 0] = index.version[rows[rows >= 0]]
    return found


def _read_marks(session: Session) -> dict[str, Mark]:
    """Count, highest ``updated_at`` and sum of ``version`` per table, each answered from a narrow index
    (migration 0012): count and sum in one scan of ``(version)``, the highest value by one seek in
    ``(updated_at)``. Asked together in one select, SQLite would scan the wide rows instead (10x slower)."""
    marks = {}
    for model, _column in _TABLES:
        counted = select(func.count().label("total"), func.coalesce(func.sum(model.version), 0).label("versions"))
        latest = select(func.max(model.updated_at)).scalar_subquery()
        values = session.execute(select(*counted.subquery().c, latest)).one()
        marks[model.__tablename__] = Mark(int(values[0]), values[2], int(values[1]))
    return marks


def statements() -> tuple[Any, Any, Any]:
    """The three selects of a build: live candidates' columns, skill rows, language rows (benchmarks time the
    same statements on a bare cursor as the floor)."""
    people = select(*_PLAIN_CANDIDATE).where(*_LIVE)  # no ORDER BY: a plain scan (by id it is 3-4x slower)
    skill_rows = select(_plain(CandidateSkill.candidate_id), CandidateSkill.text, CandidateSkill.skill_id)
    language_rows = select(_plain(CandidateLanguage.candidate_id), CandidateLanguage.language,
                           _plain(CandidateLanguage.skill), _plain(CandidateLanguage.level))
    return people, skill_rows, language_rows


def read_columns(session: Session, candidates: ColumnElement[bool] | None = None,
                 skills: ColumnElement[bool] | None = None, languages: ColumnElement[bool] | None = None) -> Columns:
    """Plain columns of the live candidates (all, or those ``candidates`` selects) and of their skill and
    language rows (``skills`` / ``languages`` select them; rows of other candidates are dropped by the build)."""
    people, skill_rows, language_rows = statements()
    if candidates is not None:
        people = people.where(candidates)
    if skills is not None:
        skill_rows = skill_rows.where(skills)
    if languages is not None:
        language_rows = language_rows.where(languages)
    values = _columns(session, people, len(CANDIDATE_FIELDS))
    plain = dict(zip(CANDIDATE_FIELDS, values, strict=True))
    # 0 hours stored means not known, as a profile read from the database says (``hours_per_week or None``);
    # a profile given whole (``add_profiles``) keeps what it says
    plain["hours_per_week"] = [hours or None for hours in plain["hours_per_week"]]
    return Columns(candidates=plain,
                   skills=_columns(session, skill_rows, 3),  # type: ignore[arg-type]
                   languages=_columns(session, language_rows, 4))  # type: ignore[arg-type]


def _columns(session: Session, statement: Any, width: int) -> tuple[list[Any], ...]:
    """The statement's result as one list per column."""
    return _transpose(session.execute(statement).all(), width)


def _transpose(rows: Sequence[Any], width: int) -> tuple[list[Any], ...]:
    return tuple(list(map(itemgetter(i), rows)) for i in range(width))  # much faster than zip(*rows)


def _empty_columns() -> Columns:
    return Columns({name: [] for name in CANDIDATE_FIELDS}, ([], [], []), ([], [], [], []))


def _extend(columns: Columns, more: Columns) -> None:
    for name, values in more.candidates.items():
        columns.candidates[name] += values
    for mine, theirs in zip((*columns.skills, *columns.languages), (*more.skills, *more.languages), strict=True):
        mine += theirs
