"""The one free text that may go to an employer: the candidate's "tekst voor werkgever", once confirmed.

An anonymised profile holds no free text by default (``profiles.anonymous``). The matchmaker writes a
text meant for employers in the candidate's field ``employer_text``, reads it in the print preview with
the words that look sensitive highlighted, and confirms it; only then do the preview, the print and the
saved PDF include it. The confirmation is audited on the candidate (``tekst werkgever bevestigd``, no
values). On the command line ``profile --anonymous --met-werkgeverstekst`` is the confirmation.

    review = employer_text_review(app, "2000003")          # text and highlights, for the preview
    confirm_employer_text(app, "2000003", review.text)     # audited; ConflictError when it changed
    profile_pdf(app, "2000003", anonymous=True, employer_text=review.text)
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.errors import ConflictError, NotFound
from matchdesk.profiles.sensitive import SensitiveHit, find_sensitive
from matchdesk.storage.audit import log_event
from matchdesk.storage.models import Candidate
from matchdesk.sync.outbox import recorded

if TYPE_CHECKING:
    from matchdesk.app import App

CONFIRMED = "tekst werkgever bevestigd"
CHANGED = ("De tekst voor werkgever van deze kandidaat is gewijzigd sinds u hem bevestigde; "
           "lees hem opnieuw en bevestig hem opnieuw.")


@dataclass(frozen=True)
class EmployerTextReview:
    """The stored text ("" when none) and what in it looks sensitive (spans into ``text``)."""

    candidate_id: uuid.UUID
    klantnummer: str
    text: str
    hits: tuple[SensitiveHit, ...]


def _stored(session: Session, klantnummer: str) -> tuple[uuid.UUID, str]:
    row = session.execute(select(Candidate.id, Candidate.employer_text).where(
        Candidate.klantnummer == klantnummer, Candidate.deleted_at.is_(None))).first()
    if row is None:
        raise NotFound(f"Kandidaat met klantnummer {klantnummer} bestaat niet")
    return row[0], (row[1] or "").strip()


def employer_text_review(app: App, klantnummer: str) -> EmployerTextReview:
    """The candidate's text for employers with its sensitive-looking words, for the print preview."""
    with app.reading() as session:
        candidate_id, text = _stored(session, klantnummer)
    return EmployerTextReview(candidate_id, klantnummer, text, find_sensitive(text))


@recorded("candidate.employer_text")  # a laptop records it in its outbox (matchdesk.sync)
def confirm_employer_text(app: App, klantnummer: str, text: str) -> EmployerTextReview:
    """The matchmaker confirms ``text`` (as the preview showed it) for employers: audited as ``CONFIRMED``.
    ConflictError when the stored text is no longer ``text``; NotFound when there is none to confirm."""
    with app.unit() as session:
        candidate_id, stored = _stored(session, klantnummer)
        confirmed_text(session, candidate_id, text, how="afdrukvoorbeeld")
    return EmployerTextReview(candidate_id, klantnummer, stored, find_sensitive(stored))


def confirmed_text(session: Session, candidate_id: uuid.UUID, text: str | None, *, how: str | None = None) -> str:
    """The stored text, checked against the one the matchmaker confirmed (``text``); with ``how`` the
    confirmation is audited here (``how``: where it was given, e.g. ``opdrachtregel``)."""
    stored = (session.scalar(select(Candidate.employer_text).where(Candidate.id == candidate_id)) or "").strip()
    if not stored:
        raise NotFound("Deze kandidaat heeft geen tekst voor werkgever; er is niets te bevestigen.")
    if text is not None and text.strip() != stored:
        raise ConflictError(CHANGED)
    if how:
        log_event(session, CONFIRMED, "kandidaat", candidate_id, how)
    return stored


__all__ = ["CONFIRMED", "EmployerTextReview", "confirm_employer_text", "confirmed_text", "employer_text_review"]
