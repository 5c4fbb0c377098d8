"""Quick search (Ctrl+K): candidates, employers and vacancies by name (with or without tussenvoegsel),
klantnummer, KvK, reference, title or skill, tolerant of typos; archived ones too, marked "gearchiveerd".

    refresh_search(app)                       # when the dialog opens: names and titles read anew
    quick_search(app, "Yilmas", limit=20)     # -> list[Hit] (frozen), best first

Names and titles are held in memory once per application object (``app.search``, a ``QuickSearch``;
about 100 bytes a candidate) and matched with rapidfuzz; a skill query also lists who has that skill and
which vacancies ask for it. A refresh builds the new entries aside and swaps them in under a lock, so a
search on another thread sees either the old or the new list, never half of each.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from sqlalchemy import select

from matchdesk.services.lists import sort_name
from matchdesk.storage.models import Candidate, CandidateSkill, Employer, Vacancy, VacancySkill
from matchdesk.vocabulary import normalize_term

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.matching.resolve import SkillResolver
    from matchdesk.storage.database import Database

KIND_LABELS = {"kandidaat": "Kandidaat", "werkgever": "Werkgever", "vacature": "Vacature"}


def _archived(archived_at: object) -> str:
    """Archived records are still found (to look them up or restore them), marked as such."""
    return " · gearchiveerd" if archived_at is not None else ""


@dataclass(frozen=True)
class Hit:
    kind: str  # kandidaat | werkgever | vacature
    key: str  # klantnummer | kvk | referentie
    label: str
    detail: str
    score: float


class QuickSearch:
    """The in-memory index of one database; read on first search or by ``reload``."""

    def __init__(self, db: Database, resolver: SkillResolver | None = None) -> None:
        self._db = db
        self._resolver = resolver
        self._lock = threading.Lock()
        self._loaded = False
        self._entries: list[tuple[str, str, str, str]] = []  # kind, key, label, detail
        self._texts: list[str] = []
        self._keys: dict[str, int] = {}

    def reload(self) -> None:
        entries: list[tuple[str, str, str, str, str]] = []
        with self._db.reading() as session:
            for r in session.execute(select(Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel,
                                            Candidate.achternaam, Candidate.woonplaats, Candidate.archived_at)
                                     .where(Candidate.deleted_at.is_(None))):
                entries.append(("kandidaat", r.klantnummer, sort_name(r.voornaam, r.tussenvoegsel, r.achternaam),
                                f"{r.klantnummer} · {r.woonplaats or ''}{_archived(r.archived_at)}",
                                " ".join(p for p in (r.voornaam, r.tussenvoegsel, r.achternaam) if p)))
            for e in session.execute(select(Employer.kvk, Employer.name, Employer.plaats, Employer.archived_at)
                                     .where(Employer.deleted_at.is_(None))):
                entries.append(("werkgever", e.kvk, e.name,
                                f"KvK {e.kvk} · {e.plaats or ''}{_archived(e.archived_at)}", e.name))
            for v in session.execute(select(Vacancy.reference, Vacancy.title, Employer.name, Vacancy.archived_at)
                                     .join(Employer, Employer.id == Vacancy.employer_id)
                                     .where(Vacancy.deleted_at.is_(None))):
                entries.append(("vacature", v.reference, v.title,
                                f"{v.reference} · {v.name}{_archived(v.archived_at)}", v.title))
        plain = [(kind, key, label, detail) for kind, key, label, detail, _text in entries]
        texts = [normalize_term(e[4]) for e in entries]
        keys = {e[1].casefold(): i for i, e in enumerate(entries)}
        with self._lock:
            self._entries, self._texts, self._keys, self._loaded = plain, texts, keys, True

    def search(self, text: str, limit: int = 20) -> list[Hit]:
        query = normalize_term(text)
        if len(query) < 2:
            return []
        if not self._loaded:
            self.reload()
        with self._lock:  # one consistent snapshot (a reload swaps all three at once)
            entries, texts, keys = self._entries, self._texts, self._keys
        hits: dict[tuple[str, str], Hit] = {}
        exact = keys.get(text.strip().casefold())
        if exact is not None:  # a klantnummer, KvK number or reference typed in full
            kind, key, label, detail = entries[exact]
            hits[(kind, key)] = Hit(kind, key, label, detail, 100.0)
        for _text, score, i in process.extract(query, texts, scorer=fuzz.WRatio, limit=limit, score_cutoff=72):
            kind, key, label, detail = entries[i]
            hits.setdefault((kind, key), Hit(kind, key, label, detail, score))
        for hit in self._by_skill(text, limit):
            hits.setdefault((hit.kind, hit.key), hit)
        return sorted(hits.values(), key=lambda h: (-h.score, h.kind, h.label))[:limit]

    @property
    def size(self) -> int:
        return len(self._entries)

    def _by_skill(self, text: str, limit: int) -> list[Hit]:
        if self._resolver is None:
            return []
        resolution = self._resolver.resolve(text)
        if resolution.skill_id is None:
            return []
        skill = self._resolver.skill(resolution.skill_id)
        if skill is None:
            return []
        score = 70.0 * resolution.confidence
        with self._db.reading() as session:
            vacancies = session.execute(
                select(Vacancy.reference, Vacancy.title).join(VacancySkill, VacancySkill.vacancy_id == Vacancy.id)
                .where(VacancySkill.skill_id == skill.id, Vacancy.deleted_at.is_(None)).limit(limit)).all()
            candidates = session.execute(
                select(Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel, Candidate.achternaam)
                .join(CandidateSkill, CandidateSkill.candidate_id == Candidate.id)
                .where(CandidateSkill.skill_id == skill.id, Candidate.deleted_at.is_(None))
                .order_by(Candidate.achternaam).limit(limit)).all()
        hits = [Hit("vacature", r.reference, r.title, f"vraagt {skill.label}", score) for r in vacancies]
        hits += [Hit("kandidaat", r.klantnummer, sort_name(r.voornaam, r.tussenvoegsel, r.achternaam),
                     f"{r.klantnummer} · heeft {skill.label}", score - 1) for r in candidates]
        return hits


# -- use cases -------------------------------------------------------------------------------------------
def refresh_search(app: App) -> int:
    """Read the names and titles anew (the quick-search dialog does this when it opens); returns how many."""
    index = app.search
    index.reload()
    return index.size


def quick_search(app: App, text: str, limit: int = 20) -> list[Hit]:
    """Candidates, employers and vacancies for ``text``, best first; nothing for fewer than two letters."""
    return app.search.search(text, limit)
