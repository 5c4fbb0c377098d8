"""`matchdesk signals [--within DAYS] [--json] [--export FILE]`: deadlines and follow-ups to act on."""

from __future__ import annotations

import json

from matchdesk.cli.rules_cmd import print_rulebook_errors
from matchdesk.dates import format_nl
from matchdesk.errors import UsageError

HEADERS = ["vervaldatum", "soort", "klantnummer", "traject", "melding"]


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("signals", parents=[parent], help="signalen: termijnen en opvolging",
                                   description="Signalen die binnen het aantal dagen vervallen; verlopen signalen "
                                               "blijven in de lijst.")
    parser.add_argument("--within", metavar="DAGEN", type=int, default=30,
                        help="toon signalen die binnen zoveel dagen vervallen (standaard 30)")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON (CONTRACTS.md)")
    parser.add_argument("--export", metavar="BESTAND", help="schrijf de werklijst naar .csv of .xlsx")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.services.signals import collect_signals

    if args.within < 0:
        raise UsageError("--within moet 0 of meer dagen zijn")
    db = ctx.database()
    with db.reading() as session:
        signals = collect_signals(session, ctx.rulebooks(), ctx.today, args.within)
    print_rulebook_errors(ctx.rulebooks(), "signalen die een regel nodig hebben ontbreken voor de gemeenten van "
                                           "dat regelboek")
    if args.export:
        _export(ctx, args.export, signals)
    if args.json:
        print(json.dumps({"today": ctx.today.isoformat(), "signals": [s.to_json() for s in signals]},
                         ensure_ascii=False, indent=2))
        return 0
    if not args.export:
        for s in signals:
            overdue = " (verlopen)" if s.due < ctx.today else ""
            print(f"{format_nl(s.due)}{overdue:<11} {s.kind:<32} {s.candidate:<12} {s.message}")
        print(f"{len(signals)} signalen binnen {args.within} dagen na {format_nl(ctx.today)}.")
    return 0


def _export(ctx, target: str, signals) -> None:
    from pathlib import Path

    from matchdesk.storage.audit import log_event
    from matchdesk.transfer.writers import write_rows

    path = Path(target)
    write_rows(path, HEADERS, [[format_nl(s.due), s.kind, s.candidate, s.trajectory or "", s.message] for s in signals])
    with ctx.database().unit(ctx.actor) as session:  # the worklist names candidates: audited
        log_event(session, "geëxporteerd", "signalen", None, f"{len(signals)} rijen naar {path.name}")
    print(f"{len(signals)} signalen geschreven naar {path}.")
