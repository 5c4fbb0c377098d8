"""The application object: what a running MatchDesk has open, built once and closed once.

    app = App.open("regio.db", user="anouk", today=dt.date.today())
    ranking = matching.rank_for_vacancy(app, "V2026-00001", Filters())   # a use case (services/)
    app.close()                  # or, in scripts and benchmarks: with App.open(...) as app: ...

The command line (``cli/context.py``) and the window (``ui/launch.py``) each build one ``App`` and pass it
to the use cases in ``matchdesk/services/``; nothing else opens a database or builds an engine. The
engines (matching with its candidate index, skill resolution, quick search) are created on first use,
shared by every caller in the process, and closed by ``close()``. Engines are thread-safe where the
window's ops run them off the GUI thread (matching serialises its calls; quick search rebuilds under a
lock). No module-level caches: whatever is shared hangs off this object.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from matchdesk.storage.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from matchdesk.matching.resolve import SkillResolver
    from matchdesk.matching.weights import Weights
    from matchdesk.rules.rulebook import Rulebooks
    from matchdesk.services.matching import MatchService
    from matchdesk.services.search import QuickSearch
    from matchdesk.vocabulary import Vocabulary


T = TypeVar("T")


class App:
    """The open database, the rulebooks, the medewerker who acts, "today", the weights and the engines."""

    def __init__(self, db: Database, *, user: str, today: dt.date, rulebooks: Rulebooks | None = None,
                 weights: Weights | None = None, cache_dir: Path | None = None) -> None:
        """``cache_dir``: where the matching engine may keep its candidate index between processes (the
        command line passes the user's cache folder for a local file; the window and tests pass none)."""
        self.db = db
        self.user = user
        self.today = today
        if rulebooks is None:
            from matchdesk.rules.rulebook import load_rulebooks

            rulebooks = load_rulebooks()
        self.rulebooks: Rulebooks = rulebooks
        self._weights = weights
        self._cache_dir = cache_dir
        self._lock = threading.RLock()
        self._vocabulary: Vocabulary | None = None
        self._resolver: SkillResolver | None = None
        self._matcher: MatchService | None = None
        self._search: QuickSearch | None = None
        self._closed = False

    @classmethod
    def open(cls, target: str | Path, *, user: str, today: dt.date, rules_dir: Path | None = None,
             create: bool = False, cache_dir: Path | None = None) -> App:
        """Open (and migrate) the database and load the rulebooks (load errors are kept, not raised)."""
        from matchdesk.files import remove_stray_temporaries
        from matchdesk.rules.rulebook import load_rulebooks

        remove_stray_temporaries()  # partial exports a killed MatchDesk left behind
        rulebooks = load_rulebooks(rules_dir)
        app = cls(Database.open(target, create=create), user=user, today=today, rulebooks=rulebooks,
                  cache_dir=cache_dir)
        app.note_rulebook_overrides()
        return app

    def note_rulebook_overrides(self) -> None:
        """Audit a ``--rules`` book that replaces a shipped one or switches rules off (once per distinct
        book). A database that cannot be written (read-only, damaged, busy) still opens: the status bar
        and ``rules show`` say it all the same."""
        from matchdesk.errors import MatchDeskError
        from matchdesk.services.rulebook_audit import record_rulebook_overrides

        try:
            record_rulebook_overrides(self)
        except MatchDeskError:
            pass

    # -- units of work (for the use cases in services/, never for the window) ----------------------------
    def unit(self, user: str | None = None) -> contextlib.AbstractContextManager[Session]:
        """One user action as this medewerker: one transaction, committed at the end or rolled back whole."""
        return self.db.unit(user or self.user)

    def reading(self) -> contextlib.AbstractContextManager[Session]:
        """A read-only look: no audit, nothing flushed."""
        return self.db.reading()

    def run(self, work: Callable[[Session], T]) -> T:
        """``work(session)`` in one unit of work as this medewerker, run again from the start when the
        database stays busy (``Database.run``): for use cases whose body may safely be repeated."""
        return self.db.run(self.user, work)

    # -- what the status bar and the first start need ----------------------------------------------------
    @property
    def label(self) -> str:
        return self.db.label

    @property
    def is_local_file(self) -> bool:
        return self.db.sqlite_path is not None

    def as_of(self, today: dt.date, user: str | None = None) -> App:
        """The same open database, rulebooks and engines judging as of ``today`` (as ``user``): a light view
        for one replayed command (``matchdesk.sync``), so that threads never share a changed "today"."""
        import copy

        self.vocabulary  # noqa: B018 - loaded once here, shared by every view
        view = copy.copy(self)
        view.today = today
        view.user = user or self.user
        return view

    def with_user(self, user: str) -> App:
        """The same open database and engines for another medewerker (the window's first start)."""
        self.user = user
        return self

    # -- shared engines ----------------------------------------------------------------------------------
    @property
    def weights(self) -> Weights:
        with self._lock:
            if self._weights is None:
                from matchdesk.matching.weights import load_weights

                self._weights = load_weights("wvs")
            return self._weights

    @property
    def vocabulary(self) -> Vocabulary:
        with self._lock:
            if self._vocabulary is None:
                from matchdesk.vocabulary import load_vocabulary

                self._vocabulary = load_vocabulary()
            return self._vocabulary

    @property
    def resolver(self) -> SkillResolver:
        """The one skill resolver of the process (editors, quick search and matching share it)."""
        with self._lock:
            if self._resolver is None:
                from matchdesk.matching.resolve import SkillResolver

                self._resolver = SkillResolver(self.vocabulary, self.weights)
            return self._resolver

    @property
    def matcher(self) -> MatchService:
        """The matching engine with its warm candidate index; built on first use."""
        with self._lock:
            self._check_open()
            if self._matcher is None:
                from matchdesk.services.matching import MatchService

                self._matcher = MatchService(self, cache_dir=self._cache_dir)
            return self._matcher

    @property
    def search(self) -> QuickSearch:
        """The in-memory quick-search index; ``services.search.refresh_search`` reloads it per dialog."""
        with self._lock:
            self._check_open()
            if self._search is None:
                from matchdesk.services.search import QuickSearch

                self._search = QuickSearch(self.db, self.resolver)
            return self._search

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("MatchDesk is al gesloten")

    # -- the end -------------------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the engines (the matching index is saved when a cache folder was given) and the database."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._matcher is not None:
                self._matcher.close()
                self._matcher = None
            self._search = None
            self.db.dispose()

    def __enter__(self) -> App:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
