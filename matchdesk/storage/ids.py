"""Where new ids and timestamps come from. Normally random and the clock; the demo generator makes them
deterministic for one seed and one "today" (same seed, same data, ids included)."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import uuid
from collections.abc import Iterator
from contextvars import ContextVar

_rng: ContextVar[random.Random | None] = ContextVar("matchdesk_id_rng", default=None)
_clock: ContextVar[dt.datetime | None] = ContextVar("matchdesk_clock", default=None)


def new_id() -> uuid.UUID:
    rng = _rng.get()
    if rng is None:
        return uuid.uuid4()
    return uuid.UUID(int=rng.getrandbits(128), version=4)


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
