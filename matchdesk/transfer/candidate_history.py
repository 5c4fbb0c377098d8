"""A candidate's education, work experience and contact moments in and out (issue 17 item 4): each its own
record type (its own sheet or file), keyed to the candidate's klantnummer and a few fields of its own.

A row names a live candidate by klantnummer; a row for an unknown candidate is refused. A row whose key is
stored already updates that record. Educations and work experiences are a candidate's children: a change
bumps the candidate's version and is audited on the candidate (``storage.audit``); a contact moment is
audited itself."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.errors import ValidationError
from matchdesk.services import fields as f
from matchdesk.storage.models import Candidate, ContactMoment, Education, WorkExperience
from matchdesk.transfer.base import ImportOptions, RecordType
from matchdesk.transfer.columns import Column, RowInput, yes_no

CONTACT_KINDS = ("gesprek", "telefoon", "e-mail", "bezoek")  # as services.contacts.CONTACT_KINDS


def _klantnummer() -> Column:
    return Column("klantnummer", "klantnummer", f.required_text("klantnummer", 30), required=True,
                  doc="de kandidaat (die moet bestaan); sleutel")


def _contact_kind(value: object) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    kind = str(value).strip().lower().replace("email", "e-mail")
    if kind not in CONTACT_KINDS:
        raise ValidationError("soort", value, f"soort: onbekende waarde {value!r}; kies uit {', '.join(CONTACT_KINDS)}")
    return kind


class CandidateHistory(RecordType):
    """Rows that belong to a candidate: ``model`` with ``candidate_id``; ``key_fields`` start with klantnummer,
    the rest are attributes of ``model``; every other column's field is an attribute too."""

    model: Any  # a mapped class with ``candidate_id``
    personal = True
    order: tuple[str, ...] = ()  # the export's order within a candidate (attributes), after the key

    def start(self, session: Session, options: ImportOptions) -> None:
        self.candidates: dict[str, uuid.UUID] = dict(session.execute(
            select(Candidate.klantnummer, Candidate.id).where(Candidate.deleted_at.is_(None))).all())

    def refresh(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        self.start(session, options)

    def check(self, row: RowInput, values: dict[str, Any], found: Any | None, options: ImportOptions) -> None:
        """Checks of the record type itself (on the values as they would be stored)."""

    def defaults(self, values: dict[str, Any], options: ImportOptions) -> dict[str, Any]:
        return {}

    def process(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        model = self.model
        attributes = [c.field for c in self.columns(options.today) if c.field != "klantnummer"]
        keys = self.key_fields[1:]
        for row in rows:
            if row.rejected:
                continue
            values = row.values
            candidate_id = self.candidates.get(values["klantnummer"])
            if candidate_id is None:
                row.error("klantnummer", f"kandidaat met klantnummer {values['klantnummer']} bestaat niet",
                          field_name="klantnummer")
                continue
            query = select(model).where(model.candidate_id == candidate_id)
            for key in keys:
                column = getattr(model, key)
                query = query.where(column.is_(None) if values.get(key) is None else column == values[key])
            found = session.scalars(query.order_by(model.created_at)).first()
            if found is None:
                self.missing_for_new(row, options, self.columns(options.today))
            self.check(row, values, found, options)
            if row.rejected:
                continue
            if found is None:
                data = {name: values.get(name) for name in attributes}
                data.update((k, v) for k, v in self.defaults(values, options).items() if data.get(k) is None)
                session.add(model(candidate_id=candidate_id, **data))
                session.flush()
                row.outcome = "new"
                continue
            changed = False
            for name in attributes:
                if name in values and getattr(found, name) != values[name]:
                    setattr(found, name, values[name])
                    changed = True
            if changed:
                session.flush()
            row.outcome = "updated" if changed else "unchanged"

    def export_values(self, session: Session) -> Iterator[dict[str, object]]:
        model = self.model
        fields = [c.field for c in self.columns(dt.date.today()) if c.field != "klantnummer"]
        order = [getattr(model, name) for name in (*self.key_fields[1:], *self.order)]
        query = (select(Candidate.klantnummer, model).join(Candidate, Candidate.id == model.candidate_id)
                 .where(Candidate.deleted_at.is_(None))
                 .order_by(Candidate.klantnummer, *(c.is_(None) for c in order), *order, model.created_at, model.id))
        for klantnummer, record in session.execute(query):
            yield {"klantnummer": klantnummer, **{name: getattr(record, name) for name in fields}}


class Educations(CandidateHistory):
    name = "educations"
    label = "opleidingen"
    audit_type = "kandidaat"
    sheet_names = ("opleidingen", "educations", "opleiding")
    key_fields = ("klantnummer", "name")
    model = Education
    order = ("year_end",)

    def columns(self, today: dt.date) -> tuple[Column, ...]:
        return (
            _klantnummer(),
            Column("opleiding", "name", f.required_text("opleiding"), required=True, doc="sleutel met klantnummer"),
            Column("niveau", "level", f.text("niveau", 40), doc="bijv. mbo 2, havo, hbo"),
            Column("instelling", "institution", f.text("instelling")),
            Column("jaar_einde", "year_end", f.integer("jaar_einde", 1900, today.year + 10), doc="bijv. 2019"),
            Column("diploma", "diploma", f.boolean("diploma"), yes_no, doc="ja/nee; leeg: nee"),
        )

    def defaults(self, values: dict[str, Any], options: ImportOptions) -> dict[str, Any]:
        return {"diploma": False}


class WorkExperiences(CandidateHistory):
    name = "work_experiences"
    label = "werkervaring"
    audit_type = "kandidaat"
    sheet_names = ("werkervaring", "work_experiences", "werkervaringen")
    key_fields = ("klantnummer", "function", "start")
    model = WorkExperience
    order = ("employer_name",)

    def columns(self, today: dt.date) -> tuple[Column, ...]:
        return (
            _klantnummer(),
            Column("functie", "function", f.required_text("functie"), required=True, doc="sleutel met klantnummer "
                   "en start"),
            Column("werkgever", "employer_name", f.text("werkgever"), doc="naam; hoeft geen bekende werkgever te zijn"),
            Column("start", "start", f.date("start", lambda: today), doc="eerste dag; leeg: niet bekend"),
            Column("einde", "end", f.date("einde"), doc="laatste dag; leeg: loopt nog of niet bekend"),
            Column("omschrijving", "description", f.text("omschrijving", 4000)),
        )

    def check(self, row: RowInput, values: dict[str, Any], found: Any | None, options: ImportOptions) -> None:
        start = values["start"] if "start" in values else getattr(found, "start", None)
        end = values["end"] if "end" in values else getattr(found, "end", None)
        if start and end and end < start:
            row.error("einde", "einde ligt vóór de start", field_name="end")


class ContactMoments(CandidateHistory):
    name = "contact_moments"
    label = "contactmomenten"
    audit_type = "contactmoment"
    sheet_names = ("contactmomenten", "contact_moments", "contacten")
    key_fields = ("klantnummer", "date", "kind")
    model = ContactMoment
    order = ("medewerker",)

    def columns(self, today: dt.date) -> tuple[Column, ...]:
        return (
            _klantnummer(),
            Column("datum", "date", f.date("datum", lambda: today), required=True,
                   doc="sleutel met klantnummer en soort; niet in de toekomst"),
            Column("soort", "kind", _contact_kind, required=True, doc=", ".join(CONTACT_KINDS)),
            Column("medewerker", "medewerker", f.text("medewerker", 100),
                   doc="wie het contact had (een naam); leeg: wie importeert"),
            Column("samenvatting", "summary", f.text("samenvatting", 4000)),
            Column("volgend_contact", "next_contact", f.date("volgend_contact"), doc="niet vóór de datum"),
        )

    def defaults(self, values: dict[str, Any], options: ImportOptions) -> dict[str, Any]:
        return {"medewerker": options.user}

    def check(self, row: RowInput, values: dict[str, Any], found: Any | None, options: ImportOptions) -> None:
        following = values["next_contact"] if "next_contact" in values else getattr(found, "next_contact", None)
        if following and following < values["date"]:
            row.error("volgend_contact", "volgend_contact ligt vóór de datum", field_name="next_contact")
