"""`matchdesk stats [--json]`: counts of the portfolio (deterministic JSON, CONTRACTS.md)."""

from __future__ import annotations

import json

from matchdesk.dates import format_number_nl
from matchdesk.domain import Doelgroep, TrajectoryStatus
from matchdesk.labels import label
from matchdesk.plural import capitalised
from matchdesk.services.stats import portfolio_stats

_LABELS = {"candidates": "Kandidaten", "employers": "Werkgevers", "vacancies": "Vacatures en leerwerkplekken",
           "proposals": "Voorstellen", "trajectories": "Trajecten"}


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("stats", parents=[parent], help="aantallen in de database",
                                   description="Aantallen kandidaten, werkgevers, vacatures, voorstellen en trajecten.")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON (deterministisch)")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    stats = portfolio_stats(ctx.app())
    if args.json:
        print(json.dumps(stats, sort_keys=True, ensure_ascii=False, indent=2))
        return 0
    for key, title in _LABELS.items():
        print(f"{title:<30} {format_number_nl(stats['counts'][key]):>8}")
    for title, key, enum in (("Kandidaten per doelgroep:", "candidates_by_doelgroep", Doelgroep),
                             ("Trajecten per status:", "trajectories_by_status", TrajectoryStatus)):
        counts = (f"{capitalised(label(k, enum))}: {format_number_nl(v)}" for k, v in stats[key].items())
        print(f"{title:<30}" + ", ".join(counts))
    return 0
