"""What every command receives: the resolved global options. The application object (``matchdesk.app.App``:
database, rulebooks, medewerker, today, engines) is built only on request, once, and closed by ``main``."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.rules.rulebook import Rulebooks
    from matchdesk.storage.database import Database

SYSTEM_USER = "systeem"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("MatchDesk", appauthor=False)) / "matchdesk.db"


@dataclass
class Context:
    db: str | None
    user: str | None
    today: dt.date
    rules_dir: Path | None
    _app: App | None = field(default=None, repr=False)
    _rulebooks: Rulebooks | None = field(default=None, repr=False)

    @property
    def actor(self) -> str:
        """Who a command-line write is recorded as (CONTRACTS.md: ``systeem`` without --user)."""
        return self.user or SYSTEM_USER

    @property
    def db_target(self) -> str:
        return self.db or str(default_database_path())

    def app(self, create: bool = False) -> App:
        """The application object on the database (opened and migrated now); ``create`` only for demo
        and import. Writes are recorded as ``actor``."""
        if self._app is None:
            from matchdesk.app import App
            from matchdesk.files import private_dir, remove_stray_temporaries
            from matchdesk.storage.database import Database

            if self.db is None:  # MatchDesk's own data folder: owner-only (a folder the user chose stays as it is)
                private_dir(default_database_path().parent)
            remove_stray_temporaries()  # partial exports a killed MatchDesk left behind

            database = Database.open(self.db_target, create=create)
            self._app = App(database, user=self.actor, today=self.today, rulebooks=self.rulebooks(),
                            cache_dir=_cache_dir(database))
            self._app.note_rulebook_overrides()
        return self._app

    @property
    def opened_app(self) -> App | None:
        """The application object if a command opened it, else None (error reporting at the top)."""
        return self._app

    def database(self, create: bool = False) -> Database:
        """The open database of ``app()`` (for the commands that hand it to the transfer layer)."""
        return self.app(create).db

    def rulebooks(self) -> Rulebooks:
        """The shipped rulebooks with those of --rules on top; load errors are kept, not raised."""
        if self._rulebooks is None:
            from matchdesk.rules.rulebook import load_rulebooks

            self._rulebooks = load_rulebooks(self.rules_dir)
        return self._rulebooks

    def close(self) -> None:
        if self._app is not None:
            self._app.close()
            self._app = None


def _cache_dir(db: Database) -> Path | None:
    """The matching index may be kept between commands only for a local file (never a shared server's
    candidates on a laptop), and not when MATCHDESK_NO_CACHE is set."""
    if os.environ.get("MATCHDESK_NO_CACHE") or db.sqlite_path is None:
        return None
    return Path(platformdirs.user_cache_dir("MatchDesk", appauthor=False))  # made 0700 by services.matching


def env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None
