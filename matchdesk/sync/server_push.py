"""Push on the team server: each command replayed through the same use cases and rules, once.

One command, one transaction. ``matchdesk.sync.commands.replay`` runs the command's use case on an ``App``
opened as the signed-in medewerker with "today" the command's decision date; the use case opens its own unit
of work. A hook on that unit's commit (``_Receipt``) checks that every row the command touched lies in the
medewerker's scope and adds the ``sync_received`` row with the answer, so the effect and the record that it
happened commit together or not at all: a command sent again (a retry after a dropped connection, a server
killed before it answered) finds its answer there and is not applied again, and a second request racing the
first with the same id fails on the primary key and gets the first one's answer.

Answers (docs/sync.md): ``applied``; ``rules`` (RuleViolation: its findings); ``conflict`` (a version in
``expects`` moved, or the use case's own version check: who and when); ``invalid`` (unknown command, bad
arguments, a record outside the scope). A refused command's answer is stored in a transaction of its own (no
effect to go with it) and carries ``current``: the server's rows for everything the command touched, read
fresh for every answer, so the laptop can undo its local effect. The laptop's audit entries come as facts and
are appended to the server's chain (``append_facts``), never replayed.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchdesk.errors import ConflictError, MatchDeskError, RuleViolation, StorageUnavailable
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import SyncReceived
from matchdesk.sync.server_rows import TABLES, split_key, wire_row, wire_value
from matchdesk.sync.server_scope import Scope, in_scope

__all__ = ["Replayer", "answer_command"]

log = logging.getLogger("matchdesk.sync.server")
_RECEIPT: contextvars.ContextVar[_Receipt | None] = contextvars.ContextVar("matchdesk_sync_receipt", default=None)
Replayer = Callable[[Any, Mapping[str, Any]], Any]  # (app, command) -> the use case's result


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


@event.listens_for(Session, "before_commit")
def _write_receipt(session: Session) -> None:
    receipt = _RECEIPT.get()
    if receipt is None or receipt.written or not session.info.get("user"):
        return
    session.flush()
    for table, row_id in receipt.touched:
        if in_scope(session, receipt.scope, table, row_id) is False:
            raise OutOfScope(f"{table}/{row_id} valt buiten het werkgebied van {receipt.medewerker}")
    session.add(SyncReceived(id=receipt.command_id, medewerker=receipt.medewerker, status="applied",
                             result=json.dumps(receipt.result, ensure_ascii=False), received_at=utcnow()))


@event.listens_for(Session, "after_commit")
def _receipt_committed(session: Session) -> None:
    receipt = _RECEIPT.get()
    if receipt is not None and session.info.get("user"):
        receipt.written = True


def answer_command(app: Any, scope: Scope, command: Mapping[str, Any], replay: Replayer,
                   make_app: Callable[[dt.date], Any]) -> dict[str, Any]:
    """The answer to one pushed command (replayed now, or the stored answer of an earlier push).
    ``app``: the server's App as the signed-in medewerker; ``make_app(day)``: the same as of the decision date.
    StorageUnavailable (the database is gone or busy) propagates: nothing is stored, the laptop tries again."""
    try:
        command_id = uuid.UUID(str(command.get("id")))
    except ValueError:
        return {"id": str(command.get("id")), "status": "invalid", "message": "de opdracht heeft geen geldig id",
                "findings": [], "changed_by": None, "changed_at": None, "current": {}}
    touched = _keys(command.get("touched"))
    stored = _stored(app, command_id)
    if stored is not None:
        return _with_current(app, scope, stored, touched)
    answer = _run(app, scope, command_id, command, touched, replay, make_app)
    if answer["status"] != "applied":
        answer = _store_refusal(app, command_id, answer)
    return _with_current(app, scope, answer, touched)


def _run(app: Any, scope: Scope, command_id: uuid.UUID, command: Mapping[str, Any],
         touched: list[tuple[str, uuid.UUID]], replay: Replayer, make_app: Callable[[dt.date], Any]) -> dict:
    base = {"id": str(command_id), "status": "applied", "message": "", "findings": [], "changed_by": None,
            "changed_at": None}
    try:
        day = dt.date.fromisoformat(str(command.get("decided_on")))
    except ValueError:
        return {**base, "status": "invalid", "message": "de opdracht heeft geen geldige beslisdatum"}
    refused = _check_before(app, scope, command, touched)
    if refused is not None:
        return {**base, **refused}
    receipt = _Receipt(command_id, app.user, scope, touched, result=base)
    token = _RECEIPT.set(receipt)
    try:
        outcome = replay(make_app(day), command)
        if not receipt.written:  # the use case had nothing to write: the receipt alone
            with app.unit() as session:
                session.info["matchdesk.receipt_only"] = True
    except RuleViolation as error:
        return {**base, "status": "rules", "message": str(error), "findings": _findings(error.findings)}
    except ConflictError as error:
        return {**base, "status": "conflict", "message": str(error), "changed_by": error.changed_by,
                "changed_at": _changed_at(app, touched)}
    except StorageUnavailable as error:
        if _duplicate(error) and _stored(app, command_id) is not None:
            return dict(_stored(app, command_id) or {})  # a racing request with the same id got there first
        raise
    except IntegrityError:
        stored = _stored(app, command_id)
        if stored is not None:
            return stored
        return {**base, "status": "invalid", "message": "de opdracht botst met een gegeven op de server"}
    except MatchDeskError as error:
        return {**base, "status": "invalid", "message": str(error)}
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        log.warning("opdracht %s (%s) ongeldig: %s", command_id, command.get("name"), type(error).__name__)
        return {**base, "status": "invalid", "message": "de opdracht of haar gegevens zijn ongeldig"}
    finally:
        _RECEIPT.reset(token)
    findings = getattr(outcome, "findings", None)
    return {**base, "findings": _findings(findings)} if findings else base


def _check_before(app: Any, scope: Scope, command: Mapping[str, Any],
                  touched: list[tuple[str, uuid.UUID]]) -> dict | None:
    """The answer when the command can be refused before it runs: a touched row outside the scope, or an
    ``expects`` version the server's row no longer has."""
    expects = command.get("expects") or {}
    if not isinstance(expects, Mapping):
        return {"status": "invalid", "message": "'expects' is geen lijst van versies"}
    with app.reading() as session:
        for table, row_id in touched + _keys(list(expects)):
            if in_scope(session, scope, table, row_id) is False:
                return {"status": "invalid", "message": f"een gegeven van deze opdracht valt buiten het "
                                                        f"werkgebied van {app.user}"}
        for key, version in expects.items():
            parsed = split_key(key)
            if parsed is None:
                return {"status": "invalid", "message": f"onbekend gegeven {key!r} in 'expects'"}
            mapped = TABLES[parsed[0]]
            row = session.execute(select(mapped.c.version, mapped.c.updated_by, mapped.c.updated_at)
                                  .where(mapped.c.id == parsed[1])).first()
            if row is not None and row.version != version:
                return {"status": "conflict", "changed_by": row.updated_by, "changed_at": wire_value(row.updated_at),
                        "message": f"{row.updated_by} heeft dit gegeven intussen gewijzigd "
                                   f"({wire_value(row.updated_at)}); er is niets overschreven"}
    return None


def _keys(values: Any) -> list[tuple[str, uuid.UUID]]:
    keys = []
    for value in values or ():
        parsed = split_key(str(value))
        if parsed is not None and parsed not in keys:
            keys.append(parsed)
    return keys


def _findings(findings: Any) -> list[dict[str, Any]]:
    out = []
    for finding in findings or ():
        if hasattr(finding, "to_json"):
            out.append(finding.to_json())
        elif isinstance(finding, Mapping):
            out.append(dict(finding))
        else:
            out.append({"rule": "", "severity": "block", "message": str(finding)})
    return out


def _changed_at(app: Any, touched: list[tuple[str, uuid.UUID]]) -> str | None:
    with app.reading() as session:
        times = [session.scalar(select(TABLES[t].c.updated_at).where(TABLES[t].c.id == i)) for t, i in touched]
    known = [t for t in times if t is not None]
    return wire_value(max(known)) if known else None


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
