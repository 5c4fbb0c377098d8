"""`matchdesk signals [--within DAYS] [--mine] [--all] [--json] [--export FILE]`: deadlines and follow-ups.

Handled signals, and snoozed ones before their date, are left out unless ``--all``; ``--mine`` lists only the
signals of the medewerker ``--user`` (their caseload's, less what they handed over, plus what was handed to them).
"""

from __future__ import annotations

import json
from pathlib import Path

from matchdesk.cli.rules_cmd import print_rulebook_errors
from matchdesk.dates import format_nl
from matchdesk.errors import UsageError


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("signals", parents=[parent], help="signalen: termijnen en opvolging",
                                   description="Signalen die binnen het aantal dagen vervallen; verlopen signalen "
                                               "blijven in de lijst.")
    parser.add_argument("--within", metavar="DAGEN", type=int, default=30,
                        help="toon signalen die binnen zoveel dagen vervallen (standaard 30)")
    parser.add_argument("--mine", action="store_true",
                        help="alleen de eigen signalen van de medewerker (--user), met wat aan hem is overgedragen")
    parser.add_argument("--all", action="store_true",
                        help="ook afgehandelde signalen en uitgestelde signalen voor hun datum")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON (CONTRACTS.md)")
    parser.add_argument("--export", metavar="BESTAND", help="schrijf de werklijst naar .csv of .xlsx")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.services.signal_states import OPEN
    from matchdesk.services.signals import export_signals, signals_for

    if args.within < 0:
        raise UsageError("--within moet 0 of meer dagen zijn")
    app = ctx.app()
    worklist = signals_for(app, args.within, mine=args.mine, closed=args.all)
    signals = worklist.signals
    print_rulebook_errors(app.rulebooks, "signalen die een regel nodig hebben ontbreken voor de gemeenten van "
                                         "dat regelboek")
    if args.export:
        count = export_signals(app, args.export, signals)  # ISO dates, audited: the worklist names candidates
        print(f"{count} signalen geschreven naar {Path(args.export)}.")
    if args.json:
        print(json.dumps({"today": app.today.isoformat(), "signals": [item.to_json() for item in worklist.items]},
                         ensure_ascii=False, indent=2))
        return 0
    if not args.export:
        for item in worklist.items:
            s = item.signal
            overdue = " (verlopen)" if s.due < app.today else ""
            state = "" if item.status == OPEN else f" [{item.status}]"
            print(f"{format_nl(s.due)}{overdue:<11} {s.kind:<32} {s.candidate:<12} {s.message}{state}")
        print(f"{len(signals)} signalen binnen {args.within} dagen na {format_nl(app.today)}.")
    return 0
