"""The shipped occupations: they load, reference known skills and carry plausible vacancy data."""

from __future__ import annotations

import copy

import pytest

from matchdesk.domain import CefrLevel, LanguageSkill, VacancyKind
from matchdesk.occupations import SECTORS, Occupation, OccupationError, load_occupations, occupations_from_entries
from matchdesk.vocabulary import load_vocabulary, normalize_term


@pytest.fixture(scope="module")
def occupations() -> dict[str, Occupation]:
    return load_occupations()


def test_at_least_sixty_occupations_load(occupations):
    assert len(occupations) >= 60
    assert all(isinstance(o, Occupation) for o in occupations.values())
    assert load_occupations() is occupations  # cached


def test_typical_target_group_jobs_are_present(occupations):
    labels = {o.label for o in occupations.values()}
    for label in ("Orderpicker", "Schoonmaker kantoren", "Medewerker groenvoorziening", "Productiemedewerker",
                  "Afwasser", "Vakkenvuller", "Helpende zorg en welzijn", "Heftruckchauffeur", "Chauffeur C",
                  "Magazijnmedewerker", "Kassamedewerker", "Bezorger", "Assistent kok", "Tuinman", "Postsorteerder",
                  "Administratief medewerker", "Huishoudelijk medewerker", "Facilitair medewerker",
                  "Montagemedewerker", "Inpakker"):
        assert label in labels, label


def test_referenced_skills_exist(occupations):
    vocabulary = load_vocabulary()
    for occupation in occupations.values():
        assert 1 <= len(occupation.required) <= 4, occupation.id
        assert 1 <= len(occupation.desired) <= 4, occupation.id
        for skill_id in (*occupation.required, *occupation.desired):
            assert vocabulary.get(skill_id) is not None, (occupation.id, skill_id)


def test_fields_are_valid(occupations):
    levels = {c.value for c in CefrLevel}
    for occupation in occupations.values():
        assert occupation.sector in SECTORS
        assert set(occupation.language) <= {s.value for s in LanguageSkill}
        assert set(occupation.language.values()) <= levels
        assert set(occupation.vacancy_kinds) <= {k.value for k in VacancyKind} and occupation.vacancy_kinds
        assert 1 <= occupation.hours <= 60
        assert occupation.synonyms


def test_every_main_sector_has_occupations(occupations):
    sectors = {o.sector for o in occupations.values()}
    assert set(SECTORS) - {"algemeen"} <= sectors


def test_language_levels_are_realistic(occupations):
    assert occupations["orderpicker"].language.get("luisteren") == "A2"
    care = occupations["helpende_zorg_welzijn"].language
    assert care["spreken"] == "B1" and care["schrijven"] == "B1"
    assert any(not o.language for o in occupations.values())  # some jobs state no minimum


def test_driving_licences(occupations):
    vocabulary = load_vocabulary()
    assert occupations["chauffeur_c"].driving_licence == "C"
    assert occupations["orderpicker"].driving_licence is None
    for occupation in occupations.values():
        for skill_id in occupation.required:
            skill = vocabulary.get(skill_id)
            if skill.kind == "rijbewijs":
                assert occupation.driving_licence == skill.licence, occupation.id


def test_names_are_unique_across_occupations(occupations):
    seen: dict[str, str] = {}
    for occupation in occupations.values():
        for name in (occupation.label, *occupation.synonyms):
            assert seen.setdefault(normalize_term(name), occupation.id) == occupation.id, name


def test_occupations_are_hashable(occupations):
    assert len(set(occupations.values())) == len(occupations)


ENTRY = {"id": "inpakker", "label": "Inpakker", "sector": "logistiek", "synonyms": ["inpakster"],
         "required": ["inpakken"], "desired": ["nauwkeurig"], "language": {"luisteren": "A2"},
         "hours": 32, "vacancy_kinds": ["regulier"]}


def test_a_valid_entry_loads():
    occupations = occupations_from_entries([ENTRY], load_vocabulary())
    assert occupations["inpakker"].driving_licence is None


@pytest.mark.parametrize("change, fragment", [
    ({"required": ["bestaat_niet"]}, "onbekende vaardigheid"),
    ({"desired": ["ook_onbekend"]}, "onbekende vaardigheid"),
    ({"required": []}, "required"),
    ({"sector": "ruimtevaart"}, "sector"),
    ({"language": {"luisteren": "Z9"}}, "taalniveau"),
    ({"language": {"zingen": "A2"}}, "taalvaardigheid"),
    ({"vacancy_kinds": ["vast"]}, "soort vacature"),
    ({"driving_licence": "X"}, "rijbewijs"),
    ({"required": ["rijbewijs_c"], "driving_licence": "B"}, "driving_licence"),
    ({"hours": 0}, "uren"),
])
def test_invalid_entries_are_refused_in_dutch(change, fragment):
    entry = copy.deepcopy(ENTRY) | change
    with pytest.raises(ValueError, match=fragment) as error:
        occupations_from_entries([entry], load_vocabulary(), source="test")
    assert isinstance(error.value, OccupationError)
    assert "beroep inpakker" in str(error.value)


def test_duplicate_names_are_refused():
    other = copy.deepcopy(ENTRY) | {"id": "inpakster", "label": "Inpakster", "synonyms": []}
    with pytest.raises(OccupationError, match="hoort ook bij"):
        occupations_from_entries([ENTRY, other], load_vocabulary())
