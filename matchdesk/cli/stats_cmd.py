"""`matchdesk stats [--json]`: counts of the portfolio (deterministic JSON, CONTRACTS.md)."""

from __future__ import annotations

import json

from matchdesk.services.stats import compute_stats

_LABELS = {"candidates": "kandidaten", "employers": "werkgevers", "vacancies": "vacatures en leerwerkplekken",
           "proposals": "voorstellen", "trajectories": "trajecten"}


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("stats", parents=[parent], help="aantallen in de database",
                                   description="Aantallen kandidaten, werkgevers, vacatures, voorstellen en trajecten.")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON (deterministisch)")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    db = ctx.database()
    with db.reading() as session:
        stats = compute_stats(session, ctx.today)
    if args.json:
        print(json.dumps(stats, sort_keys=True, ensure_ascii=False, indent=2))
        return 0
    for key, label in _LABELS.items():
        print(f"{label:<30} {stats['counts'][key]:>8}")
    print("kandidaten per doelgroep:     " + ", ".join(f"{k}: {v}" for k, v in stats["candidates_by_doelgroep"].items()))
    print("trajecten per status:         " + ", ".join(f"{k}: {v}" for k, v in stats["trajectories_by_status"].items()))
    return 0
