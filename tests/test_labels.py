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
    assert LABELS[TrajectoryKind.REGULIER] == "Regulier werk" and LABELS[VacancyKind.REGULIER] == "Reguliere vacature"


def test_sector_codes_have_display_names():
    from matchdesk.labels import raw_codes, sector_label
    from matchdesk.occupations import SECTORS

    assert sector_label("zorg_welzijn") == "Zorg en welzijn"
    assert all(sector_label(code)[0].isupper() for code in SECTORS)
    assert {"zorg_welzijn", "regulier_lks", "markt", "leerwerktraject"} <= raw_codes()
    assert not {"A", "1B", "B1"} & raw_codes()


def test_codes_shared_by_two_enumerations_keep_their_own_names():
    from matchdesk.domain import Location, Provider

    assert label(Provider.WERKGEVER) == label("werkgever", Provider) == "Werkgever"
    assert label(Location.WERKGEVER) == label("werkgever", Location) == "Bij een werkgever"
    assert label(TrajectoryKind.REGULIER) == label("regulier", TrajectoryKind) == "Regulier werk"
    assert label(VacancyKind.REGULIER) == "Reguliere vacature"
    assert choices(VacancyKind)[0] == ("Reguliere vacature", VacancyKind.REGULIER)


def test_the_taaleis_signal_names_the_status_in_words(today):
    import datetime as dt
    from types import SimpleNamespace

    from matchdesk.domain import CefrLevel, TaaleisStatus
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.rules.signals import _taaleis

    rulebooks = load_rulebooks()
    rulebook = rulebooks.for_municipality(rulebooks.municipalities()[0], today)
    candidate = SimpleNamespace(dutch_level=CefrLevel.A1, taaleis_since=today - dt.timedelta(weeks=30),
                                taaleis_status=TaaleisStatus.NIET_VOLDAAN, klantnummer="1234567")
    messages = [s.message for s in _taaleis(candidate, rulebook, today)]
    assert messages and "taaleis niet voldaan" in messages[0] and "niet_voldaan" not in messages[0]
