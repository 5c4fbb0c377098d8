"""A laptop's outbox (migration 0010): the commands it made offline, in order, with the server's answer.

One row per command (docs/sync.md "A command"), appended in the same transaction as the command's effect
(``matchdesk.sync.outbox``). ``status``: pending (not yet answered), applied, rules, conflict, invalid (the
server refused it: ``message``, ``findings``, ``changed_by``/``changed_at``, ``current`` = the server's rows,
``local`` = the laptop's rows before they were undone), dropped (a refused one the user let go). A plain
desktop file never has rows here. The laptop's sync state (its id, server, watermark, last sync) is in
``meta`` under ``sync.*`` keys.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from matchdesk.storage.model_base import Record

OUTBOX_STATUSES = ("pending", "applied", "rules", "conflict", "invalid", "dropped")


class OutboxCommand(Record):
    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, unique=True)  # order on this laptop
    name: Mapped[str] = mapped_column(String(40))
    args: Mapped[str] = mapped_column(Text)  # JSON (codec.encode_args)
    ids: Mapped[str] = mapped_column(Text)  # JSON list of the ids created, in order
    expects: Mapped[str] = mapped_column(Text)  # JSON {"table/uuid": version}
    touched: Mapped[str] = mapped_column(Text)  # JSON ["table/uuid", ...]
    decided_on: Mapped[dt.date] = mapped_column(Date)
    rulebook: Mapped[str] = mapped_column(Text)  # JSON {"wvs": "wvs@<sha>"}: the versions judged by
    verdict: Mapped[str] = mapped_column(String(10))  # ok | warnings
    medewerker: Mapped[str] = mapped_column(String(100))
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    message: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[str | None] = mapped_column(Text)  # JSON list
    changed_by: Mapped[str | None] = mapped_column(String(100))
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    current: Mapped[str | None] = mapped_column(Text)  # JSON {"table/uuid": row or null}: the server's
    local: Mapped[str | None] = mapped_column(Text)  # JSON {"table/uuid": row or null}: the laptop's, undone
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


__all__ = ["OUTBOX_STATUSES", "OutboxCommand"]
