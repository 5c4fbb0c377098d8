"""The team server's HTTP service (FastAPI): the endpoints of docs/sync.md on one PostgreSQL database.

``create_app(db, rulebooks)`` builds the ASGI application; ``server_run.serve`` runs it with uvicorn. Every
request carries ``Authorization: Bearer <token>`` (``users``): a missing, unknown or revoked token is HTTP 401.
The endpoints are plain functions that FastAPI runs on its worker threads; each works as the signed-in
medewerker through an ``App`` on the shared database (audit entries name them), and a database that cannot
be reached is HTTP 503 with the Dutch message (the laptop keeps its outbox and tries again later).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask

from matchdesk.app import App
from matchdesk.errors import MatchDeskError, StorageUnavailable, UsageError
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.storage.audit import log_event
from matchdesk.storage.database import Database
from matchdesk.sync import changes, server_push
from matchdesk.sync.server_facts import append_facts
from matchdesk.sync.server_scope import Scope, scope_of
from matchdesk.sync.snapshot import make_snapshot
from matchdesk.sync.users import SignedIn, sign_in
from matchdesk.sync.versions import rulebook_versions, schema_version

__all__ = ["API", "create_app"]

API = "/api/v1"
SNAPSHOTS_AT_ONCE = 2  # making a snapshot is the heavy request: two at a time, the others wait their turn
UNAUTHORIZED = "Niet aangemeld: geef een geldig token van 'matchdesk users add' mee (Authorization: Bearer ...)."


def create_app(db: Database, rulebooks: Rulebooks, *, replay: server_push.Replayer | None = None,
               clock: Callable[[], dt.date] = dt.date.today) -> FastAPI:
    """The sync service on ``db`` (PostgreSQL). ``replay``: the command replayer (default
    ``matchdesk.sync.commands.replay``; tests may give another)."""
    versions = rulebook_versions(rulebooks)
    epoch = changes.database_epoch(db.engine)
    snapshots = threading.BoundedSemaphore(SNAPSHOTS_AT_ONCE)
    service = FastAPI(title="MatchDesk teamserver", docs_url=None, redoc_url=None, openapi_url=None)

    base = App(db, user="systeem", today=clock(), rulebooks=rulebooks)  # its engines are shared, never closed here

    def app_as(user: str) -> App:
        return base.as_of(clock(), user=user)

    def signed_in(request: Request) -> SignedIn:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        who = sign_in(app_as("systeem"), token.strip()) if scheme.lower() == "bearer" else None
        if who is None:
            raise HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
        return who

    @service.exception_handler(StorageUnavailable)
    def _unavailable(_request: Request, error: StorageUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    @service.exception_handler(changes.OtherDatabase)
    def _elsewhere(_request: Request, error: changes.OtherDatabase) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=409)

    @service.exception_handler(MatchDeskError)
    def _refused(_request: Request, error: MatchDeskError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    @service.get(f"{API}/handshake", response_model=None)
    def handshake(who: SignedIn = Depends(signed_in)) -> dict[str, Any]:
        scope = scope_of(who.region, rulebooks)
        return {"schema": schema_version(), "rulebooks": versions, "medewerker": who.name, "role": who.role.value,
                "region": who.region, "scope": _scope_id(scope), "epoch": epoch,
                "server_time": dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"}

    @service.post(f"{API}/push", response_model=None)
    def push(body: dict[str, Any], who: SignedIn = Depends(signed_in)) -> JSONResponse:
        laptop, commands, facts = _push_body(body)
        app = app_as(who.name)
        scope = scope_of(who.region, rulebooks)
        chosen = replay or _default_replay()
        results = [server_push.answer_command(app, scope, command, chosen) for command in commands]
        appended = append_facts(app, laptop, facts)
        return JSONResponse({"results": results, "audit": appended})

    @service.get(f"{API}/pull", response_model=None)
    def pull(since: str | None = None, limit: int = changes.DEFAULT_LIMIT,
             who: SignedIn = Depends(signed_in)) -> JSONResponse:
        return JSONResponse(changes.pull(db.engine, scope_of(who.region, rulebooks), since, limit, epoch).to_json())

    @service.get(f"{API}/snapshot", response_model=None)
    def snapshot(who: SignedIn = Depends(signed_in)) -> FileResponse:
        with snapshots:
            made = make_snapshot(db.engine, scope_of(who.region, rulebooks), epoch=epoch)
        try:
            with app_as(who.name).unit() as session:
                log_event(session, "geëxporteerd", "kandidaat", None,
                          f"momentopname voor een laptop: {made.candidates} kandidaten")
        except BaseException:
            made.discard()
            raise
        headers = {"X-MatchDesk-Watermark": made.watermark, "X-MatchDesk-Snapshot-Key": made.key,
                   "Cache-Control": "no-store"}
        return FileResponse(made.path, media_type="application/vnd.sqlite3", headers=headers,
                            filename="matchdesk-momentopname.db", background=BackgroundTask(made.discard))

    return service


def _default_replay() -> server_push.Replayer:
    from matchdesk.sync.commands import replay  # syncclient's: the registered commands and their use cases

    return replay


def _push_body(body: Mapping[str, Any]) -> tuple[str, list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    laptop = body.get("laptop")
    commands = body.get("commands", [])
    facts = body.get("audit", [])
    if not isinstance(laptop, str) or not laptop.strip():
        raise UsageError("'laptop' ontbreekt: het id van de laptop die verstuurt")
    if not isinstance(commands, list) or not all(isinstance(c, Mapping) for c in commands):
        raise UsageError("'commands' is geen lijst van opdrachten")
    if not isinstance(facts, list):
        raise UsageError("'audit' is geen lijst van auditfeiten")
    return laptop.strip()[:100], commands, facts


def _scope_id(scope: Scope) -> str:
    """A short fingerprint of the scope: a laptop that held another scope takes a new snapshot."""
    return hashlib.sha256(";".join(sorted(scope.municipalities)).encode("utf-8")).hexdigest()[:16]
