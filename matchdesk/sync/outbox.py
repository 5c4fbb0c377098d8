"""Recording: on a laptop every registered command appends its outbox row in the same transaction as its
effect.

The use cases of ``commands.COMMANDS`` carry ``@recorded("trajectory.start")``; whoever calls them (the
window through its ops, the command line, ``commands.execute``) records without knowing it. While a
recorded use case runs:

- ``storage.ids.recording`` notes the ids handed out for rows of the synced tables (``ids``);
- an ``after_flush`` listener collects the synced rows the unit inserts, updates or deletes (``touched``)
  and whether a trajectory was stored with a warning (``verdict``);
- a ``before_commit`` listener, in the use case's own unit of work and only when the database is a laptop
  (``meta`` key ``sync.laptop``), appends the ``OutboxCommand``; a unit that rolls back takes it along.

A plain desktop file (no ``sync.laptop``) records nothing; a server replaying a command (``quiet()``) neither.
A recorded use case called from inside another (``propose_pairs`` -> ``propose_from_ranking``) is part of
the outer one's command when there is an outer one. ``while_committing(hook)`` runs ``hook(session)`` in the
same place for the server (its ``sync_received`` row in the command's own transaction).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from matchdesk.storage.audit import READ_ONLY
from matchdesk.storage.ids import Noted, recording, utcnow
from matchdesk.storage.models import Meta, OutboxCommand
from matchdesk.sync.codec import SYNCED_TABLES, encode_args, row_key

if TYPE_CHECKING:
    from matchdesk.app import App

LAPTOP = "sync.laptop"  # meta: this database is a laptop (the value: its laptop id)
SERVER = "sync.server"  # meta: the server URL it syncs with
WATERMARK = "sync.watermark"  # meta: the watermark of the last pull
LAST_SYNC = "sync.last_sync"  # meta: when the last sync ended (ISO, UTC)
AUDIT_SENT = "sync.audit_seq"  # meta: the last audit entry (seq) pushed as a fact
SCOPE = "sync.scope"  # meta: the scope fingerprint of the server's copy (the handshake's "scope")
_SYNCED = frozenset(SYNCED_TABLES)
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class _Recorder:
    name: str
    args: dict[str, Any]
    app: App
    ids: list[Noted] = field(default_factory=list)
    touched: dict[str, None] = field(default_factory=dict)  # ordered set of "table/uuid"
    verdict: str = "ok"
    written: bool = False


_active: ContextVar[_Recorder | None] = ContextVar("matchdesk_sync_recorder", default=None)
_quiet: ContextVar[bool] = ContextVar("matchdesk_sync_quiet", default=False)
_committing: ContextVar[Callable[[Session], None] | None] = ContextVar("matchdesk_sync_committing", default=None)


def recorded(name: str, **fixed: Any) -> Callable[[F], F]:
    """Mark a use case ``f(app, ...)`` as command ``name`` (``fixed``: arguments the command adds, such as
    ``action`` of ``signal.state``). Iterators among its arguments are read into tuples once."""
    def wrap(function: F) -> F:
        signature = inspect.signature(function)

        @functools.wraps(function)
        def run(app: App, *args: Any, **kwargs: Any) -> Any:
            if _active.get() is not None or _quiet.get():
                return function(app, *args, **kwargs)
            bound = signature.bind(app, *args, **kwargs)
            for key, value in bound.arguments.items():
                if key != "app" and _is_iterator(value):
                    bound.arguments[key] = tuple(value)
            recorder = _Recorder(name, {k: v for k, v in bound.arguments.items() if k != "app"} | fixed, app)
            token = _active.set(recorder)
            try:
                with recording(SYNCED_TABLES) as noted:
                    recorder.ids = noted
                    return function(*bound.args, **bound.kwargs)
            finally:
                _active.reset(token)
        return run  # type: ignore[return-value]
    return wrap


def _is_iterator(value: object) -> bool:
    return (hasattr(value, "__iter__") and not isinstance(value, str | bytes | Mapping | list | tuple | set | frozenset)
            and not hasattr(value, "__dataclass_fields__"))


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Record nothing inside the block (the server replaying, the laptop applying the server's rows)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


@contextlib.contextmanager
def while_committing(hook: Callable[[Session], None]) -> Iterator[None]:
    """``hook(session)`` in every unit of work committed inside the block, just before its commit."""
    token = _committing.set(hook)
    try:
        yield
    finally:
        _committing.reset(token)


# -- the laptop flag ------------------------------------------------------------------------------------------
def is_laptop(session: Session) -> bool:
    """Whether this database records its commands (cached per database once it is one)."""
    bind = session.get_bind()
    cached = getattr(bind, "_matchdesk_laptop", False)
    if cached:
        return True
    laptop = session.scalar(select(Meta.value).where(Meta.key == LAPTOP)) is not None
    if laptop:
        bind._matchdesk_laptop = True  # type: ignore[union-attr]
    return laptop


def refuse_on_laptop(app: App, what: str) -> None:
    """A write that is no command (an import, erasure, retention) would never reach the server, and its next
    pull would overwrite it: on a laptop it is refused before anything is written (UsageError, exit 2)."""
    from matchdesk.errors import UsageError

    with app.reading() as session:
        laptop = is_laptop(session)
    if laptop:
        raise UsageError(f"{what} kan niet op een laptop die met de teamserver synchroniseert: het zou niet op de "
                         "server komen. Doe dit op de teamserver of op een computer op kantoor; de laptop krijgt "
                         "het bij de volgende synchronisatie.")


def meta_value(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


def set_meta_value(session: Session, key: str, value: str | None) -> None:
    row = session.scalar(select(Meta).where(Meta.key == key))
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def make_laptop(session: Session, server: str) -> str:
    """Mark this database a laptop of ``server`` (keeping its laptop id when it already is one)."""
    laptop = meta_value(session, LAPTOP) or str(uuid.uuid4())
    set_meta_value(session, LAPTOP, laptop)
    set_meta_value(session, SERVER, server)
    return laptop


# -- the listeners --------------------------------------------------------------------------------------------
@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    recorder = _active.get()
    if recorder is None or session.info.get(READ_ONLY):
        return
    from matchdesk.storage.models import Trajectory

    for group, check in ((session.new, False), (session.dirty, True), (session.deleted, False)):
        for obj in group:
            table = getattr(obj, "__tablename__", None)
            if table not in _SYNCED or (check and not session.is_modified(obj)):
                continue
            recorder.touched[row_key(table, obj.id)] = None
            if isinstance(obj, Trajectory) and obj.verdict == "warning" and obj not in session.deleted:
                recorder.verdict = "warnings"


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.in_nested_transaction() or session.info.get(READ_ONLY):
        return
    hook = _committing.get()
    if hook is not None:
        hook(session)
    recorder = _active.get()
    if recorder is None or recorder.written:
        return
    session.flush()
    if not recorder.touched or not is_laptop(session):
        return
    recorder.written = True
    session.add(_outbox_row(session, recorder))


def _outbox_row(session: Session, recorder: _Recorder) -> OutboxCommand:
    from matchdesk.sync.commands import expected_versions, id_to_wire
    from matchdesk.sync.versions import rulebook_versions

    app = recorder.app
    seq = (session.scalar(select(func.max(OutboxCommand.seq))) or 0) + 1
    return OutboxCommand(
        id=uuid.uuid4(), seq=seq, name=recorder.name, args=json.dumps(encode_args(recorder.args)),
        ids=json.dumps([id_to_wire(table, made) for table, made in recorder.ids]),
        expects=json.dumps(expected_versions(recorder.name, recorder.args)),
        touched=json.dumps(list(recorder.touched)), decided_on=app.today,
        rulebook=json.dumps(rulebook_versions(app.rulebooks), sort_keys=True), verdict=recorder.verdict,
        medewerker=session.info.get("user") or app.user, made_at=utcnow(), status="pending")


def as_command(row: OutboxCommand) -> dict[str, Any]:
    """An outbox row as one element of a push (docs/sync.md "A command")."""
    rulebooks = json.loads(row.rulebook)
    return {"id": str(row.id), "seq": row.seq, "name": row.name, "args": json.loads(row.args),
            "ids": json.loads(row.ids), "expects": json.loads(row.expects), "touched": json.loads(row.touched),
            "decided_on": row.decided_on.isoformat(),
            "rulebook": ",".join(rulebooks[k] for k in sorted(rulebooks)) if isinstance(rulebooks, dict) else rulebooks,
            "verdict": row.verdict, "medewerker": row.medewerker, "made_at": row.made_at.isoformat() + "Z"}


__all__ = ["AUDIT_SENT", "LAPTOP", "LAST_SYNC", "SCOPE", "SERVER", "WATERMARK", "as_command", "is_laptop",
           "refuse_on_laptop",
           "make_laptop", "meta_value", "quiet", "recorded", "set_meta_value", "while_committing"]
