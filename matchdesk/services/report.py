"""The portfolio monitor: the leerwerkbedrijf share against the norm and uitstroom, for a period.

Use cases (``matchdesk report`` and the Rapportage page both call them):

- ``portfolio_report(app, date_from, date_to) -> PortfolioReport``: the figures of ``matchdesk report --json``
  and the same figures in the portfolio hierarchy (each region, its werkpleinen with their municipalities,
  then the region's municipalities without a werkplein) that the page charts and tabulates;
- ``export_report_table(app, path, headers, rows) -> int``: a table of the report to .csv/.xlsx, audited.

The file columns (``SHARE_HEADERS``, ``OUTFLOW_HEADERS``, the level values ``LEVEL_LABELS``) are a file
contract and live here; the window only translates titles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.errors import ValidationError
from matchdesk.rules.portfolio import UNKNOWN, PortfolioTrajectory
from matchdesk.rules.portfolio import portfolio_report as compute_portfolio
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.storage.models import Candidate, Trajectory

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.transfer.writers import Cell

LEVELS = ("regio", "werkplein", "gemeente")
LEVEL_LABELS = {"regio": "Regio", "werkplein": "Werkplein", "gemeente": "Gemeente"}  # the files' values
SHARE_HEADERS = ("niveau", "naam", "leerwerktrajecten", "via_leerwerkbedrijf", "aandeel_procent", "norm_procent",
                 "norm_gehaald")
OUTFLOW_KINDS = ("regulier", "regulier_lks", "beschut", "bbz")
OUTFLOW_HEADERS = ("niveau", "naam", *OUTFLOW_KINDS, "totaal")
SHEET_NAME = "Rapportage"
_LEVEL_KEYS = {"regio": "regions", "werkplein": "werkpleinen", "gemeente": "municipalities"}


@dataclass(frozen=True)
class Group:
    """A line of the hierarchy: a region, a werkplein or a municipality, with the municipalities it sums."""

    level: str  # regio | werkplein | gemeente
    name: str
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class Share:
    """Leerwerktrajecten and how many went via the leerwerkbedrijf, against the norm (None: nothing to judge)."""

    group: Group
    leerwerktrajecten: int
    via_leerwerkbedrijf: int
    share_percent: float | None
    norm_percent: int | None
    meets_norm: bool | None

    @property
    def level(self) -> str:
        return self.group.level

    @property
    def name(self) -> str:
        return self.group.name


@dataclass(frozen=True)
class Outflow:
    """Trajectories to regular work (with or without LKS), sheltered work and Bbz started in the period."""

    group: Group
    regulier: int = 0
    regulier_lks: int = 0
    beschut: int = 0
    bbz: int = 0

    @property
    def counts(self) -> tuple[int, ...]:
        return tuple(getattr(self, kind) for kind in OUTFLOW_KINDS)

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class PortfolioReport:
    """One period's portfolio monitor. ``figures``: the JSON of ``matchdesk report --json`` (CONTRACTS.md),
    a fresh dict per report; ``shares`` and ``outflow``: the same in hierarchy order; ``regions``: the share
    per region by name (the page's summary)."""

    date_from: dt.date | None
    date_to: dt.date | None
    figures: dict[str, Any]
    shares: tuple[Share, ...]
    outflow: tuple[Outflow, ...]
    regions: tuple[Share, ...]


def portfolio_report(app: App, date_from: dt.date | None = None, date_to: dt.date | None = None) -> PortfolioReport:
    """The portfolio monitor for trajectories started from ``date_from`` up to and including ``date_to``
    (None: no bound)."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ValidationError("periode", f"{date_from.isoformat()}..{date_to.isoformat()}",
                              "de begindatum ligt na de einddatum")
    from matchdesk.services.audit import log_view

    with app.reading() as session:
        figures = portfolio_figures(session, app.rulebooks, date_from, date_to)
    period = f"{date_from.isoformat() if date_from else '...'} t/m {date_to.isoformat() if date_to else '...'}"
    log_view(app, "bekeken", "rapportage", None, f"portefeuillemonitor {period}")  # one entry per view
    shares = figures["leerwerkbedrijf_share"]
    return PortfolioReport(
        date_from, date_to, figures,
        shares=tuple(share_entries(shares, app.rulebooks)),
        outflow=tuple(outflow_entries(figures["uitstroom"], app.rulebooks)),
        regions=tuple(_share(Group("regio", name, ()), entry) for name, entry in sorted(shares["regions"].items())))


def export_report_table(app: App, path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """A table of the report (as shown: sorted and filtered) to .csv or .xlsx, audited as ``rapportage``."""
    from matchdesk.services.exports import export_rows  # openpyxl loads only for an export

    return export_rows(app, path, headers, rows, record_type="rapportage", sheet_name=SHEET_NAME)


# -- building blocks ---------------------------------------------------------------------------------------
def portfolio_figures(session: Session, rulebooks: Rulebooks, date_from: dt.date | None,
                      date_to: dt.date | None) -> dict[str, Any]:
    """The portfolio monitor's figures (``matchdesk report --json``), JSON-ready."""
    rows = session.execute(select(Trajectory.id, Candidate.klantnummer, Trajectory.municipality,
                                  Candidate.municipality.label("current_municipality"), Trajectory.kind,
                                  Trajectory.start, Trajectory.planned_end, Trajectory.actual_end,
                                  Trajectory.provider, Trajectory.location)
                           .join(Candidate, Candidate.id == Trajectory.candidate_id))
    trajectories = [PortfolioTrajectory(id=str(r.id), klantnummer=r.klantnummer,
                                        municipality=r.municipality or r.current_municipality or "",
                                        kind=r.kind, start=r.start, end=r.actual_end or r.planned_end,
                                        provider=r.provider, location=r.location) for r in rows]
    return compute_portfolio(trajectories, rulebooks, date_from, date_to)


def hierarchy(municipalities: Iterable[str], rulebooks: Rulebooks) -> list[Group]:
    """Each region, then each of its werkpleinen followed by their municipalities, then the region's
    municipalities without a werkplein; alphabetical at every level."""
    tree: dict[str, dict[str | None, list[str]]] = {}
    for name in sorted(set(municipalities), key=str.casefold):
        region = rulebooks.region_of(name) or UNKNOWN
        tree.setdefault(region, {}).setdefault(rulebooks.werkplein_of(name), []).append(name)
    groups: list[Group] = []
    for region in sorted(tree, key=str.casefold):
        werkpleinen = tree[region]
        groups.append(Group("regio", region, tuple(m for members in werkpleinen.values() for m in members)))
        for werkplein in sorted((w for w in werkpleinen if w), key=str.casefold):
            groups.append(Group("werkplein", werkplein, tuple(werkpleinen[werkplein])))
            groups += [Group("gemeente", m, (m,)) for m in werkpleinen[werkplein]]
        groups += [Group("gemeente", m, (m,)) for m in werkpleinen.get(None, [])]
    return groups


def share_entries(shares: dict[str, Any], rulebooks: Rulebooks) -> list[Share]:
    """The share of every region, werkplein and municipality, in the order of ``hierarchy``."""
    return [_share(group, shares[_LEVEL_KEYS[group.level]].get(group.name))
            for group in hierarchy(shares["municipalities"], rulebooks)]


def outflow_entries(uitstroom: dict[str, dict[str, int]], rulebooks: Rulebooks) -> list[Outflow]:
    """Uitstroom per municipality, summed per werkplein and region, in the order of ``hierarchy``."""
    def total(group: Group, kind: str) -> int:
        return sum(uitstroom.get(m, {}).get(kind, 0) for m in group.municipalities)

    return [Outflow(group, *(total(group, kind) for kind in OUTFLOW_KINDS))
            for group in hierarchy(uitstroom, rulebooks)]


def _share(group: Group, entry: dict[str, Any] | None) -> Share:
    if entry is None:
        return Share(group, 0, 0, None, None, None)
    return Share(group, entry["leerwerktrajecten"], entry["via_leerwerkbedrijf"], entry["share_percent"],
                 entry["norm_percent"], entry["meets_norm"])
