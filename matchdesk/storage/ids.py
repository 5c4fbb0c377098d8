"""Where new ids and timestamps come from. Normally random and the clock; the demo generator makes them
deterministic for one seed and one "today" (same seed, same data, ids included).

Offline laptops (``matchdesk.sync``): while a laptop runs a command, ``recording(tables)`` notes every id
handed out for a row of those tables with its table (``Record`` passes its table; a bare ``new_id()`` is
noted without one), in order; the server replays the command inside ``handing_out(ids, tables)``, which
hands the same ids out again per table in the same order, so the rows the laptop created keep their ids on
the server (also when the server's run makes a row the laptop's did not, or the other way round: another
table's queue is not disturbed). Ids of other tables (the audit log, meta, drafts) are neither noted nor
taken from the queue.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

_rng: ContextVar[random.Random | None] = ContextVar("matchdesk_id_rng", default=None)
_clock: ContextVar[dt.datetime | None] = ContextVar("matchdesk_clock", default=None)
Noted = tuple[str | None, uuid.UUID]  # (table or None, id)
# (the ids noted so far, the tables whose ids count) while a laptop records a command
_noted: ContextVar[tuple[list[Noted], frozenset[str]] | None] = ContextVar("matchdesk_id_noted", default=None)
# (the ids still to hand out per table, the tables whose ids come from it) while the server replays a command
_queue: ContextVar[tuple[dict[str | None, deque[uuid.UUID]], frozenset[str]] | None] = ContextVar(
    "matchdesk_id_queue", default=None)


def new_id(*, table: str | None = None) -> uuid.UUID:
    """A new record id; ``table``: the table it is for (None: a row of a table the caller does not name)."""
    queued = _queue.get()
    if queued is not None and (table is None or table in queued[1]):
        waiting = queued[0].get(table)
        if waiting:
            return waiting.popleft()
    rng = _rng.get()
    made = uuid.uuid4() if rng is None else uuid.UUID(int=rng.getrandbits(128), version=4)
    noted = _noted.get()
    if noted is not None and (table is None or table in noted[1]):
        noted[0].append((table, made))
    return made


def utcnow() -> dt.datetime:
    fixed = _clock.get()
    return fixed if fixed is not None else dt.datetime.now(dt.UTC).replace(tzinfo=None)


@contextlib.contextmanager
def deterministic(seed: int, now: dt.datetime) -> Iterator[None]:
    """Ids from a seeded generator and a fixed clock, for reproducible demo data."""
    rng_token = _rng.set(random.Random(f"ids-{seed}"))
    clock_token = _clock.set(now)
    try:
        yield
    finally:
        _rng.reset(rng_token)
        _clock.reset(clock_token)


@contextlib.contextmanager
def recording(tables: Iterable[str]) -> Iterator[list[Noted]]:
    """Note the ids handed out for rows of ``tables`` inside the block; yields the list of (table or None,
    id), filled in order."""
    noted: list[Noted] = []
    token = _noted.set((noted, frozenset(tables)))
    try:
        yield noted
    finally:
        _noted.reset(token)


@contextlib.contextmanager
def handing_out(ids: Iterable[Noted], tables: Iterable[str]) -> Iterator[dict[str | None, deque[uuid.UUID]]]:
    """Inside the block the ids for rows of each table are those ``ids`` (pairs as ``recording`` notes them)
    of that table in order, then random ones again; yields the queues (what is left was not used)."""
    queue: dict[str | None, deque[uuid.UUID]] = {}
    for table, made in ids:
        queue.setdefault(table, deque()).append(made)
    token = _queue.set((queue, frozenset(tables)))
    try:
        yield queue
    finally:
        _queue.reset(token)
