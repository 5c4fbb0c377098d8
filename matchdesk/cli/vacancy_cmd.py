"""`matchdesk vacancy add --employer KVK --title TITLE [...]` or `vacancy add werkgever=KVK titel=...`: a new
vacancy of an employer through the use case of the window's "Vacature ter plekke"
(``services.vacancy_create.create_vacancy_for``): the next free reference of the year, the fields checked as
the import checks them. Fields are the import's column names (``referentie`` and ``status`` excepted: the
reference is given, a new vacancy is open); the options are shorthands for the common ones. Exit 0 done (the
new reference printed), 2 bad usage, an unknown KvK number or a value the checks refuse; ``--json`` prints
``{"ok", "id", "verdict", "findings"}`` with ``"reference"``."""

from __future__ import annotations

import re

from matchdesk.cli.dutch_argparse import iso_date
from matchdesk.cli.write_output import add_id, add_json, done, field_values, invalid
from matchdesk.domain import LanguageSkill, Provider, VacancyKind
from matchdesk.errors import UsageError, ValidationError

FIELDS = ("werkgever", "titel", "soort", "omschrijving", "postcode", "plaats", "uren_per_week",
          "vereiste_vaardigheden", "gewenste_vaardigheden", *(f"min_nl_{s.value}" for s in LanguageSkill),
          "taalondersteuning", "rijbewijs_vereist", "startdatum", "aanbieder", "plaatsen")
# option -> field
_OPTIONS = {"employer": "werkgever", "title": "titel", "kind": "soort", "description": "omschrijving",
            "postcode": "postcode", "place": "plaats", "hours": "uren_per_week", "skills": "vereiste_vaardigheden",
            "desired_skills": "gewenste_vaardigheden", "start": "startdatum", "provider": "aanbieder",
            "positions": "plaatsen"}


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("vacancy", parents=[parent], help="een vacature vastleggen",
                                   description="Vacatures vastleggen zoals het venster dat doet.")
    actions = parser.add_subparsers(dest="action", metavar="ACTIE", title="acties", required=True)
    add = actions.add_parser(
        "add", parents=[parent], help="een nieuwe vacature van een werkgever vastleggen",
        description="Legt een nieuwe vacature vast bij de werkgever met dit KvK-nummer en toont de nieuwe "
        "referentie. Velden heten als de kolommen van de import (VELD=WAARDE): " + ", ".join(FIELDS)
        + "; de opties hieronder zijn afkortingen voor de meest gebruikte.")
    add.add_argument("values", nargs="*", metavar="VELD=WAARDE")
    add.add_argument("--employer", metavar="KVK", help="KvK-nummer van de werkgever (verplicht)")
    add.add_argument("--title", metavar="TITEL", help="titel (verplicht)")
    add.add_argument("--kind", choices=[k.value for k in VacancyKind], metavar="SOORT",
                     help="soort vacature: " + ", ".join(k.value for k in VacancyKind) + "; zonder: regulier")
    add.add_argument("--description", metavar="TEKST", help="omschrijving")
    add.add_argument("--postcode", metavar="POSTCODE", help="postcode van de werkplek")
    add.add_argument("--place", metavar="PLAATS", help="plaats; zonder: die van de werkgever")
    add.add_argument("--hours", metavar="UREN", help="uren per week (1..60)")
    add.add_argument("--skills", metavar="'A,B'", help="vereiste vaardigheden, gescheiden door komma's of ;")
    add.add_argument("--desired-skills", metavar="'A,B'", help="gewenste vaardigheden, gescheiden door komma's of ;")
    add.add_argument("--start", type=iso_date, metavar="JJJJ-MM-DD", help="startdatum")
    add.add_argument("--provider", choices=[p.value for p in Provider], metavar="AANBIEDER",
                     help="leerwerkbedrijf, markt of werkgever")
    add.add_argument("--positions", metavar="AANTAL", help="aantal plaatsen (1..500); zonder: 1")
    add_id(add, "de vacature")
    add_json(add)
    parser.set_defaults(handler=run)


def _typed(args) -> dict[str, object]:
    typed: dict[str, object] = dict(field_values(args.values, FIELDS, "een vacature"))
    for option, name in _OPTIONS.items():
        value = getattr(args, option)
        if value is None:
            continue
        if name in typed:
            raise UsageError(f"{name} is twee keer gegeven (als --{option.replace('_', '-')} en {name}=)")
        if option in ("skills", "desired_skills"):  # a comma separates here too (the import: only ;)
            value = [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
        typed[name] = value.isoformat() if option == "start" else value
    for required in ("werkgever", "titel"):
        if not str(typed.get(required) or "").strip():
            option = "--employer KVK" if required == "werkgever" else "--title TITEL"
            raise UsageError(f"{required} is verplicht ({option} of {required}=...)")
    return typed


def run(ctx, args) -> int:
    from matchdesk.services.vacancy_create import create_vacancy_for

    typed = _typed(args)
    kvk = str(typed.pop("werkgever")).strip()
    try:
        saved = create_vacancy_for(ctx.app(), kvk, typed, record_id=args.id)  # NotFound: exit 2
    except ValidationError as error:
        return invalid(error)
    return done(args, saved.id, f"Vacature {saved.key} vastgelegd bij werkgever {kvk}: {typed['titel']}",
                extra={"reference": saved.key})
