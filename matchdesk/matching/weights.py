"""Scoring weights and factor tables, loaded from ``resources/matching/<region>.toml`` into a frozen object.

The engine reads no global settings: a :class:`Weights` is passed in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.licences import closure
from matchdesk.resources import resource

COMPONENTS = ("required_skills", "desired_skills", "language", "travel", "hours", "start_date", "driving_licence",
              "wishes")

# components where a known miss scores 0 (partial skill credit is a partial meet, not a miss)
ZERO_WHEN_MISSED = ("required_skills", "desired_skills", "driving_licence")

COMPONENT_LABELS = {
    "required_skills": "vereiste vaardigheden",
    "desired_skills": "gewenste vaardigheden",
    "language": "taal",
    "travel": "reisafstand",
    "hours": "uren",
    "start_date": "startdatum",
    "driving_licence": "rijbewijs",
    "wishes": "wensen",
}


@dataclass(frozen=True)
class Weights:
    region: str
    points: dict[str, float]
    unknown: dict[str, float]
    related_credit: float
    fuzzy_cutoff: float
    fuzzy_min_length: int
    generic_terms: frozenset[str]
    strip_prefixes: tuple[str, ...]
    gap_factor: tuple[float, ...]
    taalondersteuning_tolerance: int
    travel_zero_at_ratio: float
    travel_min_extra_km: float
    hours_full_within: float
    hours_zero_at: float
    start_zero_at_days: float
    start_full_within_days: float
    occupation_match: float
    text_full_at: float
    licence_implies: dict[str, frozenset[str]]
    centre: tuple[float, float]

    @property
    def short_cap(self) -> float:
        """The most a component scores when its requirement is not met: as one language level short."""
        return self.gap_factor[1]

    def language_factor(self, short_by: int) -> float:
        if short_by <= 0:
            return self.gap_factor[0]
        return self.gap_factor[min(short_by, len(self.gap_factor) - 1)]

    def licence_closure(self, licences: set[str] | frozenset[str]) -> frozenset[str]:
        """The licences held with all they include (Dutch law, ``matchdesk.licences``; plus the region's table)."""
        return closure(licences, self.licence_implies)


def _fail(source: str, message: str) -> UsageError:
    return UsageError(f"gewichtenbestand {source}: {message}")


def parse_weights(text: str, source: str) -> Weights:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _fail(source, f"geen geldige TOML ({error})") from None
    points = {name: float(data.get("weights", {}).get(name, -1)) for name in COMPONENTS}
    missing = [n for n, v in points.items() if v < 0]
    if missing:
        raise _fail(source, f"gewicht ontbreekt voor {', '.join(missing)}")
    if abs(sum(points.values()) - 100) > 1e-6:
        raise _fail(source, f"de gewichten tellen op tot {sum(points.values()):g}, niet tot 100")
    language = data.get("language", {})
    gap_factor = tuple(float(x) for x in language.get("gap_factor", (1.0, 0.6, 0.25, 0.0)))
    if len(gap_factor) < 2 or any(not 0 <= x <= 1 for x in gap_factor) \
            or list(gap_factor) != sorted(gap_factor, reverse=True):
        raise _fail(source, "language.gap_factor moet aflopen van 1 naar 0")
    midway = (gap_factor[0] + gap_factor[1]) / 2
    unknown = {name: float(data.get("unknown", {}).get(name, midway)) for name in COMPONENTS}
    for name, value in unknown.items():
        # An unknown must sit strictly between 'meets' (1) and the best a known miss can score: none of
        # the skills (0), no licence (0), otherwise as one level short (gap_factor[1]).
        low = 0.0 if name in ZERO_WHEN_MISSED else gap_factor[1]
        if not low < value < 1:
            raise _fail(source, f"unknown.{name} moet tussen {low:g} en 1 liggen (niet gelijk)")
    skills, travel, hours = data.get("skills", {}), data.get("travel", {}), data.get("hours", {})
    wishes = data.get("wishes", {})
    return Weights(
        region=str(data.get("region", source)),
        points=points,
        unknown=unknown,
        related_credit=float(skills.get("related_credit", 0.5)),
        fuzzy_cutoff=float(skills.get("fuzzy_cutoff", 86)),
        fuzzy_min_length=int(skills.get("fuzzy_min_length", 5)),
        generic_terms=frozenset(skills.get("generic", ())),
        strip_prefixes=tuple(skills.get("strip_prefixes", ())),
        gap_factor=gap_factor,
        taalondersteuning_tolerance=int(language.get("taalondersteuning_tolerance", 1)),
        travel_zero_at_ratio=float(travel.get("zero_at_ratio", 2.0)),
        travel_min_extra_km=float(travel.get("min_extra_km", 10)),
        hours_full_within=float(hours.get("full_within", 4)),
        hours_zero_at=float(hours.get("zero_at", 20)),
        start_zero_at_days=float(data.get("start_date", {}).get("zero_at_days", 90)),
        start_full_within_days=float(data.get("start_date", {}).get("full_within_days", 14)),
        occupation_match=float(wishes.get("occupation_match", 1.0)),
        text_full_at=float(wishes.get("text_full_at", 0.5)),
        licence_implies={k: frozenset(v) for k, v in data.get("licences", {}).items()},
        centre=tuple(data.get("geo", {}).get("centre", (52.1, 5.3))),
    )


@lru_cache(maxsize=8)
def load_weights(region: str = "wvs", path: str | None = None) -> Weights:
    """The shipped weights of a region (``resources/matching/<region>.toml``) or those of ``path``."""
    if path is not None:
        return parse_weights(Path(path).read_text(encoding="utf-8"), Path(path).name)
    item = resource("matching", f"{region.lower()}.toml")
    if not item.is_file():
        raise UsageError(f"geen gewichten voor regio {region!r}")
    return parse_weights(item.read_text(encoding="utf-8"), item.name)
