"""The tables about the database itself rather than the domain: the audit log, its rewrite permission, meta
facts and the editors' drafts."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Column, DateTime, Integer, String, Table, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from matchdesk.storage.ids import utcnow
from matchdesk.storage.model_base import Base, Record


class AuditEntry(Record):
    """Who did what to which record; the names of changed fields, never their values."""

    __tablename__ = "audit_log"

    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    medewerker: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    fields: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(String(64))  # the previous entry's entry_hash (chain)
    entry_hash: Mapped[str | None] = mapped_column(String(64))  # sha256 over this entry and prev_hash
    seq: Mapped[int | None] = mapped_column(Integer, index=True, unique=True)  # place in the chain (1, 2, ...)


# A row here, inserted and deleted again inside one transaction, lets that transaction change or delete audit
# entries (SQLite's triggers check it; PostgreSQL uses SET LOCAL): ``storage.audit_chain.allow_audit_rewrite``.
audit_permission = Table("audit_permission", Base.metadata, Column("txn", String(36), primary_key=True))


class Meta(Record):
    """Key/value facts about the database itself: the MatchDesk marker, the demo marker, the region."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text)


class Draft(Record):
    """An editor's unsaved input (personal data), one per kind, key and medewerker: ``services.drafts``."""
    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("kind", "key", "medewerker"),)
    kind: Mapped[str] = mapped_column(String(20))  # kandidaat | werkgever | vacature
    key: Mapped[str] = mapped_column(String(60))  # klantnummer, employer key or reference; "nieuw" for a new one
    medewerker: Mapped[str] = mapped_column(String(100))
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime)
    payload: Mapped[str] = mapped_column(Text)  # JSON: the editor's values


__all__ = ["AuditEntry", "Draft", "Meta", "audit_permission"]
