"""Local drafts of open editors, saved every 30 seconds and offered back after a crash.

A draft holds what the user typed, so it stays on this machine in the user's own data folder and is
removed as soon as the record is saved or the changes are discarded.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import platformdirs

INTERVAL_MS = 30_000


def drafts_dir() -> Path:
    override = os.environ.get("MATCHDESK_DRAFTS")
    return Path(override) if override else Path(platformdirs.user_data_dir("MatchDesk", appauthor=False)) / "concepten"


def _path(kind: str, key: str) -> Path:
    safe = "".join(ch for ch in key if ch.isalnum() or ch in "-_") or "nieuw"
    return drafts_dir() / f"{kind}-{safe}.json"


def save_draft(kind: str, key: str, values: dict) -> None:
    folder = drafts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    payload = {"saved_at": dt.datetime.now().isoformat(timespec="seconds"), "values": values}
    target = _path(kind, key)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, ensure_ascii=False, default=str), encoding="utf-8")
    temporary.replace(target)  # never a half-written draft


def load_draft(kind: str, key: str) -> tuple[dt.datetime, dict] | None:
    path = _path(kind, key)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        return dt.datetime.fromisoformat(payload["saved_at"]), payload["values"]
    except (OSError, ValueError, KeyError):
        return None


def discard_draft(kind: str, key: str) -> None:
    _path(kind, key).unlink(missing_ok=True)
