"""`matchdesk backup FILE`: a consistent copy through SQLite's online backup API."""

from __future__ import annotations

from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.services.backup import backup_database


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("backup", parents=[parent], help="reservekopie van de database maken",
                                   description="Maakt een reservekopie van de SQLite-database, ook terwijl hij in gebruik is.")
    parser.add_argument("file", metavar="BESTAND", help="waar de kopie komt")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    db = ctx.database()
    if db.sqlite_path is None:
        raise UsageError("backup werkt alleen voor een SQLite-database; gebruik voor PostgreSQL pg_dump")
    target = backup_database(db, Path(args.file), ctx.actor)
    print(f"Reservekopie gemaakt: {target}")
    return 0
