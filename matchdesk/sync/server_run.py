"""Running the team server: uvicorn on a socket bound here, so ``--port 0`` takes a free port.

When the socket listens, one line goes to stderr: ``MATCHDESK_SERVER_READY http://<host>:<port>`` (scripts and
tests wait for it; the port is the real one). SIGTERM and Ctrl+C stop it cleanly: requests under way are
finished (up to ``GRACE_SECONDS``), the database is closed, and the command ends with exit code 0. The change
log that pull reads is pruned to ``--keep-days`` (180) at the start and once a day (``changes.prune``).
"""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from typing import Any

from sqlalchemy.exc import DBAPIError

from matchdesk.rules.rulebook import Rulebooks
from matchdesk.storage.database import Database

__all__ = ["GRACE_SECONDS", "KEEP_DAYS", "READY", "bind", "serve"]

READY = "MATCHDESK_SERVER_READY"
GRACE_SECONDS = 10
KEEP_DAYS = 180  # the change log keeps half a year; a laptop away longer takes a new copy
PRUNE_EVERY_SECONDS = 24 * 3600


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (port 0: a free one), not yet listening."""
    family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        if sys.platform != "win32":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except BaseException:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(db: Database, rulebooks: Rulebooks, host: str, port: int, *, access_log: bool = False,
          keep_days: int = KEEP_DAYS) -> None:
    """Serve until SIGTERM or Ctrl+C; the change log is pruned to ``keep_days`` at the start and daily."""
    import uvicorn

    from matchdesk.sync.server import create_app

    sock = bind(host, port)
    url = url_of(sock)
    stop = threading.Event()
    threading.Thread(target=_prune_daily, args=(db, keep_days, stop), name="matchdesk-prune", daemon=True).start()

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started and not self.should_exit:
                print(f"{READY} {url}", file=sys.stderr, flush=True)

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            # uvicorn raises the signal again after its graceful shutdown (the process would die of it);
            # here a signal only stops the server and the command ends normally
            handled = (signal.SIGINT, signal.SIGTERM)
            previous: dict[int, Any] = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    config = uvicorn.Config(create_app(db, rulebooks), log_level="warning", access_log=access_log,
                            lifespan="off", timeout_graceful_shutdown=GRACE_SECONDS, server_header=False,
                            proxy_headers=True, forwarded_allow_ips="127.0.0.1")
    try:
        Server(config).run(sockets=[sock])
    finally:
        stop.set()
        sock.close()


def _prune_daily(db: Database, keep_days: int, stop: threading.Event) -> None:
    from matchdesk.errors import MatchDeskError
    from matchdesk.sync.changes import prune

    while not stop.is_set():
        try:
            prune(db, keep_days)
        except (MatchDeskError, DBAPIError) as error:  # the database away for a while: try again tomorrow
            print(f"matchdesk: het wijzigingslogboek opruimen lukte niet: {error}", file=sys.stderr, flush=True)
        stop.wait(PRUNE_EVERY_SECONDS)
