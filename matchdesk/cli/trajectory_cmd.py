"""`matchdesk trajectory start|extend|end KLANTNUMMER ...`: record a trajectory through the same use cases as
the window (``services.trajectory_cases``), judged by the rules of the candidate's municipality on --today.

A trajectory is named by klantnummer, kind and start date, as in the import. Exit 0 done, 1 refused by the
rules or changed meanwhile, 2 bad usage or an unknown reference; ``--json`` prints
``{"ok", "id", "verdict", "findings"}`` (CONTRACTS.md).
"""

from __future__ import annotations

from matchdesk.cli.dutch_argparse import iso_date
from matchdesk.cli.write_output import REFUSALS, add_id, add_json, done, refused
from matchdesk.dates import format_nl
from matchdesk.domain import Location, Provider, TrajectoryKind
from matchdesk.labels import label


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "trajectory", parents=[parent], help="traject starten, verlengen of beëindigen",
        description="Legt een traject vast zoals het venster dat doet: getoetst aan de regels van de gemeente "
        "van de kandidaat op --today. Een traject heet naar klantnummer, soort en begindatum.")
    actions = parser.add_subparsers(dest="action", metavar="ACTIE", title="acties", required=True)

    def action(name: str, help_text: str):
        sub = actions.add_parser(name, parents=[parent], help=help_text,
                                 description=help_text[0].upper() + help_text[1:] + ".")
        sub.add_argument("klantnummer", metavar="KLANTNUMMER")
        sub.add_argument("--kind", required=True, choices=[k.value for k in TrajectoryKind], metavar="SOORT",
                         help="soort traject: " + ", ".join(k.value for k in TrajectoryKind))
        sub.add_argument("--start", required=True, type=iso_date, metavar="JJJJ-MM-DD", help="begindatum")
        add_json(sub)
        return sub

    start = action("start", "een nieuw traject starten")
    start.add_argument("--end", type=iso_date, metavar="JJJJ-MM-DD",
                       help="geplande laatste dag (inclusief); zonder: geen einddatum")
    start.add_argument("--provider", choices=[p.value for p in Provider], metavar="UITVOERDER",
                       help="leerwerkbedrijf, markt of werkgever")
    start.add_argument("--location", choices=[loc.value for loc in Location], metavar="LOCATIE",
                       help="werkgever of intern")
    start.add_argument("--vacancy", metavar="REF", help="referentie van de vacature of leerwerkplek")
    start.add_argument("--employer", metavar="KVK", help="KvK-nummer van de werkgever")
    start.add_argument("--motivation", metavar="TEKST", help="motivatie (verplicht bij een waarschuwing)")
    start.add_argument("--override-reason", metavar="TEKST", help="reden om een blokkade te doorbreken (teamleider)")
    add_id(start, "het traject")
    extend = action("extend", "een lopend traject verlengen tot een nieuwe laatste dag")
    extend.add_argument("--end", required=True, type=iso_date, metavar="JJJJ-MM-DD", help="nieuwe laatste dag")
    extend.add_argument("--motivation", metavar="TEKST", help="motivatie (verplicht bij een waarschuwing)")
    extend.add_argument("--override-reason", metavar="TEKST", help="reden om een blokkade te doorbreken (teamleider)")
    end = action("end", "een traject beëindigen: laatste dag, uitkomst en reden")
    end.add_argument("--on", required=True, type=iso_date, metavar="JJJJ-MM-DD", help="werkelijke laatste dag")
    end.add_argument("--outcome", metavar="TEKST", help="uitkomst, bijvoorbeeld 'regulier werk'")
    end.add_argument("--reason", metavar="TEKST", help="reden van beëindiging")
    end.add_argument("--aborted", action="store_true", help="voortijdig afgebroken")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.services import trajectory_cases as cases

    app = ctx.app()
    kind = TrajectoryKind(args.kind)
    try:
        if args.action == "start":
            from matchdesk.services.trajectories import TrajectoryInput

            candidate_id, vacancy_id, employer_id = cases.placement_ids(app, args.klantnummer, args.vacancy,
                                                                        args.employer)
            fields = TrajectoryInput(
                kind=kind, start=args.start, planned_end=args.end,
                provider=Provider(args.provider) if args.provider else None,
                location=Location(args.location) if args.location else None,
                vacancy_id=vacancy_id, employer_id=employer_id, motivation=args.motivation, record_id=args.id)
            saved = cases.start(app, candidate_id, fields, override_reason=args.override_reason)
            text = f"{label(kind)} gestart op {format_nl(args.start)}"
        else:
            state = cases.find_trajectory(app, args.klantnummer, kind, args.start)
            if args.action == "extend":
                saved = cases.extend(app, state.id, state.version, args.end, motivation=args.motivation,
                                     override_reason=args.override_reason)
                text = f"{label(kind)} verlengd tot en met {format_nl(args.end)}"
            else:
                saved = cases.end(app, state.id, state.version, args.on, args.outcome, args.aborted, args.reason)
                text = f"{label(kind)} beëindigd op {format_nl(args.on)}"
    except REFUSALS as error:
        return refused(args, error)
    return done(args, saved.id, f"{text} (kandidaat {args.klantnummer})", judged=True, verdict=saved.verdict,
                findings=saved.findings)
