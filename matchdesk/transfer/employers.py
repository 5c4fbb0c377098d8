"""Employers in and out, keyed on the KvK number, through the employer service."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.errors import MatchDeskError
from matchdesk.services import fields as f
from matchdesk.services.employers import EMPLOYER_SPEC, create_employer, update_employer
from matchdesk.services.records import apply
from matchdesk.storage.models import Employer, Medewerker
from matchdesk.transfer.base import ImportOptions, RecordType
from matchdesk.transfer.columns import Column, RowInput, kvk
from matchdesk.transfer.owners import Staff

_PLAIN = tuple(EMPLOYER_SPEC)


def employer_columns() -> tuple[Column, ...]:
    s = EMPLOYER_SPEC
    return (
        Column("kvk", "kvk", kvk("kvk"), required=True, doc="sleutel; precies 8 cijfers"),
        Column("naam", "name", s["name"], required=True, doc="verplicht"),
        Column("sector", "sector", s["sector"]),
        Column("adres", "adres", s["adres"]),
        Column("postcode", "postcode", s["postcode"], doc="1234 AB, met of zonder spatie"),
        Column("plaats", "plaats", s["plaats"]),
        Column("contactpersoon", "contactpersoon", s["contactpersoon"]),
        Column("email", "email", s["email"]),
        Column("telefoon", "telefoon", s["telefoon"]),
        Column("accountmanager", "accountmanager", f.text("accountmanager", 100),
               doc="naam van een bestaande medewerker; een onbekende naam: waarschuwing, de accountmanager blijft"),
    )


def live_or_tombstone(session: Session, model, key_column, key: str, *loads):
    """The live record with this key, else the most recently deleted one (to restore), else None."""
    live = session.scalar(select(model).where(key_column == key, model.deleted_at.is_(None)).options(*loads))
    if live is not None:
        return live
    return session.scalars(select(model).where(key_column == key).order_by(model.deleted_at.desc())
                           .options(*loads)).first()


class Employers(RecordType):
    name = "employers"
    label = "werkgevers"
    audit_type = "werkgever"
    sheet_names = ("werkgevers", "employers")
    key_fields = ("kvk",)

    def columns(self, today: dt.date) -> tuple[Column, ...]:
        return employer_columns()

    def start(self, session: Session, options: ImportOptions) -> None:
        self.staff = Staff()
        self.staff.load(session)

    def refresh(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        self.staff.load(session)

    def process(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        columns = employer_columns()
        for row in rows:
            if row.rejected:
                continue
            values = row.values
            found = live_or_tombstone(session, Employer, Employer.kvk, values["kvk"])
            if found is None or found.deleted_at is not None:
                self.missing_for_new(row, options, columns)
                if row.rejected:
                    continue
            plain = {k: v for k, v in values.items() if k in _PLAIN}
            manager, keep = None, False
            if values.get("accountmanager"):
                manager = self.staff.resolve(row, "accountmanager", values["accountmanager"], "accountmanager",
                                             "werkgever")
                keep = manager is None  # an unknown name: the employer keeps its accountmanager
            try:
                if found is None:
                    create_employer(session, plain, accountmanager_id=manager)
                    row.outcome = "new"
                    continue
                restoring = found.deleted_at is not None
                if restoring:
                    found.deleted_at = None
                    changed = apply(found, plain)
                else:
                    changed = update_employer(session, found.id, None, plain)
                if "accountmanager" in values and not keep and found.accountmanager_id != manager:
                    found.accountmanager_id = manager
                    changed.append("accountmanager_id")
                row.outcome = "restored" if restoring else "updated" if changed else "unchanged"
            except MatchDeskError as error:  # the checks above leave nothing half written when this happens
                row.error("kvk", str(error), field_name="kvk")

    def export_values(self, session: Session) -> Iterator[dict[str, object]]:
        staff: dict[uuid.UUID | None, str] = dict(session.execute(select(Medewerker.id, Medewerker.name)).all())
        for employer in session.scalars(select(Employer).where(Employer.deleted_at.is_(None)).order_by(Employer.kvk)):
            values = {name: getattr(employer, name) for name in _PLAIN}
            values["accountmanager"] = staff.get(employer.accountmanager_id)
            yield values

