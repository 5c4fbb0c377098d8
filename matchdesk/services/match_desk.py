"""The Matchen page's use cases around a ranking: find a vacancy, candidate or employer by part of what a
user remembers (for the picker's completion), the vacancy or candidate ranked for (shown above the
results), the employer, place and kind of each vacancy in a candidate's results, the proposals already made
for the pairs shown, and the results written to a file.

    find_vacancies(app, "gastvrouw")     -> [Choice]   # reference, title, employer, place
    find_candidates(app, "jansen")       -> [Choice]   # klantnummer, name
    view = rank_view(app, vacancy="V2026-00001", filters=Filters(), top=50)   # -> MatchView (frozen)
    proposal_marks(app, reference="V2026-00001")        # klantnummer -> status of its proposal
    export_results(app, view, "resultaten.csv")         # audited, contract codes (CONTRACTS.md)

The ranking itself is ``services.matching.rank_named``; this module only reads around it (no index code).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, func, or_, select

from matchdesk.domain import CefrLevel, Doelgroep, LanguageSkill, ProposalStatus, VacancyKind, VacancyStatus
from matchdesk.errors import UsageError
from matchdesk.services.lists import sort_name
from matchdesk.storage.models import Candidate, Employer, Proposal, Vacancy
from matchdesk.vocabulary import normalize_term

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.matching.engine import Filters
    from matchdesk.services.matching import NamedRanking

SEPARATOR = " — "  # between the key and the rest of a completion: the key is what is ranked for


@dataclass(frozen=True)
class Choice:
    """One completion: the key (reference, klantnummer or KvK number) and what a user recognises it by."""

    key: str
    label: str  # title or name
    detail: str = ""  # employer and place, or place

    @property
    def text(self) -> str:
        return SEPARATOR.join(p for p in (self.key, self.label, self.detail) if p)


def key_of(text: str) -> str:
    """The key at the start of a completion's text (or the text as typed)."""
    return text.split(SEPARATOR, 1)[0].strip()


def _words(text: str) -> list[str]:
    return [w for w in text.strip().lower().split() if w][:5]


def find_vacancies(app: App, text: str, limit: int = 15) -> list[Choice]:
    """Live vacancies whose reference, title, employer or place hold every word typed; open ones first."""
    words = _words(text)
    if not words or len(text.strip()) < 2:
        return []
    haystack = func.lower(Vacancy.reference + " " + Vacancy.title + " " + Employer.name + " "
                          + func.coalesce(Vacancy.place, ""))
    query = (select(Vacancy.reference, Vacancy.title, Employer.name, Vacancy.place, Vacancy.status)
             .join(Employer, Employer.id == Vacancy.employer_id)
             .where(Vacancy.deleted_at.is_(None), *[haystack.like(f"%{w}%") for w in words])
             .order_by(case((Vacancy.status == VacancyStatus.OPEN, 0), else_=1), Vacancy.title, Vacancy.reference)
             .limit(limit))
    with app.reading() as session:
        rows = session.execute(query).all()
    return [Choice(r.reference, r.title, ", ".join(p for p in (r.name, r.place) if p)) for r in rows]


def find_candidates(app: App, text: str, limit: int = 15) -> list[Choice]:
    """Live candidates by klantnummer (its start) or name (accents and case folded, every word)."""
    typed = text.strip()
    if len(typed) < 2:
        return []
    folded = [w for w in normalize_term(typed).split() if w][:4]
    tussenvoegsel = func.lower(func.coalesce(Candidate.tussenvoegsel, ""))  # "de vries": de is no part of the key
    by_name = [and_(*[or_(Candidate.name_key.like(f"%{w}%"), tussenvoegsel.like(f"%{w}%")) for w in folded])] \
        if folded else []
    query = (select(Candidate.klantnummer, Candidate.voornaam, Candidate.tussenvoegsel, Candidate.achternaam,
                    Candidate.woonplaats)
             .where(Candidate.deleted_at.is_(None),
                    or_(func.lower(Candidate.klantnummer).like(f"{typed.lower()}%"), *by_name))
             .order_by(Candidate.name_key, Candidate.klantnummer).limit(limit))
    with app.reading() as session:
        rows = session.execute(query).all()
    return [Choice(r.klantnummer, sort_name(r.voornaam, r.tussenvoegsel, r.achternaam), r.woonplaats or "")
            for r in rows]


def find_employers(app: App, text: str, limit: int = 15) -> list[Choice]:
    """Live employers by name, KvK number or place (every word typed)."""
    words = _words(text)
    if not words or len(text.strip()) < 2:
        return []
    haystack = func.lower(Employer.name + " " + Employer.kvk + " " + func.coalesce(Employer.plaats, ""))
    query = (select(Employer.kvk, Employer.name, Employer.plaats)
             .where(Employer.deleted_at.is_(None), *[haystack.like(f"%{w}%") for w in words])
             .order_by(Employer.name).limit(limit))
    with app.reading() as session:
        rows = session.execute(query).all()
    return [Choice(r.kvk, r.name, r.plaats or "") for r in rows]


# -- what is ranked for, and around the results ------------------------------------------------------------
@dataclass(frozen=True)
class VacancySummary:
    """The stored vacancy ranked for, as shown above the results."""

    reference: str
    title: str
    employer: str
    place: str
    kind: VacancyKind
    status: VacancyStatus
    hours_per_week: int | None
    required_skills: tuple[str, ...]
    desired_skills: tuple[str, ...]
    languages: tuple[tuple[LanguageSkill, CefrLevel], ...]


@dataclass(frozen=True)
class CandidateSummary:
    klantnummer: str
    name: str
    woonplaats: str
    doelgroep: Doelgroep | None


@dataclass(frozen=True)
class VacancyLine:
    """Employer, place and kind of one vacancy in a candidate's results."""

    employer: str
    place: str
    kind: VacancyKind


@dataclass(frozen=True)
class MatchView:
    """A ranking with what the page shows around it. ``marks``: the proposal of each pair shown (by
    klantnummer for a vacancy, by reference for a candidate), when there is one."""

    ranking: NamedRanking
    vacancy: VacancySummary | None = None
    candidate: CandidateSummary | None = None
    lines: Mapping[str, VacancyLine] = field(default_factory=dict)
    marks: Mapping[str, ProposalStatus] = field(default_factory=dict)


def vacancy_summary(app: App, reference: str) -> VacancySummary:
    from matchdesk.services.vacancies import get_by_reference

    with app.reading() as session:
        v = get_by_reference(session, reference, full=True)
        skills = sorted(v.skills, key=lambda s: s.position)
        return VacancySummary(v.reference, v.title, v.employer.name, v.place or "", v.kind, v.status,
                              v.hours_per_week, tuple(s.text for s in skills if s.required),
                              tuple(s.text for s in skills if not s.required),
                              tuple(sorted(((row.skill, row.min_level) for row in v.languages if row.min_level),
                                           key=lambda pair: list(LanguageSkill).index(pair[0]))))


def candidate_summary(app: App, klantnummer: str) -> CandidateSummary:
    from matchdesk.services.candidates import get_by_klantnummer

    with app.reading() as session:
        c = get_by_klantnummer(session, klantnummer)
        return CandidateSummary(c.klantnummer, sort_name(c.voornaam, c.tussenvoegsel, c.achternaam),
                                c.woonplaats or "", c.doelgroep)


def vacancy_lines(app: App, references: list[str]) -> dict[str, VacancyLine]:
    if not references:
        return {}
    with app.reading() as session:
        rows = session.execute(select(Vacancy.reference, Employer.name, Vacancy.place, Vacancy.kind)
                               .join(Employer, Employer.id == Vacancy.employer_id)
                               .where(Vacancy.reference.in_(references), Vacancy.deleted_at.is_(None))).all()
    return {r.reference: VacancyLine(r.name, r.place or "", r.kind) for r in rows}


# the status a row is marked with when a pair has more than one proposal: the one that counts most
_WEIGHT = {ProposalStatus.GEPLAATST: 0, ProposalStatus.UITGENODIGD: 1, ProposalStatus.VOORGESTELD: 2,
           ProposalStatus.AFGEWEZEN: 3, ProposalStatus.TERUGGETROKKEN: 4}


def proposal_marks(app: App, *, reference: str | None = None,
                   klantnummer: str | None = None) -> dict[str, ProposalStatus]:
    """For a vacancy: klantnummer -> status of its proposal; for a candidate: reference -> status."""
    if (reference is None) == (klantnummer is None):
        raise UsageError("Geef een vacature of een kandidaat.")
    query = (select(Candidate.klantnummer, Vacancy.reference, Proposal.status)
             .join(Candidate, Candidate.id == Proposal.candidate_id)
             .join(Vacancy, Vacancy.id == Proposal.vacancy_id))
    query = query.where(Vacancy.reference == reference, Vacancy.deleted_at.is_(None)) if reference is not None \
        else query.where(Candidate.klantnummer == klantnummer, Candidate.deleted_at.is_(None))
    marks: dict[str, ProposalStatus] = {}
    with app.reading() as session:
        for number, ref, status in session.execute(query):
            key = number if reference is not None else ref
            if key not in marks or _WEIGHT[status] < _WEIGHT[marks[key]]:
                marks[key] = status
    return marks


def rank_view(app: App, *, vacancy: str | None = None, fields: dict | None = None, candidate: str | None = None,
              filters: Filters | None = None, top: int = 50) -> MatchView:
    """``rank_named`` with the vacancy or candidate ranked for, the vacancies' employers, places and kinds,
    and the proposals already made for the pairs shown."""
    from matchdesk.services.matching import Filters, rank_named  # the engine loads on the first ranking

    ranking = rank_named(app, vacancy=vacancy, fields=fields, candidate=candidate, filters=filters or Filters(),
                         top=top)
    if candidate is not None:
        keys = [ranking.key(i) for i in range(len(ranking.results))]
        return MatchView(ranking, candidate=candidate_summary(app, candidate), lines=vacancy_lines(app, keys),
                         marks=proposal_marks(app, klantnummer=candidate))
    if ranking.vacancy is not None:
        return MatchView(ranking, vacancy=vacancy_summary(app, ranking.vacancy),
                         marks=proposal_marks(app, reference=ranking.vacancy))
    return MatchView(ranking)


# -- the results to a file ------------------------------------------------------------------------------------
CANDIDATE_HEADERS = ("rang", "klantnummer", "naam", "score", "geschikt", "niet_geschikt_omdat", "voorstel")
VACANCY_HEADERS = ("rang", "referentie", "titel", "werkgever", "plaats", "soort", "score", "geschikt",
                   "niet_geschikt_omdat", "voorstel")


def result_rows(view: MatchView) -> tuple[tuple[str, ...], list[list]]:
    """The headers and rows of the results file: contract codes for kinds and statuses (CONTRACTS.md)."""
    ranking, rows = view.ranking, []
    for i, result in enumerate(ranking.results):
        key = ranking.key(i)
        why = "; ".join(k["message"] for k in result["knockouts"])
        mark = view.marks.get(key)
        status = mark.value if mark is not None else ""
        if ranking.direction == "candidates":
            rows.append([i + 1, key, ranking.names.get(key, ""), result["score"], result["eligible"], why, status])
        else:
            line = view.lines.get(key)
            rows.append([i + 1, key, ranking.names.get(key, result.get("title", "")),
                         line.employer if line else "", line.place if line else "",
                         line.kind.value if line else "", result["score"], result["eligible"], why, status])
    return (CANDIDATE_HEADERS if ranking.direction == "candidates" else VACANCY_HEADERS), rows


def export_results(app: App, view: MatchView, path: str | Path) -> int:
    """The results as shown to .csv or .xlsx; audited as an export of ``kandidaten`` (a vacancy's results
    name people) or ``vacatures``. Returns the row count."""
    from matchdesk.services.exports import export_rows

    headers, rows = result_rows(view)
    kind = "kandidaten" if view.ranking.direction == "candidates" else "vacatures"
    return export_rows(app, path, headers, rows, record_type=kind, sheet_name="Matchresultaten")
