"""The sync use cases the window calls (through its ops): what the status bar shows, the sync itself, and the
refused changes with the server's version beside the laptop's, to redo or to drop.

    state = sync_state(app)                 # laptop or not, the server, the last sync, how many refused
    report = synchronise(app, progress)     # push and pull now (SyncTrouble: nothing lost, try later)
    changes = refused_changes(app)          # the refused commands, newest first, field by field
    redo_refused(app, command_id)           # run it again on the laptop's current versions: a new command
    drop_refused(app, command_id)           # let it go (it stays in the outbox as dropped)

Plain frozen values out; each opens its own unit of work.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from matchdesk.errors import NotFound
from matchdesk.storage.models import OutboxCommand
from matchdesk.sync import outbox
from matchdesk.sync.codec import decode_args, split_key, table_of
from matchdesk.sync.commands import COMMAND_LABELS, command, execute

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.sync.client import Progress, SyncReport

_BOOKKEEPING = {"id", "created_at", "updated_at", "updated_by", "version", "name_key", "profile_number",
                "bsn_test_data", "findings", "verdict"}
TABLE_LABELS = {"candidates": "kandidaat", "candidate_skills": "vaardigheid", "candidate_languages": "taalniveau",
                "educations": "opleiding", "work_experiences": "werkervaring", "contact_moments": "contactmoment",
                "employers": "werkgever", "vacancies": "vacature", "vacancy_skills": "vaardigheid van vacature",
                "vacancy_languages": "taaleis van vacature", "proposals": "voorstel", "trajectories": "traject",
                "signal_states": "signaal", "medewerkers": "medewerker"}


@dataclass(frozen=True)
class SyncState:
    laptop: bool
    server: str | None
    last_sync: dt.datetime | None  # UTC
    pending: int
    refused: int


@dataclass(frozen=True)
class FieldPair:
    field: str
    laptop: str  # "" when the laptop has no such row
    server: str  # "" when the server has no such row


@dataclass(frozen=True)
class RowPair:
    key: str  # table/uuid
    what: str  # the record kind in Dutch
    on_laptop: bool
    on_server: bool
    fields: tuple[FieldPair, ...]  # the fields that differ (all of a row only one side has)


@dataclass(frozen=True)
class RefusedChange:
    id: uuid.UUID
    name: str  # the command name (a code)
    what: str  # the command in Dutch
    status: str  # rules | conflict | invalid
    message: str
    findings: tuple[str, ...]
    changed_by: str | None
    changed_at: dt.datetime | None
    made_at: dt.datetime
    decided_on: dt.date
    rows: tuple[RowPair, ...]


def sync_state(app: App) -> SyncState:
    with app.reading() as session:
        laptop = outbox.meta_value(session, outbox.LAPTOP) is not None
        server = outbox.meta_value(session, outbox.SERVER)
        last = outbox.meta_value(session, outbox.LAST_SYNC)
        counts = {status: count for status, count in session.execute(
            select(OutboxCommand.status, func.count()).group_by(OutboxCommand.status))}
    when = dt.datetime.fromisoformat(last.rstrip("Z")) if last else None
    return SyncState(laptop, server, when, counts.get("pending", 0),
                     sum(counts.get(s, 0) for s in ("rules", "conflict", "invalid")))


def synchronise(app: App, progress: Progress | None = None) -> SyncReport:
    """Sync this laptop with its server now (the token from ``MATCHDESK_SERVER_TOKEN`` or the credential
    store); ``SyncTrouble`` when it cannot (the outbox untouched)."""
    from matchdesk.sync.client import ServerConnection, SyncTrouble, check_versions, server_token, sync_app

    state = sync_state(app)
    if not state.laptop or not state.server:
        raise SyncTrouble("Dit bestand is geen laptopkopie van een teamserver; synchroniseer eerst met "
                          "'matchdesk sync --server URL' naar een nieuw bestand.", "version")
    token = server_token(state.server)
    if not token:
        raise SyncTrouble(f"Er is geen toegangscode voor {state.server} in het sleutelbeheer of in "
                          "MATCHDESK_SERVER_TOKEN.", "signin")
    with ServerConnection(state.server, token) as connection:
        check_versions(connection.handshake(), app.rulebooks)
        report = sync_app(app, connection, progress)
    if report.recopy:
        raise SyncTrouble("Uw wijzigingen zijn verstuurd, maar de teamserver is teruggezet of verhuisd: deze laptop "
                          "heeft een nieuwe kopie nodig. Sluit MatchDesk en synchroniseer met 'matchdesk sync'.",
                          "recopy")
    return report


def refused_changes(app: App) -> tuple[RefusedChange, ...]:
    with app.reading() as session:
        rows = list(session.scalars(select(OutboxCommand).where(
            OutboxCommand.status.in_(("rules", "conflict", "invalid"))).order_by(OutboxCommand.seq.desc())))
    return tuple(_refused(row) for row in rows)


def _refused(row: OutboxCommand) -> RefusedChange:
    local = json.loads(row.local or "{}")
    current = json.loads(row.current or "{}")
    pairs = tuple(_pair(key, local.get(key), current.get(key)) for key in dict.fromkeys([*local, *current]))
    findings = tuple(str(f.get("message", f)) if isinstance(f, dict) else str(f)
                     for f in json.loads(row.findings or "[]"))
    return RefusedChange(row.id, row.name, COMMAND_LABELS.get(row.name, row.name), row.status, row.message or "",
                         findings, row.changed_by, row.changed_at, row.made_at, row.decided_on,
                         tuple(p for p in pairs if p.fields or p.on_laptop != p.on_server))


def _pair(key: str, laptop: dict[str, Any] | None, server: dict[str, Any] | None) -> RowPair:
    table, _ = split_key(key)
    names = [c.name for c in table_of(table).columns if c.name not in _BOOKKEEPING
             and (laptop is None or c.name in laptop) and (server is None or c.name in server)]
    labels = field_labels(table)
    fields = []
    for name in names:
        mine = _text(laptop.get(name)) if laptop else ""
        theirs = _text(server.get(name)) if server else ""
        if mine != theirs:
            fields.append(FieldPair(labels.get(name, name.replace("_", " ")), mine, theirs))
    return RowPair(key, TABLE_LABELS.get(table, table), laptop is not None, server is not None, tuple(fields))


@functools.cache
def field_labels(table: str) -> dict[str, str]:
    """A table's columns by the Dutch names the import and export use (``geboortedatum``, ``einde``)."""
    from matchdesk.transfer.registry import RECORD_TYPES

    kind = RECORD_TYPES.get(table)
    if kind is None:
        return {}
    return {c.field: c.header.replace("_", " ") for c in kind().columns(dt.date.today()) if ":" not in c.field}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def _refused_row(app: App, command_id: uuid.UUID) -> OutboxCommand:
    with app.reading() as session:
        row = session.get(OutboxCommand, command_id)
    if row is None or row.status not in ("rules", "conflict", "invalid"):
        raise NotFound("Deze geweigerde wijziging bestaat niet (meer).")
    return row


def redo_refused(app: App, command_id: uuid.UUID) -> Any:
    """Make the refused change again on the laptop as it is now (the versions it holds now), judged by the
    rules here: a new command for the next sync. The refused one is dropped once the redo is stored."""
    row = _refused_row(app, command_id)
    spec = command(row.name)
    args = decode_args(json.loads(row.args))
    expected = spec.expects(args)
    if expected:
        with app.reading() as session:
            now = {}
            for key in expected:
                table_name, row_id = split_key(key)
                table = table_of(table_name)
                version = session.scalar(select(table.c.version).where(table.c.id == row_id))
                if version is None:
                    raise NotFound("Het gegeven van deze wijziging bestaat niet meer op deze laptop.")
                now[key] = version
        args = spec.with_versions(args, now)
    done = execute(app, row.name, args)
    drop_refused(app, command_id)
    return done


def drop_refused(app: App, command_id: uuid.UUID) -> None:
    """Let the refused change go: it is kept in the outbox as dropped and no longer listed."""
    _refused_row(app, command_id)
    with app.unit() as session:
        row = session.get_one(OutboxCommand, command_id)
        row.status = "dropped"


__all__ = ["FieldPair", "RefusedChange", "RowPair", "SyncState", "drop_refused", "redo_refused", "refused_changes",
           "sync_state", "synchronise"]
