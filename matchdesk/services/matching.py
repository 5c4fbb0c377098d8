"""Matching use cases the command line and the Qt client both call: rank for a vacancy (stored or typed
in), rank for a candidate, explain one pair, what to ask a candidate. The ``MatchService`` is owned by the
application object (``app.matcher``, one per open database); it keeps the candidate index warm between
queries and brings it up to date before each one. Calls are serialised (a lock), so the window runs them
as ops.

    ranking = rank_for_vacancy(app, "V2026-00001", Filters(), top=20)   # the command line: rank --json rows
    shown = rank_named(app, vacancy="V2026-00001", top=50)              # the window: rows with names, frozen

``matching/`` is the engine only (scoring, index, explanation); this module is the door to it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from matchdesk.errors import MatchDeskError, UsageError
from matchdesk.files import private_dir
from matchdesk.matching.engine import Filters, MatchEngine, Ranking
from matchdesk.matching.explain import candidate_questions
from matchdesk.matching.profiles import VacancyProfile, candidate_profile, vacancy_from_fields, vacancy_profile
from matchdesk.services.candidates import get_by_klantnummer
from matchdesk.services.vacancies import get_by_reference
from matchdesk.storage.models import Candidate, Meta, Vacancy, VacancyLanguage, VacancySkill

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from matchdesk.app import App


def _per_vacancy(model: type[VacancySkill] | type[VacancyLanguage], what: Any) -> Any:
    return select(what).where(model.vacancy_id == Vacancy.id).correlate(Vacancy).scalar_subquery()


# what moves when a stored vacancy, its skills or its languages change (each by its own index)
_SIGNATURE = select(Vacancy.reference, Vacancy.id, Vacancy.version, Vacancy.updated_at, *(
    _per_vacancy(model, what) for model in (VacancySkill, VacancyLanguage)
    for what in (func.count(), func.max(model.updated_at), func.sum(model.version)))
).where(Vacancy.deleted_at.is_(None))

CACHE_KEY = "index_cache_key"  # the meta row with the key that signs this database's index copies (hex)


class MatchService:
    def __init__(self, app: App, cache_dir: Path | None = None) -> None:
        """``cache_dir``: keep a copy of the candidate index there between processes (the command line
        passes the user's cache folder). The copy is numpy arrays signed with a key only the database holds
        (``matching/index_file.py``): a foreign or tampered file is ignored, and a copy that is taken over is
        only trusted after the usual high-water-mark check."""
        self.db = app.db
        self.engine = MatchEngine(app.weights, app.rulebooks, resolver=app.resolver)
        self._lock = threading.Lock()
        self._cache_path: Path | None = None
        self._vacancies: dict[str, tuple[tuple | None, VacancyProfile]] = {}  # reference -> (signature, profile)
        self.from_cache = False
        self.engine.index.store.watch(self.db.engine)  # this process's own writes: see save()
        if cache_dir is not None:
            private_dir(Path(cache_dir))
            for old in Path(cache_dir).glob("index-*.pkl"):  # pickles of earlier versions: never read, removed
                old.unlink(missing_ok=True)
            self._cache_path = Path(cache_dir) / f"index-{self._database_key()}.idx"
            key = self._signing_key(create=False)
            if key is not None:
                self.from_cache = self.engine.index.load(self._cache_path, self.engine.fingerprint(), key)

    def _database_key(self) -> str:
        """The database's own marker row id (stable per database file, also after a move) and its place."""
        with self.db.reading() as session:
            marker = session.scalar(select(Meta.id).where(Meta.key == "app"))
        return hashlib.sha1(f"{marker}|{self.db.label}".encode()).hexdigest()[:16]

    def rank_for_vacancy(self, reference: str, today: dt.date, filters: Filters = Filters(),
                         top: int = 20) -> Ranking:
        """Candidates for a stored vacancy or leerwerkplek; NotFound for an unknown reference."""
        with self._lock, self.db.reading() as session:
            self.engine.index.refresh(session)  # first: its read snapshot must not predate the check
            vacancy = self._stored_vacancies(session, [reference])[reference]
            return self.engine.rank_candidates(session, vacancy, today, filters, top)

    def rank_many(self, references: Sequence[str], today: dt.date, filters: Filters = Filters(),
                  top: int = 20) -> dict[str, Ranking]:
        """Candidates for each of these stored vacancies (all-vs-all: ``benchmarks/rank_speed.py``): one read
        snapshot and one index check for all, the vacancies checked in one query and the changed or new ones
        read in one more, and what the engine keeps between rankings (distinct places and their distances,
        knock-outs per kind, winners' profiles) shared. The results are explained when read, as ever.
        NotFound for an unknown reference. Not audited: a use case that shows these must audit what it shows."""
        with self._lock, self.db.reading() as session:
            self.engine.index.refresh(session)
            vacancies = self._stored_vacancies(session, references)
            wanted = list(dict.fromkeys(references))
            rankings = self.engine.rank_many(session, [vacancies[r] for r in wanted], today, filters, top)
            return dict(zip(wanted, rankings, strict=True))

    def _stored_vacancies(self, session: Session, references: Sequence[str]) -> dict[str, VacancyProfile]:
        """Stored vacancies' profiles, kept between rankings: one query compares each one's row and its skill and
        language rows (count, latest change, sum of versions) with what was kept; only what changed is read."""
        wanted = list(dict.fromkeys(references))
        signatures: dict[str, tuple] = {}
        for start in range(0, len(wanted), 900):
            for reference, *signature in session.execute(_SIGNATURE.where(
                    Vacancy.reference.in_(wanted[start:start + 900]))):
                signatures[reference] = tuple(signature)
        missing = [r for r in wanted if r not in self._vacancies or self._vacancies[r][0] != signatures.get(r)]
        if len(missing) > 1:
            query = (select(Vacancy).where(Vacancy.reference.in_(missing), Vacancy.deleted_at.is_(None))
                     .options(selectinload(Vacancy.skills), selectinload(Vacancy.languages)))
            for vacancy in session.scalars(query):
                if vacancy.reference in signatures:
                    self._vacancies[vacancy.reference] = (signatures[vacancy.reference],
                                                          vacancy_profile(vacancy, self.engine.resolver))
        found = {}
        for reference in wanted:
            kept = self._vacancies.get(reference)
            if kept is None or kept[0] != signatures.get(reference):  # NotFound for a reference not stored
                kept = (signatures.get(reference), vacancy_profile(get_by_reference(session, reference, full=True),
                                                                   self.engine.resolver))
                if kept[0] is not None:
                    self._vacancies[reference] = kept
            found[reference] = kept[1]
        if len(self._vacancies) > 20_000:
            self._vacancies.clear()
        return found

    def rank_for_vacancy_fields(self, fields: dict, today: dt.date, filters: Filters = Filters(),
                                top: int = 20) -> Ranking:
        """Candidates for a vacancy that is not stored, from the vacancy import's fields (Dutch keys)."""
        with self._lock, self.db.reading() as session:
            self.engine.index.refresh(session)
            vacancy = vacancy_from_fields(fields, self.engine.resolver)
            return self.engine.rank_candidates(session, vacancy, today, filters, top)

    def rank_for_candidate(self, klantnummer: str, today: dt.date, filters: Filters = Filters(),
                           top: int = 20) -> Ranking:
        """Open vacancies and leerwerkplekken for a candidate; NotFound for an unknown klantnummer."""
        with self._lock, self.db.reading() as session:
            candidate = candidate_profile(get_by_klantnummer(session, klantnummer, full=True), self.engine.resolver)
            return self.engine.rank_vacancies(session, candidate, today, filters, top)

    def explain(self, klantnummer: str, reference: str, today: dt.date) -> dict:
        """One candidate against one vacancy: the same result dict as a ranking row (with ``explanation``)."""
        with self._lock, self.db.reading() as session:
            candidate = candidate_profile(get_by_klantnummer(session, klantnummer, full=True), self.engine.resolver)
            vacancy = vacancy_profile(get_by_reference(session, reference, full=True), self.engine.resolver)
            return self.engine.explain(candidate, self.engine.scorer.terms(vacancy, today), today)

    def questions_for(self, klantnummer: str) -> list[str]:
        """Dutch items to ask at the next contact so that every score component can be judged."""
        with self._lock, self.db.reading() as session:
            candidate = candidate_profile(get_by_klantnummer(session, klantnummer, full=True), self.engine.resolver)
            return candidate_questions(candidate, self.engine.scorer)

    def warm_up(self, today: dt.date | None = None) -> int:
        """Bring the candidate index up to date now (the saved copy was taken over when the service was made),
        so that a ranking asked for soon after does not build it; the number of candidates indexed. With
        ``today``, also what the engine keeps for the rankings of that day (``MatchEngine.prepare``)."""
        with self._lock, self.db.reading() as session:
            self.engine.index.refresh(session)
            if today is not None:
                self.engine.prepare(today)
            return len(self.engine.index)

    @contextlib.contextmanager
    def writing(self, user: str) -> Iterator[Session]:
        """A unit of work for a write that changes no candidate (a ranking's audit entry). On SQLite it is made
        on the connection the index checks ``PRAGMA data_version`` on, which does not count a connection's own
        commits: the next query's check still sees every other writer (another process, another unit of this
        one) but not this write, so it does not read the high-water marks again for an audit entry. Held
        under the lock, so the check cannot run on the connection meanwhile."""
        with self._lock:
            store = getattr(self.engine.index, "store", None)
            connection = getattr(store, "_connection", None)  # index_store.IndexStore's check connection
            if connection is not None and connection.closed:
                connection = None
            with self.db.unit(user, connection) as session:
                yield session

    def _signing_key(self, create: bool) -> bytes | None:
        """The database's key for index copies; made once (``create``) when there is none. None when there
        is none and it cannot be made (a read-only or busy database): then no copy is kept."""
        value = self.db.meta(CACHE_KEY)
        if value is None and create:
            try:
                with self.db.unit("systeem") as session:
                    value = session.scalar(select(Meta.value).where(Meta.key == CACHE_KEY))
                    if value is None:
                        value = secrets.token_hex(32)
                        self.db.set_meta(session, CACHE_KEY, value)
            except MatchDeskError:
                return None
        try:
            return bytes.fromhex(value) if value else None
        except ValueError:
            return None

    def save(self) -> None:
        """Write the index to the cache folder if it changed (quietly skipped when that is not possible). It is
        brought up to date first, so what another process erased meanwhile is not written again; that check is
        skipped when nothing would be written (the index unchanged since it was taken over or saved) unless this
        process wrote to the candidate tables since the index's last look (a stale copy is checked when the
        next process takes it over)."""
        if self._cache_path is None:
            return
        if not self.engine.index.dirty and self.engine.index.store.current_here():
            return
        try:
            with self._lock, self.db.reading() as session:
                self.engine.index.refresh(session)
        except MatchDeskError:
            return
        if not self.engine.index.dirty:
            return
        key = self._signing_key(create=True)
        if key is None:
            return
        try:
            self.engine.index.save(self._cache_path, self.engine.fingerprint(), key)
        except OSError:
            pass

    def close(self) -> None:
        self.save()
        with self._lock:  # a query or the window's warm-up still running on a worker finishes first
            self.engine.index.close()


# -- use cases: the application object's matcher, "today" from the application object ----------------------
def warm_up(app: App) -> int:
    """The matcher made (taking over the saved index where the application has a cache folder), its index
    brought up to date and what the engine keeps for today's rankings computed, before anyone ranks: the
    window runs this right after its first paint. Beside it, on a thread of its own, the check of the file
    that the process's first write makes (a ranking writes its audit entry; ``PRAGMA quick_check``, some 2 s
    at 100,000, runs in SQLite's C code without the GIL), so that the first ranking waits for none of them; a
    damaged file raises here as it would there. Not audited (nothing is ranked or shown); the number of
    candidates indexed."""
    checked: list[BaseException] = []

    def check() -> None:
        try:
            app.db.refuse_when_damaged()
        except BaseException as error:  # raised below, on the caller's thread
            checked.append(error)

    checking = threading.Thread(target=check, name="matchdesk-file-check", daemon=True)
    checking.start()
    try:
        indexed = app.matcher.warm_up(app.today)
    finally:
        checking.join()
    if checked:
        raise checked[0]
    return indexed


# Each ranking leaves one audit entry (``gerangschikt``), written before the ranking is returned: what was
# ranked for, how many were shown of how many judged, and the ids of the candidates shown (never a name).
def rank_for_vacancy(app: App, reference: str, filters: Filters = Filters(), top: int = 20) -> Ranking:
    """Candidates for a stored vacancy or leerwerkplek; NotFound for an unknown reference. Audited."""
    ranking = app.matcher.rank_for_vacancy(reference, app.today, filters, top)
    _audit_ranking(app, ranking, reference=reference)
    return ranking


def rank_for_vacancy_fields(app: App, fields: dict, filters: Filters = Filters(), top: int = 20) -> Ranking:
    """Candidates for a vacancy typed in (the vacancy import's Dutch field names), not stored. Audited."""
    ranking = app.matcher.rank_for_vacancy_fields(fields, app.today, filters, top)
    _audit_ranking(app, ranking)
    return ranking


def rank_for_candidate(app: App, klantnummer: str, filters: Filters = Filters(), top: int = 20) -> Ranking:
    """Open vacancies and leerwerkplekken for a candidate; NotFound for an unknown klantnummer. Audited."""
    ranking = app.matcher.rank_for_candidate(klantnummer, app.today, filters, top)
    _audit_ranking(app, ranking, klantnummer=klantnummer)
    return ranking


def _audit_ranking(app: App, ranking: Ranking, *, reference: str | None = None,
                   klantnummer: str | None = None) -> None:
    from matchdesk.services.audit import shown_detail
    from matchdesk.storage.audit import log_event

    with app.matcher.writing(app.user) as session:  # not counted as a change by the index's next check
        if klantnummer is not None:
            subject = session.scalar(select(Candidate.id).where(Candidate.klantnummer == klantnummer,
                                                                Candidate.deleted_at.is_(None)))
            detail = f"{len(ranking.results)} van {ranking.total} vacatures getoond"
            log_event(session, "gerangschikt", "kandidaat", subject, detail)
            return
        shown = list(ranking.keys)  # not from the results: those are explained when read
        ids = dict(session.execute(select(Candidate.klantnummer, Candidate.id).where(
            Candidate.klantnummer.in_(shown), Candidate.deleted_at.is_(None))).all()) if shown else {}
        subject = None
        if reference is not None:
            subject = session.scalar(select(Vacancy.id).where(Vacancy.reference == reference))
        what = f"vacature {reference}" if reference is not None else "niet opgeslagen vacature"
        detail = shown_detail(f"{what}: {len(shown)} van {ranking.total} kandidaten getoond",
                              [ids[k] for k in shown if k in ids])
        log_event(session, "gerangschikt", "vacature", subject, detail)


def explain_pair(app: App, klantnummer: str, reference: str) -> dict:
    """One candidate against one vacancy, as a ranking row with ``explanation``."""
    return app.matcher.explain(klantnummer, reference, app.today)


def questions_for(app: App, klantnummer: str) -> list[str]:
    """What to ask at the next contact so that every score component can be judged."""
    return app.matcher.questions_for(klantnummer)


# -- the window's ranking: the rows with the names beside them --------------------------------------------
Direction = Literal["candidates", "vacancies"]


@dataclass(frozen=True)
class NamedRanking:
    """A ranking as the window shows it: the result rows (dicts as in ``rank --json``, plus ``title``,
    ``distance_km`` and ``questions``) and the name (candidates) or title (vacancies) of each row."""

    direction: Direction  # "candidates" for a vacancy, "vacancies" for a candidate
    query: Mapping[str, object]
    total: int
    results: Sequence[dict]  # explained when a row is first read (the first 20 at once): ``engine.LazyResults``
    names: Mapping[str, str]  # klantnummer -> "Achternaam, Voornaam tussenvoegsel" | reference -> title
    typed: bool = False  # for a vacancy typed in, not stored (nothing to propose for)
    keys: tuple[str, ...] = ()  # the klantnummer or reference of each result (default: read from the results)

    def key(self, row: int) -> str:
        """The klantnummer or reference of result ``row`` (without explaining it)."""
        if self.keys:
            return self.keys[row]
        return str(self.results[row]["candidate" if self.direction == "candidates" else "vacancy"])

    @property
    def vacancy(self) -> str | None:
        """The stored vacancy ranked for (None for a candidate or a vacancy typed in)."""
        reference = self.query.get("vacancy")
        return reference if isinstance(reference, str) and self.direction == "candidates" and not self.typed else None


def rank_named(app: App, *, vacancy: str | None = None, fields: dict | None = None, candidate: str | None = None,
               filters: Filters = Filters(), top: int = 20) -> NamedRanking:
    """Rank for one of: a stored vacancy (reference), a vacancy typed in (the import's fields) or a
    candidate (klantnummer); the rows come with their names. NotFound for an unknown reference or number."""
    direction: Direction = "candidates"
    if candidate is not None:
        ranking, direction = rank_for_candidate(app, candidate, filters, top), "vacancies"
    elif fields is not None:
        ranking = rank_for_vacancy_fields(app, fields, filters, top)
    elif vacancy is not None:
        ranking = rank_for_vacancy(app, vacancy, filters, top)
    else:
        raise UsageError("Geef een vacature, de velden van een vacature of een kandidaat om te rangschikken.")
    names = result_names(app, direction, ranking.keys)
    return NamedRanking(direction, dict(ranking.query), ranking.total, ranking.results, names,
                        typed=candidate is None and fields is not None, keys=tuple(ranking.keys))


def result_names(app: App, direction: Direction, keys: Sequence[str]) -> dict[str, str]:
    """Names of candidates (by klantnummer, live ones only) or titles of vacancies (by reference): one query."""
    from matchdesk.services.lists import sort_name  # not at the top: the command line's rank path stays lean

    if not keys:
        return {}
    with app.reading() as session:
        if direction == "candidates":
            rows = session.execute(select(Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel,
                                          Candidate.achternaam).where(Candidate.klantnummer.in_(list(keys)),
                                                                      Candidate.deleted_at.is_(None)))
            return {r.klantnummer: sort_name(r.voornaam, r.tussenvoegsel, r.achternaam) for r in rows}
        titles = session.execute(select(Vacancy.reference, Vacancy.title).where(Vacancy.reference.in_(list(keys))))
        return {r.reference: r.title for r in titles}
