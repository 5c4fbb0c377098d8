"""Push on the team server: each command replayed through the same use cases and rules, once.

One command, one transaction. ``matchdesk.sync.commands.replay`` runs the command's use case on an ``App``
opened as the signed-in medewerker with "today" the command's decision date; the use case opens its own unit
of work. Just before that unit commits, ``replay``'s ``on_applied`` hook (``_write_receipt``) checks that
every row the command touched lies in the medewerker's scope and adds the ``sync_received`` row with the
answer, so the effect and the record that it happened commit together or not at all: a command sent again
(a retry after a dropped connection, a server killed before it answered) finds its answer there and is not
applied again, and a second request racing the first with the same id fails on the primary key and gets
the first one's answer.

Answers (docs/sync.md): ``applied``; ``rules`` (RuleViolation: its findings); ``conflict`` (a version in
``expects`` moved, or the use case's own version check: who and when); ``invalid`` (unknown command, bad
arguments, a record outside the scope). A refused command's answer is stored in a transaction of its own (no
effect to go with it) and carries ``current``: the server's rows for everything the command touched, read
fresh for every answer, so the laptop can undo its local effect. The laptop's audit entries come as facts and
are appended to the server's chain (``append_facts``), never replayed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.errors import MatchDeskError, StorageUnavailable
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import SyncReceived
from matchdesk.sync.server_rows import TABLES, split_key, wire_row
from matchdesk.sync.server_scope import Scope, in_scope

__all__ = ["Replayer", "answer_command"]

# ``commands.replay``: (app, command, *, on_applied=hook(session)) -> the answer (a dict)
Replayer = Callable[..., Mapping[str, Any]]


class OutOfScope(MatchDeskError):
    pass


@dataclass
class _Receipt:
    command_id: uuid.UUID
    medewerker: str
    scope: Scope
    touched: list[tuple[str, uuid.UUID]]
    result: dict[str, Any] = field(default_factory=dict)
    written: bool = False


def _write_receipt(session: Session, receipt: _Receipt) -> None:
    """In the command's own transaction, just before it commits: the scope of what it wrote, and the receipt."""
    if receipt.written:  # a use case of more than one unit of work: the first one carries it
        return
    session.flush()
    for table, row_id in receipt.touched:
        if in_scope(session, receipt.scope, table, row_id) is False:
            raise OutOfScope(f"{table}/{row_id} valt buiten het werkgebied van {receipt.medewerker}")
    session.add(SyncReceived(id=receipt.command_id, medewerker=receipt.medewerker, status="applied",
                             result=json.dumps(receipt.result, ensure_ascii=False), received_at=utcnow()))
    receipt.written = True


def answer_command(app: Any, scope: Scope, command: Mapping[str, Any], replay: Replayer) -> dict[str, Any]:
    """The answer to one pushed command (replayed now, or the stored answer of an earlier push); ``app``: the
    server's App as the signed-in medewerker. StorageUnavailable (the database is gone or busy) propagates:
    nothing is stored, the laptop sends the command again."""
    try:
        command_id = uuid.UUID(str(command.get("id")))
    except ValueError:
        return {"id": str(command.get("id")), "status": "invalid", "message": "De opdracht heeft geen geldig id.",
                "findings": [], "changed_by": None, "changed_at": None, "current": {}}
    touched = _keys([*(command.get("touched") or ()), *(command.get("expects") or {})])
    stored = _stored(app, command_id)
    if stored is not None:
        return _with_current(app, scope, stored, touched)
    answer = _outside(app, scope, command_id, touched)
    if answer is None:
        answer = _replay(app, scope, command_id, command, touched, replay)
    if answer.get("status") != "applied":
        answer = _store_refusal(app, command_id, answer)
    return _with_current(app, scope, answer, touched)


def _replay(app: Any, scope: Scope, command_id: uuid.UUID, command: Mapping[str, Any],
            touched: list[tuple[str, uuid.UUID]], replay: Replayer) -> dict[str, Any]:
    applied: dict[str, Any] = {"id": str(command_id), "status": "applied", "message": "", "findings": [],
                               "changed_by": None, "changed_at": None}
    receipt = _Receipt(command_id, app.user, scope, touched, result=applied)
    try:
        answer = dict(replay(app, command, on_applied=lambda session: _write_receipt(session, receipt)))
        if answer.get("status") == "applied" and not receipt.written:
            with app.unit() as session:  # the use case had nothing to write: the receipt alone
                _write_receipt(session, receipt)
    except StorageUnavailable as error:
        stored = _stored(app, command_id) if _duplicate(error) else None
        if stored is None:
            raise
        return stored  # a racing request with the same id got there first
    answer.pop("current", None)
    answer["id"] = str(command_id)
    return answer


def _outside(app: Any, scope: Scope, command_id: uuid.UUID,
             touched: list[tuple[str, uuid.UUID]]) -> dict[str, Any] | None:
    """The answer when a row the command names lies outside the medewerker's scope (it is not replayed)."""
    with app.reading() as session:
        for table, row_id in touched:
            if in_scope(session, scope, table, row_id) is False:
                return {"id": str(command_id), "status": "invalid", "findings": [], "changed_by": None,
                        "changed_at": None,
                        "message": f"Een gegeven van deze opdracht valt buiten het werkgebied van {app.user}."}
    return None


def _keys(values: Any) -> list[tuple[str, uuid.UUID]]:
    keys = []
    for value in values or ():
        parsed = split_key(str(value))
        if parsed is not None and parsed not in keys:
            keys.append(parsed)
    return keys


def _duplicate(error: StorageUnavailable) -> bool:
    return "dubbele" in str(error)


def _stored(app: Any, command_id: uuid.UUID) -> dict[str, Any] | None:
    with app.reading() as session:
        text = session.scalar(select(SyncReceived.result).where(SyncReceived.id == command_id))
    return json.loads(text) if text is not None else None


def _store_refusal(app: Any, command_id: uuid.UUID, answer: dict[str, Any]) -> dict[str, Any]:
    try:
        with app.unit() as session:
            session.add(SyncReceived(id=command_id, medewerker=app.user, status=answer["status"],
                                     result=json.dumps(answer, ensure_ascii=False), received_at=utcnow()))
    except StorageUnavailable as error:
        stored = _stored(app, command_id) if _duplicate(error) else None
        if stored is None:
            raise
        return stored
    return answer


def _with_current(app: Any, scope: Scope, answer: Mapping[str, Any],
                  touched: list[tuple[str, uuid.UUID]]) -> dict[str, Any]:
    result = dict(answer)
    result["current"] = {}
    if result.get("status") == "applied":
        return result
    with app.reading() as session:
        for table, row_id in touched:
            mapped = TABLES[table]
            row = session.execute(select(mapped).where(mapped.c.id == row_id)).mappings().first()
            held = row is not None and in_scope(session, scope, table, row_id)  # nothing outside the scope
            result["current"][f"{table}/{row_id}"] = wire_row(table, row) if held else None
    return result
