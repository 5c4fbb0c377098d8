"""`matchdesk report [--from DATE] [--to DATE] [--json]`: the portfolio monitor (70% leerwerkbedrijf norm)."""

from __future__ import annotations

import json

from matchdesk.cli.dutch_argparse import iso_date
from matchdesk.cli.rules_cmd import print_rulebook_errors
from matchdesk.dates import format_nl
from matchdesk.errors import UsageError


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("report", parents=[parent], help="portefeuillemonitor (70%%-norm, uitstroom)",
                                   description="Aandeel leerwerktrajecten via het leerwerkbedrijf tegen de norm, "
                                               "uitstroom per gemeente en leerwerktrajecten bij werkgevers; geteld op "
                                               "startdatum in de periode.")
    parser.add_argument("--from", dest="date_from", metavar="JJJJ-MM-DD", type=iso_date, help="eerste startdatum")
    parser.add_argument("--to", dest="date_to", metavar="JJJJ-MM-DD", type=iso_date, help="laatste startdatum")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.services.report import portfolio_report

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError("--from ligt na --to")
    app = ctx.app()
    figures = portfolio_report(app, args.date_from, args.date_to).figures
    print_rulebook_errors(app.rulebooks, "normen en afgesproken aantallen ontbreken voor de gemeenten van "
                                         "dat regelboek")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    print(render_text(figures, args.date_from, args.date_to))
    return 0


def render_text(figures: dict, date_from, date_to) -> str:
    period = f"{format_nl(date_from) if date_from else 'begin'} t/m {format_nl(date_to) if date_to else 'nu'}"
    lines = [f"Portefeuillemonitor: trajecten gestart van {period}", "",
             "Leerwerktrajecten via het leerwerkbedrijf"]
    shares = figures["leerwerkbedrijf_share"]
    for level, title in (("regions", "regio"), ("werkpleinen", "werkplein"), ("municipalities", "gemeente")):
        for name, entry in sorted(shares[level].items()):
            lines.append(f"  {title + ' ' + name:<37} {_share_text(entry)}")
    lines += ["", "Uitstroom per gemeente (regulier / met LKS / beschut / Bbz)"]
    for name, counts in sorted(figures["uitstroom"].items()):
        lines.append(f"  {name:<37} {counts['regulier']:>5} {counts['regulier_lks']:>5} {counts['beschut']:>5} "
                     f"{counts['bbz']:>5}")
    lines += ["", "Leerwerktrajecten bij werkgevers (niet binnen de muren)"]
    for name, entry in sorted(figures["location"]["municipalities"].items()):
        share = entry["share_at_employer_percent"]
        lines.append(f"  {name:<37} {_percent(share)} (bij werkgever {entry['at_employer']}, intern {entry['intern']}, "
                     f"onbekend {entry['unknown']})")
    agreed = [(n, e) for n, e in sorted(figures["leerwerktrajecten_agreed"].items()) if e["agreed_per_year"]]
    if agreed:
        lines += ["", "Leerwerktrajecten tegen het afgesproken jaaraantal"]
        lines += [f"  {n:<37} {e['started']} van {e['agreed_per_year']}" for n, e in agreed]
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", ",")


def _share_text(entry: dict) -> str:
    if entry["share_percent"] is None:
        return "geen leerwerktrajecten"
    text = f"{_percent(entry['share_percent'])} ({entry['via_leerwerkbedrijf']} van {entry['leerwerktrajecten']})"
    if entry["norm_percent"] is not None:
        text += f", norm {entry['norm_percent']}%: " + ("gehaald" if entry["meets_norm"] else "NIET gehaald")
    return text
