"""What medewerkers do with a signal: handle it (with a note), snooze it until a date, hand it over.

Use cases (the Signalen page calls them; ``matchdesk signals`` honours what they stored):

- ``handle_signals(app, refs, note) -> int``: handled; it stays away while its facts stay the same;
- ``snooze_signals(app, refs, until) -> int``: not listed before ``until``;
- ``hand_over_signals(app, refs, colleague) -> int``: the colleague's from now on (in their "mijn" list);
- ``reopen_signals(app, refs) -> int``: handled or snoozed ones back in the list (a mistake undone);
- ``colleagues(app) -> tuple[str, ...]``: whom a signal can be handed over to.

Each writes one audit entry per signal (on the candidate: kind and due date, never the note). A signal is
named by ``SignalRef``: its kind, record (trajectory, else candidate), due date and a fingerprint of its facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.errors import NotFound, ValidationError
from matchdesk.rules.signals import Signal
from matchdesk.storage.audit import log_event
from matchdesk.storage.models import Medewerker, SignalState
from matchdesk.sync.outbox import recorded

if TYPE_CHECKING:
    from matchdesk.app import App

NOTE_MAX = 500  # characters of a handling note
OPEN, HANDLED, SNOOZED = "open", "afgehandeld", "uitgesteld"  # a signal's status (the JSON codes)


@dataclass(frozen=True)
class SignalRef:
    """A signal's identity: what a stored state is keyed by."""

    kind: str
    record: str  # the trajectory's id, else the candidate's id
    due: dt.date
    fingerprint: str
    candidate_id: uuid.UUID

    @property
    def key(self) -> tuple[str, str, dt.date, str]:
        return (self.kind, self.record, self.due, self.fingerprint)


def signal_ref(signal: Signal, candidate_id: uuid.UUID) -> SignalRef:
    """The identity of ``signal``: its message states the facts (dates, statuses, limits), so a change of the
    facts changes the fingerprint."""
    fingerprint = hashlib.sha256(signal.message.encode("utf-8")).hexdigest()[:16]
    record = str(signal.trajectory) if signal.trajectory else str(candidate_id)
    return SignalRef(signal.kind, record, signal.due, fingerprint, candidate_id)


@dataclass(frozen=True)
class StoredState:
    handled_on: dt.date | None
    handled_by: str | None
    note: str | None
    snoozed_until: dt.date | None
    assigned_to_id: uuid.UUID | None
    assigned_to: str | None
    assigned_by: str | None

    def status(self, today: dt.date) -> str:
        if self.handled_on is not None:
            return HANDLED
        if self.snoozed_until is not None and self.snoozed_until > today:
            return SNOOZED
        return OPEN


def stored_states(session: Session, candidate_ids: Iterable[uuid.UUID] | None = None
                  ) -> dict[tuple[str, str, dt.date, str], StoredState]:
    """The stored states by signal key (of these candidates, or all)."""
    query = select(SignalState, Medewerker.name).outerjoin(Medewerker, Medewerker.id == SignalState.assigned_to_id)
    if candidate_ids is not None:
        query = query.where(SignalState.candidate_id.in_(list(candidate_ids)))
    return {(row.kind, row.record, row.due, row.fingerprint):
            StoredState(row.handled_on, row.handled_by, row.note, row.snoozed_until, row.assigned_to_id, name,
                        row.assigned_by)
            for row, name in session.execute(query)}


def handed_to(session: Session, medewerker_id: uuid.UUID) -> set[uuid.UUID]:
    """The candidates with a signal handed over to this medewerker."""
    return set(session.scalars(select(SignalState.candidate_id).where(SignalState.assigned_to_id == medewerker_id)))


def _state(session: Session, ref: SignalRef) -> SignalState:
    row = session.scalar(select(SignalState).where(SignalState.kind == ref.kind, SignalState.record == ref.record,
                                                   SignalState.due == ref.due,
                                                   SignalState.fingerprint == ref.fingerprint))
    if row is None:
        row = SignalState(kind=ref.kind, record=ref.record, due=ref.due, fingerprint=ref.fingerprint,
                          candidate_id=ref.candidate_id)
        session.add(row)
    return row


def _detail(ref: SignalRef, extra: str = "") -> str:
    return f"{ref.kind}, vervaldatum {ref.due.isoformat()}{extra}"


@recorded("signal.state", action="handle")  # a laptop records it in its outbox (matchdesk.sync)
def handle_signals(app: App, refs: Iterable[SignalRef], note: str = "") -> int:
    """Mark the signals handled with ``note`` (at most ``NOTE_MAX`` characters; not in the audit log)."""
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError("notitie", f"{len(note)} tekens", f"de notitie mag hoogstens {NOTE_MAX} tekens zijn")
    count = 0
    with app.unit() as session:
        for ref in refs:
            row = _state(session, ref)
            row.handled_on, row.handled_by, row.note = app.today, app.user, note or None
            log_event(session, "afgehandeld", "signaal", ref.candidate_id, _detail(ref))
            count += 1
    return count


@recorded("signal.state", action="snooze")  # a laptop records it in its outbox (matchdesk.sync)
def snooze_signals(app: App, refs: Iterable[SignalRef], until: dt.date) -> int:
    """Keep the signals out of the lists until ``until`` (a day after today)."""
    if until <= app.today:
        raise ValidationError("uitstellen tot", until.isoformat(), "kies een datum na vandaag")
    count = 0
    with app.unit() as session:
        for ref in refs:
            row = _state(session, ref)
            row.snoozed_until = until
            log_event(session, "uitgesteld", "signaal", ref.candidate_id, _detail(ref, f", tot {until.isoformat()}"))
            count += 1
    return count


@recorded("signal.state", action="hand_over")  # a laptop records it in its outbox (matchdesk.sync)
def hand_over_signals(app: App, refs: Iterable[SignalRef], colleague: str) -> int:
    """Hand the signals over to the medewerker ``colleague``: from now on they are in that one's own list."""
    with app.unit() as session:
        target = session.scalar(select(Medewerker).where(Medewerker.name == colleague.strip()))
        if target is None:
            raise NotFound(f"Medewerker {colleague!r} bestaat niet")
        count = 0
        for ref in refs:
            row = _state(session, ref)
            row.assigned_to_id, row.assigned_by = target.id, app.user
            log_event(session, "overgedragen", "signaal", ref.candidate_id, _detail(ref, f", aan {target.name}"))
            count += 1
    return count


@recorded("signal.state", action="reopen")  # a laptop records it in its outbox (matchdesk.sync)
def reopen_signals(app: App, refs: Iterable[SignalRef]) -> int:
    """Handled or snoozed signals open again (the hand-over stays); returns how many were closed."""
    count = 0
    with app.unit() as session:
        for ref in refs:
            row = _state(session, ref)
            if row.handled_on is None and row.snoozed_until is None:
                continue
            row.handled_on = row.handled_by = row.note = row.snoozed_until = None
            log_event(session, "heropend", "signaal", ref.candidate_id, _detail(ref))
            count += 1
    return count


def colleagues(app: App) -> tuple[str, ...]:
    """Every medewerker but ``app.user``, sorted: whom a signal can be handed over to."""
    with app.reading() as session:
        return tuple(name for name in session.scalars(select(Medewerker.name).order_by(Medewerker.name))
                     if name != app.user)


__all__ = ["HANDLED", "NOTE_MAX", "OPEN", "SNOOZED", "SignalRef", "StoredState", "colleagues", "hand_over_signals",
           "handle_signals", "handed_to", "reopen_signals", "signal_ref", "snooze_signals", "stored_states"]
