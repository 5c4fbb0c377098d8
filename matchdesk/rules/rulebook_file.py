"""Parsing one rulebook file into typed rules, collecting every error with file and line (Fava's way)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar, cast

from matchdesk.dates import parse_iso_date
from matchdesk.domain import CefrLevel, Doelgroep, TrajectoryKind
from matchdesk.rules.safe_input import MAX_DEPTH, date_in_range, nesting_problem
from matchdesk.rules.spec import RULE_KEYS, RULE_SPECS, RULEBOOK_KEYS
from matchdesk.rules.tomllines import KeyLines, syntax_error_line, syntax_error_reason


@dataclass(frozen=True)
class RulebookError:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


_T = TypeVar("_T")


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    source: str
    valid_from: dt.date
    valid_until: dt.date | None
    enabled: bool
    params: Mapping[str, object]
    file: str = ""
    line: int | None = None

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def __getitem__(self, key: str) -> object:
        return self.params[key]

    # typed reads of the numbers ``spec.RULE_SPECS`` checked when the file was read
    def number(self, key: str) -> int:
        """A whole number of days, weeks or months."""
        return self._param(key, int)

    def percent(self, key: str) -> float:
        value = self.params[key]
        if not isinstance(value, (int, float)):
            raise TypeError(f"regel {self.id}: '{key}' is geen getal")
        return value

    def kinds(self, key: str) -> frozenset[TrajectoryKind]:
        return cast("frozenset[TrajectoryKind]", self._param(key, frozenset))

    def doelgroepen(self, key: str) -> frozenset[Doelgroep]:
        return cast("frozenset[Doelgroep]", self._param(key, frozenset))

    def level(self, key: str) -> CefrLevel:
        return self._param(key, CefrLevel)

    def counts(self, key: str) -> Mapping[str, int]:
        """Per casefolded municipality a number."""
        return cast("Mapping[str, int]", self._param(key, dict))

    def _param(self, key: str, kind: type[_T]) -> _T:
        value = self.params[key]
        if not isinstance(value, kind):
            raise TypeError(f"regel {self.id}: '{key}' is geen {kind.__name__}")
        return value


@dataclass(frozen=True)
class RulebookFile:
    id: str
    title: str
    source: str
    region: str | None
    valid_from: dt.date
    valid_until: dt.date | None
    extends: str | None
    municipalities: tuple[str, ...]
    werkpleinen: Mapping[str, tuple[str, ...]]
    rules: tuple[Rule, ...]
    path: str
    shipped: bool = False

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def covers(self, municipality: str) -> bool:
        return municipality.casefold() in {m.casefold() for m in self.municipalities}


@dataclass
class _Reader:
    path: str
    lines: KeyLines
    errors: list[RulebookError] = field(default_factory=list)

    def error(self, message: str, section: str = "", index: int = 0, key: str | None = None) -> None:
        self.errors.append(RulebookError(self.path, self.lines.line(section, index, key), message))

    def text(self, table: dict, key: str, section: str, index: int = 0, required: bool = True) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.error(f"'{key}' ontbreekt", section, index)
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(f"'{key}' moet tekst zijn", section, index, key)
            return None
        return value.strip()

    def date(self, table: dict, key: str, section: str, index: int = 0, required: bool = True) -> dt.date | None:
        value = table.get(key)
        if value is None:
            if required:
                self.error(f"'{key}' ontbreekt", section, index)
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
            self.error(f"'{key}' moet een datum jjjj-mm-dd zijn", section, index, key)
            return None
        if isinstance(value, str):
            try:
                value = parse_iso_date(value)
            except ValueError as error:
                self.error(f"'{key}': {error}", section, index, key)
                return None
        reason = date_in_range(value)
        if reason:
            self.error(f"'{key}': {reason}", section, index, key)
            return None
        return value

    def period(self, table: dict, section: str, index: int = 0) -> tuple[dt.date | None, dt.date | None]:
        start = self.date(table, "valid_from", section, index)
        end = self.date(table, "valid_until", section, index, required=False)
        if start and end and end < start:
            self.error(f"valid_until {end.isoformat()} ligt voor valid_from {start.isoformat()}",
                       section, index, "valid_until")
        return start, end

    def unknown_keys(self, table: dict, allowed, section: str, index: int = 0) -> None:
        for key in table:
            if key not in allowed:
                self.error(f"onbekende sleutel '{key}'", section, index, key)


def parse_rulebook(text: str, path: str, shipped: bool = False) -> tuple[RulebookFile | None, list[RulebookError]]:
    """The parsed rulebook, or None with at least one error. A file with any error is not used."""
    problem = nesting_problem(text, toml=True)
    if problem is not None:
        return None, [RulebookError(path, problem.line, problem.reason)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [RulebookError(path, syntax_error_line(str(error)), syntax_error_reason(str(error)))]
    except RecursionError:  # the scan above should have caught it; never a traceback
        return None, [RulebookError(path, None, f"te diep genest (meer dan {MAX_DEPTH} niveaus lijsten of tabellen)")]
    except ValueError:  # an integer of more than 4,300 digits
        return None, [RulebookError(path, None, "geen geldige TOML: een getal is te lang")]
    reader = _Reader(path, KeyLines(text))
    reader.unknown_keys(data, ("rulebook", "werkpleinen", "rule"), "")
    head = data.get("rulebook")
    if not isinstance(head, dict):
        reader.error("de tabel [rulebook] ontbreekt")
        return None, reader.errors
    reader.unknown_keys(head, RULEBOOK_KEYS, "rulebook")
    book_id = reader.text(head, "id", "rulebook")
    title = reader.text(head, "title", "rulebook")
    source = reader.text(head, "source", "rulebook")
    extends = reader.text(head, "extends", "rulebook", required=False)
    region = reader.text(head, "region", "rulebook", required=extends is None)
    valid_from, valid_until = reader.period(head, "rulebook")
    werkpleinen = _werkpleinen(reader, data.get("werkpleinen", {}))
    municipalities = _municipalities(reader, head, werkpleinen)
    if extends and werkpleinen:
        reader.error("een gemeentelijk regelboek (extends) kan geen werkpleinen bevatten", "werkpleinen")
    rules = _rules(reader, data.get("rule", []))
    # a required value that is missing has been reported: the checks on None only tell the type checker
    if reader.errors or book_id is None or title is None or source is None or valid_from is None:
        return None, reader.errors
    return RulebookFile(book_id, title, source, region, valid_from, valid_until, extends, municipalities,
                        MappingProxyType(werkpleinen), rules, path, shipped), []


def _werkpleinen(reader: _Reader, table: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        reader.error("[werkpleinen] moet een tabel werkplein = [gemeenten] zijn", "werkpleinen")
        return {}
    result = {}
    for name, members in table.items():
        if not isinstance(members, list) or not all(isinstance(m, str) and m.strip() for m in members):
            reader.error(f"werkplein '{name}' moet een lijst van gemeenten zijn", "werkpleinen", 0, name)
            continue
        result[name] = tuple(m.strip() for m in members)
    return result


def _municipalities(reader: _Reader, head: dict, werkpleinen: dict) -> tuple[str, ...]:
    listed = head.get("municipalities", [])
    if not isinstance(listed, list) or not all(isinstance(m, str) and m.strip() for m in listed):
        reader.error("'municipalities' moet een lijst van gemeenten zijn", "rulebook", 0, "municipalities")
        listed = []
    names: list[str] = [m.strip() for m in listed]
    for members in werkpleinen.values():
        names.extend(m for m in members if m.casefold() not in {n.casefold() for n in names})
    seen: set[str] = set()
    for name in [m for members in werkpleinen.values() for m in members]:
        if name.casefold() in seen:
            reader.error(f"gemeente '{name}' staat bij meer dan één werkplein", "werkpleinen")
        seen.add(name.casefold())
    if not names:
        reader.error("het regelboek noemt geen gemeenten (municipalities of [werkpleinen])", "rulebook")
    return tuple(names)


def _rules(reader: _Reader, entries: object) -> tuple[Rule, ...]:
    if not isinstance(entries, list):
        reader.error("'rule' moet een lijst van [[rule]]-tabellen zijn", "rule")
        return ()
    rules: list[Rule] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            reader.error("'rule' moet een lijst van [[rule]]-tabellen zijn", "rule", index)
            continue
        rule = _rule(reader, entry, index)
        if rule is None:
            continue
        for other in rules:
            if other.id == rule.id and _overlap(other, rule):
                reader.error(f"regel '{rule.id}' geldt al in deze periode (overlappende geldigheid)", "rule", index)
        rules.append(rule)
    return tuple(rules)


def _rule(reader: _Reader, entry: dict, index: int) -> Rule | None:
    before = len(reader.errors)
    rule_id = reader.text(entry, "id", "rule", index)
    if rule_id is not None and rule_id not in RULE_SPECS:
        reader.error(f"onbekende regel '{rule_id}'", "rule", index, "id")
        return None
    spec = RULE_SPECS.get(rule_id or "", {})
    reader.unknown_keys(entry, RULE_KEYS + tuple(spec), "rule", index)
    title = reader.text(entry, "title", "rule", index)
    source = reader.text(entry, "source", "rule", index)
    valid_from, valid_until = reader.period(entry, "rule", index)
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        reader.error("'enabled' moet true of false zijn", "rule", index, "enabled")
    params = {}
    for key, check in spec.items():
        if key not in entry:
            reader.error(f"regel '{rule_id}': '{key}' ontbreekt", "rule", index)
            continue
        value, reason = check(entry[key])
        if reason:
            reader.error(f"regel '{rule_id}': '{key}': {reason}", "rule", index, key)
        params[key] = value
    if len(reader.errors) > before or rule_id is None or title is None or source is None or valid_from is None:
        return None
    return Rule(rule_id, title, source, valid_from, valid_until, enabled, MappingProxyType(params),
                reader.path, reader.lines.line("rule", index))


def _overlap(a: Rule, b: Rule) -> bool:
    far = dt.date.max
    return a.valid_from <= (b.valid_until or far) and b.valid_from <= (a.valid_until or far)
