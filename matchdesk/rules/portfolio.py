"""Portfolio figures for team leads (``matchdesk report``): the leerwerkbedrijf share against its norm,
uitstroom, leerwerktrajecten against the agreed yearly number, and where leerwerktrajecten take place.

Counted by start date in the period; an extension (``extension_of`` set) is not counted again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from matchdesk.domain import Location, Provider, TrajectoryKind
from matchdesk.errors import MatchDeskError
from matchdesk.rules.rulebook import Rulebooks

UNKNOWN = "onbekend"
UITSTROOM_KINDS = (TrajectoryKind.REGULIER, TrajectoryKind.REGULIER_LKS, TrajectoryKind.BESCHUT, TrajectoryKind.BBZ)


@dataclass(frozen=True)
class PortfolioTrajectory:
    id: int | str
    klantnummer: str
    municipality: str
    kind: TrajectoryKind
    start: dt.date
    end: dt.date | None = None
    provider: Provider | None = None
    location: Location | None = None
    extension_of: int | str | None = None  # an extension of an earlier trajectory


def portfolio_report(trajectories: list[PortfolioTrajectory], rulebooks: Rulebooks, date_from: dt.date | None,
                     date_to: dt.date | None) -> dict:
    """JSON-ready figures; a share is null when there is nothing to divide."""
    in_period = [t for t in trajectories if t.extension_of is None
                 and (date_from is None or t.start >= date_from) and (date_to is None or t.start <= date_to)]
    names = {m.casefold(): m for m in rulebooks.municipalities()}
    municipality = {t.id: names.get(t.municipality.strip().casefold(), t.municipality.strip()) for t in in_period}
    lwt = [t for t in in_period if t.kind is TrajectoryKind.LEERWERKTRAJECT]
    on = date_to or date_from or max((t.start for t in trajectories), default=dt.date.today())
    norms = {m: _norm(rulebooks, m, on) for m in set(names.values()) | set(municipality.values())}

    groups: dict[str, dict[str, list[PortfolioTrajectory]]] = {"regions": defaultdict(list),
                                                                "werkpleinen": defaultdict(list),
                                                                "municipalities": defaultdict(list)}
    for name in names.values():  # every known municipality, region and werkplein is listed, also with 0
        groups["municipalities"][name]
        groups["regions"][rulebooks.region_of(name) or UNKNOWN]
        if werkplein := rulebooks.werkplein_of(name):
            groups["werkpleinen"][werkplein]
    for t in lwt:
        name = municipality[t.id]
        groups["municipalities"][name].append(t)
        groups["regions"][rulebooks.region_of(name) or UNKNOWN].append(t)
        if werkplein := rulebooks.werkplein_of(name):
            groups["werkpleinen"][werkplein].append(t)
    region_norm = {rulebooks.region_of(m) or UNKNOWN: n for m, n in sorted(norms.items()) if n is not None}
    werkplein_norm = {werkplein: n for m, n in norms.items()
                      if n is not None and (werkplein := rulebooks.werkplein_of(m))}

    def norm_for(level: str, key: str) -> float | None:
        return {"regions": region_norm.get(key), "werkpleinen": werkplein_norm.get(key),
                "municipalities": norms.get(key)}[level]

    return {
        "period": {"from": date_from.isoformat() if date_from else None,
                   "to": date_to.isoformat() if date_to else None},
        "leerwerkbedrijf_share": {level: {key: _share(items, norm_for(level, key)) for key, items in sorted(g.items())}
                                  for level, g in groups.items()},
        "location": {level: {key: _location(items) for key, items in sorted(g.items())} for level, g in groups.items()},
        "uitstroom": _uitstroom(in_period, municipality, names),
        "leerwerktrajecten_agreed": _agreed(groups["municipalities"], rulebooks, on),
    }


def _norm(rulebooks: Rulebooks, name: str, on: dt.date) -> float | None:
    try:
        rule = rulebooks.for_municipality(name, on).active("leerwerkbedrijf_aandeel", on)
    except MatchDeskError:
        return None
    return rule.percent("min_percent") if rule else None


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def _share(items: list[PortfolioTrajectory], norm: float | None) -> dict:
    via = sum(1 for t in items if t.provider is Provider.LEERWERKBEDRIJF)
    share = _percent(via, len(items))
    return {"leerwerktrajecten": len(items), "via_leerwerkbedrijf": via, "share_percent": share,
            "norm_percent": norm, "meets_norm": None if share is None or norm is None else share >= norm}


def _location(items: list[PortfolioTrajectory]) -> dict:
    employer = sum(1 for t in items if t.location is Location.WERKGEVER)
    intern = sum(1 for t in items if t.location is Location.INTERN)
    return {"at_employer": employer, "intern": intern, "unknown": len(items) - employer - intern,
            "share_at_employer_percent": _percent(employer, employer + intern)}


def _uitstroom(in_period, municipality: dict, names: dict) -> dict:
    counts = {name: {str(kind): 0 for kind in UITSTROOM_KINDS} for name in names.values()}
    for t in in_period:
        if t.kind in UITSTROOM_KINDS:
            counts.setdefault(municipality[t.id], {str(k): 0 for k in UITSTROOM_KINDS})[str(t.kind)] += 1
    return dict(sorted(counts.items()))


def _agreed(by_municipality: dict, rulebooks: Rulebooks, on: dt.date) -> dict:
    result = {}
    for name, items in sorted(by_municipality.items()):
        agreed = None
        try:
            rule = rulebooks.for_municipality(name, on).active("jaarlijks_aantal_leerwerktrajecten", on)
            agreed = rule.counts("per_municipality").get(name.casefold()) if rule else None
        except MatchDeskError:
            pass
        result[name] = {"started": len(items), "agreed_per_year": agreed}
    return result
