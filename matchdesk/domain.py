"""Plain domain enumerations shared by every layer. Values are the contract values (CONTRACTS.md)."""

from __future__ import annotations

from enum import StrEnum


class Doelgroep(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class Categorie(StrEnum):
    C1A = "1A"
    C1B = "1B"
    C1C = "1C"
    C2A = "2A"
    C2B = "2B"
    C3A = "3A"
    C3B = "3B"


class TrajectoryKind(StrEnum):
    LEERWERKTRAJECT = "leerwerktraject"
    PROEFPLAATSING = "proefplaatsing"
    DETACHERING = "detachering"
    REGULIER = "regulier"
    REGULIER_LKS = "regulier_lks"
    BESCHUT = "beschut"
    BEGELEID_WERKEN = "begeleid_werken"
    BBZ = "bbz"
    PARTICIPATIE = "participatie"
    SCHOLING = "scholing"
    TAALTRAJECT = "taaltraject"


class Provider(StrEnum):
    LEERWERKBEDRIJF = "leerwerkbedrijf"
    MARKT = "markt"
    WERKGEVER = "werkgever"


class VacancyKind(StrEnum):
    REGULIER = "regulier"
    GARANTIEBAAN = "garantiebaan"
    LEERWERKPLEK = "leerwerkplek"
    PROEFPLAATS = "proefplaats"
    BESCHUT = "beschut"


class VacancyStatus(StrEnum):
    OPEN = "open"
    VERVULD = "vervuld"
    GESLOTEN = "gesloten"


class Location(StrEnum):
    INTERN = "intern"
    WERKGEVER = "werkgever"


class TrajectoryStatus(StrEnum):
    GEPLAND = "gepland"
    LOPEND = "lopend"
    BEEINDIGD = "beeindigd"
    AFGEBROKEN = "afgebroken"


class ProposalStatus(StrEnum):
    VOORGESTELD = "voorgesteld"
    UITGENODIGD = "uitgenodigd"
    GEPLAATST = "geplaatst"
    AFGEWEZEN = "afgewezen"
    TERUGGETROKKEN = "teruggetrokken"


# Allowed moves of a proposal; geplaatst, afgewezen and teruggetrokken are final.
PROPOSAL_TRANSITIONS: dict[ProposalStatus, frozenset[ProposalStatus]] = {
    ProposalStatus.VOORGESTELD: frozenset(
        {ProposalStatus.UITGENODIGD, ProposalStatus.GEPLAATST, ProposalStatus.AFGEWEZEN, ProposalStatus.TERUGGETROKKEN}
    ),
    ProposalStatus.UITGENODIGD: frozenset(
        {ProposalStatus.GEPLAATST, ProposalStatus.AFGEWEZEN, ProposalStatus.TERUGGETROKKEN}
    ),
    ProposalStatus.GEPLAATST: frozenset(),
    ProposalStatus.AFGEWEZEN: frozenset(),
    ProposalStatus.TERUGGETROKKEN: frozenset(),
}


class TaaleisStatus(StrEnum):
    VOLDAAN = "voldaan"
    INBURGERING = "inburgering"
    TAALTOETS_GEPLAND = "taaltoets_gepland"
    TAALTRAJECT = "taaltraject"
    NIET_VOLDAAN = "niet_voldaan"
    ONBEKEND = "onbekend"


class SkillSource(StrEnum):
    ZELF = "zelf_opgegeven"
    GETOETST = "getoetst"
    CERTIFICAAT = "certificaat"


class Role(StrEnum):
    MATCHMAKER = "matchmaker"
    ACCOUNTMANAGER = "accountmanager"
    TEAMLEIDER = "teamleider"


class LanguageSkill(StrEnum):
    LUISTEREN = "luisteren"
    LEZEN = "lezen"
    SPREKEN = "spreken"
    GESPREKKEN = "gesprekken"
    SCHRIJVEN = "schrijven"


class CefrLevel(StrEnum):
    A0 = "A0"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"

    @property
    def rank(self) -> int:
        """0 for A0 up to 6 for C2: level arithmetic ("one level short") works on this."""
        return _LEVEL_ORDER.index(self)


_LEVEL_ORDER = list(CefrLevel)

# Dutch referentieniveaus are comparable (not identical) to CEFR levels: CONTRACTS.md.
_LEVEL_ALIASES = {"GEEN": CefrLevel.A0, "1F": CefrLevel.A2, "2F": CefrLevel.B1, "3F": CefrLevel.B2, "4F": CefrLevel.C1}
_UNKNOWN_LEVEL = {"", "ONBEKEND", "?"}
# The record types of import and export (CONTRACTS.md); matchdesk.transfer.registry holds their columns.
RECORD_TYPE_NAMES = ("candidates", "contact_moments", "educations", "employers", "medewerkers", "trajectories",
                     "vacancies", "work_experiences")

REFERENTIENIVEAU: dict[CefrLevel, str] = {CefrLevel.A2: "1F", CefrLevel.B1: "2F", CefrLevel.B2: "3F",
                                          CefrLevel.C1: "4F"}


def parse_level(text: str | None) -> CefrLevel | None:
    """Parse a CEFR level or a 1F-4F referentieniveau; ``None`` for unknown. Raises ValueError if unreadable."""
    if text is None:
        return None
    key = str(text).strip().upper()
    if key in _UNKNOWN_LEVEL:
        return None
    if key in _LEVEL_ALIASES:
        return _LEVEL_ALIASES[key]
    try:
        return CefrLevel(key)
    except ValueError:
        raise ValueError(f"onbekend taalniveau {text!r}; gebruik A0 (geen), A1, A2, B1, B2, C1, C2 of 1F-4F") from None


# Municipalities of the WVS region per werkplein (DOMAIN.md); the rulebooks hold the same list.
WERKPLEINEN: dict[str, tuple[str, ...]] = {
    "Brabantse Wal": ("Bergen op Zoom", "Steenbergen", "Woensdrecht"),
    "Hart van West-Brabant": ("Etten-Leur", "Halderberge", "Moerdijk", "Roosendaal", "Rucphen", "Zundert"),
}
