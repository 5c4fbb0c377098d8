"""Rulebooks from ``--rules DIR`` that replace a shipped book or switch off rules the shipped book has on.

Such a book is allowed (a region may have its own verordening) but never silent: ``rules show``,
``rules validate``, the window's status bar and the audit log (``services/rulebook_audit.py``) say so.
Only ids, file names and a fingerprint of the file are named: no personal data, no folders.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from matchdesk.rules.rulebook_file import RulebookFile


@dataclass(frozen=True)
class RulebookOverride:
    book_id: str
    file: str  # the file's name, without its folder
    replaces: tuple[str, ...]  # ids of the shipped books it takes the place of
    disabled: tuple[str, ...]  # rules the shipped book has on that this book sets enabled = false
    left_out: tuple[str, ...]  # rules the shipped book has on that this replacing book does not hold
    fingerprint: str  # first 12 hex digits of the file's SHA-256: an edited file is another override

    def describe(self) -> str:
        """One Dutch line: which book, what it replaces, which rules are off."""
        parts = [f"regelboek {self.book_id} ({self.file}, uit --rules)"]
        if self.replaces:
            shipped = ", ".join(self.replaces)
            parts.append(f"vervangt het meegeleverde regelboek {shipped}")
        else:
            parts.append("wijkt af van het meegeleverde regelboek")
        text = " ".join(parts)
        if self.disabled:
            text += f"; zet uit: {', '.join(self.disabled)}"
        if self.left_out:
            text += f"; laat weg: {', '.join(self.left_out)}"
        return text

    def audit_detail(self) -> str:
        return f"{self.describe()}; sha256 {self.fingerprint}"

    def to_json(self) -> dict:
        return {"id": self.book_id, "file": self.file, "replaces": list(self.replaces),
                "disabled": list(self.disabled), "left_out": list(self.left_out)}


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def override_of(book: RulebookFile, text: str, shipped: Iterable[RulebookFile]) -> RulebookOverride | None:
    """How ``book`` (not shipped) overrides the ``shipped`` books, or None when it adds only its own."""
    shipped = [b for b in shipped if b.shipped]
    if book.extends is None:
        # a base book takes the place of a shipped base with its id or covering one of its municipalities
        replaced = [b for b in shipped if b.extends is None and (b.id == book.id or _shares(b, book))]
        reference = replaced
    else:
        replaced = [b for b in shipped if b.extends is not None and b.id == book.id]
        reference = [b for b in shipped if b.id == book.extends] + replaced
    on_before = _enabled(reference)
    on_now = _enabled([book])
    held = {rule.id for rule in book.rules}
    disabled = tuple(sorted(rule for rule in on_before - on_now if rule in held))
    # a replacing base book drops what it leaves out; a municipality's book that leaves a rule out keeps
    # its region's rule
    left_out = tuple(sorted(on_before - held)) if book.extends is None else ()
    if not replaced and not disabled and not left_out:
        return None
    return RulebookOverride(book.id, Path(book.path).name, tuple(sorted({b.id for b in replaced})), disabled, left_out,
                            fingerprint(text))


def _shares(a: RulebookFile, b: RulebookFile) -> bool:
    return bool({m.casefold() for m in a.municipalities} & {m.casefold() for m in b.municipalities})


def _enabled(books: Iterable[RulebookFile]) -> set[str]:
    return {rule.id for book in books for rule in book.rules if rule.enabled}
