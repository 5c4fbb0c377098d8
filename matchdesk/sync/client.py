"""The laptop's side of a sync (docs/sync.md): handshake, push the outbox, undo what the server refused,
pull what changed; the first sync of an empty file takes the server's snapshot.

    connection = ServerConnection("https://matchdesk.gemeente.nl", token)
    check_versions(connection.handshake(), rulebooks)    # SyncTrouble (exit 2) when they differ
    report = sync_app(app, connection)                   # push, then pull; SyncReport

``SyncTrouble`` (the server unreachable, the sign-in refused, another version) leaves the outbox as it is:
a command whose answer did not arrive stays pending and is sent again next time with the same id (the server
answers it from its store and applies nothing twice). Answers that did arrive are kept, one transaction per
command: its status, and for a refused one the server's rows replace the laptop's (``local`` keeps the
laptop's for the "Geweigerde wijzigingen" list).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import select

from matchdesk.errors import MatchDeskError
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import AuditEntry, OutboxCommand
from matchdesk.sync import outbox
from matchdesk.sync.apply import apply_changes, local_rows, replace_rows, take_snapshot
from matchdesk.sync.versions import rulebook_versions, schema_version

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.rules.rulebook import Rulebooks

TOKEN_ENV = "MATCHDESK_SERVER_TOKEN"
KEYRING_SERVICE = "MatchDesk-server"  # the credential store's service; the user name is the server URL
PUSH_BATCH = 50
FACT_BATCH = 500
PULL_LIMIT = 1000
REFUSED = ("rules", "conflict", "invalid")
Progress = Callable[[str, int, int], None]  # (stage: snapshot | push | pull, done, total or 0)


class SyncTrouble(MatchDeskError):
    """The sync could not run: ``kind`` unreachable, signin or version. Exit 2; the outbox is untouched."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Refused:
    id: str
    command: str  # the command's name
    status: str  # rules | conflict | invalid
    message: str


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    applied: int
    refused: tuple[Refused, ...]
    pulled: int
    snapshot: bool = False
    recopy: bool = False  # the server refused the watermark (restored or moved): a new copy is needed

    def to_json(self) -> dict[str, Any]:
        """What ``matchdesk sync --json`` prints."""
        return {"pushed": self.pushed, "applied": self.applied,
                "refused": [{"command": r.command, "status": r.status, "message": r.message} for r in self.refused],
                "pulled": self.pulled}


def server_token(server: str) -> str | None:
    """The sign-in token: ``MATCHDESK_SERVER_TOKEN``, else the credential store (service ``MatchDesk-server``,
    user name the server URL)."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if token:
        return token
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, server.rstrip("/")) or None
    except Exception:  # noqa: BLE001 - no usable credential store is the same as no token there
        return None


class ServerConnection:
    """JSON over HTTP to the team's sync service, signed in with a bearer token."""

    def __init__(self, server: str, token: str, *, client: httpx.Client | None = None,
                 timeout: float = 60.0) -> None:
        self.server = server.rstrip("/")
        self._client = client or httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0))
        self._headers = {"Authorization": f"Bearer {token}"}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ServerConnection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, self.server + path, headers=self._headers, **kwargs)
        except httpx.HTTPError as error:
            raise self._unreachable(error) from None
        self._check(response)
        return response

    def _unreachable(self, error: Exception) -> SyncTrouble:
        return SyncTrouble(f"De server {self.server} is niet bereikbaar ({type(error).__name__}); er is niets "
                           "verloren: probeer het later opnieuw.", "unreachable")

    def _check(self, response: httpx.Response) -> None:
        if response.status_code == 409:  # a watermark of another database: the server was restored or moved
            raise SyncTrouble(f"De teamserver is teruggezet of verhuisd ({_detail(response)}); deze laptop haalt "
                              "een nieuwe kopie op.", "recopy")
        if response.status_code in (401, 403):
            raise SyncTrouble("De server weigert de aanmelding: de toegangscode klopt niet of is ingetrokken. Vraag "
                              f"een nieuwe aan en zet die in {TOKEN_ENV} of in het sleutelbeheer.", "signin")
        if response.status_code >= 400:
            raise SyncTrouble(f"De server {self.server} gaf een fout ({response.status_code}: {_detail(response)}); "
                              "er is niets verloren: probeer het later opnieuw.", "unreachable")

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._request(method, path, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise SyncTrouble(f"De server {self.server} gaf een onleesbaar antwoord; probeer het later opnieuw.",
                              "unreachable") from None

    def handshake(self) -> dict[str, Any]:
        return dict(self._json("GET", "/api/v1/handshake"))

    def push(self, laptop: str, commands: list[dict[str, Any]], audit: list[dict[str, Any]]) -> list[dict[str, Any]]:
        answer = self._json("POST", "/api/v1/push", json={"laptop": laptop, "commands": commands, "audit": audit})
        return list(answer.get("results") or [])

    def pull(self, since: str | None, limit: int = PULL_LIMIT) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit}
        if since:
            params["since"] = since
        return dict(self._json("GET", "/api/v1/pull", params=params))

    def snapshot(self, folder: Path) -> tuple[Path, str, str]:
        """Download the snapshot into ``folder`` (streamed to the file): (file, one-time key, watermark)."""
        path = folder / f"momentopname-{uuid.uuid4().hex}.db"
        try:
            with self._client.stream("GET", self.server + "/api/v1/snapshot", headers=self._headers) as response:
                if response.status_code >= 400:
                    response.read()
                    self._check(response)
                key = response.headers.get("X-MatchDesk-Snapshot-Key", "")
                watermark = response.headers.get("X-MatchDesk-Watermark", "")
                with path.open("wb") as out:
                    for chunk in response.iter_bytes(1 << 20):
                        out.write(chunk)
        except httpx.HTTPError as error:
            raise self._unreachable(error) from None
        if len(key) != 64 or not watermark:
            raise SyncTrouble("De server gaf geen bruikbare kopie (sleutel of watermerk ontbreekt).", "unreachable")
        return path, key, watermark


def _detail(response: httpx.Response) -> str:
    try:
        return str(response.json().get("detail") or response.reason_phrase)
    except (ValueError, AttributeError):
        return response.reason_phrase


# -- the handshake --------------------------------------------------------------------------------------------
def check_versions(handshake: Mapping[str, Any], rulebooks: Rulebooks) -> None:
    """Refuse to sync (``SyncTrouble`` kind version) when the server's schema or rulebooks differ from ours."""
    ours, theirs = schema_version(), str(handshake.get("schema"))
    if ours != theirs:
        raise SyncTrouble(f"De server werkt met een andere versie van MatchDesk (databaseschema {theirs}, hier "
                          f"{ours}). Werk MatchDesk bij naar de versie van de server; er is niets verstuurd.",
                          "version")
    mine, server = rulebook_versions(rulebooks), dict(handshake.get("rulebooks") or {})
    if mine != server:
        differ = sorted(k for k in set(mine) | set(server) if mine.get(k) != server.get(k))
        raise SyncTrouble(f"De regelboeken van de server verschillen van die op deze laptop ({', '.join(differ)}). "
                          "Werk MatchDesk bij naar de versie van de server; er is niets verstuurd.", "version")


# -- the first copy -------------------------------------------------------------------------------------------
def first_copy(connection: ServerConnection, target: Path, progress: Progress | None = None) -> str:
    """Take the server's snapshot as the database at ``target`` (missing or empty); returns its watermark."""
    if progress:
        progress("snapshot", 0, 0)
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".matchdesk-kopie-", dir=target.parent))
    try:
        downloaded, key, watermark = connection.snapshot(folder)
        take_snapshot(downloaded, key, target)
    finally:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()
    if progress:
        progress("snapshot", 1, 1)
    return watermark


def become_laptop(app: App, server: str, watermark: str | None, scope: str | None = None) -> str:
    """Mark the open database a laptop of ``server`` (with the snapshot's watermark and the scope the
    handshake named); its laptop id."""
    with app.unit() as session:
        laptop = outbox.make_laptop(session, server)
        if watermark is not None:
            outbox.set_meta_value(session, outbox.WATERMARK, watermark)
        if scope:
            outbox.set_meta_value(session, outbox.SCOPE, scope)
    return laptop


# -- push and pull ------------------------------------------------------------------------------------------
def sync_app(app: App, connection: ServerConnection, progress: Progress | None = None, *,
             pull: bool = True) -> SyncReport:
    """Push the outbox (and the audit facts), then pull (unless ``pull`` is False: a new copy follows), on a
    laptop database; ``SyncTrouble`` stops it."""
    with app.reading() as session:
        laptop = outbox.meta_value(session, outbox.LAPTOP)
    if laptop is None:
        raise SyncTrouble("Dit bestand is geen laptopkopie van de server. Synchroniseer naar een nieuw (leeg) "
                          "bestand: de eerste synchronisatie haalt de gegevens van de server op.", "version")
    pushed, applied, refused, created = _push(app, connection, laptop, progress)
    try:
        pulled = _pull(app, connection, progress, created) if pull else 0
    except SyncTrouble as trouble:
        if trouble.kind != "recopy":
            raise
        return SyncReport(pushed, applied, tuple(refused), 0, recopy=True)  # what was sent is kept
    with app.unit() as session:
        outbox.set_meta_value(session, outbox.LAST_SYNC, utcnow().isoformat() + "Z")
    return SyncReport(pushed, applied, tuple(refused), pulled)


def _push(app: App, connection: ServerConnection, laptop: str,
          progress: Progress | None) -> tuple[int, int, list[Refused], list[str]]:
    with app.reading() as session:
        pending = list(session.scalars(select(OutboxCommand).where(OutboxCommand.status == "pending")
                                       .order_by(OutboxCommand.seq)))
        sent_seq = int(outbox.meta_value(session, outbox.AUDIT_SENT) or 0)
        facts = list(session.scalars(select(AuditEntry).where(AuditEntry.seq > sent_seq).order_by(AuditEntry.seq)))
    pushed = applied = 0
    refused: list[Refused] = []
    created: list[str] = []
    total = len(pending)
    while pending or facts:
        batch, pending = pending[:PUSH_BATCH], pending[PUSH_BATCH:]
        fact_batch, facts = facts[:FACT_BATCH], facts[FACT_BATCH:]
        results = connection.push(laptop, [outbox.as_command(row) for row in batch], [_fact(e) for e in fact_batch])
        by_id = {str(result.get("id")): result for result in results if isinstance(result, Mapping)}
        for row in batch:
            result = by_id.get(str(row.id))
            if result is None:
                continue  # no answer for it: it stays pending and goes again next time
            status = _answer(app, row.id, result)
            pushed += 1
            if status == "applied":
                applied += 1
                created += _created(row)
            else:
                refused.append(Refused(str(row.id), row.name, status, str(result.get("message") or "")))
        if fact_batch:
            with app.unit() as session:
                outbox.set_meta_value(session, outbox.AUDIT_SENT, str(max(e.seq or 0 for e in fact_batch)))
        if progress:
            progress("push", pushed, total)
    return pushed, applied, refused, created


def _created(row: OutboxCommand) -> list[str]:
    """The rows the command created on the laptop (``table/uuid``): the pull brings the server's."""
    made = {str(uuid.UUID(str(i).rpartition("/")[2])) for i in json.loads(row.ids)}
    return [key for key in json.loads(row.touched) if key.rpartition("/")[2] in made]


def _fact(entry: AuditEntry) -> dict[str, Any]:
    return {"id": str(entry.id), "at": entry.at.isoformat() + "Z", "medewerker": entry.medewerker,
            "action": entry.action, "record_type": entry.record_type,
            "record_id": str(entry.record_id) if entry.record_id else None, "fields": entry.fields,
            "detail": entry.detail}


def _answer(app: App, command_id: uuid.UUID, result: Mapping[str, Any]) -> str:
    """Keep the server's answer to one command; a refused one's local effect is replaced by the server's rows."""
    status = str(result.get("status"))
    if status not in ("applied", *REFUSED):
        status = "invalid"
    with app.unit() as session:
        row = session.get(OutboxCommand, command_id)
        if row is None:
            return status
        row.status, row.answered_at = status, utcnow()
        row.message = str(result.get("message") or "") or None
        if status != "applied":
            current = {str(k): v for k, v in dict(result.get("current") or {}).items()}
            keys = list(dict.fromkeys([*json.loads(row.touched), *current]))
            row.local = json.dumps(local_rows(session, keys))
            replace_rows(session, current)  # the server's rows for everything the command touched
            row.current = json.dumps(current)
            row.findings = json.dumps(list(result.get("findings") or []))
            row.changed_by = result.get("changed_by") or None
            row.changed_at = _when(result.get("changed_at"))
    return status


def _when(value: object) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def _pull(app: App, connection: ServerConnection, progress: Progress | None, created: Sequence[str] = ()) -> int:
    """Every page since the watermark, applied in one transaction with the new watermark: a page may hold a
    child whose parent comes on a later page (the foreign keys are checked at the commit), and a pull cut
    off half-way leaves the laptop as it was (the next one starts from the same watermark). The rows that
    applied commands created on the laptop go first: the server's come back with the pull (the same ids),
    and one the server did not make (it updated an existing row instead) does not stay behind."""
    pulled = 0
    with app.unit() as session:
        replace_rows(session, dict.fromkeys(created))
        watermark = outbox.meta_value(session, outbox.WATERMARK)
        while True:
            answer = connection.pull(watermark)
            changes = list(answer.get("changes") or [])
            pulled += apply_changes(session, changes)
            watermark = str(answer.get("watermark") or watermark or "") or None
            if progress:
                progress("pull", pulled, 0)
            if not answer.get("more") or not changes:
                break
        outbox.set_meta_value(session, outbox.WATERMARK, watermark)
    return pulled
