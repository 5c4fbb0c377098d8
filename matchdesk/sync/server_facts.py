"""The laptop's audit entries, appended to the server's audit chain as facts (never replayed).

A fact is an audit entry as the laptop wrote it: ``{"id", "at", "medewerker", "action", "record_type",
"record_id", "fields", "detail"}``. It is appended with its original time and the signed-in medewerker; the
laptop's id goes into ``detail`` (``laptop <id>``, with the laptop's own detail after it), and a fact
naming another medewerker keeps that name there too. The fact's id becomes the entry's id, so a push sent
again appends nothing twice. Facts name record ids and field names only, as every audit entry does. A fact
that is no audit entry (no id, no time) is skipped rather than refusing the push.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import AuditEntry

__all__ = ["append_facts"]

MAX_TEXT = 2000


def append_facts(app: Any, laptop: str, facts: Sequence[Mapping[str, Any]]) -> int:
    """Append ``facts`` (those not appended before) in one transaction as ``app.user``: how many were new."""
    entries = [entry for fact in facts if (entry := _entry(app.user, laptop, fact)) is not None]
    if not entries:
        return 0
    with app.unit() as session:
        known = set(session.scalars(select(AuditEntry.id).where(AuditEntry.id.in_([e.id for e in entries]))))
        new = []
        for entry in entries:
            if entry.id not in known:
                known.add(entry.id)
                new.append(entry)
        session.add_all(new)
        return len(new)


def _entry(user: str, laptop: str, fact: Mapping[str, Any]) -> AuditEntry | None:
    """The entry for ``fact``; None for one that is no audit entry (skipped: it must not block the laptop's
    sync for good, and it says nothing the server could append)."""
    if not isinstance(fact, Mapping):
        return None
    try:
        fact_id = uuid.UUID(str(fact["id"]))
        at = dt.datetime.fromisoformat(str(fact["at"]).replace("Z", "+00:00"))
        action = _text(fact["action"], 40)
        record_type = _text(fact["record_type"], 40)
        record_id = uuid.UUID(str(fact["record_id"])) if fact.get("record_id") else None
    except (KeyError, TypeError, ValueError):
        return None
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    detail = f"laptop {laptop}"
    original = str(fact.get("medewerker") or "")
    if original and original != user:
        detail += f", vastgelegd als {original}"
    if fact.get("detail"):
        detail += f": {fact['detail']}"
    return AuditEntry(id=fact_id, at=at, medewerker=user, action=action, record_type=record_type,
                      record_id=record_id, fields=_text(fact.get("fields"), MAX_TEXT) or None,
                      detail=detail[:MAX_TEXT], created_at=utcnow())


def _text(value: object, length: int) -> str:
    return ("" if value is None else str(value))[:length]
