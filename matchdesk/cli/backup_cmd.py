"""`matchdesk backup FILE`: a consistent copy through SQLite's online backup API."""

from __future__ import annotations

from pathlib import Path

from matchdesk.services.backup import backup_database


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("backup", parents=[parent], help="reservekopie van de database maken",
                                   description="Maakt een reservekopie van de SQLite-database, ook terwijl hij "
                                   "in gebruik is.")
    parser.add_argument("file", metavar="BESTAND", help="waar de kopie komt")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    target = backup_database(ctx.app(), Path(args.file))
    print(f"Reservekopie gemaakt: {target}")
    return 0
