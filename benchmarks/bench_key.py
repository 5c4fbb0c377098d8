"""The benchmarks' database key: every database MatchDesk makes is encrypted (SQLCipher), and a benchmark
machine has no credential store, so the demo files of ``/tmp/matchdesk-bench`` share one key file.
Demo files made there before encryption are plaintext: remove them once (they open read-only)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BENCH = Path("/tmp/matchdesk-bench")


def ensure_key(folder: Path = BENCH) -> Path | None:
    """Point ``MATCHDESK_KEY_FILE`` at ``folder/bench.sleutel`` (made once, 0600) unless a key is set."""
    if os.environ.get("MATCHDESK_KEY_FILE") or os.environ.get("MATCHDESK_PASSPHRASE"):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / "bench.sleutel"
    if not key.exists():
        descriptor = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    os.environ["MATCHDESK_KEY_FILE"] = str(key)
    return key
