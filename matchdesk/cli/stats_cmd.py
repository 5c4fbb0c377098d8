"""`matchdesk stats [--json]`: counts of the portfolio (deterministic JSON, CONTRACTS.md)."""

from __future__ import annotations

import json

from matchdesk.services.stats import portfolio_stats

_LABELS = {"candidates": "kandidaten", "employers": "werkgevers", "vacancies": "vacatures en leerwerkplekken",
           "proposals": "voorstellen", "trajectories": "trajecten"}


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
    for key, label in _LABELS.items():
        print(f"{label:<30} {stats['counts'][key]:>8}")
    for label, key in (("kandidaten per doelgroep:", "candidates_by_doelgroep"),
                       ("trajecten per status:", "trajectories_by_status")):
        print(f"{label:<30}" + ", ".join(f"{k}: {v}" for k, v in stats[key].items()))
    return 0
