"""Which rules a rulebook may hold and what their numbers must look like.

Unknown rule ids and keys are refused so that a typo never silently switches a rule off.
"""

from __future__ import annotations

from collections.abc import Callable

from matchdesk.domain import Doelgroep, TrajectoryKind, parse_level

# A checker returns (value, None) or (None, Dutch reason).
Checker = Callable[[object], tuple[object, str | None]]


# Upper bounds: a hundred years. Larger numbers are typing errors, and date arithmetic with them would
# leave Python's date range (a traceback instead of a verdict).
MAX_MONTHS = 1200
MAX_DAYS = 36_600
MAX_WEEKS = 5_220
MAX_COUNT = 1_000_000


def _int_between(minimum: int, maximum: int, unit: str) -> Checker:
    def check(value: object) -> tuple[object, str | None]:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"moet een geheel aantal {unit} zijn, niet {_short(value)}"
        if value < minimum:
            return None, f"{value} {unit} is onmogelijk; minimaal {minimum}"
        if value > maximum:
            return None, f"{_short(value)} {unit} is onmogelijk; hoogstens {maximum}"
        return value, None
    return check


def _short(value: object) -> str:
    """A value for a message: a number of 4,000 digits is shown by its first ones."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**40 else f"{str(value)[:12]}…"
    return text if len(text) <= 60 else text[:57] + "…"


def _percent(value: object) -> tuple[object, str | None]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"moet een percentage zijn, niet {_short(value)}"
    if not 0 <= value <= 100:
        return None, f"aandeel {value}% is onmogelijk; tussen 0 en 100"
    return value, None


def _enum_list(enum, label: str) -> Checker:
    def check(value: object) -> tuple[object, str | None]:
        if not isinstance(value, list):
            return None, f"moet een lijst van {label} zijn"
        known = {e.value.lower(): e for e in enum}
        out = []
        for item in value:
            if not isinstance(item, str) or item.lower() not in known:
                return None, f"onbekende {label} {item!r}; kies uit {', '.join(e.value for e in enum)}"
            out.append(known[item.lower()])
        return frozenset(out), None
    return check


def _counts(value: object) -> tuple[object, str | None]:
    if not isinstance(value, dict):
        return None, "moet een tabel gemeente = aantal zijn"
    for name, count in value.items():
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
            return None, f"aantal voor {name} moet een geheel getal van 0 tot en met {MAX_COUNT} zijn, " \
                         f"niet {_short(count)}"
    return {str(k).lower(): v for k, v in value.items()}, None


def _level(value: object) -> tuple[object, str | None]:
    try:
        level = parse_level(value if isinstance(value, str) else None)
    except ValueError as error:
        return None, str(error)
    if level is None:
        return None, f"onbekend taalniveau {value!r}"
    return level, None


POSITIVE_MONTHS = _int_between(1, MAX_MONTHS, "maanden")
DAYS = _int_between(0, MAX_DAYS, "dagen")
WEEKS = _int_between(0, MAX_WEEKS, "weken")
KINDS = _enum_list(TrajectoryKind, "trajectsoort")
DOELGROEPEN = _enum_list(Doelgroep, "doelgroep")

# rule id -> its numbers. Every listed number is required in the rulebook.
RULE_SPECS: dict[str, dict[str, Checker]] = {
    "keten": {"max_gap_days": DAYS, "kinds": KINDS},
    "leerwerktraject_max_duur": {"months": POSITIVE_MONTHS},
    "detachering_max_duur": {"months": POSITIVE_MONTHS},
    "bbz_max_duur": {"months": POSITIVE_MONTHS},
    "een_klok": {"months": POSITIVE_MONTHS, "kinds": KINDS},
    "doelgroep_leerwerktraject": {"allowed": DOELGROEPEN, "with_taalachterstand": DOELGROEPEN},
    "voorkeursvolgorde": {"kinds": KINDS},
    "leerwerkbedrijf_geen_reguliere_werkgever": {},
    "leerwerktraject_locatie": {},
    "garantiebaan_register": {},
    "beschut_indicatie": {},
    "ontheffing": {"warning_kinds": KINDS},
    "overlap": {"allowed_beside": KINDS},
    "achteraf_vastgelegd": {},
    "categorie_3b": {},
    "leerwerkbedrijf_aandeel": {"min_percent": _percent},
    "jaarlijks_aantal_leerwerktrajecten": {"per_municipality": _counts},
    "signaal_maatwerk": {"months": POSITIVE_MONTHS},
    "signaal_voorstel_opvolging": {"days": DAYS},
    "signaal_taaleis": {"weeks": WEEKS, "level": _level},
    "signaal_leerwerktraject_vervolg": {"days": DAYS},
    "signaal_zonder_vervolg_max_dagen": {"days": DAYS},  # older "zonder vervolg" signals are no longer listed
}

RULE_KEYS = ("id", "title", "source", "valid_from", "valid_until", "enabled")
RULEBOOK_KEYS = ("id", "title", "source", "region", "valid_from", "valid_until", "extends", "municipalities")
