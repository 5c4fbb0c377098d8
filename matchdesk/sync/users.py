"""The team server's accounts: a medewerker with a sign-in token (``matchdesk --db URL users ...``).

A token is 43 random URL-safe characters (256 bits), shown once when it is made and stored only as its SHA-256
hash (``sync_tokens``). A medewerker has at most one live token; ``revoke`` ends it at once (the next request
with it gets HTTP 401) and ``add`` gives the same medewerker a new one afterwards. The medewerker's ``region``
is the scope of their laptop (``server_scope``); ``set_region`` narrows or widens it, and the laptop's next
pull deletes the candidates that left it and sends those that entered it. Every change is audited
as the medewerker who runs the command (``--user``, else ``systeem``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.domain import Role
from matchdesk.errors import NotFound, UsageError
from matchdesk.storage.audit import log_event
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import Medewerker, SyncToken
from matchdesk.sync.changes import mark_candidates_changed
from matchdesk.sync.server_scope import municipalities_of

if TYPE_CHECKING:
    from matchdesk.app import App

__all__ = ["Account", "NewToken", "SignedIn", "add_user", "hash_token", "list_users", "revoke_user", "set_region",
           "sign_in"]


@dataclass(frozen=True)
class NewToken:
    name: str
    role: Role
    region: str
    token: str  # shown once; only its hash is kept


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    region: str | None
    active: bool  # holds a live token
    since: dt.datetime | None  # when the live token was made


@dataclass(frozen=True)
class SignedIn:
    """The medewerker a request's token belongs to."""

    id: uuid.UUID
    name: str
    role: Role
    region: str | None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _medewerker(session: Session, name: str) -> Medewerker | None:
    return session.scalar(select(Medewerker).where(Medewerker.name == name.strip()))


def _live_token(session: Session, medewerker_id: uuid.UUID) -> SyncToken | None:
    return session.scalar(select(SyncToken).where(SyncToken.medewerker_id == medewerker_id,
                                                  SyncToken.revoked_at.is_(None)))


def add_user(app: App, name: str, role: Role, region: str) -> NewToken:
    """An account for ``name`` (the medewerker is made, or given this role and region) with a new token."""
    name = name.strip()
    if not name:
        raise UsageError("de naam van de medewerker is verplicht")
    region = region.strip()
    municipalities_of(region, app.rulebooks, strict=True)  # an unknown region is refused, not an empty scope
    token = secrets.token_urlsafe(32)
    with app.unit() as session:
        medewerker = _medewerker(session, name)
        if medewerker is None:
            medewerker = Medewerker(name=name, role=role, region=region)
            session.add(medewerker)
            session.flush()
        elif _live_token(session, medewerker.id) is not None:
            raise UsageError(f"{name} heeft al een token; trek het eerst in met 'matchdesk users revoke {name}' "
                             "en maak dan een nieuw")
        else:
            medewerker.role = role
            _new_region(app, session, medewerker, region)
        session.add(SyncToken(medewerker_id=medewerker.id, hash=hash_token(token), created_at=utcnow()))
        log_event(session, "toegang gegeven", "medewerker", medewerker.id, "teamserver-token")
    return NewToken(name, role, region, token)


def revoke_user(app: App, name: str) -> bool:
    """End ``name``'s live token; False when there was none."""
    with app.unit() as session:
        medewerker = _medewerker(session, name)
        if medewerker is None:
            raise NotFound(f"onbekende medewerker '{name.strip()}'")
        token = _live_token(session, medewerker.id)
        if token is None:
            return False
        token.revoked_at = utcnow()
        log_event(session, "toegang ingetrokken", "medewerker", medewerker.id, "teamserver-token")
        return True


def set_region(app: App, name: str, region: str) -> Account:
    """Give ``name`` another region (their laptop's scope from the next sync on)."""
    region = region.strip()
    municipalities_of(region, app.rulebooks, strict=True)
    with app.unit() as session:
        medewerker = _medewerker(session, name)
        if medewerker is None:
            raise NotFound(f"onbekende medewerker '{name.strip()}'")
        _new_region(app, session, medewerker, region)
        token = _live_token(session, medewerker.id)
        return Account(medewerker.name, medewerker.role, region, token is not None,
                       token.created_at if token else None)


def _new_region(app: App, session: Session, medewerker: Medewerker, region: str) -> None:
    """Give ``medewerker`` another region; the candidates entering or leaving their scope are marked changed, so
    their laptop's next pull sends or deletes them (``changes.mark_candidates_changed``)."""
    before = municipalities_of(medewerker.region, app.rulebooks)
    after = municipalities_of(region, app.rulebooks)
    medewerker.region = region
    mark_candidates_changed(session, before ^ after)


def list_users(app: App) -> tuple[Account, ...]:
    """Every medewerker with their role, region and whether they hold a live token, by name."""
    with app.reading() as session:
        live = {t.medewerker_id: t.created_at for t in session.scalars(
            select(SyncToken).where(SyncToken.revoked_at.is_(None)))}
        return tuple(Account(m.name, m.role, m.region, m.id in live, live.get(m.id))
                     for m in session.scalars(select(Medewerker).order_by(Medewerker.name)))


def sign_in(app: App, token: str) -> SignedIn | None:
    """The medewerker whose live token this is, or None."""
    if not token:
        return None
    with app.reading() as session:
        row = session.execute(
            select(Medewerker.id, Medewerker.name, Medewerker.role, Medewerker.region)
            .join(SyncToken, SyncToken.medewerker_id == Medewerker.id)
            .where(SyncToken.hash == hash_token(token), SyncToken.revoked_at.is_(None))).first()
    return SignedIn(row.id, row.name, row.role, row.region) if row is not None else None
