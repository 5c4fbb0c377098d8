"""`matchdesk encrypt [--herstelsleutel BESTAND]`: versleutel een database van vóór de versleuteling, en/of
schrijf de herstelsleutel voor de beheerder."""

from __future__ import annotations

import sys
from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.services.encryption import encrypt_database, write_recovery_key
from matchdesk.storage.cipher import is_plaintext
from matchdesk.storage.database import sqlite_file

_SOURCES = {"sleutelbeheer": "in het sleutelbeheer van dit systeem", "sleutelbestand": "in MATCHDESK_KEY_FILE",
            "wachtzin": "afgeleid van MATCHDESK_PASSPHRASE"}


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "encrypt", parents=[parent], help="een onversleutelde database versleutelen",
        description="Versleutelt een SQLite-database van vóór de versleuteling (de onversleutelde kopie blijft "
        "ernaast staan tot u hem verwijdert). Met --herstelsleutel schrijft MatchDesk de sleutel ook naar "
        "een bestand voor de beheerder (bewaar het zoals een BitLocker-herstelsleutel).")
    parser.add_argument("--herstelsleutel", metavar="BESTAND",
                        help="schrijf de sleutel van de database naar dit bestand (alleen voor u leesbaar)")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    path = sqlite_file(ctx.db_target)
    if path is None:
        raise UsageError("encrypt werkt alleen voor een SQLite-database; PostgreSQL versleutelt de server zelf.")
    if is_plaintext(path):
        done = encrypt_database(path, ctx.actor)
        print(f"{path.name} is versleuteld; de sleutel staat {_SOURCES.get(done.key_source, done.key_source)}.")
        print(f"De onversleutelde kopie staat nog in {done.plaintext_copy}; verwijder die zodra alles werkt.",
              file=sys.stderr)
    elif not args.herstelsleutel:
        print(f"{path.name} is al versleuteld; er is niets gewijzigd.")
    if args.herstelsleutel:
        target = write_recovery_key(ctx.app(), Path(args.herstelsleutel))
        print(f"Herstelsleutel geschreven naar {target}; bewaar hem bij de beheerder en niet op deze laptop.")
    return 0
