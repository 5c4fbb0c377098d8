"""Field normalisers: turn user input (forms, import cells, JSON) into stored values or raise a
ValidationError that names the field in Dutch. One place for every record type's rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum

from matchdesk import licences as licence_model
from matchdesk.dates import parse_date
from matchdesk.domain import CefrLevel, parse_level
from matchdesk.errors import ValidationError

Normalizer = Callable[[object], object]

_TRUE = {"ja", "j", "x", "1", "true", "waar", "yes", "y"}
_FALSE = {"nee", "n", "0", "false", "onwaar", "no", ""}
LICENCES = licence_model.CODES


def text(field: str, max_length: int = 200) -> Callable[[object], str | None]:
    def normalize(value: object) -> str | None:
        if value is None:
            return None
        result = str(value).strip()
        if len(result) > max_length:
            raise ValidationError(field, value, f"{field}: hoogstens {max_length} tekens")
        return result or None
    return normalize


def required_text(field: str, max_length: int = 200) -> Normalizer:
    base = text(field, max_length)

    def normalize(value: object) -> str:
        result = base(value)
        if not result:
            raise ValidationError(field, value, f"{field} is verplicht")
        return result
    return normalize


def boolean(field: str) -> Normalizer:
    def normalize(value: object) -> bool:
        if isinstance(value, bool):
            return value
        key = "" if value is None else str(value).strip().lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        raise ValidationError(field, value, f"{field}: {value!r} is geen ja of nee")
    return normalize


def date(field: str, not_after: Callable[[], dt.date] | None = None) -> Normalizer:
    def normalize(value: object) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            result = value.date()
        elif isinstance(value, dt.date):
            result = value
        else:
            try:
                result = parse_date(str(value))
            except ValueError as error:
                raise ValidationError(field, value, f"{field}: {error}") from None
        if not_after is not None and result > not_after():
            raise ValidationError(field, value, f"{field}: {value} ligt in de toekomst")
        return result
    return normalize


def integer(field: str, low: int, high: int) -> Normalizer:
    def normalize(value: object) -> int | None:
        if value is None or value == "":
            return None
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ValidationError(field, value, f"{field}: {value!r} is geen getal") from None
        if not number.is_integer() or not low <= number <= high:
            raise ValidationError(field, value, f"{field}: {value} moet een geheel getal van {low} tot {high} zijn")
        return int(number)
    return normalize


def choice(field: str, enum: type[StrEnum], aliases: dict[str, str] | None = None) -> Normalizer:
    lookup = {m.value.lower(): m for m in enum}
    for alias, target in (aliases or {}).items():
        lookup[alias.lower()] = enum(target)

    def normalize(value: object) -> StrEnum | None:
        if value is None or str(value).strip() == "":
            return None
        key = str(value).strip().lower()
        if key not in lookup:
            allowed = ", ".join(m.value for m in enum)
            raise ValidationError(field, value, f"{field}: onbekende waarde {value!r}; kies uit {allowed}")
        return lookup[key]
    return normalize


def level(field: str) -> Normalizer:
    def normalize(value: object) -> CefrLevel | None:
        try:
            return parse_level(None if value is None else str(value))
        except ValueError as error:
            raise ValidationError(field, value, f"{field}: {error}") from None
    return normalize


def licences(field: str) -> Normalizer:
    """Driving-licence codes as the licence field stores them (``matchdesk.licences``): "b, C" -> "B,C",
    "CE; code 95" -> "CE,95", "geen" (known: none), "" (not recorded)."""
    return lambda value: licence_model.normalize(value, field)


def normalize_fields(spec: dict[str, Normalizer], values: dict[str, object]) -> dict[str, object]:
    """Normalise every given field; collect all problems and raise the first with the rest attached."""
    result: dict[str, object] = {}
    problems: list[ValidationError] = []
    for name, value in values.items():
        if name not in spec:
            raise ValidationError(name, value, f"onbekend veld {name!r}")
        try:
            result[name] = spec[name](value)
        except ValidationError as error:
            problems.append(error)
    if problems:
        first = problems[0]
        first.others = problems[1:]
        raise first
    return result
