"""Commands as a laptop pushes them, for the team server's tests."""

from __future__ import annotations

import datetime as dt
import uuid

START = dt.date(2026, 1, 5)


def command(name: str, args: dict, *, ids=(), expects=None, touched=(), decided_on=START, who="anouk") -> dict:
    from matchdesk.sync import codec

    return {"id": str(uuid.uuid4()), "seq": 1, "name": name, "args": codec.encode_args(args),
            "ids": [str(i) for i in ids], "expects": expects or {}, "touched": list(touched),
            "decided_on": decided_on.isoformat(), "rulebook": "wvs@x", "verdict": "ok", "medewerker": who,
            "made_at": "2026-12-04T10:31:02Z"}


def contact(candidate: uuid.UUID, summary: str = "gebeld", **kwargs) -> dict:
    moment = uuid.uuid4()
    return command("contact.add", {"candidate_id": candidate, "date": dt.date(2026, 12, 1), "kind": "telefoon",
                                   "summary": summary}, ids=[moment], touched=[f"contact_moments/{moment}"], **kwargs)
