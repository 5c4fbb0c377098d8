"""Small pieces of the candidate index that are not arrays: ``index.ids`` as uuid.UUID on access, the eligibility
facts an eligibility key stands for, and the columns of profiles (for callers that hold profiles, not rows)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, overload

import numpy as np

from matchdesk.domain import Categorie, CefrLevel, Doelgroep
from matchdesk.matching.index_build import CANDIDATE_FIELDS, Columns, as_uuid
from matchdesk.matching.profiles import LANGUAGE_SKILLS
from matchdesk.rules.facts import CandidateFacts


class IdColumn(Sequence[uuid.UUID]):
    """``index.ids``: the rows' ids as uuid.UUID on access, held as one S16 array (no object per candidate)."""

    def __init__(self, array: np.ndarray) -> None:
        self.array = array

    def __len__(self) -> int:
        return len(self.array)

    @overload
    def __getitem__(self, item: int) -> uuid.UUID: ...

    @overload
    def __getitem__(self, item: slice) -> list[uuid.UUID]: ...

    def __getitem__(self, item: int | slice) -> uuid.UUID | list[uuid.UUID]:
        if isinstance(item, slice):
            return [as_uuid(v) for v in self.array[item]]
        return as_uuid(self.array[item])


def facts_of_key(key: tuple[object, ...]) -> CandidateFacts:
    """The eligibility facts an ``elig_key`` stands for (no ontheffing date: the engine sets it per query)."""
    municipality, doelgroep, categorie, banenafspraak, beschut, wsw, taalachterstand = key
    return CandidateFacts(municipality=str(municipality), doelgroep=Doelgroep(str(doelgroep)) if doelgroep else None,
                          categorie=Categorie(str(categorie)) if categorie else None, birth_date=None,
                          banenafspraak=bool(banenafspraak), beschut_indicatie=bool(beschut), wsw=bool(wsw),
                          taalachterstand=bool(taalachterstand))


def profile_columns(profiles: Sequence[Any]) -> Columns:
    """The columns a list of ``CandidateProfile`` stands for (tests and callers that hold profiles, not rows)."""
    from matchdesk.licences import to_field

    levels = {level.rank: str(level) for level in CefrLevel}
    values: dict[str, list[Any]] = {name: [] for name in CANDIDATE_FIELDS}
    skills: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    languages: tuple[list[Any], list[Any], list[Any], list[Any]] = ([], [], [], [])
    for p in profiles:
        f = p.facts
        row = {"id": str(p.id), "klantnummer": p.klantnummer, "municipality": p.municipality,
               "woonplaats": p.woonplaats, "doelgroep": f.doelgroep, "categorie": f.categorie,
               "banenafspraak": f.banenafspraak, "beschut_indicatie": f.beschut_indicatie,
               "ontheffing_until": f.ontheffing_until, "wsw": f.wsw, "taalachterstand": f.taalachterstand,
               "driving_licences": to_field(p.licences, p.licences_known), "max_travel_km": p.max_travel_km,
               "hours_per_week": p.hours_per_week, "available_from": p.available_from, "wishes": p.wishes,
               "desired_occupations": ";".join(p.desired_occupations), "version": 0}
        for name in CANDIDATE_FIELDS:
            values[name].append(row[name])
        for r in p.skills:
            for column, value in zip(skills, (str(p.id), r.input, r.skill_id), strict=True):
                column.append(value)
        for skill, rank in zip(LANGUAGE_SKILLS, p.languages, strict=True):
            if rank is not None:
                for column, value in zip(languages, (str(p.id), "nl", str(skill), levels[rank]), strict=True):
                    column.append(value)
    return Columns(values, skills, languages)
