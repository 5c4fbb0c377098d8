"""Candidate use cases for the window: open a candidate for editing (audited as a view), create or save it
with its skills and language levels (the version read is sent back: a conflict names who changed it),
archive and restore it, the trajectories shown on its Trajecten tab, and the candidate a trajectory
belongs to.

Each opens its own unit of work and returns plain frozen values; ``services.candidates`` keeps the
session-level building blocks the import and these use cases share.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.domain import CefrLevel, LanguageSkill, TrajectoryStatus
from matchdesk.errors import ValidationError
from matchdesk.services.candidates import (
    SkillInput,
    candidate_spec,
    create_candidate,
    set_languages,
    set_skills,
    update_candidate,
    view_candidate,
)
from matchdesk.services.employers import ensure_medewerker
from matchdesk.services.records import Archived, Saved, archived_of, frozen_values, set_archived
from matchdesk.services.trajectories import trajectory_status
from matchdesk.storage.models import Candidate, Trajectory
from matchdesk.sync.outbox import recorded

if TYPE_CHECKING:
    from matchdesk.app import App


@dataclass(frozen=True)
class SkillLine:
    text: str
    level: str | None  # basis | gevorderd | ervaren
    source: str | None  # a SkillSource value


@dataclass(frozen=True)
class TrajectoryLine:
    """A trajectory as the candidate's Trajecten tab lists it."""

    id: uuid.UUID
    kind: str
    provider: str | None
    start: dt.date
    end: dt.date | None  # the actual end, else the planned one (inclusive)
    verdict: str | None  # allowed | warning | blocked


@dataclass(frozen=True)
class CandidateRecord:
    """One candidate as its editor shows it. ``values``: every editable field by attribute name (the
    names of ``candidate_spec``), read-only."""

    id: uuid.UUID
    version: int
    klantnummer: str
    values: Mapping[str, object]
    skills: tuple[SkillLine, ...]
    languages: Mapping[LanguageSkill, CefrLevel | None]
    trajectories: tuple[TrajectoryLine, ...]  # newest start first
    archived: Archived | None = None  # when and by whom it was archived; None: not archived
    owner: str | None = None  # the casushouder: the medewerker whose candidate it is ("Mijn kandidaten")

    @property
    def key(self) -> str:
        return self.klantnummer


def _trajectory_lines(trajectories: Sequence[Trajectory]) -> tuple[TrajectoryLine, ...]:
    return tuple(TrajectoryLine(t.id, t.kind.value, t.provider.value if t.provider else None, t.start,
                                t.actual_end or t.planned_end, t.verdict)
                 for t in sorted(trajectories, key=lambda t: t.start, reverse=True))


def _record(app: App, session: Session, klantnummer: str) -> CandidateRecord:
    candidate = view_candidate(session, klantnummer)  # the view itself is audited
    return CandidateRecord(
        candidate.id, candidate.version, candidate.klantnummer, frozen_values(candidate, candidate_spec(app.today)),
        tuple(SkillLine(s.text, s.level, s.source.value if s.source else None)
              for s in sorted(candidate.skills, key=lambda s: s.position)),
        MappingProxyType({row.skill: row.level for row in candidate.languages}),
        _trajectory_lines(candidate.trajectories), archived_of(candidate),
        candidate.owner.name if candidate.owner is not None else None)


def open_candidate(app: App, klantnummer: str) -> CandidateRecord:
    """The candidate for its editor (NotFound for an unknown klantnummer); audited as ``bekeken``."""
    with app.unit() as session:
        return _record(app, session, klantnummer)


def open_candidate_of_trajectory(app: App, trajectory_id: uuid.UUID | str) -> CandidateRecord | None:
    """The candidate a trajectory belongs to, opened as ``open_candidate`` does (NotFound when the candidate
    was deleted); None when there is no such trajectory."""
    try:
        key = trajectory_id if isinstance(trajectory_id, uuid.UUID) else uuid.UUID(str(trajectory_id))
    except ValueError:
        return None
    with app.unit() as session:
        klantnummer = session.scalar(select(Candidate.klantnummer).join(
            Trajectory, Trajectory.candidate_id == Candidate.id).where(Trajectory.id == key))
        return _record(app, session, klantnummer) if klantnummer is not None else None


def candidate_trajectories(app: App, candidate_id: uuid.UUID) -> tuple[TrajectoryLine, ...]:
    """The candidate's trajectories, newest first (after a placement or a new trajectory)."""
    with app.reading() as session:
        return _trajectory_lines(session.scalars(select(Trajectory).where(
            Trajectory.candidate_id == candidate_id)).all())


@recorded("candidate.save")  # a laptop records it in its outbox (matchdesk.sync)
def save_candidate(app: App, candidate_id: uuid.UUID | None, version: int | None, values: Mapping[str, object],
                   *, skills: Sequence[SkillInput] | None = None,
                   languages: Mapping[LanguageSkill, CefrLevel | None] | None = None) -> Saved:
    """Create (``candidate_id`` None) or change a candidate. ``version``: the one read (ConflictError when
    someone saved meanwhile). ``skills``/``languages``: None leaves them as they are. A new candidate is
    checked as the import checks one (klantnummer, achternaam and geboortedatum required, BSN elfproef and
    unique) and gets the medewerker who creates it as casushouder."""
    with app.unit() as session:
        if candidate_id is None:
            owner = ensure_medewerker(session, app.user)
            candidate = create_candidate(session, dict(values), app.today, skills=skills or (),
                                         languages=dict(languages or {}), vocabulary=app.vocabulary,
                                         owner_id=owner.id)
            if candidate.birth_date is None:  # after the other checks; the unit of work is undone whole
                raise ValidationError("geboortedatum", None, "geboortedatum is verplicht")
        else:
            update_candidate(session, candidate_id, version, dict(values), app.today)
            candidate = session.get_one(Candidate, candidate_id)
            if skills is not None:
                set_skills(session, candidate, list(skills), app.vocabulary)
            if languages is not None:
                set_languages(session, candidate, dict(languages))
        session.flush()
        return Saved(candidate.id, candidate.version, candidate.klantnummer)


def candidate_key(app: App, klantnummer: str) -> Saved:
    """The id and current version of the candidate with ``klantnummer`` (``NotFound`` in Dutch when there is
    none), for a save that names the candidate without opening it (the command line): nothing of the person
    is read, so nothing is audited as viewed."""
    from matchdesk.services.candidates import get_by_klantnummer

    with app.reading() as session:
        candidate = get_by_klantnummer(session, klantnummer)
        return Saved(candidate.id, candidate.version, candidate.klantnummer)


_BUSY = (TrajectoryStatus.GEPLAND, TrajectoryStatus.LOPEND)


@recorded("candidate.archive")  # a laptop records it in its outbox (matchdesk.sync)
def archive_candidate(app: App, candidate_id: uuid.UUID, version: int | None) -> Saved:
    """Set the candidate aside: kept with all data, hidden from the lists by default, no longer ranked.
    Refused while a trajectory is planned or running (end it first)."""
    with app.unit() as session:
        for t in session.scalars(select(Trajectory).where(Trajectory.candidate_id == candidate_id)):
            if trajectory_status(t.start, t.planned_end, t.actual_end, t.aborted, app.today) in _BUSY:
                raise ValidationError("traject", None, "de kandidaat heeft een gepland of lopend traject: "
                                                       "beëindig dat eerst")
        candidate = set_archived(session, Candidate, candidate_id, version, "De kandidaat", True)
        session.flush()
        return Saved(candidate.id, candidate.version, candidate.klantnummer)


@recorded("candidate.restore")  # a laptop records it in its outbox (matchdesk.sync)
def restore_candidate(app: App, candidate_id: uuid.UUID, version: int | None) -> Saved:
    """Bring an archived candidate back into the lists and the ranking."""
    with app.unit() as session:
        candidate = set_archived(session, Candidate, candidate_id, version, "De kandidaat", False)
        session.flush()
        return Saved(candidate.id, candidate.version, candidate.klantnummer)
