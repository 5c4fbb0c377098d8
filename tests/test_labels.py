"""Every enumerated value has a Dutch display name (matchdesk.labels)."""

from enum import StrEnum

import matchdesk.domain as domain
from matchdesk.domain import TrajectoryKind, VacancyKind
from matchdesk.labels import LABELS, choices, label


def test_every_enumeration_has_display_names():
    enums = [v for v in vars(domain).values() if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum]
    assert len(enums) >= 10
    missing = [f"{e.__name__}.{m.name}" for e in enums for m in e if m not in LABELS]
    assert missing == []


def test_codes_read_as_members():
    assert label("regulier_lks", TrajectoryKind) == "Regulier werk met loonkostensubsidie"
    assert label(TrajectoryKind.LEERWERKTRAJECT) == "Leerwerktraject"
    assert label("onbekende_code", VacancyKind) == "onbekende_code"
    assert label(None, empty="—") == "—"
    assert choices(VacancyKind)[2] == ("Leerwerkplek", VacancyKind.LEERWERKPLEK)
    assert all(text[0].isupper() or text[0].isdigit() for text in LABELS.values())


def test_members_of_two_enumerations_with_one_code_keep_their_own_names():
    # StrEnum members with one value are equal: a dict keyed by member kept only one of the two names
    from matchdesk.domain import Location, Provider, TaaleisStatus

    assert label(TrajectoryKind.REGULIER) == label("regulier", TrajectoryKind) == "Regulier werk"
    assert label(VacancyKind.REGULIER) == label("regulier", VacancyKind) == "Reguliere vacature"
    assert label(Provider.WERKGEVER) == "Werkgever" and label(Location.WERKGEVER) == "Bij een werkgever"
    assert label(TrajectoryKind.TAALTRAJECT) == "Taaltraject"
    assert label(TaaleisStatus.TAALTRAJECT) == "In taaltraject"
    assert choices(TrajectoryKind)[3] == ("Regulier werk", TrajectoryKind.REGULIER)


def test_sector_codes_have_display_names():
    from matchdesk.labels import raw_codes, sector_label
    from matchdesk.occupations import SECTORS

    assert sector_label("zorg_welzijn") == "Zorg en welzijn"
    assert all(sector_label(code)[0].isupper() for code in SECTORS)
    assert {"zorg_welzijn", "regulier_lks", "markt", "leerwerktraject"} <= raw_codes()
    assert not {"A", "1B", "B1"} & raw_codes()
