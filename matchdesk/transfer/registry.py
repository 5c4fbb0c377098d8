"""The record types that import and export know, by their command-line name."""

from __future__ import annotations

from matchdesk.errors import UsageError
from matchdesk.transfer.base import RecordType
from matchdesk.transfer.candidate_history import ContactMoments, Educations, WorkExperiences
from matchdesk.transfer.candidates import Candidates
from matchdesk.transfer.employers import Employers
from matchdesk.transfer.medewerkers import Medewerkers
from matchdesk.transfer.trajectories import Trajectories
from matchdesk.transfer.vacancies import Vacancies

RECORD_TYPES: dict[str, type[RecordType]] = {
    "candidates": Candidates,
    "employers": Employers,
    "vacancies": Vacancies,
    "trajectories": Trajectories,
    "educations": Educations,
    "work_experiences": WorkExperiences,
    "contact_moments": ContactMoments,
    "medewerkers": Medewerkers,
}
ALIASES = {"kandidaten": "candidates", "werkgevers": "employers", "vacatures": "vacancies", "trajecten": "trajectories",
           "opleidingen": "educations", "werkervaring": "work_experiences", "contactmomenten": "contact_moments"}


def record_type(name: str) -> RecordType:
    """A fresh handler (it keeps per-import state) for a name or its Dutch alias."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in RECORD_TYPES:
        raise UsageError(f"onbekend soort gegevens {name!r}; kies uit {', '.join(RECORD_TYPES)}")
    return RECORD_TYPES[key]()
