"""`matchdesk demo`: fill a database with the synthetic WVS demo region."""

from __future__ import annotations

import sys
import time

from matchdesk.errors import UsageError
from matchdesk.files import remove_stray_temporaries
from matchdesk.plural import plural


def _count(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen geheel getal") from None
    if value < 0:
        raise argparse.ArgumentTypeError("aantal mag niet negatief zijn")
    return value


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "demo", parents=[parent], help="database vullen met demo-gegevens",
        description="Vult de database met een verzonnen maar realistische regio (WVS, West-Brabant). "
        "Alle data zijn relatief aan --today; dezelfde seed en dezelfde dag geven dezelfde gegevens.")
    parser.add_argument("--candidates", type=_count, default=9000, metavar="N", help="aantal kandidaten (9000)")
    parser.add_argument("--employers", type=_count, default=400, metavar="N", help="aantal werkgevers (400)")
    parser.add_argument("--vacancies", type=_count, default=800, metavar="N",
                        help="aantal vacatures en leerwerkplekken (800)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="startgetal van het toeval (1)")
    parser.add_argument("--replace", action="store_true",
                        help="bestaande demo-gegevens vervangen (na een reservekopie); andere gegevens nooit")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.services import maintenance
    from matchdesk.services.demo import DemoSize

    if args.employers == 0 and args.vacancies > 0:
        raise UsageError("vacatures hebben een werkgever nodig: --employers moet minstens 1 zijn")
    remove_stray_temporaries()
    app = ctx.app(create=True)
    prepared = maintenance.prepare_demo(app, replace=args.replace)  # refuses anything but a (half) demo
    if prepared.found == maintenance.HALF_DEMO:
        print("Een onafgemaakte demo gevonden (afgebroken); die wordt opnieuw gemaakt.", file=sys.stderr)
    if prepared.backup is not None:
        print(f"Reservekopie gemaakt: {prepared.backup.name}", file=sys.stderr)
    elif prepared.replaced is not None:
        print("Geen reservekopie: deze database staat op een server (maak er zelf een, bijvoorbeeld met pg_dump).",
              file=sys.stderr)
    started = time.monotonic()
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            print(f"\rKandidaten: {done}/{total}", end="", file=sys.stderr, flush=True)

    summary = maintenance.load_demo(app, DemoSize(args.candidates, args.employers, args.vacancies), seed=args.seed,
                                    user=ctx.user or "demo", progress=progress)
    if show:
        print(file=sys.stderr)
    made = ", ".join(plural(n, one, more) for n, one, more in (
        (summary.candidates, "kandidaat", "kandidaten"), (summary.employers, "werkgever", "werkgevers"),
        (summary.vacancies, "vacature", "vacatures"), (summary.proposals, "voorstel", "voorstellen"),
        (summary.trajectories, "traject", "trajecten")))
    print(f"Demo-gegevens aangemaakt in {time.monotonic() - started:.0f} s: {made} "
          f"({len(summary.over_limit)} bewust over de limiet).")
    return 0
