"""A helper process for the kill tests: imports MatchDesk once, then for each command on stdin forks a
child that does the work and kills it with SIGKILL after the given delay (a real ``kill -9`` of a real
process, without paying Python's start-up for every kill). POSIX only.

    open PATH DELAY           Database.open(PATH, create=True)
    cli DELAY ARG...          matchdesk ARG... (the command line's main)

Answers one line per command: ``killed`` or ``done <exit code>``.
"""

from __future__ import annotations

import os
import signal
import sys
import time

from matchdesk.cli.main import main
from matchdesk.storage.database import Database


def _child(words: list[str]) -> int:
    if words[0] == "open":
        Database.open(words[1], create=True).dispose()
        return 0
    return main(words[2:])


def serve() -> None:
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        delay = float(words[2] if words[0] == "open" else words[1])
        pid = os.fork()
        if pid == 0:
            code = 3
            try:
                code = _child(words)
            finally:
                os._exit(code)
        time.sleep(delay)
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            print("killed", flush=True)
        else:
            print(f"done {os.waitstatus_to_exitcode(status)}", flush=True)


if __name__ == "__main__":
    serve()
