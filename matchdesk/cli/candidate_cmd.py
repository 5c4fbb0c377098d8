"""`matchdesk candidate set KLANTNUMMER FIELD=VALUE...`, `candidate archive|restore KLANTNUMMER`: the
candidate editor's writes from the command line (``services.candidate_cases.save_candidate``,
``archive_candidate``, ``restore_candidate``), on the version read just before (a save meanwhile by someone
else: exit 1, naming who).

The fields are the ones the editor changes, named as the import's columns (``uren_per_week``,
``geboortedatum``, ``nl_spreken``, ``vaardigheden`` ...; two the import does not have: ``bsn_testgegeven``
and ``tekst_voor_werkgever``) and checked as the import checks them; an empty value clears a field.
``vaardigheden`` replaces the whole list (``;``-separated, each with an optional ``(niveau, bron)``); an
``nl_*`` level changes only that skill. Exit 2 for an unknown field or klantnummer and for a value the
checks refuse (the Dutch message names the field); ``--json`` prints ``{"ok", "id", "verdict",
"findings"}`` with ``"version"``."""

from __future__ import annotations

import datetime as dt

from matchdesk.cli.write_output import REFUSALS, add_json, done, field_values, invalid, refused
from matchdesk.domain import LanguageSkill
from matchdesk.errors import ValidationError

# the editor's fields (ui/candidate_editor.py CANDIDATE_FIELDS) by the import column that carries them
_EDITOR = ("klantnummer", "voornaam", "tussenvoegsel", "achternaam", "birth_date", "bsn", "adres", "postcode",
           "woonplaats", "municipality", "telefoon", "email", "doelgroep", "categorie", "benefit_type",
           "banenafspraak", "beschut_indicatie", "wsw", "statushouder", "taalachterstand", "taaleis_status",
           "taaleis_date", "startkwalificatie", "ontheffing_until", "loonwaarde", "hours_per_week",
           "available_from", "driving_licences", "max_travel_km", "desired_occupations", "wishes",
           "work_limitations", "notes", "skills", *(f"lang:{skill.value}" for skill in LanguageSkill))
# editor fields without an import column: the names their checks use in messages
_EXTRA = {"bsn_testgegeven": "bsn_test_data", "tekst_voor_werkgever": "employer_text"}


def fields(today: dt.date) -> dict[str, tuple[str, object]]:
    """FIELD -> (the editor's attribute, its check), in the import's column order, the extras last."""
    from matchdesk.services.candidates import candidate_spec
    from matchdesk.transfer.candidate_columns import candidate_columns

    known = {c.header: (c.field, c.parse) for c in candidate_columns(today) if c.field in _EDITOR}
    spec = candidate_spec(today)
    return known | {name: (attr, spec[attr]) for name, attr in _EXTRA.items()}


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "candidate", parents=[parent], help="een kandidaat wijzigen, archiveren of terugzetten",
        description="Wijzigt een kandidaat zoals de kandidaatkaart dat doet, op de versie die net is gelezen.")
    actions = parser.add_subparsers(dest="action", metavar="ACTIE", title="acties", required=True)
    change = actions.add_parser(
        "set", parents=[parent], help="velden van een kandidaat wijzigen: VELD=WAARDE ...",
        description="Wijzigt velden van een kandidaat. De velden heten als de kolommen van de import "
        "(bijvoorbeeld uren_per_week=32, telefoon=0612345678, nl_spreken=B1, vaardigheden='Heftruck rijden; "
        "Orderpicken'); een lege waarde maakt het veld leeg. vaardigheden vervangt de hele lijst. Een onbekend "
        "veld toont de lijst van velden.")
    change.add_argument("klantnummer", metavar="KLANTNUMMER")
    change.add_argument("values", nargs="+", metavar="VELD=WAARDE")
    add_json(change)
    for name, text in (("archive", "een kandidaat archiveren (bewaard, niet meer in lijsten en rangschikking)"),
                       ("restore", "een gearchiveerde kandidaat terugzetten")):
        sub = actions.add_parser(name, parents=[parent], help=text, description=text[0].upper() + text[1:] + ".")
        sub.add_argument("klantnummer", metavar="KLANTNUMMER")
        add_json(sub)
    parser.set_defaults(handler=run)


def _changes(today: dt.date, typed: dict[str, str]):
    """(plain values, skills or None, languages or None) for ``save_candidate``; every refused value is
    collected and raised as one ValidationError (the first, the others attached)."""
    from matchdesk.services.candidates import SkillInput

    known = fields(today)
    values: dict[str, object] = {}
    skills, languages = None, None
    problems: list[ValidationError] = []
    for name, text in typed.items():
        attr, parse = known[name]
        try:
            value = parse(text)
        except ValidationError as error:
            problems.append(error)
            continue
        if attr == "skills":
            skills = [SkillInput(e.text, e.level, e.source) for e in value]
        elif attr.startswith("lang:"):
            languages = (languages or {}) | {LanguageSkill(attr.removeprefix("lang:")): value}
        else:
            values[attr] = value
    if problems:
        problems[0].others = problems[1:]
        raise problems[0]
    return values, skills, languages


def run(ctx, args) -> int:
    from matchdesk.services import candidate_cases as cases

    app = ctx.app()
    if args.action == "set":
        typed = field_values(args.values, fields(app.today), "een kandidaat")
        try:
            values, skills, languages = _changes(app.today, typed)
        except ValidationError as error:
            return invalid(error)
    current = cases.candidate_key(app, args.klantnummer)  # NotFound: exit 2
    try:
        if args.action == "set":
            saved = cases.save_candidate(app, current.id, current.version, values, skills=skills,
                                         languages=languages)
            text = f"Kandidaat {saved.key} gewijzigd: {', '.join(typed)}" if saved.version != current.version \
                else f"Kandidaat {saved.key} ongewijzigd: de waarden waren al zo"
        elif args.action == "archive":
            saved = cases.archive_candidate(app, current.id, current.version)
            text = f"Kandidaat {saved.key} gearchiveerd"
        else:
            saved = cases.restore_candidate(app, current.id, current.version)
            text = f"Kandidaat {saved.key} teruggezet"
    except REFUSALS as error:
        return refused(args, error)
    except ValidationError as error:
        if args.action == "set":
            return invalid(error)  # a value the checks refuse (a BSN another candidate has): bad input
        return refused(args, error)  # already archived, a running trajectory: refused, exit 1
    return done(args, saved.id, text, extra={"version": saved.version})
