"""The declarative base of every table: naming convention, enum columns, and the common record columns.

Every table has a UUID key, created/updated timestamps, who updated it, and a row version that SQLAlchemy
checks on every UPDATE (optimistic locking)."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import DateTime, Enum, Integer, MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from matchdesk.storage.ids import new_id, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def enum_column(enum: type[StrEnum]) -> Enum:
    """Enums stored by value as plain strings (portable; no native ENUM type)."""
    return Enum(enum, values_callable=lambda e: [m.value for m in e], native_enum=False,
                length=max(len(m.value) for m in enum), validate_strings=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record(Base):
    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="systeem")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    def __init__(self, **kwargs) -> None:
        # Ids are known before the flush: the audit log and callers need them at once.
        kwargs.setdefault("id", new_id(table=getattr(self, "__tablename__", None)))  # sync: ids per table
        super().__init__(**kwargs)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


__all__ = ["NAMING", "Base", "Record", "enum_column"]
