"""`matchdesk rules check|validate|show`: the rules engine from the command line. Never opens a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from matchdesk.cli.dutch_argparse import iso_date
from matchdesk.dates import format_nl
from matchdesk.errors import UsageError


def register(subparsers, parent) -> None:
    rules = subparsers.add_parser("rules", parents=[parent], help="trajectregels: toetsen, controleren, tonen",
                                  description="Trajectregels van de regelboeken per gemeente.")
    rules.set_defaults(handler=lambda ctx, args: _usage(rules))
    sub = rules.add_subparsers(dest="rules_command", metavar="OPDRACHT", title="opdrachten",
                               parser_class=type(rules))
    check = sub.add_parser("check", parents=[parent], help="toets een scenario (JSON) en toon het oordeel als JSON",
                           description="Toetst een voorgenomen actie uit een scenariobestand aan de regels van de "
                                       "gemeente op de beslisdatum. Exitcode 0 bij elk oordeel; "
                                       "2 bij ongeldige invoer.")
    check.add_argument("file", metavar="BESTAND.json", help="scenariobestand; - leest van standaardinvoer")
    check.set_defaults(handler=run_check)
    validate = sub.add_parser("validate", parents=[parent], help="controleer regelboekbestanden",
                              description="Controleert regelboeken (TOML); fouten als bestand:regel: reden.")
    validate.add_argument("files", metavar="BESTAND", nargs="+", help="regelboekbestand of map met regelboeken")
    validate.set_defaults(handler=run_validate)
    show = sub.add_parser("show", parents=[parent], help="toon de regels van een gemeente op een datum",
                          description="Toont de regels die voor een gemeente gelden op een datum.")
    show.add_argument("municipality", metavar="GEMEENTE")
    show.add_argument("--date", metavar="JJJJ-MM-DD", type=iso_date, help="datum (standaard: vandaag)")
    show.add_argument("--json", action="store_true", help="uitvoer als JSON")
    show.set_defaults(handler=run_show)


def print_rulebook_errors(rulebooks, consequence: str = "") -> None:
    """Rulebooks that failed to load, as warnings on stderr: the command still runs for the others."""
    for error in rulebooks.errors:
        print(f"matchdesk: waarschuwing: regelboek: {error}", file=sys.stderr)
    if rulebooks.errors and consequence:
        print(f"matchdesk: waarschuwing: {consequence}", file=sys.stderr)


def _usage(parser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _rulebooks(ctx):
    from matchdesk.rules.rulebook import load_rulebooks

    return load_rulebooks(ctx.rules_dir)


def run_check(ctx, args) -> int:
    from matchdesk.rules.safe_input import UnsafeInput, read_stream, read_text
    from matchdesk.rules.scenario import check_scenario

    try:
        text = read_stream(sys.stdin) if args.file == "-" else read_text(args.file, encoding="utf-8-sig")
    except UnsafeInput as error:
        where = "standaardinvoer" if args.file == "-" else args.file
        hint = "; een scenario is een JSON-bestand" if error.reason == "geen UTF-8-tekst" else ""
        raise UsageError(f"{where}: {error.reason}{hint}") from None
    rulebooks = _rulebooks(ctx)
    verdict = check_scenario(text, rulebooks)
    print_rulebook_errors(rulebooks)
    print(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2))
    return 0


def run_validate(ctx, args) -> int:
    from matchdesk.rules.rulebook import check_rulebook_file

    paths: list[Path] = []
    for name in args.files:
        path = Path(name)
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                raise UsageError(f"{name}: geen regelboeken (*.toml) in deze map")
            paths.extend(found)
        elif path.exists():
            paths.append(path)
        else:
            raise UsageError(f"{name}: bestand niet gevonden")
    invalid = 0
    for path in paths:
        errors, override = check_rulebook_file(path)
        for error in errors:
            print(str(error), file=sys.stderr)
        if errors:
            invalid += 1
        else:
            print(f"{path}: geldig")
            if override is not None:
                print(f"{path}: waarschuwing: met --rules gebruikt: {override.describe()}", file=sys.stderr)
    return 2 if invalid else 0


def run_show(ctx, args) -> int:
    rulebooks = _rulebooks(ctx)
    on = args.date or ctx.today
    rulebook = rulebooks.for_municipality(args.municipality, on)
    data = rulebook.to_json()
    overrides = rulebooks.overrides_for(rulebook)
    if args.json:
        data["overrides"] = [override.to_json() for override in overrides]
        print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    werkplein = f", werkplein {data['werkplein']}" if data["werkplein"] else ""
    print(f"{data['municipality']} (regio {data['region'] or 'onbekend'}{werkplein}), regels op {format_nl(on)}")
    for book in data["rulebooks"]:
        print(f"  regelboek {book['id']}: {book['title']} — bron: {book['source']}")
    for override in overrides:
        print(f"  LET OP: {override.describe()}")
    for rule in data["rules"]:
        state = "geldt" if rule["in_force"] else ("uit" if not rule["enabled"] else "niet van kracht")
        period = f"vanaf {rule['valid_from']}" + (f" tot en met {rule['valid_until']}" if rule["valid_until"] else "")
        numbers = ", ".join(f"{k} = {v}" for k, v in rule["params"].items())
        print(f"\n{rule['id']} [{state}] {rule['title']}")
        print(f"    {period}; bron: {rule['source']}" + (f"\n    {numbers}" if numbers else ""))
    print_rulebook_errors(rulebooks)
    return 0
