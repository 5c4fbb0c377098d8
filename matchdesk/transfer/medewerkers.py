"""Medewerkers in and out, keyed on the name (issue 17 item 3): the one way besides the window to add the
consulenten and accountmanagers that candidate and employer lists name. Giving a medewerker the role
teamleider, or changing a role, is for a teamleider: a row that would do so for anyone else is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.domain import Role
from matchdesk.errors import MatchDeskError
from matchdesk.services import fields as f
from matchdesk.services.employers import ensure_medewerker, medewerker_role
from matchdesk.storage.models import Medewerker
from matchdesk.transfer.base import ImportOptions, RecordType
from matchdesk.transfer.columns import Column, RowInput, none_words
from matchdesk.validators import normalize_email

_FIELDS = ("role", "email", "phone", "region")


def _email(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else normalize_email(str(value).strip())


def medewerker_columns() -> tuple[Column, ...]:
    return (
        Column("naam", "name", f.required_text("naam", 100), required=True,
               doc="sleutel; zoals de kolommen consulent en accountmanager hem noemen"),
        Column("rol", "role", none_words(f.choice("rol", Role)),
               doc=", ".join(r.value for r in Role) + "; leeg: matchmaker (een nieuwe). Alleen een teamleider "
               "geeft de rol teamleider of wijzigt een rol", lenient=True),
        Column("email", "email", _email),
        Column("telefoon", "phone", f.text("telefoon", 30)),
        Column("regio", "region", f.text("regio", 100)),
    )


class Medewerkers(RecordType):
    name = "medewerkers"
    label = "medewerkers"
    audit_type = "medewerker"
    sheet_names = ("medewerkers", "staff")
    key_fields = ("name",)
    personal = True  # e-mail addresses and telephone numbers of people: exports are audited

    def columns(self, today: dt.date) -> tuple[Column, ...]:
        return medewerker_columns()

    def start(self, session: Session, options: ImportOptions) -> None:
        self.teamleider = medewerker_role(session, options.user) == Role.TEAMLEIDER

    def process(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        for row in rows:
            if row.rejected:
                continue
            values = row.values
            name = values["name"]
            found = session.scalar(select(Medewerker).where(Medewerker.name == name))
            role = values.get("role")
            if not self.teamleider and role is not None and (
                    found.role != role if found is not None else role == Role.TEAMLEIDER):
                row.error("rol", "alleen een teamleider geeft de rol teamleider of wijzigt een rol",
                          field_name="role")
                continue
            try:
                if found is None:
                    extra = {k: values[k] for k in ("email", "phone", "region") if values.get(k) is not None}
                    found = ensure_medewerker(session, name, role or Role.MATCHMAKER, **extra)
                    session.flush()
                    row.outcome = "new"
                    continue
            except MatchDeskError as error:
                row.error("naam", str(error), field_name="name")
                continue
            changed = False
            for key in _FIELDS:  # a cell left empty is not in ``values`` (unless --leeg-wist); a role stays a role
                if key in values and (values[key] is not None or key != "role") and getattr(found, key) != values[key]:
                    setattr(found, key, values[key])
                    changed = True
            row.outcome = "updated" if changed else "unchanged"

    def export_values(self, session: Session) -> Iterator[dict[str, object]]:
        for medewerker in session.scalars(select(Medewerker).order_by(Medewerker.name)):
            yield {"name": medewerker.name, **{key: getattr(medewerker, key) for key in _FIELDS}}
