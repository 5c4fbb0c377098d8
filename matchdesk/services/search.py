"""Quick search (Ctrl+K): candidates, employers and vacancies by name (with or without tussenvoegsel),
klantnummer, KvK, reference, title or skill, tolerant of typos.

Names and titles are held in memory once per ``QuickSearch`` (about 100 bytes a candidate) and matched
with rapidfuzz; a skill query also lists who has that skill and which vacancies ask for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select

from matchdesk.services.lists import sort_name
from matchdesk.storage.models import Candidate, CandidateSkill, Employer, Vacancy, VacancySkill
from matchdesk.vocabulary import normalize_term

KIND_LABELS = {"kandidaat": "Kandidaat", "werkgever": "Werkgever", "vacature": "Vacature"}


@dataclass(frozen=True)
class Hit:
    kind: str  # kandidaat | werkgever | vacature
    key: str  # klantnummer | kvk | referentie
    label: str
    detail: str
    score: float


class QuickSearch:
    def __init__(self, db, resolver=None) -> None:
        self._db = db
        self._resolver = resolver
        self._entries: list[tuple[str, str, str, str]] = []  # kind, key, label, detail
        self._texts: list[str] = []
        self.reload()

    def reload(self) -> None:
        entries = []
        with self._db.reading() as session:
            for r in session.execute(select(Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel,
                                            Candidate.achternaam, Candidate.woonplaats)
                                     .where(Candidate.deleted_at.is_(None))):
                entries.append(("kandidaat", r.klantnummer, sort_name(r.voornaam, r.tussenvoegsel, r.achternaam),
                                f"{r.klantnummer} · {r.woonplaats or ''}",
                                " ".join(p for p in (r.voornaam, r.tussenvoegsel, r.achternaam) if p)))
            for r in session.execute(select(Employer.kvk, Employer.name, Employer.plaats)
                                     .where(Employer.deleted_at.is_(None))):
                entries.append(("werkgever", r.kvk, r.name, f"KvK {r.kvk} · {r.plaats or ''}", r.name))
            for r in session.execute(select(Vacancy.reference, Vacancy.title, Employer.name)
                                     .join(Employer, Employer.id == Vacancy.employer_id)
                                     .where(Vacancy.deleted_at.is_(None))):
                entries.append(("vacature", r.reference, r.title, f"{r.reference} · {r.name}", r.title))
        self._entries = [e[:4] for e in entries]
        self._texts = [normalize_term(e[4]) for e in entries]
        self._keys = {e[1].casefold(): i for i, e in enumerate(entries)}

    def search(self, text: str, limit: int = 20) -> list[Hit]:
        query = normalize_term(text)
        if len(query) < 2:
            return []
        hits: dict[tuple[str, str], Hit] = {}
        exact = self._keys.get(text.strip().casefold())
        if exact is not None:  # a klantnummer, KvK number or reference typed in full
            kind, key, label, detail = self._entries[exact]
            hits[(kind, key)] = Hit(kind, key, label, detail, 100.0)
        for _text, score, i in process.extract(query, self._texts, scorer=fuzz.WRatio, limit=limit, score_cutoff=72):
            kind, key, label, detail = self._entries[i]
            hits.setdefault((kind, key), Hit(kind, key, label, detail, score))
        for hit in self._by_skill(text, limit):
            hits.setdefault((hit.kind, hit.key), hit)
        return sorted(hits.values(), key=lambda h: (-h.score, h.kind, h.label))[:limit]

    def _by_skill(self, text: str, limit: int) -> list[Hit]:
        if self._resolver is None:
            return []
        resolution = self._resolver.resolve(text)
        if resolution.skill_id is None:
            return []
        skill = self._resolver.skill(resolution.skill_id)
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

