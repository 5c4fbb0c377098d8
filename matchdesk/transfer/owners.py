"""Owners by name (issue 17 item 3): a consulent or accountmanager an import row names must be a medewerker
who exists. One that matches none is a ``waarschuwing`` naming the closest existing names, and the row keeps
its record's current owner (a new record gets none): a typo never makes a new medewerker, nor takes a candidate
out of the real consulent's list. New medewerkers come only from ``import medewerkers`` or the window."""

from __future__ import annotations

import uuid

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.storage.models import Medewerker
from matchdesk.transfer.columns import RowInput

_SUGGESTIONS = 3
_CUTOFF = 60


class Staff:
    """The medewerkers by name, read once per import (and again on ``load``)."""

    def __init__(self) -> None:
        self.by_name: dict[str, uuid.UUID] = {}
        self.by_folded: dict[str, list[str]] = {}

    def load(self, session: Session) -> None:
        self.by_name = {name: mid for name, mid in session.execute(select(Medewerker.name, Medewerker.id))}
        self.by_folded = {}
        for name in self.by_name:
            self.by_folded.setdefault(name.casefold(), []).append(name)

    def find(self, name: str) -> uuid.UUID | None:
        """The medewerker with exactly this name, else the only one with this name in another case."""
        name = name.strip()
        if name in self.by_name:
            return self.by_name[name]
        folded = self.by_folded.get(name.casefold(), [])
        return self.by_name[folded[0]] if len(folded) == 1 else None

    def closest(self, name: str) -> list[str]:
        found = process.extract(name.strip(), list(self.by_name), scorer=fuzz.WRatio, limit=_SUGGESTIONS,
                                score_cutoff=_CUTOFF)
        return [match for match, _score, _index in found]

    def resolve(self, row: RowInput, header: str, name: str, field_name: str, record: str) -> uuid.UUID | None:
        """The id of the medewerker ``name``; None with a warning on ``row`` when there is none."""
        found = self.find(name)
        if found is not None:
            return found
        closest = self.closest(name)
        hint = f" (bedoelt u {' of '.join(closest)}?)" if closest else ""
        row.warn(header, f"{header} {name!r} is geen bekende medewerker{hint}; de {header} van de {record} blijft "
                         "ongewijzigd (nieuwe medewerkers: 'import medewerkers' of het venster)", field_name=field_name)
        return None
