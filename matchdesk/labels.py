"""Dutch display names for every enumerated value: what a user reads instead of a stored code.

Tables, editors, PDFs and the command line's text output show ``label(value)``; files meant for scripts
(JSON, CSV/XLSX exports, imports) keep the contract codes of CONTRACTS.md. A value without a display name
here is a bug (``tests/test_labels.py`` checks every enumeration of ``matchdesk.domain``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum

from matchdesk.domain import (
    Categorie,
    CefrLevel,
    Doelgroep,
    LanguageSkill,
    Location,
    ProposalStatus,
    Provider,
    Role,
    SkillSource,
    TaaleisStatus,
    TrajectoryKind,
    TrajectoryStatus,
    VacancyKind,
    VacancyStatus,
)
from matchdesk.occupations import SECTOR_LABELS, sector_label

# (member, display name) pairs: members of different enumerations may share a code ("werkgever" is a
# Provider and a Location, "regulier" a TrajectoryKind and a VacancyKind) and StrEnum members with equal
# codes are equal dict keys, so the names are kept per (enumeration, code).
_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (Doelgroep.A, "Doelgroep A"),
    (Doelgroep.B, "Doelgroep B"),
    (Doelgroep.C, "Doelgroep C"),
    *((c, f"Categorie {c.value}") for c in Categorie),
    (TrajectoryKind.LEERWERKTRAJECT, "Leerwerktraject"),
    (TrajectoryKind.PROEFPLAATSING, "Proefplaatsing"),
    (TrajectoryKind.DETACHERING, "Detachering"),
    (TrajectoryKind.REGULIER, "Regulier werk"),
    (TrajectoryKind.REGULIER_LKS, "Regulier werk met loonkostensubsidie"),
    (TrajectoryKind.BESCHUT, "Beschut werk"),
    (TrajectoryKind.BEGELEID_WERKEN, "Begeleid werken"),
    (TrajectoryKind.BBZ, "Bbz (zelfstandige)"),
    (TrajectoryKind.PARTICIPATIE, "Participatieplaats"),
    (TrajectoryKind.SCHOLING, "Scholing"),
    (TrajectoryKind.TAALTRAJECT, "Taaltraject"),
    (Provider.LEERWERKBEDRIJF, "Leerwerkbedrijf"),
    (Provider.MARKT, "Marktpartij"),
    (Provider.WERKGEVER, "Werkgever"),
    (VacancyKind.REGULIER, "Reguliere vacature"),
    (VacancyKind.GARANTIEBAAN, "Garantiebaan"),
    (VacancyKind.LEERWERKPLEK, "Leerwerkplek"),
    (VacancyKind.PROEFPLAATS, "Proefplaats"),
    (VacancyKind.BESCHUT, "Beschut werk"),
    (VacancyStatus.OPEN, "Open"),
    (VacancyStatus.VERVULD, "Vervuld"),
    (VacancyStatus.GESLOTEN, "Gesloten"),
    (Location.INTERN, "Intern"),
    (Location.WERKGEVER, "Bij een werkgever"),
    (TrajectoryStatus.GEPLAND, "Gepland"),
    (TrajectoryStatus.LOPEND, "Lopend"),
    (TrajectoryStatus.BEEINDIGD, "Beëindigd"),
    (TrajectoryStatus.AFGEBROKEN, "Afgebroken"),
    (ProposalStatus.VOORGESTELD, "Voorgesteld"),
    (ProposalStatus.UITGENODIGD, "Uitgenodigd"),
    (ProposalStatus.GEPLAATST, "Geplaatst"),
    (ProposalStatus.AFGEWEZEN, "Afgewezen"),
    (ProposalStatus.TERUGGETROKKEN, "Teruggetrokken"),
    (TaaleisStatus.VOLDAAN, "Voldaan"),
    (TaaleisStatus.INBURGERING, "Inburgering"),
    (TaaleisStatus.TAALTOETS_GEPLAND, "Taaltoets gepland"),
    (TaaleisStatus.TAALTRAJECT, "In taaltraject"),
    (TaaleisStatus.NIET_VOLDAAN, "Niet voldaan"),
    (TaaleisStatus.ONBEKEND, "Onbekend"),
    (SkillSource.ZELF, "Zelf opgegeven"),
    (SkillSource.GETOETST, "Getoetst"),
    (SkillSource.CERTIFICAAT, "Certificaat"),
    (Role.MATCHMAKER, "Matchmaker"),
    (Role.ACCOUNTMANAGER, "Accountmanager"),
    (Role.TEAMLEIDER, "Teamleider"),
    (LanguageSkill.LUISTEREN, "Luisteren"),
    (LanguageSkill.LEZEN, "Lezen"),
    (LanguageSkill.SPREKEN, "Spreken"),
    (LanguageSkill.GESPREKKEN, "Gesprekken voeren"),
    (LanguageSkill.SCHRIJVEN, "Schrijven"),
    *((c, c.value) for c in CefrLevel),  # A0..C2 are the names everyone uses
)


class _Labels(Mapping[StrEnum, str]):
    """The display names by member. Not a plain dict: members of two enumerations with one value
    (``TrajectoryKind.REGULIER`` and ``VacancyKind.REGULIER`` are both "regulier") are equal and hash alike,
    so a dict kept only one name for both ("Reguliere vacature" for regular work)."""

    def __init__(self, pairs: tuple[tuple[StrEnum, str], ...]) -> None:
        self._by = {(type(member), member.value): (member, shown) for member, shown in pairs}

    def __getitem__(self, member: StrEnum) -> str:
        return self._by[(type(member), getattr(member, "value", member))][1]

    def __contains__(self, member: object) -> bool:
        return (type(member), getattr(member, "value", member)) in self._by

    def __iter__(self) -> Iterator[StrEnum]:
        return (member for member, _shown in self._by.values())

    def __len__(self) -> int:
        return len(self._by)


LABELS = _Labels(_PAIRS)
_BY_CODE: dict[tuple[type, str], str] = {key: shown for key, (_member, shown) in LABELS._by.items()}


def label(value: StrEnum | None, enum: type[StrEnum] | None = None, *, empty: str = "") -> str:
    """The display name of ``value``; a stored code (str) is read as a member of ``enum``. Unknown codes
    are shown as they are rather than hidden (imported data may hold a code a newer version added)."""
    if value is None or value == "":
        return empty
    if isinstance(value, StrEnum):
        return _BY_CODE.get((type(value), value.value), str(value.value))
    if enum is not None:
        return _BY_CODE.get((enum, str(value)), str(value))
    return str(value)


def choices(enum: type[StrEnum]) -> list[tuple[str, StrEnum]]:
    """(display name, member) for a combo box, in the enumeration's order."""
    return [(_BY_CODE[(enum, member.value)], member) for member in enum]


# Kinds of contact moment (services.contacts.CONTACT_KINDS): stored code -> display name.
CONTACT_KIND_LABELS = {"gesprek": "Gesprek", "telefoon": "Telefoon", "e-mail": "E-mail", "bezoek": "Bezoek"}


def raw_codes() -> set[str]:
    """Every stored code a user must never read as it is: enumeration values that differ from their display
    name, and the sector codes. (A test scans the window's tables for these.) Doelgroep and categorie codes
    ("B", "1C") are the names people use in a column of that title, like the CEFR levels."""
    codes = {member.value for member, shown in LABELS.items()
             if member.value != shown and not isinstance(member, Doelgroep | Categorie)}
    return codes | {code for labels in (SECTOR_LABELS, CONTACT_KIND_LABELS) for code, shown in labels.items()
                    if code != shown}


__all__ = ["CONTACT_KIND_LABELS", "LABELS", "SECTOR_LABELS", "choices", "label", "raw_codes", "sector_label"]
