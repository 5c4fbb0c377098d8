"""What medewerkers did with a signal: handled (with a note), snoozed until a date, handed over to a colleague.

A signal is computed, never stored (``rules.signals``); a row here is keyed by the signal's identity: its kind,
its record (the trajectory, else the candidate), its due date and a fingerprint of the facts it states. So a
handled signal stays away while its facts stay the same, and comes back as a new signal when they change.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchdesk.storage.model_base import Record


class SignalState(Record):
    __tablename__ = "signal_states"
    __table_args__ = (UniqueConstraint("kind", "record", "due", "fingerprint"),)

    kind: Mapped[str] = mapped_column(String(40))
    record: Mapped[str] = mapped_column(String(36))  # the trajectory's id, else the candidate's id
    due: Mapped[dt.date] = mapped_column(Date)
    fingerprint: Mapped[str] = mapped_column(String(16))  # of the facts the signal states (its message)
    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    handled_on: Mapped[dt.date | None] = mapped_column(Date)
    handled_by: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)  # the medewerker's short note on handling (personal data)
    snoozed_until: Mapped[dt.date | None] = mapped_column(Date)  # listed again from this day
    assigned_to_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("medewerkers.id"))  # handed over to
    assigned_by: Mapped[str | None] = mapped_column(String(100))


__all__ = ["SignalState"]
