"""The audit entry for a rulebook from ``--rules`` that replaces a shipped book or switches off its rules.

One entry per distinct override (book id, what it replaces, which rules are off, the file's fingerprint),
written the first time a MatchDesk with that book opens the database; the same book opened again adds
nothing, an edited file is a new entry. Who: the medewerker of the app. No personal data: ids, a file
name, a fingerprint. ``App.open`` (or whoever builds the app for a database) calls it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from matchdesk.storage.audit import log_event
from matchdesk.storage.models import AuditEntry

if TYPE_CHECKING:
    from matchdesk.app import App

ACTION = "regelboek overschreven"
RECORD_TYPE = "regelboek"


def record_rulebook_overrides(app: App) -> int:
    """Audit each override of ``app.rulebooks`` not yet in the log; returns how many entries were written."""
    overrides = app.rulebooks.overrides
    if not overrides:
        return 0  # the usual case: no unit of work, nothing written
    written = 0
    with app.unit() as session:
        for override in overrides:
            detail = override.audit_detail()
            seen = session.scalar(select(AuditEntry.id).where(AuditEntry.action == ACTION,
                                                              AuditEntry.record_type == RECORD_TYPE,
                                                              AuditEntry.detail == detail).limit(1))
            if seen is None:
                log_event(session, ACTION, RECORD_TYPE, None, detail=detail)
                written += 1
    return written
