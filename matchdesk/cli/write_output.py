"""What the write commands share (``trajectory``, ``propose``, ``place``, ``candidate``, ``vacancy``): the
``--id`` and ``--json`` options, ``FIELD=VALUE`` words, and the answer CONTRACTS.md fixes: exit 0 done, 1
refused by the rules or a conflict, 2 bad usage or an unknown reference (``main`` maps those errors);
``--json`` prints ``{"ok", "id", "verdict", "findings"}`` (a refusal adds ``"message"``, the Dutch reason)."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Iterable, Mapping, Sequence

from matchdesk.errors import ConflictError, MatchDeskError, RuleViolation, UsageError, ValidationError

VERDICTS = {"allowed": "toegestaan", "warning": "waarschuwing", "blocked": "geblokkeerd"}
SEVERITIES = {"info": "info", "warning": "waarschuwing", "block": "blokkade"}


def client_id(text: str) -> uuid.UUID:
    """argparse type for ``--id``: a UUID the client made (a laptop's record id), with the Dutch reason."""
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen geldige id (UUID)") from None


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON (CONTRACTS.md)")


def add_id(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--id", type=client_id, metavar="UUID",
                        help=f"id voor {what} (door de laptop gemaakt); zonder: MatchDesk kiest er een")


def field_values(words: Sequence[str], known: Iterable[str], what: str) -> dict[str, str]:
    """``FIELD=VALUE`` words as a mapping (an empty value clears the field); a word without ``=`` or an
    unknown field is a usage error that lists the fields ``what`` knows."""
    names = list(known)
    values: dict[str, str] = {}
    for word in words:
        name, equals, value = word.partition("=")
        name = name.strip().lower()
        if not equals or not name:
            raise UsageError(f"{word!r} is geen VELD=WAARDE")
        if name not in names:
            raise UsageError(f"onbekend veld {name!r} voor {what}; bekende velden: {', '.join(names)}")
        if name in values:
            raise UsageError(f"veld {name!r} staat er twee keer")
        values[name] = value.strip()
    return values


def refused(args: argparse.Namespace, error: MatchDeskError) -> int:
    """A write the rules or a conflict refused (or a refusal like "al voorgesteld"): exit 1, the reason on
    stderr, with ``--json`` the findings on stdout."""
    findings = [f.to_json() for f in getattr(error, "findings", [])]
    if getattr(args, "json", False):
        blocked = isinstance(error, RuleViolation) and any(f["severity"] == "block" for f in findings)
        warned = isinstance(error, RuleViolation) and not blocked and bool(findings)
        print(json.dumps({"ok": False, "id": None, "verdict": "blocked" if blocked else "warning" if warned else None,
                          "findings": findings, "message": str(error)}, ensure_ascii=False))
    print(f"matchdesk: {error}", file=sys.stderr)
    return 1


REFUSALS = (RuleViolation, ConflictError)


def invalid(error: ValidationError) -> int:
    """Values the checks refuse: each on stderr (the first and the others a form collects), exit 2 (unusable
    input; nothing saved)."""
    for problem in (error, *error.others):
        print(f"matchdesk: {problem}", file=sys.stderr)
    return 2


def done(args: argparse.Namespace, record_id: uuid.UUID, text: str, *, judged: bool = False,
         verdict: str | None = None, findings: Sequence = (), extra: Mapping[str, object] | None = None) -> int:
    """A write done: ``text`` (a Dutch sentence), for a write the rules ``judged`` with their verdict and
    findings; with ``--json`` the contract's object (``extra``: further keys, e.g. the new reference)."""
    if getattr(args, "json", False):
        print(json.dumps({"ok": True, "id": str(record_id), "verdict": verdict,
                          "findings": [f.to_json() for f in findings], **(extra or {})}, ensure_ascii=False))
        return 0
    if judged:
        text += f"; oordeel regels: {VERDICTS.get(verdict or '', '—')}"
    print(text)
    for finding in findings:
        print(f"  {SEVERITIES[finding.severity]}: {finding.message}")
    return 0
