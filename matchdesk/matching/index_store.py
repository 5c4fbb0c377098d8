"""The candidate index's database half: where the index stands against the database, and the profiles it reads.

Before each query ``refresh`` compares the high-water mark (count, highest ``updated_at`` and sum of row
versions per table) with the database and re-reads only the candidates whose rows changed; a changed
candidate's old row is retired and a new row appended (``index.CandidateIndex``, the array half), so a
long-running app sees what the command line or a colleague changed. On SQLite a ``PRAGMA data_version`` on
the store's own connection skips even the aggregate check when nobody committed since the last query.
Profiles are read with plain column queries (no ORM objects).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, String, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import ColumnElement

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
CHUNK = 900  # ids per IN (...) query
BUILD_WINDOW = 20_000  # candidates per step of the first build


@dataclass(frozen=True)
class Mark:
    count: int
    latest: dt.datetime | None
    versions: int


class IndexStore:
    """The marks and SQLite data_version of the index's last look, and the row version of each candidate it
    read; the marks and versions are saved with the index (``index_file``), the connection and data_version not."""

    def __init__(self) -> None:
        self.marks: dict[str, Mark] = {}
        self.data_version: int | None = None
        self.versions: dict[uuid.UUID, int] = {}
        self._connection: Connection | None = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # --- keeping up with the database ----------------------------------------------------------------
    def refresh(self, session: Session, index: CandidateIndex) -> int:
        """Bring ``index`` up to date; returns the number of candidates (re)read.

        Call it before anything else reads in ``session``: on SQLite the data_version check is made on the
        store's own connection, so the session's read snapshot must start after it."""
        version = self._sqlite_version(session)
        if version is not None and version == self.data_version and self.marks:
            return 0
        marks = _read_marks(session)
        loaded = 0
        if not self.marks:
            loaded = self._load_all(session, index)
        elif marks != self.marks:
            loaded = self._load(session, index, self._changed_ids(session, marks, set(index.row_of)))
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

    def _changed_ids(self, session: Session, marks: dict[str, Mark], indexed: set[uuid.UUID]) -> set[uuid.UUID]:
        changed: set[uuid.UUID] = set()
        for model, column in _TABLES:
            old, new = self.marks[model.__tablename__], marks[model.__tablename__]
            if old == new:
                continue
            since = select(column)
            if old.latest is not None:
                since = since.where(model.updated_at >= old.latest)
            found = set(session.scalars(since).all())
            changed |= found
            grew = new.count - old.count
            if not found or grew < 0 or grew > len(found):
                # rows went away, or were written with an older clock: compare every candidate's rows
                changed |= self._full_diff(session, model, column, indexed)
        return changed

    def _full_diff(self, session: Session, model: Table, column: InstrumentedAttribute[uuid.UUID],
                   indexed: set[uuid.UUID]) -> set[uuid.UUID]:
        if model is Candidate:
            live = set(session.scalars(select(Candidate.id).where(Candidate.deleted_at.is_(None))).all())
            return live - indexed | indexed - live | self._ids_with_changed_versions(session)
        return indexed | set(session.scalars(select(column).distinct()).all())

    def _ids_with_changed_versions(self, session: Session) -> set[uuid.UUID]:
        rows = session.execute(select(Candidate.id, Candidate.version)).all()
        return {cid for cid, version in rows if self.versions.get(cid) != version}

    def _load(self, session: Session, index: CandidateIndex, ids: Iterable[uuid.UUID]) -> int:
        wanted = list(ids)
        profiles = self.load_profiles(session, index.scorer.resolver, wanted, record_versions=True)
        found = {uuid.UUID(p.id) for p in profiles}
        index.retire([cid for cid in wanted if cid not in found])
        index.add_profiles(profiles)
        index.flush()
        return len(wanted)

    def _load_all(self, session: Session, index: CandidateIndex) -> int:
        """The first build, window by window (bounded memory): every live candidate."""
        total = 0
        for low, high in _id_windows(session):
            profiles = self.load_profiles(session, index.scorer.resolver, None, record_versions=True,
                                          window=(low, high))
            index.add_profiles(profiles)
            index.flush()
            total += len(profiles)
        return total

    # --- reading profiles -----------------------------------------------------------------------------
    def load_profiles(self, session: Session, resolver: SkillResolver, ids: Sequence[uuid.UUID] | None,
                      record_versions: bool = False,
                      window: tuple[uuid.UUID, uuid.UUID] | None = None) -> list[CandidateProfile]:
        """Profiles of live candidates: the given ``ids``, or every live candidate with an id in ``window``
        (inclusive; the first build goes window by window)."""
        if window is None:
            found: list[CandidateProfile] = []
            for start in range(0, len(ids or ()), CHUNK):
                chunk = list((ids or ())[start:start + CHUNK])
                found += self._read(session, resolver, Candidate.id.in_(chunk),
                                    CandidateSkill.candidate_id.in_(chunk), CandidateLanguage.candidate_id.in_(chunk),
                                    record_versions)
            return found
        low, high = window
        return self._read(session, resolver, Candidate.id.between(low, high),
                          CandidateSkill.candidate_id.between(low, high),
                          CandidateLanguage.candidate_id.between(low, high), record_versions)

    def _read(self, session: Session, resolver: SkillResolver, people_filter: ColumnElement[bool],
              skill_filter: ColumnElement[bool], language_filter: ColumnElement[bool],
              record_versions: bool) -> list[CandidateProfile]:
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
            if record_versions:
                self.versions[person.id] = person.version
            profiles.append(profile_from_values(person, skills.get(person.key, ()), languages.get(person.key, ()),
                                                resolver))
        return profiles


def _read_marks(session: Session) -> dict[str, Mark]:
    marks = {}
    for model, _column in _TABLES:
        count, latest, versions = session.execute(
            select(func.count(), func.max(model.updated_at), func.coalesce(func.sum(model.version), 0))).one()
        marks[model.__tablename__] = Mark(count, latest, int(versions))
    return marks


def _id_windows(session: Session) -> Iterator[tuple[uuid.UUID, uuid.UUID]]:
    """(lowest, highest) id of each run of ``BUILD_WINDOW`` live candidates, in id order."""
    last: uuid.UUID | None = None
    while True:
        query = select(Candidate.id).where(Candidate.deleted_at.is_(None)).order_by(Candidate.id).limit(BUILD_WINDOW)
        if last is not None:
            query = query.where(Candidate.id > last)
        ids = session.scalars(query).all()
        if not ids:
            return
        yield ids[0], ids[-1]
        last = ids[-1]
