"""The team server's own tables (migration 0011): sign-in tokens, the commands it received, and the change log
that pull reads.

- ``sync_tokens``: a medewerker's sign-in tokens, stored as SHA-256 hashes (the token itself is shown once by
  ``matchdesk users add``); a revoked token keeps its row with ``revoked_at``.
- ``sync_received``: every command a laptop pushed, by its id, with the answer given: a command sent again gets
  the stored answer and is never applied twice. Written in the same transaction as the command's effect.
- ``sync_changes``: one row per insert, update or delete of a synced row, written by a PostgreSQL trigger with
  the writing transaction's id (``pg_current_xact_id()``); ``matchdesk.sync.changes`` reads it, and prunes
  what is older than ``serve --keep-days``. On SQLite the table exists but no trigger fills it (a laptop is no
  server).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from matchdesk.storage.ids import new_id, utcnow
from matchdesk.storage.model_base import Base


class SyncToken(Base):
    __tablename__ = "sync_tokens"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    medewerker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("medewerkers.id"), index=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the token
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SyncReceived(Base):
    __tablename__ = "sync_received"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # the command's id
    medewerker: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10))  # applied | rules | conflict | invalid
    result: Mapped[str] = mapped_column(Text)  # JSON: the answer given (without ``current``)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncChange(Base):
    __tablename__ = "sync_changes"

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                     autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    op: Mapped[str] = mapped_column(String(6))  # upsert | delete | moved (in or out of a scope)
    xid: Mapped[int] = mapped_column(BigInteger, index=True)  # pg_current_xact_id() of the writing transaction
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=text("CURRENT_TIMESTAMP"), index=True)  # pruning


__all__ = ["SyncChange", "SyncReceived", "SyncToken"]
