"""Erasure (AVG art. 17): a candidate's personal data removed for good, the anonymous facts kept.

    erased = erase_candidate(app, "K0001234")        # ``matchdesk wis K0001234 --ja``

What goes: every personal field of the candidate row (name, BSN, birth date, contact details, benefit, wishes,
limitations, notes, flags such as Wsw and statushouder, doelgroep, the klantnummer itself and the profile number
employers saw), every child row (skills, languages, education, work experience, contact moments), the free text
of the candidate's trajectories (development goals, motivation, the rules' findings, an override's reason) and
proposals (the matching explanation), the editors' drafts of the candidate (table ``drafts``, every medewerker's;
also a new candidate's draft that names the klantnummer, and draft files an earlier version left in the user's data
folder) and the matching index cache files in the user's cache folder.

What stays: an anonymous shell the 70% monitor and the outflow figures count (``matchdesk report``): the
trajectories' kind, dates, provider, location, municipality and outcome, the proposals' status and dates, and
the candidate row as a random key (``gewist-...``) with its municipality. The audit log keeps who erased whom
and when, without a value (``gewist (AVG)``).

SQLite: ``PRAGMA secure_delete=ON`` for the erasing connection, so freed and rewritten pages are zeroed, and
the WAL is checkpointed afterwards; after a ``VACUUM`` the erased values are gone from the file's bytes.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import platformdirs
from sqlalchemy import CursorResult, Result, delete, select, text, update
from sqlalchemy.orm import Session

from matchdesk.domain import TaaleisStatus
from matchdesk.errors import NotFound
from matchdesk.services.candidates import new_profile_number
from matchdesk.storage.audit import log_event
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import (
    Candidate,
    CandidateLanguage,
    CandidateSkill,
    ContactMoment,
    Draft,
    Education,
    Proposal,
    SignalState,
    Trajectory,
    WorkExperience,
)
from matchdesk.sync.outbox import refuse_on_laptop

if TYPE_CHECKING:
    from matchdesk.app import App

ERASED_PREFIX = "gewist-"  # the klantnummer of an erased candidate: a random key, never the old one
ACTION = "gewist (AVG)"
# every candidate column that says something about the person; municipality stays (the report counts by it)
_CLEARED = ("voornaam", "tussenvoegsel", "achternaam", "birth_date", "bsn", "adres", "postcode", "woonplaats",
            "telefoon", "email", "doelgroep", "categorie", "benefit_type", "taaleis_date", "ontheffing_until",
            "hours_per_week", "available_from", "max_travel_km", "wishes", "desired_occupations",
            "work_limitations", "loonwaarde", "owner_id", "notes", "employer_text")
_FLAGS = ("banenafspraak", "beschut_indicatie", "wsw", "statushouder", "taalachterstand", "startkwalificatie",
          "bsn_test_data")
_TRAJECTORY_TEXT = ("development_goals", "findings", "motivation", "motivation_by", "override_reason",
                    "override_by")
_CHILDREN = (CandidateSkill, CandidateLanguage, Education, WorkExperience, ContactMoment, SignalState)


@dataclass(frozen=True)
class Erased:
    """What one erasure did (counts only: nothing of the person)."""

    records: int  # candidate rows (a klantnummer may have a live row and older tombstones)
    child_rows: int
    trajectories: int
    proposals: int
    drafts: int
    cache_files: int


def erase_candidate(app: App, klantnummer: str, *, reason: str = "verzoek betrokkene") -> Erased:
    """Erase every stored candidate row with this klantnummer (live or deleted) and what hangs off it.
    ``reason`` is a fixed phrase for the audit log (``verzoek betrokkene``, ``bewaartermijn``), never a value."""
    refuse_on_laptop(app, "Gegevens wissen")
    with app.unit() as session:
        ids = list(session.scalars(select(Candidate.id).where(Candidate.klantnummer == klantnummer)))
        if not ids:
            raise NotFound(f"Kandidaat met klantnummer {klantnummer} bestaat niet")
        with secure_delete(session):
            counts = erase_rows(session, ids, reason)
    return finish_erasure(app, [klantnummer], counts)


def erase_rows(session: Session, ids: Iterable[uuid.UUID], reason: str) -> tuple[int, int, int, int, int]:
    """The erasure itself, in the caller's unit of work: (records, child rows, trajectories, proposals, drafts)."""
    ids = list(ids)
    now = utcnow()
    bulk = {"synchronize_session": False}
    children = 0
    for model in _CHILDREN:
        children += count_rows(session.execute(delete(model).where(model.candidate_id.in_(ids)),
                                               execution_options=bulk))
    drafts = 0
    for candidate in session.scalars(select(Candidate).where(Candidate.id.in_(ids))):
        drafts += remove_candidate_drafts(session, candidate.klantnummer)
        # the trajectories keep the municipality the report would otherwise read from the candidate
        session.execute(update(Trajectory).where(Trajectory.candidate_id == candidate.id,
                                                 Trajectory.municipality.is_(None))
                        .values(municipality=candidate.municipality), execution_options=bulk)
        for name in _CLEARED:
            setattr(candidate, name, None)
        for name in _FLAGS:
            setattr(candidate, name, False)
        candidate.driving_licences = ""
        candidate.taaleis_status = TaaleisStatus.ONBEKEND
        candidate.klantnummer = ERASED_PREFIX + secrets.token_hex(8)
        candidate.profile_number = new_profile_number(session)
        candidate.deleted_at = candidate.deleted_at or now
        log_event(session, ACTION, "kandidaat", candidate.id, detail=reason)
    trajectories = count_rows(session.execute(
        update(Trajectory).where(Trajectory.candidate_id.in_(ids)).values(**dict.fromkeys(_TRAJECTORY_TEXT)),
        execution_options=bulk))
    proposals = count_rows(session.execute(
        update(Proposal).where(Proposal.candidate_id.in_(ids)).values(explanation=None), execution_options=bulk))
    session.flush()
    return len(ids), children, trajectories, proposals, drafts


def remove_candidate_drafts(session: Session, klantnummer: str) -> int:
    """Every medewerker's editor drafts of this candidate: by its key, and a new candidate's draft whose typed
    klantnummer is this one (the payload is the editor's JSON, ``"klantnummer": "..."``)."""
    typed = json.dumps({"klantnummer": klantnummer}, ensure_ascii=False)[1:-1]
    return count_rows(session.execute(
        delete(Draft).where(Draft.kind == "kandidaat",
                            (Draft.key == klantnummer) | Draft.payload.contains(typed, autoescape=True)),
        execution_options={"synchronize_session": False}))


def count_rows(result: Result[Any]) -> int:
    """The number of rows an UPDATE or DELETE met."""
    return cast("CursorResult[Any]", result).rowcount or 0


@contextlib.contextmanager
def secure_delete(session: Session):
    """SQLite zeroes what it frees or rewrites on this connection while the erasure runs."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        session.execute(text("PRAGMA secure_delete=ON"))
    try:
        yield
    finally:
        if sqlite:
            session.flush()
            with contextlib.suppress(Exception):
                session.execute(text("PRAGMA secure_delete=OFF"))


def finish_erasure(app: App, klantnummers: Iterable[str], counts: tuple[int, int, int, int, int]) -> Erased:
    """After the commit: the WAL checkpointed (old page images gone), old draft files and index caches removed."""
    if app.is_local_file:
        with contextlib.suppress(Exception), app.db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    records, children, trajectories, proposals, drafts = counts
    drafts += sum(remove_draft_files(k) for k in klantnummers)
    cache_files = remove_index_caches(app)
    return Erased(records, children, trajectories, proposals, drafts=drafts, cache_files=cache_files)


def legacy_drafts_dir() -> Path:
    """Where versions before migration 0006 kept editor drafts as JSON files."""
    override = os.environ.get("MATCHDESK_DRAFTS")
    return Path(override) if override else Path(platformdirs.user_data_dir("MatchDesk", appauthor=False)) / "concepten"


def remove_draft_files(klantnummer: str) -> int:
    """Draft files an earlier version left for this klantnummer (``kandidaat-<klantnummer>.*``)."""
    safe = "".join(ch for ch in klantnummer if ch.isalnum() or ch in "-_")
    if not safe:
        return 0
    removed = 0
    with contextlib.suppress(OSError):
        for path in legacy_drafts_dir().glob(f"kandidaat-{safe}.*"):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


def remove_index_caches(app: App) -> int:
    """The matching index cache files (they hold candidate rows) in the cache folder; the next ranking builds
    the index afresh. A matching engine open in this process reloads the erased rows now, so it does not save
    them again when it closes."""
    folders = {Path(platformdirs.user_cache_dir("MatchDesk", appauthor=False))}
    own = getattr(app, "_cache_dir", None)  # the folder App was given (None: no cache kept)
    if own is not None:
        folders.add(Path(own))
    removed = 0
    for folder in folders:
        with contextlib.suppress(OSError):
            for path in folder.glob("index-*"):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    matcher = getattr(app, "_matcher", None)
    if matcher is not None:
        with matcher._lock, app.reading() as session:
            matcher.engine.index.refresh(session)
    return removed
