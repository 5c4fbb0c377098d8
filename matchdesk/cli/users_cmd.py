"""`matchdesk --db URL users add|list|revoke|region`: the team server's accounts (``matchdesk.sync.users``).

``add NAAM --role ROL --region REGIO`` makes the medewerker (or gives an existing one this role and region)
and prints a new sign-in token once: give it to the medewerker for their laptop (``MATCHDESK_SERVER_TOKEN``).
``revoke NAAM`` ends it at once. ``region NAAM REGIO`` narrows (or widens) the candidates their laptop may
hold: a region, a werkplein or municipalities of the rulebooks, separated by ';'. ``--json`` prints the
contract codes.
"""

from __future__ import annotations

import json

from matchdesk.cli.serve_cmd import server_target
from matchdesk.domain import Role
from matchdesk.labels import label

REGION_HELP = ("regio, werkplein of gemeente(n) waarvan de laptop de kandidaten mag hebben, gescheiden door ';' "
               "(bijvoorbeeld WVS, 'Brabantse Wal' of 'Roosendaal;Rucphen')")


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "users", parents=[parent], help="accounts van de teamserver: toevoegen, tonen, intrekken",
        description="Beheert wie met een laptop met de teamserver mag synchroniseren (alleen PostgreSQL).")
    actions = parser.add_subparsers(dest="action", metavar="ACTIE", title="acties", required=True)
    add = actions.add_parser("add", parents=[parent], help="account maken en eenmalig het token tonen",
                             description="Maakt een account (medewerker en token) en toont het token één keer.")
    add.add_argument("name", metavar="NAAM")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], metavar="ROL",
                     help="rol: " + ", ".join(r.value for r in Role))
    add.add_argument("--region", required=True, metavar="REGIO", help=REGION_HELP)
    add.add_argument("--json", action="store_true", help="uitvoer als JSON")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", parents=[parent], help="alle medewerkers met hun toegang",
                                 description="Toont alle medewerkers met rol, regio en of ze een token hebben.")
    listing.add_argument("--json", action="store_true", help="uitvoer als JSON")
    listing.set_defaults(handler=run_list)
    revoke = actions.add_parser("revoke", parents=[parent], help="het token van een medewerker intrekken",
                                description="Trekt het token van de medewerker in: de laptop wordt geweigerd.")
    revoke.add_argument("name", metavar="NAAM")
    revoke.set_defaults(handler=run_revoke)
    region = actions.add_parser("region", parents=[parent], help="het werkgebied van een medewerker wijzigen",
                                description="Geeft de medewerker een ander (bijvoorbeeld kleiner) werkgebied; "
                                "de laptop houdt vanaf de volgende synchronisatie alleen die kandidaten.")
    region.add_argument("name", metavar="NAAM")
    region.add_argument("region", metavar="REGIO", help=REGION_HELP)
    region.set_defaults(handler=run_region)


def _app(ctx):
    server_target(ctx)
    return ctx.app(create=True)


def run_add(ctx, args) -> int:
    from matchdesk.sync.users import add_user

    made = add_user(_app(ctx), args.name, Role(args.role), args.region)
    if args.json:
        print(json.dumps({"name": made.name, "role": made.role.value, "region": made.region, "token": made.token},
                         ensure_ascii=False))
        return 0
    print(f"Account voor {made.name} ({label(made.role, Role)}, werkgebied {made.region}).")
    print("Token (wordt maar één keer getoond; geef het aan de medewerker voor de laptop):")
    print(made.token)
    return 0


def run_list(ctx, args) -> int:
    from matchdesk.sync.users import list_users

    accounts = list_users(_app(ctx))
    if args.json:
        print(json.dumps([{"name": a.name, "role": a.role.value, "region": a.region, "active": a.active,
                           "since": a.since.isoformat() + "Z" if a.since else None} for a in accounts],
                         ensure_ascii=False, indent=2))
        return 0
    if not accounts:
        print("Nog geen medewerkers.")
        return 0
    rows = [("Naam", "Rol", "Werkgebied", "Toegang")] + [
        (a.name, label(a.role, Role), a.region or "-",
         f"token sinds {a.since:%Y-%m-%d %H:%M} UTC" if a.active and a.since else "geen token") for a in accounts]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3])
    return 0


def run_revoke(ctx, args) -> int:
    from matchdesk.sync.users import revoke_user

    if revoke_user(_app(ctx), args.name):
        print(f"Het token van {args.name.strip()} is ingetrokken; de laptop wordt vanaf nu geweigerd.")
    else:
        print(f"{args.name.strip()} had geen token; er is niets gewijzigd.")
    return 0


def run_region(ctx, args) -> int:
    from matchdesk.sync.users import set_region

    account = set_region(_app(ctx), args.name, args.region)
    print(f"Werkgebied van {account.name}: {account.region}. De laptop houdt vanaf de volgende synchronisatie "
          "alleen de kandidaten daarvan.")
    return 0
