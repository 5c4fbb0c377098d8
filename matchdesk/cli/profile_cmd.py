"""`matchdesk profile KLANTNUMMER [--anonymous [--met-werkgeverstekst]] [--vacancy REF] [-o FILE.pdf]`: a profile
as PDF. An anonymised profile holds no free text; ``--met-werkgeverstekst`` adds the candidate's "tekst voor
werkgever" and is audited as its confirmation."""

from __future__ import annotations


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "profile", parents=[parent], help="kandidaatprofiel als PDF (volledig of geanonimiseerd)",
        description="Schrijft het profiel van een kandidaat als PDF. Zonder --anonymous het volledige, interne "
        "profiel met persoonsgegevens; met --anonymous het geanonimiseerde profiel voor een werkgever "
        "(profielnummer in plaats van naam en klantnummer). Met --vacancy komen de score en de uitleg van de "
        "matching erbij. Een geanonimiseerd profiel bevat geen vrije tekst; met --met-werkgeverstekst komt de "
        "tekst voor werkgever van de kandidaat erin (dat geldt als uw bevestiging van die tekst en staat in het "
        "auditlog). Elke afdruk staat in het auditlog.")
    parser.add_argument("klantnummer", metavar="KLANTNUMMER", help="het klantnummer van de kandidaat")
    parser.add_argument("--anonymous", action="store_true", help="geanonimiseerd profiel voor een werkgever")
    parser.add_argument("--met-werkgeverstekst", dest="employer_text", action="store_true",
                        help="met de tekst voor werkgever (alleen met --anonymous; wordt als bevestiging gelogd)")
    parser.add_argument("--vacancy", metavar="REF", help="met de match voor deze vacature (referentie)")
    parser.add_argument("-o", "--output", metavar="BESTAND.pdf",
                        help="uitvoerbestand (standaard profiel-<profielnummer>.pdf in de huidige map)")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.errors import UsageError
    from matchdesk.services.profiles import export_profile

    if args.employer_text and not args.anonymous:
        raise UsageError("--met-werkgeverstekst hoort bij --anonymous: het volledige profiel bevat de tekst al.")
    printed = export_profile(ctx.app(), args.klantnummer, args.output, anonymous=args.anonymous,
                             vacancy_reference=args.vacancy,  # with a vacancy: the matching engine's score
                             include_employer_text=args.employer_text)
    print(printed.path)
    return 0
