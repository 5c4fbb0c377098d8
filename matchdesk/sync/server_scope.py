"""Which records a medewerker's laptop may hold: the scope the team server decides.

A medewerker's ``region`` (``medewerkers.region``, set by ``matchdesk users add --region`` and narrowed with
``matchdesk users region``) names one or more of, separated by ``;`` or ``,``:

- a region of the rulebooks (``WVS``: all nine municipalities of its book),
- a werkplein (``Brabantse Wal``: Bergen op Zoom, Steenbergen, Woensdrecht),
- a municipality (``Roosendaal``).

The scope holds the candidates whose municipality is one of those (with their skills, languages, educations,
work experiences, contact moments, proposals, trajectories and signal states). Employers, vacancies (with their
skills and languages) and the medewerkers' names travel whole: an accountmanager proposes any candidate of the
scope for any vacancy. A medewerker without a region, or with a name the rulebooks do not know, holds no
candidates at all.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy.orm import Session

from matchdesk.errors import UsageError
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.storage.models import Candidate

# table -> the column that links its rows to a candidate (None: the table travels whole)
CANDIDATE_LINK: dict[str, str | None] = {
    "medewerkers": None, "employers": None, "vacancies": None, "vacancy_skills": None, "vacancy_languages": None,
    "candidates": "id", "candidate_skills": "candidate_id", "candidate_languages": "candidate_id",
    "educations": "candidate_id", "work_experiences": "candidate_id", "contact_moments": "candidate_id",
    "proposals": "candidate_id", "trajectories": "candidate_id", "signal_states": "candidate_id",
}
_SEPARATORS = re.compile(r"[;,]")


@dataclass(frozen=True)
class Scope:
    """The municipalities (casefolded) whose candidates a medewerker may hold."""

    region: str | None
    municipalities: frozenset[str]

    def candidate_filter(self) -> ColumnElement[bool]:
        """A WHERE clause on ``candidates`` for the candidates in scope."""
        if not self.municipalities:
            return false()
        return func.lower(Candidate.municipality).in_(sorted(self.municipalities))

    def holds_municipality(self, municipality: str | None) -> bool:
        return municipality is not None and municipality.strip().casefold() in self.municipalities


def municipalities_of(region: str | None, rulebooks: Rulebooks, *, strict: bool = False) -> frozenset[str]:
    """The municipalities (casefolded) a region text names; ``strict``: an unknown part is a UsageError."""
    if not region:
        return frozenset()
    found: set[str] = set()
    for part in (p.strip() for p in _SEPARATORS.split(region)):
        if not part:
            continue
        names = _names(part, rulebooks)
        if not names and strict:
            raise UsageError(f"onbekende regio, werkplein of gemeente '{part}'; bekend zijn: "
                             f"{', '.join(known_names(rulebooks))}")
        found |= names
    return frozenset(found)


def _names(part: str, rulebooks: Rulebooks) -> set[str]:
    wanted = part.casefold()
    names: set[str] = set()
    for book in rulebooks.files:
        if book.extends is None and (book.region or "").casefold() == wanted:
            names |= {m.casefold() for m in book.municipalities}
        for werkplein, members in book.werkpleinen.items():
            if werkplein.casefold() == wanted:
                names |= {m.casefold() for m in members}
    if rulebooks.canonical(part) is not None:
        names.add(wanted)
    return names


def known_names(rulebooks: Rulebooks) -> list[str]:
    """Every region, werkplein and municipality a medewerker's region may name (for the Dutch message)."""
    regions = {b.region for b in rulebooks.files if b.extends is None and b.region}
    werkpleinen = {w for b in rulebooks.files for w in b.werkpleinen}
    return sorted(regions | werkpleinen | set(rulebooks.municipalities()), key=str.casefold)


def scope_of(region: str | None, rulebooks: Rulebooks) -> Scope:
    return Scope(region, municipalities_of(region, rulebooks))


def in_scope(session: Session, scope: Scope, table: str, row_id: uuid.UUID) -> bool | None:
    """Whether the row ``table/row_id`` is in scope: None when the server has no such row (or no such table)."""
    from matchdesk.sync.server_rows import TABLES

    mapped = TABLES.get(table)
    if mapped is None:
        return None
    link = CANDIDATE_LINK.get(table)
    if link is None:
        return session.scalar(select(mapped.c.id).where(mapped.c.id == row_id)) is not None or None
    if table == "candidates":
        query = select(Candidate.municipality).where(Candidate.id == row_id)
    else:
        query = (select(Candidate.municipality).select_from(mapped)
                 .join(Candidate, Candidate.id == mapped.c[link], isouter=True).where(mapped.c.id == row_id))
    row = session.execute(query).first()
    if row is None:
        return None
    return scope.holds_municipality(row.municipality)


__all__ = ["CANDIDATE_LINK", "Scope", "in_scope", "known_names", "municipalities_of", "scope_of"]
