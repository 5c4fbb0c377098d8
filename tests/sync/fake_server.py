"""A fake team server for the client tests (``httpx.MockTransport``): canned answers per command name, changes
to pull, a switch for a server that cannot be reached; every request signed in with the token ``geheim``."""

from __future__ import annotations

import json

import httpx

from matchdesk.sync.versions import rulebook_versions, schema_version


class FakeServer:
    def __init__(self, rulebooks) -> None:
        self.handshake = {"schema": schema_version(), "rulebooks": rulebook_versions(rulebooks)}
        self.answers: dict[str, dict] = {}  # by command name: the answer (without id)
        self.changes: list[dict] = []
        self.pages: list[list[dict]] = []  # pulled one page a request before ``changes``
        self.pushed: list[dict] = []
        self.facts: list[dict] = []
        self.down = False
        self.restored = False  # the pull refuses the watermark (HTTP 409): the server was restored

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("verbinding geweigerd", request=request)
        if request.headers.get("authorization") != "Bearer geheim":
            return httpx.Response(401, json={"detail": "nee"})
        if request.url.path == "/api/v1/handshake":
            return httpx.Response(200, json=self.handshake)
        if request.url.path == "/api/v1/push":
            body = json.loads(request.content)
            self.pushed += body["commands"]
            self.facts += body["audit"]
            results = [{"id": c["id"], "status": "applied", "message": "", "findings": [], "current": {}}
                       | self.answers.get(c["name"], {}) for c in body["commands"]]
            return httpx.Response(200, json={"results": results})
        if request.url.path == "/api/v1/pull" and self.restored:
            return httpx.Response(409, json={"detail": "Het watermerk hoort bij een andere database"})
        if request.url.path == "/api/v1/pull" and self.pages:
            page = self.pages.pop(0)
            return httpx.Response(200, json={"watermark": f"page-{len(self.pages)}", "more": True, "changes": page})
        if request.url.path == "/api/v1/pull":
            changes, self.changes = self.changes, []
            return httpx.Response(200, json={"watermark": "900", "more": False, "changes": changes})
        return httpx.Response(404)
