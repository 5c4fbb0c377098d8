"""Columns: one table per record type maps a Dutch header to a field, a parser and a formatter.

Import parses a cell with ``parse`` (text or a date in, the stored value out, a ``ValidationError``
that names the field on bad input); export writes ``format(value)``. Both use the same table, so an
exported file imports into another database unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from matchdesk.domain import SkillSource
from matchdesk.errors import ValidationError
from matchdesk.services import fields as f

Cell = str | int | float | dt.date | None
SKILL_LEVELS = ("basis", "gevorderd", "ervaren")
_SOURCES = {s.value: s for s in SkillSource}
_SUFFIX = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def same(value: object) -> Cell:
    if value is None or value == "":
        return None
    if isinstance(value, StrEnum):
        return value.value
    return value  # type: ignore[return-value]


def yes_no(value: object) -> Cell:
    return "ja" if value else "nee"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parse: Callable[[object], object]
    format: Callable[[object], Cell] = same
    required: bool = False
    doc: str = ""
    # an optional category column: a value it does not know is a ``waarschuwing`` that keeps the row and leaves
    # the field as an empty cell would (a new record gets no value, a stored one keeps its own), not a ``fout``
    lenient: bool = False


@dataclass(frozen=True)
class SkillEntry:
    """One item of a skill list cell: ``Heftruck rijden (gevorderd, getoetst)``."""

    text: str
    level: str | None = None
    source: SkillSource = SkillSource.ZELF
    written: str = ""  # the item as written, when a trailing "(...)" was read as details: some
    # vocabulary labels end in "(basis)" or "(certificaat)" themselves, so resolving tries this first


def skill_list(header: str, with_details: bool = True) -> Callable[[object], list[SkillEntry]]:
    """``;``-separated skills (also new lines); an optional trailing ``(niveau, bron)`` per skill."""
    def parse(value: object) -> list[SkillEntry]:
        if value is None:
            return []
        entries: list[SkillEntry] = []
        seen: set[str] = set()
        for part in re.split(r"[;\n|]", str(value)):
            part = part.strip().strip(",").strip()
            if not part:
                continue
            entry = SkillEntry(part)
            match = _SUFFIX.match(part) if with_details else None
            if match:
                tokens = [t.strip().lower() for t in match.group(2).split(",") if t.strip()]
                if tokens and all(t in SKILL_LEVELS or t in _SOURCES for t in tokens):
                    level = next((t for t in tokens if t in SKILL_LEVELS), None)
                    source = next((_SOURCES[t] for t in tokens if t in _SOURCES), SkillSource.ZELF)
                    entry = SkillEntry(match.group(1).strip(), level, source, written=part)
            if len(entry.text) > 200:
                raise ValidationError(header, part, f"{header}: een vaardigheid mag hoogstens 200 tekens hebben")
            if entry.text.lower() not in seen:
                seen.add(entry.text.lower())
                entries.append(entry)
        return entries
    return parse


def format_skills(entries: object) -> Cell:
    """A skill list cell from a list of ``SkillEntry``."""
    if not entries or not isinstance(entries, list):
        return None
    parts = []
    for entry in entries:
        details = [d for d in (entry.level, entry.source.value if entry.source != SkillSource.ZELF else None) if d]
        parts.append(f"{entry.text} ({', '.join(details)})" if details else entry.text)
    return "; ".join(parts)


def unknown_is_empty(normalizer: Callable[[object], object]) -> Callable[[object], object]:
    """``onbekend`` in a classification column means: not known (stored as empty)."""
    def parse(value: object) -> object:
        if value is not None and str(value).strip().lower() in ("onbekend", "?"):
            return None
        return normalizer(value)
    return parse


NONE_WORDS = frozenset({"nee", "geen", "-", "n.v.t.", "n.v.t", "nvt"})
NOT_APPLICABLE = frozenset({"-", "n.v.t.", "n.v.t", "nvt"})


def none_words(normalizer: Callable[[object], object],
               words: frozenset[str] = NONE_WORDS) -> Callable[[object], object]:
    """A plain "none" (``nee``, ``geen``, ``-``, ``n.v.t.``, ``nvt``; any case) in an optional category column
    means what an empty cell means."""
    def parse(value: object) -> object:
        if value is not None and str(value).strip().lower() in words:
            return normalizer(None)
        return normalizer(value)
    return parse


def kvk(header: str) -> Callable[[object], str]:
    from matchdesk.validators import normalize_kvk

    return lambda value: normalize_kvk("" if value is None else str(value).strip(), header)


def text(header: str, max_length: int = 200) -> Callable[[object], object]:
    return f.text(header, max_length)


def header_key(header: str) -> str:
    """How headers are compared: any case, spaces, dashes and dots as underscores."""
    return re.sub(r"[\s\-.]+", "_", str(header).strip().lower()).strip("_")


@dataclass
class Problem:
    """One line of the import report."""

    row: int
    column: str
    value: str
    message: str
    severity: str  # fout | waarschuwing

    def cells(self) -> list[Cell]:
        return [self.row, self.column, self.value, self.message, self.severity]


REPORT_HEADERS = ("rij", "kolom", "waarde", "melding", "ernst")
# Columns whose value the report never repeats (a BSN, a name, contact details): the row and the column say
# where to look, and an import report is passed around more freely than the file it reports on.
HIDDEN_VALUES = frozenset({"bsn", "voornaam", "tussenvoegsel", "achternaam", "adres", "telefoon", "email",
                           "contactpersoon"})
ERROR, WARNING = "fout", "waarschuwing"


@dataclass
class RowInput:
    """A data row on its way in: parsed values by field, raw cells by field, and its problems."""

    number: int
    # the parsed values: each of its column's own type (text, date, enum, number, a list of SkillEntry)
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, object] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    outcome: str | None = None  # new | updated | unchanged | restored | rejected

    @property
    def rejected(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    def error(self, column: str, message: str, value: object = None, field_name: str | None = None) -> None:
        self._add(column, message, value, field_name, ERROR)

    def warn(self, column: str, message: str, value: object = None, field_name: str | None = None) -> None:
        self._add(column, message, value, field_name, WARNING)

    def _add(self, column, message, value, field_name, severity) -> None:
        if value is None and field_name is not None:
            value = self.cells.get(field_name)
        if header_key(column) in HIDDEN_VALUES:
            value = None
        shown = "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)
        self.problems.append(Problem(self.number, column, shown, message, severity))
