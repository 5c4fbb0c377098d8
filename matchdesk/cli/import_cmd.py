"""`matchdesk import TYPE FILE [--dry-run] [--report RAPPORT] [--leeg-wist]`: a region's own lists in.

Exit codes: 0 nothing rejected, 1 rows rejected, 2 the file cannot be read (CONTRACTS.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from matchdesk.cli.progress import ProgressBar
from matchdesk.dates import format_number_nl
from matchdesk.domain import RECORD_TYPE_NAMES
from matchdesk.plural import plural

_SHOWN_ERRORS = 10


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "import", parents=[parent],
        help="kandidaten, werkgevers, vacatures, trajecten, opleidingen, werkervaring, contactmomenten of "
        "medewerkers inlezen (CSV, XLSX, ODS)",
        description="Leest een CSV- of Excel-bestand (.xlsx) in. Elke rij wordt ingelezen of geweigerd; "
        "een bestaand record (zelfde klantnummer, KvK-nummer, referentie) wordt bijgewerkt. De kolommen staan in "
        "de README en in de sjablonen. Exitcode 0: alles ingelezen; 1: rijen geweigerd; 2: bestand onleesbaar.")
    parser.add_argument("record_type", choices=RECORD_TYPE_NAMES, metavar="SOORT",
                        help="candidates, employers, vacancies, trajectories, educations, work_experiences, "
                        "contact_moments of medewerkers")
    parser.add_argument("file", metavar="BESTAND", help="het bestand (.csv of .xlsx)")
    parser.add_argument("--dry-run", action="store_true", help="alleen controleren en rapporteren; niets opslaan")
    parser.add_argument("--report", metavar="RAPPORT", help="schrijf het rapport (rij;kolom;waarde;melding;ernst) "
                        "naar dit .csv- of .xlsx-bestand")
    parser.add_argument("--leeg-wist", action="store_true", dest="clear_empty",
                        help="een lege cel wist de opgeslagen waarde (anders blijft die staan)")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.services import transfers  # heavy: only when importing
    from matchdesk.transfer import UnreadableFile
    from matchdesk.transfer.writers import table_format

    if args.report:
        table_format(args.report)  # a bad report name is a usage error before any work
    app = ctx.app(create=True)
    bar = ProgressBar("Inlezen")
    try:
        result = transfers.run_import(app, args.record_type, args.file, dry_run=args.dry_run,
                                      clear_empty=args.clear_empty, progress=bar)
    except UnreadableFile as error:
        bar.finish()
        if args.report:
            transfers.write_import_report(app, [transfers.unreadable_problem(args.file, str(error))], args.report,
                                          record_type=args.record_type)
        raise
    except KeyboardInterrupt:
        bar.finish()
        if not args.dry_run:
            print(f"Onderbroken: de eerste {bar.done} rijen zijn ingelezen en blijven bewaard; er is geen halve rij "
                  "opgeslagen. Lees het bestand opnieuw in om de rest toe te voegen.", file=sys.stderr)
        raise
    finally:
        bar.finish()
    if args.report:
        transfers.write_import_report(app, result.problems, args.report, record_type=args.record_type)
    errors = result.errors
    for problem in errors[:_SHOWN_ERRORS]:
        print(f"rij {problem.row}, {problem.column}: {problem.message}", file=sys.stderr)
    if len(errors) > _SHOWN_ERRORS:
        hint = f"; zie {Path(args.report).name}" if args.report else "; gebruik --report voor het hele overzicht"
        print(f"... en nog {len(errors) - _SHOWN_ERRORS} fouten{hint}", file=sys.stderr)
    prefix = "Proefrun, niets opgeslagen. " if args.dry_run else ""
    skills = result.unresolved_skills
    unresolved = f" ({plural(skills, 'onbekende vaardigheid', 'onbekende vaardigheden')} als vrije tekst)" if skills \
        else ""
    print(f"{prefix}{result.file_name} ({result.description}): {plural(result.read, 'rij', 'rijen')} gelezen, "
          f"{format_number_nl(result.new)} nieuw, {format_number_nl(result.updated)} bijgewerkt, "
          f"{format_number_nl(result.unchanged)} ongewijzigd, {format_number_nl(result.restored)} hersteld, "
          f"{format_number_nl(result.rejected)} geweigerd, {plural(result.warnings, 'waarschuwing', 'waarschuwingen')}"
          f"{unresolved}.")
    return 1 if result.rejected else 0
