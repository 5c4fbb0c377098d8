"""`matchdesk place KLANTNUMMER REFERENCE --start DATE [--end DATE] [--kind KIND]` (or ``--candidate KN
--vacancy REF``): the placement dialog's write from the command line (``services.proposals.place_pair``):
the pair's open proposal moves to geplaatst, or the pair is proposed and placed at once, and the trajectory
starts, judged by the rules of the candidate's municipality on --today. The kind and provider default as in
the dialog (from the vacancy's kind). Exit 0 done, 1 refused by the rules or changed meanwhile, 2 bad usage
or an unknown reference; ``--json`` prints ``{"ok", "id", "verdict", "findings"}`` (``id``: the trajectory's;
``proposal``: the proposal's)."""

from __future__ import annotations

from matchdesk.cli.dutch_argparse import iso_date
from matchdesk.cli.write_output import REFUSALS, add_id, add_json, client_id, done, refused
from matchdesk.dates import format_nl
from matchdesk.domain import Location, Provider, TrajectoryKind
from matchdesk.errors import UsageError
from matchdesk.labels import label


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "place", parents=[parent], help="een kandidaat plaatsen op een vacature (traject starten)",
        description="Plaatst een kandidaat op een vacature zoals het venster dat doet: het open voorstel gaat "
        "naar geplaatst (zonder voorstel wordt de kandidaat tegelijk voorgesteld) en het traject start, "
        "getoetst aan de regels van de gemeente van de kandidaat op --today. Soort en uitvoerder volgen "
        "zonder opgave uit de soort vacature.")
    parser.add_argument("klantnummer", nargs="?", metavar="KLANTNUMMER")
    parser.add_argument("reference", nargs="?", metavar="REFERENTIE", help="referentie van de vacature")
    parser.add_argument("--candidate", metavar="KLANTNUMMER", help="klantnummer van de kandidaat")
    parser.add_argument("--vacancy", metavar="REFERENTIE", help="referentie van de vacature")
    parser.add_argument("--start", required=True, type=iso_date, metavar="JJJJ-MM-DD", help="begindatum")
    parser.add_argument("--end", type=iso_date, metavar="JJJJ-MM-DD",
                        help="geplande laatste dag (inclusief); zonder: geen einddatum")
    parser.add_argument("--kind", choices=[k.value for k in TrajectoryKind], metavar="SOORT",
                        help="soort traject: " + ", ".join(k.value for k in TrajectoryKind)
                        + "; zonder: volgens de soort vacature")
    parser.add_argument("--provider", choices=[p.value for p in Provider], metavar="UITVOERDER",
                        help="leerwerkbedrijf, markt of werkgever; zonder: die van de vacature")
    parser.add_argument("--location", choices=[loc.value for loc in Location], metavar="LOCATIE",
                        help="werkgever of intern")
    parser.add_argument("--motivation", metavar="TEKST", help="motivatie (verplicht bij een waarschuwing)")
    parser.add_argument("--override-reason", metavar="TEKST", help="reden om een blokkade te doorbreken (teamleider)")
    parser.add_argument("--note", metavar="TEKST", help="toelichting bij het voorstel (als dat nog niet bestond)")
    add_id(parser, "het traject")
    parser.add_argument("--proposal-id", type=client_id, metavar="UUID",
                        help="id voor het voorstel als de kandidaat nog niet was voorgesteld")
    add_json(parser)
    parser.set_defaults(handler=run)


def _pair(args) -> tuple[str, str]:
    if args.candidate and args.vacancy and args.klantnummer is None:
        return args.candidate, args.vacancy
    if args.klantnummer and args.reference and not (args.candidate or args.vacancy):
        return args.klantnummer, args.reference
    raise UsageError("geef KLANTNUMMER en REFERENTIE, of --candidate KLANTNUMMER met --vacancy REFERENTIE")


def run(ctx, args) -> int:
    from matchdesk.services.proposals import EMPLOYER_KINDS, NO_PROPOSAL, PLACEMENT_KINDS, place_pair, placement_row
    from matchdesk.services.trajectories import TrajectoryInput

    klantnummer, reference = _pair(args)
    app = ctx.app()
    row = placement_row(app, klantnummer, reference)  # NotFound: exit 2
    default_kind = PLACEMENT_KINDS.get(row.vacancy_kind) if row.vacancy_kind else None
    kind = TrajectoryKind(args.kind) if args.kind else default_kind or TrajectoryKind.REGULIER
    provider = Provider(args.provider) if args.provider else row.vacancy_provider
    if provider is None and row.vacancy_kind in EMPLOYER_KINDS:  # a job at the employer, as the dialog chooses
        provider = Provider.WERKGEVER
    fields = TrajectoryInput(kind=kind, start=args.start, planned_end=args.end, provider=provider,
                             location=Location(args.location) if args.location else None,
                             motivation=args.motivation, record_id=args.id)
    if row.id != NO_PROPOSAL and args.proposal_id is not None:
        raise UsageError(f"--proposal-id: kandidaat {klantnummer} is al voorgesteld voor {reference}")
    try:
        moved = place_pair(app, row, fields, override_reason=args.override_reason, explanation=args.note,
                           proposal_id=args.proposal_id)
    except REFUSALS as error:
        return refused(args, error)
    assert moved.trajectory_id is not None
    end = f" tot en met {format_nl(args.end)}" if args.end else ""
    return done(args, moved.trajectory_id,
                f"Kandidaat {klantnummer} geplaatst op vacature {reference}: {label(kind)} vanaf "
                f"{format_nl(args.start)}{end}", judged=True, verdict=moved.verdict, findings=moved.findings,
                extra={"proposal": str(moved.id)})
