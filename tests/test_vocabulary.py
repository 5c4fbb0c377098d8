"""The shipped skill vocabulary: size, coverage per sector, ids, synonym hygiene and the lookups matchers rely on."""

from __future__ import annotations

import re
import tomllib
from collections import Counter

import pytest

from matchdesk import licences as licence_model
from matchdesk.occupations import SECTORS
from matchdesk.resources import resource
from matchdesk.vocabulary import SKILL_KINDS, Vocabulary, VocabularyError, load_vocabulary, normalize_term

SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
LICENCES = set(licence_model.CATEGORIES)
# Words that would match random text; none may be a label or synonym.
TOO_GENERIC = {"werk", "werken", "schoon", "tool", "tools", "rijbewijs", "certificaat", "diploma", "medewerker",
               "ervaring", "b", "c", "d", "e", "a", "be", "ce", "am", "c1", "d1", "word", "email", "e mail", "team",
               "schoonmaken", "sorteren", "rijden", "zorg", "planten", "operator"}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def _raw_entries() -> list[tuple[str, dict]]:
    rows = []
    for item in sorted(resource("vocabulary").iterdir(), key=lambda t: t.name):
        if item.name.endswith(".toml"):
            rows += [(item.name, e) for e in tomllib.loads(item.read_text(encoding="utf-8")).get("skill", [])]
    return rows


def test_shipped_files_load_without_synonym_clash(vocabulary):
    # load_vocabulary raises VocabularyError on any synonym shared by two skills.
    assert len(vocabulary.skills) >= 330
    assert len(vocabulary.terms) > 3 * len(vocabulary.skills)


def test_vocabulary_is_split_per_sector_file():
    names = {item.name for item in resource("vocabulary").iterdir() if item.name.endswith(".toml")}
    assert {"logistiek.toml", "schoonmaak.toml", "groen.toml", "certificaten.toml", "rijbewijzen.toml",
            "competenties.toml"} <= names


@pytest.mark.parametrize("sector", SECTORS)
def test_every_sector_has_at_least_twelve_skills(vocabulary, sector):
    assert len(vocabulary.by_sector(sector)) >= 12, sector


def test_sectors_and_kinds_are_known(vocabulary):
    assert {s.sector for s in vocabulary.skills.values()} <= set(SECTORS)
    kinds = Counter(s.kind for s in vocabulary.skills.values())
    assert set(kinds) == set(SKILL_KINDS)
    assert kinds["certificaat"] >= 25 and kinds["competentie"] >= 20 and kinds["rijbewijs"] >= 7


def test_ids_are_unique_ascii_snake_case():
    ids = [entry["id"] for _, entry in _raw_entries()]
    assert len(ids) == len(set(ids))
    for skill_id in ids:
        assert skill_id.isascii() and SNAKE.fullmatch(skill_id), skill_id


def test_every_entry_has_label_group_and_synonyms():
    for name, entry in _raw_entries():
        assert entry["label"].strip(), (name, entry["id"])
        assert SNAKE.fullmatch(entry["group"]), (name, entry["id"])
        assert entry["synonyms"], (name, entry["id"])


def test_groups_link_related_skills(vocabulary):
    groups = Counter(s.group for s in vocabulary.skills.values())
    assert sum(1 for n in groups.values() if n >= 2) >= 60
    assert {vocabulary.get(i).group for i in ("heftruck", "reachtruck", "stapelaar")} == {"intern_transport"}
    assert vocabulary.get("orderpicken").group == vocabulary.get("ordertruck").group == "orderpicking"


def test_no_synonym_shorter_than_three_characters(vocabulary):
    for skill in vocabulary.skills.values():
        for term in (skill.label, *skill.synonyms):
            assert len(normalize_term(term)) >= 3, (skill.id, term)


def test_no_generic_synonyms(vocabulary):
    assert not TOO_GENERIC & set(vocabulary.terms)


def test_no_synonym_equals_another_skills_label(vocabulary):
    labels = {normalize_term(s.label): s.id for s in vocabulary.skills.values()}
    for skill in vocabulary.skills.values():
        for synonym in skill.synonyms:
            assert labels.get(normalize_term(synonym), skill.id) == skill.id, (skill.id, synonym)


def test_licences_only_on_driving_licences_and_code_95(vocabulary):
    for skill in vocabulary.skills.values():
        if skill.kind == "rijbewijs":
            assert skill.licence in LICENCES, skill.id
        elif skill.id == "code95":
            assert skill.licence == "95"  # a qualification noted on the licence: it lives in the licence field
        else:
            assert skill.licence is None, skill.id  # a heftruckcertificaat is no driving licence
    shipped = {s.licence for s in vocabulary.skills.values() if s.kind == "rijbewijs"}
    assert shipped == LICENCES - {"A1", "A2", "D1E"}  # those three only in the licence field


def test_a_synonym_on_two_skills_is_refused():
    entries = [
        {"id": "heftruck", "label": "Heftruck", "sector": "logistiek", "kind": "certificaat",
         "synonyms": ["vorkheftruck"]},
        {"id": "reachtruck", "label": "Reachtruck", "sector": "logistiek", "kind": "certificaat",
         "synonyms": ["Vork-heftruck"]},  # normalises to "vork heftruck": no clash yet
    ]
    Vocabulary.from_entries(entries)
    entries[1]["synonyms"].append("VORKHEFTRUCK")
    with pytest.raises(VocabularyError, match="vorkheftruck|VORKHEFTRUCK"):
        Vocabulary.from_entries(entries, source="test")


def test_a_synonym_equal_to_another_label_is_refused():
    entries = [
        {"id": "kassawerk", "label": "Kassawerk", "sector": "retail", "kind": "vaardigheid"},
        {"id": "kassa_opmaken", "label": "Kassa opmaken", "sector": "retail", "kind": "vaardigheid",
         "synonyms": ["kassa-werk"]},
    ]
    Vocabulary.from_entries(entries)  # "kassa werk" is not "kassawerk"
    entries[1]["synonyms"].append("KASSAWERK")
    with pytest.raises(VocabularyError):
        Vocabulary.from_entries(entries)


@pytest.mark.parametrize("text", ["heftruckcertificaat", "heftruck certificaat", "heftruck-certificaat",
                                  "Heftruck", "vorkheftruck", "heftruckrijbewijs", "Heftruckdiploma"])
def test_heftruck_variants_resolve_to_one_skill(vocabulary, text):
    skill = vocabulary.lookup(text)
    assert skill is not None and skill.id == "heftruck"
    assert skill.kind == "certificaat"


def test_typos_are_not_synonyms(vocabulary):
    assert vocabulary.lookup("heftruk") is None  # fuzzy matching is the matcher's job


@pytest.mark.parametrize("text, licence", [("Rijbewijs C", "C"), ("rijbewijs-c", "C"), ("C-rijbewijs", "C"),
                                           ("vrachtwagenrijbewijs", "C"), ("rijbewijs CE", "CE"),
                                           ("rijbewijs C+E", "CE"), ("Rijbewijs B", "B"), ("autorijbewijs", "B"),
                                           ("rijbewijs BE", "BE"), ("brommerrijbewijs", "AM"),
                                           ("rijbewijs C1", "C1"), ("busrijbewijs", "D")])
def test_driving_licence_lookups(vocabulary, text, licence):
    skill = vocabulary.lookup(text)
    assert skill is not None and skill.kind == "rijbewijs" and skill.licence == licence, text


@pytest.mark.parametrize("text", ["code 95", "Code95", "code-95", "vakbekwaamheid code 95"])
def test_code_95_is_a_certificate(vocabulary, text):
    skill = vocabulary.lookup(text)
    assert skill is not None and skill.id == "code95" and skill.kind == "certificaat"


def test_vca_variants(vocabulary):
    vol = vocabulary.lookup("VOL-VCA")
    assert vol is not None and vol == vocabulary.lookup("vca vol") == vocabulary.lookup("VCA-VOL")
    basis = vocabulary.lookup("VCA")
    assert basis is not None and basis == vocabulary.lookup("VCA basis") == vocabulary.lookup("B-VCA")
    assert vol.id != basis.id and vol.group == basis.group == "vca"
    assert vocabulary.lookup("VIL-VCU").id == "vil_vcu"


def test_sociale_hygiene_with_and_without_accent(vocabulary):
    skill = vocabulary.lookup("sociale hygiene")
    assert skill is not None and skill == vocabulary.lookup("Sociale Hygiëne") == vocabulary.lookup("SVH")
    assert skill.kind == "certificaat"
    assert vocabulary.lookup("basishygiëne").id == "basis_hygiene" != skill.id


@pytest.mark.parametrize("text, skill_id", [
    ("BHV", "bhv"), ("bedrijfshulpverlening", "bhv"), ("EHBO", "ehbo"), ("HACCP", "haccp"),
    ("NEN 3140", "nen3140"), ("NEN3140", "nen3140"), ("ADR", "adr"), ("tachograaf", "tachograaf"),
    ("spuitlicentie", "spuitlicentie"), ("hoogwerker", "hoogwerker"), ("reach truck", "reachtruck"),
    ("Veiligheid Vakbekwaamheid", "veiligheid_vakbekwaamheid"), ("VOG", "vog"),
    ("orderpicking", "orderpicken"), ("order-picken", "orderpicken"), ("ordertrucks", "ordertruck"),
    ("facility", "facilitaire_dienstverlening"), ("schrob-zuigmachine", "schrobzuigmachine"),
    ("pompwagen", "handpallettruck"), ("vakken vullen", "vakkenvullen"), ("teamwork", "samenwerken"),
    ("punctueel", "op_tijd_komen"), ("klantvriendelijk", "klantgericht"), ("stressbestendig", "stressbestendig"),
])
def test_common_terms(vocabulary, text, skill_id):
    skill = vocabulary.lookup(text)
    assert skill is not None and skill.id == skill_id, text


def test_competences_are_general(vocabulary):
    for skill in vocabulary.skills.values():
        if skill.kind == "competentie":
            assert skill.sector == "algemeen", skill.id
    for skill_id in ("samenwerken", "klantgericht", "zelfstandig", "op_tijd_komen", "nauwkeurig", "stressbestendig"):
        assert vocabulary.get(skill_id).kind == "competentie"


def test_normalize_term_folds_letters_without_a_decomposition():
    from matchdesk.vocabulary import normalize_term

    assert normalize_term("Ayşe Yılmaz") == "ayse yilmaz"
    assert normalize_term("Łukasz Søren Straße") == "lukasz soren strasse"
