"""Portfolio counts for `matchdesk stats`: deterministic, every enumerated key present."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchdesk.domain import Categorie, Doelgroep, TrajectoryKind, TrajectoryStatus
from matchdesk.services.trajectories import trajectory_status
from matchdesk.storage.models import Candidate, Employer, Proposal, Trajectory, Vacancy

if TYPE_CHECKING:
    from matchdesk.app import App

UNKNOWN = "onbekend"


def portfolio_stats(app: App) -> dict[str, Any]:
    """The counts of ``matchdesk stats``: plain values (a dict of dicts of ints), deterministic."""
    with app.reading() as session:
        return compute_stats(session, app.today)


def _grouped(session: Session, column, *where) -> dict[str | None, int]:
    rows = session.execute(select(column, func.count()).where(*where).group_by(column)).all()
    return {(value.value if value is not None else None): n for value, n in rows}


def compute_stats(session: Session, today: dt.date) -> dict:
    live_candidate = Candidate.deleted_at.is_(None)
    counts = {
        "candidates": session.scalar(select(func.count()).select_from(Candidate).where(live_candidate)),
        "employers": session.scalar(select(func.count()).select_from(Employer).where(Employer.deleted_at.is_(None))),
        "vacancies": session.scalar(select(func.count()).select_from(Vacancy).where(Vacancy.deleted_at.is_(None))),
        "proposals": session.scalar(select(func.count()).select_from(Proposal)),
        "trajectories": session.scalar(select(func.count()).select_from(Trajectory)),
    }
    by_doelgroep = _grouped(session, Candidate.doelgroep, live_candidate)
    by_categorie = _grouped(session, Candidate.categorie, live_candidate)
    by_kind = _grouped(session, Trajectory.kind)
    by_status = {status.value: 0 for status in TrajectoryStatus}
    for start, planned_end, actual_end, aborted in session.execute(
            select(Trajectory.start, Trajectory.planned_end, Trajectory.actual_end, Trajectory.aborted)):
        by_status[trajectory_status(start, planned_end, actual_end, aborted, today).value] += 1
    return {
        "counts": counts,
        "candidates_by_doelgroep": {**{d.value: by_doelgroep.get(d.value, 0) for d in Doelgroep},
                                    UNKNOWN: by_doelgroep.get(None, 0)},
        "candidates_by_categorie": {**{c.value: by_categorie.get(c.value, 0) for c in Categorie},
                                    UNKNOWN: by_categorie.get(None, 0)},
        "trajectories_by_kind": {k.value: by_kind.get(k.value, 0) for k in TrajectoryKind},
        "trajectories_by_status": by_status,
    }
