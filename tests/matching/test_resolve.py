import pytest

from matchdesk.matching.resolve import SkillResolver
from matchdesk.matching.weights import load_weights
from matchdesk.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def resolver():
    return SkillResolver(load_vocabulary(), load_weights())


@pytest.mark.parametrize("text", ["heftruck certificaat", "heftruckcertificaat", "vorkheftruck", "heftruk",
                                  "Heftruck-Certificaat", "ervaring met heftruck", "heftruck (2 jaar)"])
def test_forklift_variants_land_on_one_skill(resolver, text):
    assert resolver.resolve(text).skill_id == "heftruck"


@pytest.mark.parametrize("text,via", [("Heftruckcertificaat", "exact"), ("vorkheftruck", "synonym"),
                                      ("heftruk", "fuzzy")])
def test_resolution_says_how_it_matched(resolver, text, via):
    result = resolver.resolve(text)
    assert result.via == via
    assert 0 < result.confidence <= 1
    assert (result.confidence == 1.0) == (via == "exact" or text == "vorkheftruck")


@pytest.mark.parametrize("text", ["werk", "B", "C", "ervaring", "rijbewijs", "goed", "xq", "magazijn"])
def test_short_or_generic_words_do_not_resolve(resolver, text):
    assert resolver.resolve(text).skill_id is None


@pytest.mark.parametrize("text,skill", [("rijbewijs C", "rijbewijs_c"), ("C-rijbewijs", "rijbewijs_c"),
                                        ("rijbewijs CE", "rijbewijs_ce"), ("code 95", "code95"),
                                        ("Code95", "code95"), ("B-rijbewijs", "rijbewijs_b")])
def test_licences_and_certificates(resolver, text, skill):
    assert resolver.resolve(text).skill_id == skill


def test_unresolved_text_is_kept(resolver):
    result = resolver.resolve("tweedehands fietsen opknappen")
    assert result.skill_id is None and result.input == "tweedehands fietsen opknappen" and result.via == "none"
