"""`matchdesk --db postgresql+psycopg://... serve --host 127.0.0.1 --port 8765`: the team server.

The sync service for the team's laptops (docs/sync.md) on the team's PostgreSQL database, whose schema is
made or brought up to date first by the same migrations as every MatchDesk database. Prints
``MATCHDESK_SERVER_READY <url>`` on stderr once it listens (``--port 0``: a free port); SIGTERM or Ctrl+C stop
it (exit 0). Plain HTTP: TLS comes from the municipality's reverse proxy (README "Teamserver").
"""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from matchdesk.errors import UsageError

NOT_POSTGRESQL = ("De teamserver bewaart zijn gegevens in PostgreSQL, niet in een SQLite-bestand: geef met --db "
                  "(of MATCHDESK_DB) een URL als postgresql+psycopg://gebruiker@server/matchdesk.")


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "serve", parents=[parent], help="de teamserver starten (synchronisatie voor laptops)",
        description="Start de synchronisatiedienst voor de laptops van het team op de PostgreSQL-database van "
        "--db. Meldt 'MATCHDESK_SERVER_READY <url>' op stderr zodra hij luistert; stopt met Ctrl+C of SIGTERM.")
    parser.add_argument("--host", default="127.0.0.1", metavar="ADRES",
                        help="adres om op te luisteren (standaard 127.0.0.1: achter de reverse proxy)")
    parser.add_argument("--port", type=int, default=8765, metavar="POORT",
                        help="poort (standaard 8765; 0: een vrije poort)")
    parser.add_argument("--access-log", action="store_true", help="elk verzoek op stderr melden")
    parser.add_argument("--keep-days", type=int, default=180, metavar="DAGEN",
                        help="hoe lang het wijzigingslogboek bewaard blijft (180); een laptop die langer niet "
                        "synchroniseerde, haalt een nieuwe kopie op")
    parser.set_defaults(handler=run)


def server_target(ctx) -> str:
    """The --db URL when it names PostgreSQL; anything else is refused with the Dutch message."""
    target = ctx.db
    if target and "://" in target:
        try:
            if make_url(target).get_backend_name() == "postgresql":
                return target
        except ArgumentError:
            raise UsageError(f"{target!r} is geen geldige database-URL") from None
    raise UsageError(NOT_POSTGRESQL)


def run(ctx, args) -> int:
    from matchdesk.sync.server_run import serve

    if not 0 <= args.port <= 65535:
        raise UsageError(f"poort {args.port} bestaat niet (0 tot en met 65535)")
    if args.keep_days < 1:
        raise UsageError("--keep-days moet minstens 1 zijn")
    server_target(ctx)
    app = ctx.app(create=True)  # makes or upgrades the schema
    try:
        serve(app.db, app.rulebooks, args.host, args.port, access_log=args.access_log, keep_days=args.keep_days)
    except OSError as error:
        raise UsageError(f"kan niet luisteren op {args.host}:{args.port}: {_why(error)}") from None
    return 0


def _why(error: OSError) -> str:
    import errno
    import socket

    if isinstance(error, socket.gaierror):
        return "onbekend adres"
    reasons = {errno.EADDRINUSE: "de poort is al in gebruik (draait de teamserver al?)",
               errno.EACCES: "geen toestemming (een poort onder 1024 vraagt beheerrechten)",
               errno.EADDRNOTAVAIL: "dit adres hoort niet bij deze computer"}
    return reasons.get(error.errno or 0, f"systeemfout {error.errno}")
