"""The AVG duties on the command line (issue 14):

- ``matchdesk inzage KLANTNUMMER -o MAP``: everything held about one person as JSON and PDF (art. 15);
- ``matchdesk wis KLANTNUMMER --ja``: erasure (art. 17); without ``--ja`` nothing happens (exit 2);
- ``matchdesk bewaartermijn [--dry-run]``: what is past its bewaartermijn, with the reason; without
  ``--dry-run`` it is erased as ``wis`` does.
"""

from __future__ import annotations

from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.plural import plural


def register(subparsers, parent) -> None:
    inzage = subparsers.add_parser(
        "inzage", parents=[parent], help="alle gegevens van een kandidaat als JSON en PDF (AVG art. 15)",
        description="Schrijft alles wat MatchDesk over een kandidaat bewaart (kaart, vaardigheden, talen, "
        "opleidingen, werkervaring, contactmomenten, voorstellen, trajecten en het auditlog) als JSON- en "
        "PDF-bestand in MAP. De inzage staat in het auditlog.")
    inzage.add_argument("klantnummer", metavar="KLANTNUMMER", help="het klantnummer van de kandidaat")
    inzage.add_argument("-o", "--output", metavar="MAP", required=True, help="de map waarin de bestanden komen")
    inzage.set_defaults(handler=run_inzage)

    wis = subparsers.add_parser(
        "wis", parents=[parent], help="een kandidaat definitief wissen (AVG art. 17)",
        description="Wist de persoonsgegevens van een kandidaat definitief: de kaart, alle onderliggende "
        "gegevens, vrije tekst in trajecten en voorstellen, concepten en de matchingcache. Alleen de anonieme "
        "feiten voor de 70%%-monitor en de uitstroomcijfers blijven. Dit kan niet ongedaan worden gemaakt; "
        "bevestig met --ja.")
    wis.add_argument("klantnummer", metavar="KLANTNUMMER", help="het klantnummer van de kandidaat")
    wis.add_argument("--ja", action="store_true", help="bevestig dat de kandidaat definitief gewist wordt")
    wis.set_defaults(handler=run_wis)

    term = subparsers.add_parser(
        "bewaartermijn", parents=[parent], help="gegevens wissen waarvan de bewaartermijn verstreken is",
        description="Toont welke gegevens langer bewaard zijn dan de bewaartermijnen van de regio, met de reden, "
        "en wist ze (zoals 'wis'). Met --dry-run wordt alleen getoond wat verlopen is.")
    term.add_argument("--dry-run", action="store_true", help="alleen tonen, niets wissen")
    term.set_defaults(handler=run_bewaartermijn)


def run_inzage(ctx, args) -> int:
    from matchdesk.services.inzage import write_inzage

    written = write_inzage(ctx.app(), args.klantnummer, Path(args.output))
    print(written.json_path)
    print(written.pdf_path)
    return 0


def run_wis(ctx, args) -> int:
    if not args.ja:
        raise UsageError("wissen kan niet ongedaan worden gemaakt; bevestig met: "
                         f"matchdesk wis {args.klantnummer} --ja")
    from matchdesk.services.erasure import erase_candidate

    erased = erase_candidate(ctx.app(), args.klantnummer)
    rows = plural(erased.child_rows, "onderliggend gegeven", "onderliggende gegevens")
    trajectories = plural(erased.trajectories, "traject", "trajecten")
    proposals = plural(erased.proposals, "voorstel", "voorstellen")
    print(f"Kandidaat {args.klantnummer} is gewist ({rows}, {trajectories} en {proposals} geanonimiseerd).")
    return 0


def run_bewaartermijn(ctx, args) -> int:
    from matchdesk.services.retention import LABELS, apply_retention, retention_due

    app = ctx.app()
    due = retention_due(app) if args.dry_run else apply_retention(app).due
    for item in due:
        print(f"{LABELS[item.record]}\t{item.klantnummer}\t{item.since.isoformat()}\t{item.reason}")
    verb = "verlopen" if args.dry_run else "gewist"
    print(f"{plural(len(due), 'record', 'records')} {verb}.")
    return 0
