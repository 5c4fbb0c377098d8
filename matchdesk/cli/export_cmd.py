"""`matchdesk export TYPE FILE`: all live records with exactly the import headers (.csv or .xlsx)."""

from __future__ import annotations

from pathlib import Path

from matchdesk.cli.progress import ProgressBar
from matchdesk.domain import RECORD_TYPE_NAMES
from matchdesk.files import remove_stray_temporaries
from matchdesk.plural import plural

_LABELS = {"candidates": ("kandidaat", "kandidaten"), "employers": ("werkgever", "werkgevers"),
           "vacancies": ("vacature", "vacatures"), "trajectories": ("traject", "trajecten"),
           "educations": ("opleiding", "opleidingen"), "work_experiences": ("werkervaring", "werkervaringen"),
           "contact_moments": ("contactmoment", "contactmomenten"), "medewerkers": ("medewerker", "medewerkers")}


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "export", parents=[parent], help="kandidaten, werkgevers, vacatures, trajecten, opleidingen, werkervaring, "
        "contactmomenten of medewerkers wegschrijven",
        description="Schrijft alle (niet verwijderde) records naar een CSV- of Excel-bestand, met precies de "
        "kolommen van import: een export uit de ene database is in te lezen in een andere. Exporten met "
        "persoonsgegevens (alles behalve werkgevers en vacatures) komen in het auditlogboek.")
    parser.add_argument("record_type", choices=RECORD_TYPE_NAMES, metavar="SOORT",
                        help="candidates, employers, vacancies, trajectories, educations, work_experiences, "
                        "contact_moments of medewerkers")
    parser.add_argument("file", metavar="BESTAND", help="het doelbestand; .csv of .xlsx bepaalt het formaat")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.transfer import export_file  # heavy (openpyxl): only when exporting
    from matchdesk.transfer.writers import table_format

    table_format(args.file)
    remove_stray_temporaries()  # what an export killed mid-write left behind
    app = ctx.app()
    bar = ProgressBar("Exporteren")
    try:  # the transfer exporter audits exports of personal records (candidates, trajectories) itself
        count = export_file(app.db, args.record_type, args.file, user=app.user, progress=bar)
    finally:
        bar.finish()
    print(f"{plural(count, *_LABELS[args.record_type])} geëxporteerd naar {Path(args.file).name}.")
    return 0
