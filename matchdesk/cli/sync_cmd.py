"""`matchdesk --db laptop.db sync --server URL [--json]`: push this laptop's outbox to the team server, then
pull what changed there (docs/sync.md). A missing or empty file first takes the server's copy of the
medewerker's scope and becomes a laptop of that server.

The token comes from ``MATCHDESK_SERVER_TOKEN`` or the credential store (service ``MatchDesk-server``, user
name the server URL). Exit 0 every command applied, 1 some refused (they stay listed with the server's
version), 2 the server unreachable, the sign-in refused or another version (the outbox untouched).
``--json`` prints ``{"pushed", "applied", "refused": [{"command", "status", "message"}], "pulled"}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

_STATUS = {"rules": "geweigerd door de regels", "conflict": "conflict", "invalid": "ongeldig"}


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "sync", parents=[parent], help="deze laptop synchroniseren met de teamserver",
        description="Verstuurt de wijzigingen die op deze laptop zijn gemaakt naar de teamserver (die ze opnieuw "
        "aan de regels toetst) en haalt op wat daar is gewijzigd. Een nieuw of leeg bestand krijgt eerst een "
        "kopie van de server. De toegangscode komt uit MATCHDESK_SERVER_TOKEN of het sleutelbeheer.")
    parser.add_argument("--server", metavar="URL", help="adres van de teamserver (na de eerste keer onthouden)")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(handler=run)


def run(ctx, args) -> int:
    from matchdesk.sync import client

    target = _laptop_file(ctx.db_target)
    if target is None:
        return _fail(args, "Synchroniseren kan alleen met een databasebestand op deze laptop, niet met een server.")
    try:
        report = _sync(ctx, args, target, client)
    except client.SyncTrouble as trouble:
        return _fail(args, str(trouble))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        _print(report)
    return 1 if report.refused else 0


def _sync(ctx, args, target: Path, client):
    from matchdesk.sync import outbox
    from matchdesk.sync.apply import is_empty_target

    empty = is_empty_target(target)
    server = args.server
    if server is None and not empty:
        with ctx.app().reading() as session:
            server = outbox.meta_value(session, outbox.SERVER)
    if not server:
        raise client.SyncTrouble("Geef het adres van de teamserver met --server URL.", "version")
    token = client.server_token(server)
    if not token:
        raise client.SyncTrouble(f"Er is geen toegangscode voor {server}: zet {client.TOKEN_ENV} of bewaar de code "
                                 f"in het sleutelbeheer (dienst {client.KEYRING_SERVICE}).", "signin")
    with client.ServerConnection(server, token) as connection:
        handshake = connection.handshake()
        client.check_versions(handshake, ctx.rulebooks())
        scope = handshake.get("scope")
        watermark = client.first_copy(connection, target) if empty else None
        app = ctx.app()
        if empty:
            client.become_laptop(app, server.rstrip("/"), watermark, scope)
        elif args.server:
            _remember(app, server.rstrip("/"), client)
        report = client.sync_app(app, connection)
        if report.recopy:
            return _new_copy(ctx, connection, target, server.rstrip("/"), scope, client, report)
    return report.__class__(report.pushed, report.applied, report.refused, report.pulled, snapshot=empty)


def _new_copy(ctx, connection, target: Path, server: str, scope, client, pushed):
    """The server no longer knows the laptop's watermark (restored from a backup, or moved): everything was
    sent, so the laptop takes a new copy (the outbox's history goes with the old file)."""
    from matchdesk.sync.desk import sync_state

    if sync_state(ctx.app()).pending:
        raise client.SyncTrouble("De teamserver is teruggezet of verhuisd, maar niet alle wijzigingen zijn "
                                 "verstuurd; probeer het later opnieuw.", "unreachable")
    ctx.close()  # ctx.app() opens the new copy
    watermark = client.first_copy(connection, target)
    client.become_laptop(ctx.app(), server, watermark, scope)
    return pushed.__class__(pushed.pushed, pushed.applied, pushed.refused, 0, snapshot=True)


def _laptop_file(target: str) -> Path | None:
    """The SQLite file ``--db`` names (it may not exist yet); None for a server URL."""
    from sqlalchemy.engine import make_url

    if "://" in target:
        url = make_url(target)
        if url.get_backend_name() != "sqlite" or not url.database:
            return None
        target = url.database
    return Path(target).expanduser().resolve()


def _remember(app, server: str, client) -> None:
    """A laptop given another address for its server (moved, another port): the token signed in there, so
    it is the team's server; the address is kept from now on. A desktop file is refused by the sync itself."""
    from matchdesk.sync import outbox

    with app.reading() as session:
        laptop, known = outbox.meta_value(session, outbox.LAPTOP), outbox.meta_value(session, outbox.SERVER)
    if laptop is not None and known != server:
        with app.unit() as session:
            outbox.set_meta_value(session, outbox.SERVER, server)


def _fail(args, message: str) -> int:
    print(f"matchdesk: {message}", file=sys.stderr)
    return 2


def _print(report) -> None:
    from matchdesk.sync.commands import COMMAND_LABELS

    if report.snapshot:
        print("Kopie van de server opgehaald.")
    from matchdesk.plural import plural

    print(f"Verstuurd: {plural(report.pushed, 'wijziging', 'wijzigingen')}, waarvan {report.applied} verwerkt; "
          f"opgehaald: {plural(report.pulled, 'wijziging', 'wijzigingen')} van de server.")
    for refused in report.refused:
        what = COMMAND_LABELS.get(refused.command, refused.command)
        print(f"Geweigerd ({_STATUS.get(refused.status, refused.status)}): {what}: {refused.message}")
