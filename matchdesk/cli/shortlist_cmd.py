"""`matchdesk shortlist --vacancy REF --candidates K1,K2,... [-o FILE.pdf]`: anonymised profiles for an employer."""

from __future__ import annotations

import argparse


def _numbers(text: str) -> list[str]:
    numbers = [n.strip() for n in text.split(",") if n.strip()]
    if not numbers:
        raise argparse.ArgumentTypeError("geef minstens één klantnummer, gescheiden door komma's")
    return numbers


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "shortlist", parents=[parent], help="shortlist voor een werkgever als PDF",
        description="Schrijft één PDF met een voorblad (vacature, werkgever, datum, accountmanager) en de "
        "geanonimiseerde profielen van de gekozen kandidaten met hun score. Elke afdruk staat in het auditlog.")
    parser.add_argument("--vacancy", metavar="REF", required=True, help="referentie van de vacature")
    parser.add_argument("--candidates", metavar="KLANTNUMMER,...", type=_numbers, required=True,
                        help="klantnummers, gescheiden door komma's")
    parser.add_argument("-o", "--output", metavar="BESTAND.pdf",
                        help="uitvoerbestand (standaard shortlist-<referentie>.pdf in de huidige map)")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.services.profiles import export_shortlist

    printed = export_shortlist(ctx.app(), args.vacancy, args.candidates, args.output)  # scores: the matching engine's
    print(printed.path)
    return 0
