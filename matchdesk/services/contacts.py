"""Contact moments with a candidate, and what to ask at the next contact (from the matching engine: the
data a score component still needs). Session-level building blocks and the use cases the window calls."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.errors import MatchDeskError, ValidationError
from matchdesk.services.matching import questions_for
from matchdesk.storage.models import ContactMoment
from matchdesk.sync.outbox import recorded

if TYPE_CHECKING:
    from matchdesk.app import App

CONTACT_KINDS = ("gesprek", "telefoon", "e-mail", "bezoek")


@dataclass(frozen=True)
class ContactLine:
    """One contact moment as the window shows it."""

    id: uuid.UUID
    date: dt.date
    kind: str
    medewerker: str
    summary: str | None
    next_contact: dt.date | None


@dataclass(frozen=True)
class Contacts:
    """A candidate's contact moments (newest first) and the questions for the next contact."""

    moments: tuple[ContactLine, ...]
    questions: tuple[str, ...]


# -- building blocks ------------------------------------------------------------------------------------------
def add_contact_moment(session: Session, candidate_id: uuid.UUID, date: dt.date, kind: str, summary: str | None,
                       next_contact: dt.date | None = None) -> ContactMoment:
    """A contact with the candidate, recorded by the medewerker of this unit of work."""
    if kind not in CONTACT_KINDS:
        raise ValidationError("soort", kind, f"onbekende soort contact {kind!r}; kies uit {', '.join(CONTACT_KINDS)}")
    if next_contact is not None and next_contact < date:
        raise ValidationError("volgend_contact", next_contact, "het volgende contact ligt vóór dit contact")
    moment = ContactMoment(candidate_id=candidate_id, date=date, kind=kind, summary=(summary or "").strip() or None,
                           next_contact=next_contact, medewerker=session.info.get("user") or "systeem")
    session.add(moment)
    return moment


def contact_moments(session: Session, candidate_id: uuid.UUID) -> list[ContactMoment]:
    return list(session.scalars(select(ContactMoment).where(ContactMoment.candidate_id == candidate_id)
                                .order_by(ContactMoment.date.desc(), ContactMoment.created_at.desc())))


def _line(moment: ContactMoment) -> ContactLine:
    return ContactLine(moment.id, moment.date, moment.kind, moment.medewerker, moment.summary, moment.next_contact)


# -- use cases ------------------------------------------------------------------------------------------------
def contacts_of(app: App, candidate_id: uuid.UUID, klantnummer: str) -> Contacts:
    """The contact moments and what to ask next (no questions when the engine cannot judge the candidate)."""
    with app.reading() as session:
        moments = tuple(_line(m) for m in contact_moments(session, candidate_id))
    try:
        questions = tuple(questions_for(app, klantnummer))
    except MatchDeskError:
        questions = ()
    return Contacts(moments, questions)


@recorded("contact.add")  # a laptop records it in its outbox (matchdesk.sync)
def record_contact(app: App, candidate_id: uuid.UUID, date: dt.date, kind: str, summary: str | None,
                   next_contact: dt.date | None = None) -> ContactLine:
    """Record a contact moment as the application's medewerker (audited)."""
    with app.unit() as session:
        moment = add_contact_moment(session, candidate_id, date, kind, summary, next_contact)
        session.flush()
        return _line(moment)
