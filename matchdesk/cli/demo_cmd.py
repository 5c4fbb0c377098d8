"""`matchdesk demo`: fill a database with the synthetic WVS demo region."""

from __future__ import annotations

import datetime as dt
import sys
import time

from matchdesk.errors import UsageError


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
                        help="bestaande gegevens vervangen (na een reservekopie)")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.services import maintenance
    from matchdesk.services.backup import backup_database
    from matchdesk.services.demo import DemoSize

    if args.employers == 0 and args.vacancies > 0:
        raise UsageError("vacatures hebben een werkgever nodig: --employers moet minstens 1 zijn")
    app = ctx.app(create=True)
    if maintenance.holds_records(app):
        if not args.replace:
            raise UsageError("De database bevat al gegevens; gebruik --replace om ze te vervangen "
                             "(er wordt eerst een reservekopie gemaakt).")
        if app.db.sqlite_path is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
            target = backup_database(app, app.db.sqlite_path.with_name(f"{app.db.sqlite_path.name}.bak-demo-{stamp}"))
            print(f"Reservekopie gemaakt: {target.name}", file=sys.stderr)
        maintenance.wipe(app)
    started = time.monotonic()
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            print(f"\rKandidaten: {done}/{total}", end="", file=sys.stderr, flush=True)

    summary = maintenance.load_demo(app, DemoSize(args.candidates, args.employers, args.vacancies), seed=args.seed,
                                    user=ctx.user or "demo", progress=progress)
    if show:
        print(file=sys.stderr)
    print(f"Demo-gegevens aangemaakt in {time.monotonic() - started:.0f} s: {summary.candidates} kandidaten, "
          f"{summary.employers} werkgevers, {summary.vacancies} vacatures, {summary.proposals} voorstellen, "
          f"{summary.trajectories} trajecten ({len(summary.over_limit)} bewust over de limiet).")
    return 0
