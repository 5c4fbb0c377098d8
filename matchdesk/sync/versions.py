"""What a laptop and the team server must agree on before they sync: the schema and the rulebooks.

Both sides compute these with the same functions; the handshake (``GET /api/v1/handshake``) sends the server's,
and a laptop whose own differ refuses to sync and tells the user to update MatchDesk.

A rulebook's version is ``<id>@<sha256>`` per base book (a region's book, e.g. ``wvs``), the hash taken over the
parsed content of that book and every overlay that extends it (a municipality's own rules), in a canonical
JSON form: a comment or the order of keys in a file changes nothing, a number, a date, a municipality or a
switched-off rule does. Books given with ``--rules`` count like shipped ones (they replace them), so a laptop
with its own rulebooks is refused by a server without them. Books that failed to load count too: the names
of their files, so that both sides have failed on the same ones.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Mapping

from matchdesk.rules.rulebook import Rulebooks
from matchdesk.rules.rulebook_file import Rule, RulebookFile
from matchdesk.storage.migrate import HEAD_REVISION

__all__ = ["rulebook_versions", "schema_version"]


def schema_version() -> str:
    """The database schema this MatchDesk writes (Alembic's head revision)."""
    return HEAD_REVISION


def rulebook_versions(rulebooks: Rulebooks) -> dict[str, str]:
    """``{"wvs": "wvs@<sha256>", ...}``: one entry per base rulebook, over it and its overlays."""
    versions: dict[str, str] = {}
    bases = sorted((b for b in rulebooks.files if b.extends is None), key=lambda b: (b.id, b.valid_from))
    for base_id in dict.fromkeys(b.id for b in bases):
        books = [b for b in rulebooks.files if b.id == base_id or b.extends == base_id]
        content = [_book(b) for b in sorted(books, key=lambda b: (b.extends or "", b.id, b.valid_from))]
        versions[base_id] = f"{base_id}@{_sha(content)}"
    if rulebooks.broken:
        failed = sorted({_file_name(path) for paths in rulebooks.broken.values() for path in paths})
        versions["_niet_geladen"] = f"_niet_geladen@{_sha(failed)}"
    return versions


def _book(book: RulebookFile) -> dict:
    return {"id": book.id, "title": book.title, "region": book.region, "valid_from": book.valid_from,
            "valid_until": book.valid_until, "extends": book.extends,
            "municipalities": sorted(book.municipalities, key=str.casefold),
            "werkpleinen": {name: sorted(members, key=str.casefold) for name, members in book.werkpleinen.items()},
            "rules": [_rule(rule) for rule in book.rules]}


def _rule(rule: Rule) -> dict:
    return {"id": rule.id, "title": rule.title, "valid_from": rule.valid_from, "valid_until": rule.valid_until,
            "enabled": rule.enabled, "params": dict(rule.params)}


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=str)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda item: str(item[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _sha(content: object) -> str:
    text = json.dumps(_plain(content), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
