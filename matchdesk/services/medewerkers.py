"""The medewerkers of a database: who can be chosen at the first start, and registering a new one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from matchdesk.domain import Role
from matchdesk.services.employers import ensure_medewerker
from matchdesk.storage.models import Medewerker

if TYPE_CHECKING:
    from matchdesk.app import App

REGIONS = ("WVS", "Zuid-Holland Centraal")  # what the first start offers for a new database


@dataclass(frozen=True)
class MedewerkerInfo:
    id: uuid.UUID
    name: str
    role: Role
    region: str | None


def medewerker_names(app: App) -> tuple[str, ...]:
    """Every medewerker's name, sorted (the first start's choice)."""
    with app.reading() as session:
        return tuple(session.scalars(select(Medewerker.name).order_by(Medewerker.name)))


def register_medewerker(app: App, name: str, role: Role, region: str | None, *,
                        database_region: bool = False) -> MedewerkerInfo:
    """The medewerker ``name`` (created with ``role`` and ``region`` when new; an existing one is kept as it
    is), recorded as written by that medewerker. ``database_region``: the first medewerker of a new
    database also chooses the database's region."""
    name = name.strip()
    with app.unit(name) as session:
        medewerker = ensure_medewerker(session, name, role, region=region)
        if database_region and region:
            app.db.set_meta(session, "region", region)
        session.flush()
        return MedewerkerInfo(medewerker.id, medewerker.name, medewerker.role, medewerker.region)


__all__ = ["REGIONS", "MedewerkerInfo", "medewerker_names", "register_medewerker"]
