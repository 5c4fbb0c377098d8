"""Bewaartermijnen: what has been kept long enough, and its erasure.

    due = retention_due(app)            # ``matchdesk bewaartermijn --dry-run``, the teamleider's dialog
    done = apply_retention(app)         # ``matchdesk bewaartermijn``: erased as ``matchdesk wis`` does

The terms are data, one file per region (``resources/retention/<region>.toml``): per record type how many
months after which moment. ``kandidaat``: months after the last activity (the record's last change, its last
contact moment, proposal or trajectory end), never while a trajectory still runs; ``verwijderde_kandidaat``:
months after the candidate was deleted; ``contactmoment``: months after the contact. A due candidate is
erased through ``services.erasure`` (the anonymous facts of the 70% monitor stay); a due contact moment is
deleted. Each item comes with its reason in Dutch.
"""

from __future__ import annotations

import datetime as dt
import tomllib
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from matchdesk.errors import UsageError
from matchdesk.plural import plural
from matchdesk.resources import resource
from matchdesk.services.erasure import (
    ERASED_PREFIX,
    Erased,
    count_rows,
    erase_rows,
    finish_erasure,
    secure_delete,
)
from matchdesk.storage.audit import log_event
from matchdesk.storage.models import Candidate, ContactMoment, Proposal, Trajectory
from matchdesk.sync.outbox import refuse_on_laptop

if TYPE_CHECKING:
    from matchdesk.app import App

RECORD_TYPES = {"kandidaat": "laatste_activiteit", "verwijderde_kandidaat": "verwijderd", "contactmoment": "datum"}
LABELS = {"kandidaat": "kandidaat", "verwijderde_kandidaat": "verwijderde kandidaat", "contactmoment": "contactmoment"}


@dataclass(frozen=True)
class Term:
    record: str  # kandidaat | verwijderde_kandidaat | contactmoment
    months: int


@dataclass(frozen=True)
class Due:
    """One record past its term: which (klantnummer; for a contact moment its candidate's), since when, why."""

    record: str
    record_id: uuid.UUID
    klantnummer: str
    since: dt.date
    reason: str


@dataclass(frozen=True)
class RetentionDone:
    due: tuple[Due, ...]
    erased: Erased | None
    contact_moments: int


def load_terms(region: str = "wvs") -> tuple[Term, ...]:
    """The region's terms; a bad file is one Dutch sentence naming the file."""
    name = f"{region.lower()}.toml"
    node = resource("retention", name)
    try:
        data = tomllib.loads(node.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"bewaartermijnen {name}: {error}") from None
    terms = []
    for number, item in enumerate(data.get("termijn", []), start=1):
        record, months = item.get("record"), item.get("maanden")
        if record not in RECORD_TYPES or not isinstance(months, int) or isinstance(months, bool) or months < 0:
            raise UsageError(f"bewaartermijnen {name}: termijn {number} moet een record uit "
                             f"{', '.join(RECORD_TYPES)} en een aantal maanden (0 of meer) hebben")
        terms.append(Term(record, months))
    return tuple(terms)


def retention_due(app: App, terms: tuple[Term, ...] | None = None) -> tuple[Due, ...]:
    """Every record past its term today, oldest first (nothing is changed; no audit entry: no values shown
    beyond klantnummers, which the window and the command show to the teamleider anyway)."""
    terms = load_terms() if terms is None else terms
    with app.reading() as session:
        return find_due(session, terms, app.today)


def apply_retention(app: App, terms: tuple[Term, ...] | None = None) -> RetentionDone:
    """Erase the due candidates and delete the due contact moments, in one unit of work, audited."""
    refuse_on_laptop(app, "De bewaartermijn toepassen")
    terms = load_terms() if terms is None else terms
    with app.unit() as session:
        due = find_due(session, terms, app.today)
        candidates = sorted({d.record_id for d in due if d.record != "contactmoment"})
        moments = [d.record_id for d in due if d.record == "contactmoment"]
        klantnummers = sorted({d.klantnummer for d in due if d.record != "contactmoment"})
        with secure_delete(session):
            removed = 0
            if moments:
                removed = count_rows(session.execute(delete(ContactMoment).where(ContactMoment.id.in_(moments)),
                                                 execution_options={"synchronize_session": False}))
                log_event(session, "gewist (bewaartermijn)", "contactmoment", None, detail=f"{removed} contactmomenten")
            counts = erase_rows(session, candidates, "bewaartermijn") if candidates else None
    erased = finish_erasure(app, klantnummers, counts) if counts else None
    return RetentionDone(due, erased, removed)


def find_due(session: Session, terms: tuple[Term, ...], today: dt.date) -> tuple[Due, ...]:
    due: list[Due] = []
    for term in terms:
        cutoff = today - relativedelta(months=term.months)
        if term.record == "kandidaat":
            due += _inactive(session, cutoff, term.months)
        elif term.record == "verwijderde_kandidaat":
            query = select(Candidate.id, Candidate.klantnummer, Candidate.deleted_at).where(
                Candidate.deleted_at.is_not(None), Candidate.deleted_at < _start_of(cutoff + dt.timedelta(1)),
                ~Candidate.klantnummer.startswith(ERASED_PREFIX))
            for cid, klant, deleted in session.execute(query):
                assert deleted is not None  # selected so
                due.append(Due(term.record, cid, klant, deleted.date(),
                               f"verwijderd op {deleted.date().isoformat()}; termijn {_months(term.months)}"))
        else:
            for mid, klant, day in session.execute(
                    select(ContactMoment.id, Candidate.klantnummer, ContactMoment.date)
                    .join(Candidate, Candidate.id == ContactMoment.candidate_id)
                    .where(ContactMoment.date <= cutoff)):
                due.append(Due(term.record, mid, klant, day,
                               f"contactmoment van {day.isoformat()}; termijn {_months(term.months)}"))
    return tuple(sorted(due, key=lambda d: (d.since, d.klantnummer, d.record)))


def _inactive(session: Session, cutoff: dt.date, months: int) -> list[Due]:
    """Live candidates whose last activity is on or before ``cutoff`` and who have no running trajectory."""
    last: dict[uuid.UUID, dt.date] = {}

    def note(rows) -> None:
        for cid, day in rows:
            if day is None:
                continue
            day = day.date() if isinstance(day, dt.datetime) else day
            if cid not in last or day > last[cid]:
                last[cid] = day

    live = dict(session.execute(select(Candidate.id, Candidate.klantnummer)
                                .where(Candidate.deleted_at.is_(None))).all())
    note(session.execute(select(Candidate.id, Candidate.updated_at).where(Candidate.deleted_at.is_(None))))
    note(session.execute(select(ContactMoment.candidate_id, func.max(ContactMoment.date))
                         .group_by(ContactMoment.candidate_id)))
    note(session.execute(select(Proposal.candidate_id, func.max(Proposal.status_changed_on))
                         .group_by(Proposal.candidate_id)))
    ended = func.coalesce(Trajectory.actual_end, Trajectory.planned_end, Trajectory.start)
    note(session.execute(select(Trajectory.candidate_id, func.max(ended)).group_by(Trajectory.candidate_id)))
    running = set(session.scalars(select(Trajectory.candidate_id).where(
        Trajectory.actual_end.is_(None), or_(Trajectory.planned_end.is_(None), Trajectory.planned_end > cutoff))))
    return [Due("kandidaat", cid, klant, last[cid],
                f"geen activiteit sinds {last[cid].isoformat()}; termijn {_months(months)}")
            for cid, klant in live.items() if cid in last and last[cid] <= cutoff and cid not in running]


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _months(months: int) -> str:
    return plural(months, "maand", "maanden")
