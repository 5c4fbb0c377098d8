"""Rulebooks per region or municipality: loading (shipped, then --rules overrides) and lookup by date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from matchdesk.errors import NotFound, UsageError
from matchdesk.resources import resource
from matchdesk.rules.overrides import RulebookOverride, override_of
from matchdesk.rules.rulebook_file import Rule, RulebookError, RulebookFile, parse_rulebook
from matchdesk.rules.safe_input import UnsafeInput, read_text

__all__ = ["Rule", "Rulebook", "RulebookError", "RulebookFile", "RulebookOverride", "Rulebooks", "RulebookUnavailable",
           "NoRulebookInForce", "check_rulebook_file", "load_rulebooks", "validate_rulebook_file"]


class RulebookUnavailable(UsageError):
    """The rulebook covering a municipality failed to load: trajectory writes there must be refused."""


class NoRulebookInForce(NotFound):
    """The municipality is known but no rulebook of it is in force on the date."""


@dataclass(frozen=True)
class Rulebook:
    """The rules of one municipality as in force on ``on``: its region's book with its own overrides."""

    municipality: str
    region: str | None
    werkplein: str | None
    on: dt.date
    books: tuple[RulebookFile, ...]
    rules: tuple[Rule, ...]

    @property
    def id(self) -> str:
        return "+".join(book.id for book in self.books)

    def active(self, rule_id: str, on: dt.date | None = None) -> Rule | None:
        """The rule if it is switched on and in force on ``on`` (default: the rulebook's date).
        A municipality's rule (listed after its region's) wins over the region's rule of the same id."""
        day = on or self.on
        found = None
        for rule in self.rules:
            if rule.id == rule_id and rule.in_force(day):
                found = rule
        return found if found is not None and found.enabled else None

    def to_json(self) -> dict:
        return {
            "municipality": self.municipality, "region": self.region, "werkplein": self.werkplein,
            "date": self.on.isoformat(),
            "rulebooks": [{"id": b.id, "title": b.title, "source": b.source, "file": Path(b.path).name,
                           "valid_from": b.valid_from.isoformat(),
                           "valid_until": b.valid_until.isoformat() if b.valid_until else None} for b in self.books],
            "rules": [_rule_json(rule, self.on) for rule in self.rules],
        }


def _rule_json(rule: Rule, on: dt.date) -> dict:
    def plain(value: object) -> object:
        if isinstance(value, frozenset):
            return sorted(str(v) for v in value)
        if isinstance(value, dict):
            return dict(sorted(value.items()))
        return str(value) if hasattr(value, "value") else value

    return {"id": rule.id, "title": rule.title, "source": rule.source, "valid_from": rule.valid_from.isoformat(),
            "valid_until": rule.valid_until.isoformat() if rule.valid_until else None, "enabled": rule.enabled,
            "in_force": rule.enabled and rule.in_force(on),
            "params": {key: plain(value) for key, value in rule.params.items()}}


@dataclass
class Rulebooks:
    files: list[RulebookFile] = field(default_factory=list)
    errors: list[RulebookError] = field(default_factory=list)
    broken: dict[str, list[str]] = field(default_factory=dict)  # casefolded municipality -> failed files
    overrides: list[RulebookOverride] = field(default_factory=list)  # --rules books that replace or switch off

    def overrides_for(self, rulebook: Rulebook) -> list[RulebookOverride]:
        """The overrides among the books that make up ``rulebook`` (what ``rules show`` names)."""
        paths = {Path(book.path).name: book.id for book in rulebook.books if not book.shipped}
        return [o for o in self.overrides if paths.get(o.file) == o.book_id]

    def municipalities(self) -> list[str]:
        names: dict[str, str] = {}
        for book in self.files:
            for name in book.municipalities:
                names.setdefault(name.casefold(), name)
        return sorted(names.values(), key=str.casefold)

    def canonical(self, name: str) -> str | None:
        wanted = name.strip().casefold()
        return next((m for m in self.municipalities() if m.casefold() == wanted), None)

    def _bases(self, name: str) -> list[RulebookFile]:
        """Base books covering ``name``; books from --rules first, so they override the shipped ones."""
        bases = [b for b in self.files if b.extends is None and b.covers(name)]
        return sorted(bases, key=lambda b: (b.shipped, b.valid_from))

    def region_of(self, name: str) -> str | None:
        bases = self._bases(name)
        return bases[0].region if bases else None

    def werkplein_of(self, name: str) -> str | None:
        for book in self._bases(name):
            for werkplein, members in book.werkpleinen.items():
                if name.strip().casefold() in {m.casefold() for m in members}:
                    return werkplein
            return None
        return None

    def for_municipality(self, name: str, on: dt.date) -> Rulebook:
        key = name.strip().casefold()
        if key in self.broken:
            files = ", ".join(self.broken[key])
            raise RulebookUnavailable(f"het regelboek voor gemeente '{name}' kon niet worden geladen ({files}); "
                                      "trajecten voor deze gemeente kunnen niet worden vastgelegd")
        canonical = self.canonical(name)
        if canonical is None:
            raise NotFound(f"onbekende gemeente '{name}'; bekend zijn: {', '.join(self.municipalities())}")
        bases = self._bases(canonical)
        in_force = [b for b in bases if not b.shipped and b.in_force(on)] \
            or [b for b in bases if b.shipped and b.in_force(on)]
        if not in_force:
            raise NoRulebookInForce(f"geen regelboek van kracht voor gemeente {canonical} op {on.isoformat()}")
        base = in_force[-1]
        overlays = sorted((b for b in self.files if b.extends == base.id and b.covers(canonical) and b.in_force(on)),
                          key=lambda b: (not b.shipped, b.valid_from))
        rules = list(base.rules)
        for overlay in overlays:
            # A municipality's rule replaces the region's only while it is in force: before its
            # valid_from (or after its valid_until) the region's rule of the same id still holds.
            replaced = {rule.id for rule in overlay.rules if rule.in_force(on)}
            rules = [r for r in rules if r.id not in replaced] + list(overlay.rules)
        return Rulebook(canonical, base.region, self.werkplein_of(canonical), on, (base, *overlays), tuple(rules))


def _shipped_texts() -> list[tuple[str, str]]:
    folder = resource("rules")
    return sorted((f"rules/{node.name}", node.read_text(encoding="utf-8"))
                  for node in folder.iterdir() if node.name.endswith(".toml"))


def _extra_texts(extra_dir: Path, errors: list[RulebookError]) -> list[tuple[str, str]]:
    if not extra_dir.is_dir():
        errors.append(RulebookError(str(extra_dir), None, "map met regelboeken niet gevonden"))
        return []
    texts = []
    for path in sorted(extra_dir.glob("*.toml")):
        try:
            texts.append((str(path), read_text(path)))
        except UnsafeInput as error:
            errors.append(RulebookError(str(path), error.line, error.reason))
            texts.append((str(path), ""))
    return texts


_ID = re.compile(r"^[ \t]*id[ \t]*=[ \t]*[\"']([^\"'\n]+)[\"']", re.MULTILINE)  # [ \t]: linear on blank lines
_QUOTED = re.compile(r"[\"']([^\"'\n]+)[\"']")


def load_rulebooks(extra_dir: Path | None = None) -> Rulebooks:
    """Shipped rulebooks plus those in ``extra_dir``; a book there with the same id replaces the shipped one.

    Errors are collected, never raised; a failed book's municipalities are marked broken.
    """
    result = Rulebooks()
    shipped = [(path, text, True) for path, text in _shipped_texts()]
    extra = [(path, text, False) for path, text in _extra_texts(Path(extra_dir), result.errors)] if extra_dir else []
    parsed: list[RulebookFile] = []
    failed: list[tuple[str, str]] = []
    unreadable = {error.file for error in result.errors}
    for path, text, is_shipped in shipped + extra:
        if path in unreadable:  # reported by _extra_texts; parsing the empty text would only add noise
            failed.append((path, text))
            continue
        book, errors = parse_rulebook(text, path, shipped=is_shipped)
        result.errors.extend(errors)
        if book is None:
            failed.append((path, text))
        else:
            parsed.append(book)
    failed_ids = {m.group(1) for _, text in failed for m in [_ID.search(text)] if m}
    own_ids = {b.id for b in parsed if not b.shipped} | failed_ids
    kept = [b for b in parsed if not (b.shipped and b.id in own_ids)]
    result.files = _check_overlays(kept, result.errors, failed)
    _mark_broken(result, failed, parsed)
    texts = {path: text for path, text, _ in extra}
    for book in result.files:
        if not book.shipped and (found := override_of(book, texts.get(book.path, ""), parsed)) is not None:
            result.overrides.append(found)
    return result


def _check_overlays(books: list[RulebookFile], errors: list[RulebookError], failed: list) -> list[RulebookFile]:
    bases = {b.id: b for b in books if b.extends is None}
    kept = []
    for book in books:
        base = bases.get(book.extends) if book.extends else book
        if base is None:
            errors.append(RulebookError(book.path, None, f"extends: onbekend regelboek '{book.extends}'"))
            failed.append((book.path, "\n".join(f'"{m}"' for m in book.municipalities)))
            continue
        outside = [m for m in book.municipalities if not base.covers(m)]
        if outside:
            errors.append(RulebookError(book.path, None, f"gemeente(n) {', '.join(outside)} vallen niet onder "
                                                         f"regelboek '{base.id}'"))
            failed.append((book.path, "\n".join(f'"{m}"' for m in book.municipalities)))
            continue
        kept.append(book)
    return kept


def _mark_broken(result: Rulebooks, failed: list[tuple[str, str]], parsed: list[RulebookFile]) -> None:
    """Best effort: which municipalities a failed file meant to cover, so writes there are refused."""
    known = {m.casefold() for b in parsed for m in b.municipalities}
    by_id = {b.id: b for b in parsed}
    for path, text in failed:
        names = {q.strip().casefold() for q in _QUOTED.findall(text)} & known
        names.add(Path(path).stem.casefold())
        match = _ID.search(text)
        if match and match.group(1) in by_id:
            names |= {m.casefold() for m in by_id[match.group(1)].municipalities}
        for name in names & (known | {Path(path).stem.casefold()}):
            result.broken.setdefault(name, []).append(path)


def validate_rulebook_file(path: Path | str) -> list[RulebookError]:
    """Every error in one rulebook file (empty list: valid). Reading problems are errors too."""
    return check_rulebook_file(path)[0]


def check_rulebook_file(path: Path | str) -> tuple[list[RulebookError], RulebookOverride | None]:
    """(errors, how the file would override the shipped books if valid and given in --rules, or None)."""
    path = Path(path)
    try:
        text = read_text(path)
    except UnsafeInput as error:
        return [RulebookError(str(path), error.line, error.reason)], None
    book, errors = parse_rulebook(text, str(path))
    if book is not None and book.extends:
        books = load_rulebooks(path.parent)
        if book.extends not in {b.id for b in books.files}:
            broken = sorted({Path(e.file).name for e in books.errors if _defines_id(e.file, book.extends)})
            reason = (f"extends: regelboek '{book.extends}' bevat fouten ({', '.join(broken)})" if broken
                      else f"extends: onbekend regelboek '{book.extends}'")
            errors = [RulebookError(str(path), None, reason)]
    if errors or book is None:
        return errors, None
    return [], override_of(book, text, load_rulebooks().files)


def _defines_id(file: str, book_id: str) -> bool:
    try:
        match = _ID.search(read_text(file))
    except UnsafeInput:
        return False
    return match is not None and match.group(1) == book_id
