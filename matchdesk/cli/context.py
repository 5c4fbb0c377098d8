"""What every command receives: the resolved global options. The database opens only on request."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

SYSTEM_USER = "systeem"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("MatchDesk", appauthor=False)) / "matchdesk.db"


@dataclass
class Context:
    db: str | None
    user: str | None
    today: dt.date
    rules_dir: Path | None
    _database: object | None = field(default=None, repr=False)
    _rulebooks: object | None = field(default=None, repr=False)

    @property
    def actor(self) -> str:
        """Who a command-line write is recorded as (CONTRACTS.md: ``systeem`` without --user)."""
        return self.user or SYSTEM_USER

    @property
    def db_target(self) -> str:
        return self.db or str(default_database_path())

    def database(self, create: bool = False):
        """Open (and migrate) the database; ``create`` only for demo and import."""
        if self._database is None:
            from matchdesk.storage.database import Database

            self._database = Database.open(self.db_target, create=create)
        return self._database

    def rulebooks(self):
        """The shipped rulebooks with those of --rules on top; load errors are kept, not raised."""
        if self._rulebooks is None:
            from matchdesk.rules.rulebook import load_rulebooks

            self._rulebooks = load_rulebooks(self.rules_dir)
        return self._rulebooks

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None


def env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None
