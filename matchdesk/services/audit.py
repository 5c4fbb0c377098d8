"""Audit use cases: every view leaves one entry, the chain is checked, a teamleider reads a record's trail.

- ``log_view(app, action, record_type, record_id, detail)``: one entry for one view (a ranking, the signals,
  the report), in its own unit of work, before the caller shows anything: no entry, no view;
- ``verify_audit(app) -> AuditCheck``: the hash chain checked (``matchdesk audit verify``);
- ``may_read_audit_trail(app) -> bool`` and ``audit_trail(app, klantnummer) -> AuditTrail``: when, who and
  what for one candidate, for a teamleider only (the reading itself is audited).

Entries hold who, when, what kind and which records (ids), never values: a ranking lists the ids of the
candidates it showed, so a candidate's trail shows the rankings they appeared in.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from matchdesk.domain import Role
from matchdesk.errors import RuleViolation
from matchdesk.plural import plural
from matchdesk.services.candidates import get_by_klantnummer
from matchdesk.services.employers import medewerker_role
from matchdesk.storage.audit import log_event
from matchdesk.storage.audit_chain import chain_rows, check_chain
from matchdesk.storage.models import AuditEntry, ContactMoment, Proposal, Trajectory

if TYPE_CHECKING:
    from matchdesk.app import App

SHOWN = "; getoond: "  # in a ranking entry's detail, before the ids of the records shown
ONLY_TEAMLEIDER = "Alleen een teamleider kan het auditspoor van een kandidaat lezen."


def log_view(app: App, action: str, record_type: str, record_id: uuid.UUID | None = None,
             detail: str | None = None) -> None:
    """One audit entry for one view, as ``app.user``, committed before the caller shows the view."""
    with app.unit() as session:
        log_event(session, action, record_type, record_id, detail)


def shown_detail(summary: str, ids: list[uuid.UUID]) -> str:
    """A view's detail: a summary without values, then the ids of the records it showed."""
    return summary + (SHOWN + ",".join(str(i) for i in ids) if ids else "")


# -- verify -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditCheck:
    """The chain checked: ``checked`` entries from ``first_seq`` (written ``first_at``) on; ``unchained`` older
    entries from before the chain (not checked). ``broken``: the first broken entry (None: in order)."""

    checked: int
    unchained: int
    first_seq: int | None
    first_at: dt.datetime | None
    broken_kind: str | None = None  # gewijzigd | verwijderd | ingevoegd
    broken_id: uuid.UUID | None = None
    broken_seq: int | None = None
    broken_at: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.broken_kind is None

    def message(self) -> str:
        """One Dutch sentence (or two) for ``matchdesk audit verify``."""
        if self.broken_kind is not None:
            place = f"regel {self.broken_seq}" if self.broken_seq is not None else "een regel zonder plaats"
            when = f" van {self.broken_at:%Y-%m-%d %H:%M:%S}" if self.broken_at else ""
            what = {"gewijzigd": "is gewijzigd na het schrijven",
                    "verwijderd": "volgt niet op de regel ervoor: een regel ervoor is verwijderd",
                    "ingevoegd": "is ingevoegd buiten MatchDesk om"}[self.broken_kind]
            return f"Het auditlog is niet in orde: {place}{when} (id {self.broken_id}) {what}."
        if not self.checked:
            text = "Het auditlog is in orde: er zijn nog geen regels met een hash"
        else:
            checked = plural(self.checked, "regel", "regels")
            text = (f"Het auditlog is in orde: {checked} gecontroleerd, vanaf regel {self.first_seq}"
                    f" ({self.first_at:%Y-%m-%d %H:%M:%S})" if self.first_at else
                    f"Het auditlog is in orde: {checked} gecontroleerd")
        if self.unchained:
            older = plural(self.unchained, "oudere regel", "oudere regels")
            text += f"; {older} van vóór de hashketen {'is' if self.unchained == 1 else 'zijn'} niet gecontroleerd"
        return text + "."


def verify_audit(app: App) -> AuditCheck:
    """Check the audit log's hash chain: every entry as hashed, each chained to the one before it."""
    with app.reading() as session:
        state = check_chain(chain_rows(session.connection()))
    broken = state.broken
    return AuditCheck(state.checked, state.unchained, state.first_seq, state.first_at,
                      broken.kind if broken else None, broken.entry_id if broken else None,
                      broken.seq if broken else None, broken.at if broken else None)


# -- a record's trail ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrailLine:
    at: dt.datetime
    medewerker: str
    action: str  # aangemaakt, gewijzigd, bekeken, afgedrukt, geëxporteerd, gerangschikt, ...
    record_type: str  # kandidaat, traject, voorstel, contactmoment, vacature (a ranking), ...
    fields: str | None  # the names of changed fields, never their values
    detail: str | None  # without the ids of other records


@dataclass(frozen=True)
class AuditTrail:
    klantnummer: str
    candidate_id: uuid.UUID
    lines: tuple[TrailLine, ...]  # newest first


def may_read_audit_trail(app: App) -> bool:
    """Whether ``app.user`` is a teamleider (the only role that reads audit trails)."""
    with app.reading() as session:
        return medewerker_role(session, app.user) == Role.TEAMLEIDER


def audit_trail(app: App, klantnummer: str) -> AuditTrail:
    """When, who and what for one candidate: the record, its trajectories, proposals and contact moments, and
    the rankings it was shown in. A teamleider only (RuleViolation); the reading is audited. NotFound for an
    unknown klantnummer."""
    with app.unit() as session:
        if medewerker_role(session, app.user) != Role.TEAMLEIDER:
            raise RuleViolation(ONLY_TEAMLEIDER)
        candidate = get_by_klantnummer(session, klantnummer)
        ids = [candidate.id]
        for model in (Trajectory, Proposal, ContactMoment):
            ids += session.scalars(select(model.id).where(model.candidate_id == candidate.id)).all()
        entries = session.scalars(select(AuditEntry).where(or_(
            AuditEntry.record_id.in_(ids), AuditEntry.detail.contains(f"{str(candidate.id)}")))
            .order_by(AuditEntry.at.desc(), AuditEntry.seq.desc())).all()
        lines = tuple(TrailLine(e.at, e.medewerker, e.action, e.record_type, e.fields,
                                e.detail.split(SHOWN)[0] if e.detail else None) for e in entries)
        log_event(session, "auditspoor bekeken", "kandidaat", candidate.id)
        return AuditTrail(candidate.klantnummer, candidate.id, lines)
