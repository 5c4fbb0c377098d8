"""rules/portfolio.py: the leerwerkbedrijf share against the 70% norm (region, werkplein, municipality),
counted by start date in the period with extensions not counted again; outflow, location, agreed numbers."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from matchdesk.domain import Location, Provider, TrajectoryKind
from matchdesk.rules.portfolio import PortfolioTrajectory, portfolio_report
from matchdesk.rules.rulebook import load_rulebooks

LWT = TrajectoryKind.LEERWERKTRAJECT
FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
_ids = itertools.count(1)


def _t(municipality="Roosendaal", provider=Provider.LEERWERKBEDRIJF, start="2026-03-01", kind=LWT, **values):
    return PortfolioTrajectory(id=next(_ids), klantnummer=f"k{next(_ids)}", municipality=municipality, kind=kind,
                               start=dt.date.fromisoformat(start), provider=provider, **values)


@pytest.fixture
def report(shipped_rulebooks):
    def run(trajectories, date_from=FROM, date_to=TO, rulebooks=None):
        return portfolio_report(list(trajectories), rulebooks or shipped_rulebooks, date_from, date_to)
    return run


def _share(data, level, key):
    return data["leerwerkbedrijf_share"][level][key]


def test_share_is_null_when_there_are_none(report):
    data = report([])
    for level, key in (("regions", "WVS"), ("werkpleinen", "Brabantse Wal"), ("municipalities", "Roosendaal")):
        assert _share(data, level, key) == {"leerwerktrajecten": 0, "via_leerwerkbedrijf": 0, "share_percent": None,
                                            "norm_percent": 70, "meets_norm": None}
    # other work is no leerwerktraject: still nothing to divide
    data = report([_t(kind=TrajectoryKind.DETACHERING), _t(kind=TrajectoryKind.REGULIER, provider=Provider.WERKGEVER)])
    assert _share(data, "regions", "WVS")["share_percent"] is None


def test_every_known_municipality_werkplein_and_region_is_listed(report):
    data = report([])
    shares = data["leerwerkbedrijf_share"]
    assert set(shares["werkpleinen"]) == {"Brabantse Wal", "Hart van West-Brabant"}
    assert set(shares["regions"]) == {"WVS", "Zuid-Holland Centraal"}
    assert len(shares["municipalities"]) == 10 and "Wassenaar" in shares["municipalities"]
    assert set(data["uitstroom"]) == set(shares["municipalities"])


@pytest.mark.parametrize(("via", "other", "share", "meets"), [
    (7, 3, 70.0, True),  # exactly the norm
    (2, 1, 66.7, False),
    (3, 1, 75.0, True),
    (0, 2, 0.0, False),
    (1, 0, 100.0, True),
])
def test_norm_70_percent_met_or_not(report, via, other, share, meets):
    trajectories = [_t() for _ in range(via)] + [_t(provider=Provider.MARKT) for _ in range(other)]
    region = _share(report(trajectories), "regions", "WVS")
    assert region == {"leerwerktrajecten": via + other, "via_leerwerkbedrijf": via, "share_percent": share,
                      "norm_percent": 70, "meets_norm": meets}


def test_unknown_provider_does_not_count_as_leerwerkbedrijf(report):
    region = _share(report([_t(), _t(provider=None)]), "regions", "WVS")
    assert (region["via_leerwerkbedrijf"], region["share_percent"]) == (1, 50.0)


def test_extensions_are_not_counted_twice(report):
    first = _t(start="2026-02-01")
    extension = _t(start="2026-02-01", extension_of=first.id)
    later_extension = _t(provider=Provider.MARKT, start="2026-05-01", extension_of=first.id)
    region = _share(report([first, extension, later_extension]), "regions", "WVS")
    assert (region["leerwerktrajecten"], region["via_leerwerkbedrijf"], region["share_percent"]) == (1, 1, 100.0)


def test_counted_by_start_date_within_the_period_inclusive(report):
    trajectories = [_t(start="2025-12-31"), _t(start="2026-01-01"), _t(start="2026-12-31"),
                    _t(start="2027-01-01", provider=Provider.MARKT)]
    assert _share(report(trajectories), "regions", "WVS")["leerwerktrajecten"] == 2
    assert _share(report(trajectories, None, None), "regions", "WVS")["leerwerktrajecten"] == 4
    assert _share(report(trajectories, dt.date(2026, 6, 1), None), "regions", "WVS")["leerwerktrajecten"] == 2
    assert report([], None, None)["period"] == {"from": None, "to": None}
    assert report([])["period"] == {"from": "2026-01-01", "to": "2026-12-31"}


def test_grouped_per_werkplein_and_region(report):
    trajectories = (
        [_t("Bergen op Zoom") for _ in range(3)] + [_t("steenbergen", Provider.MARKT)]  # Brabantse Wal 3/4
        + [_t("Roosendaal"), _t("Zundert", Provider.MARKT), _t("ETTEN-LEUR", Provider.MARKT)]  # Hart van WB 1/3
        + [_t("Wassenaar", Provider.MARKT)]
    )
    data = report(trajectories)
    wal, hart = _share(data, "werkpleinen", "Brabantse Wal"), _share(data, "werkpleinen", "Hart van West-Brabant")
    assert (wal["leerwerktrajecten"], wal["share_percent"], wal["meets_norm"]) == (4, 75.0, True)
    assert (hart["leerwerktrajecten"], hart["share_percent"], hart["meets_norm"]) == (3, 33.3, False)
    # the norm is region-wide: the two werkpleinen together
    region = _share(data, "regions", "WVS")
    assert (region["leerwerktrajecten"], region["via_leerwerkbedrijf"], region["share_percent"]) == (7, 4, 57.1)
    assert region["meets_norm"] is False
    # municipality names are matched case-insensitively to the rulebooks' spelling
    assert _share(data, "municipalities", "Steenbergen")["leerwerktrajecten"] == 1
    assert _share(data, "municipalities", "Etten-Leur")["leerwerktrajecten"] == 1
    # Wassenaar has no 70% rule: counted, no norm
    wassenaar = _share(data, "regions", "Zuid-Holland Centraal")
    assert (wassenaar["leerwerktrajecten"], wassenaar["norm_percent"], wassenaar["meets_norm"]) == (1, None, None)
    assert "Wassenaar" not in data["leerwerkbedrijf_share"]["werkpleinen"]


def test_location_share_at_employers(report):
    trajectories = [_t(location=Location.WERKGEVER), _t(location=Location.WERKGEVER), _t(location=Location.INTERN),
                    _t(location=None)]
    region = report(trajectories)["location"]["regions"]["WVS"]
    assert region == {"at_employer": 2, "intern": 1, "unknown": 1, "share_at_employer_percent": 66.7}
    assert report([])["location"]["regions"]["WVS"]["share_at_employer_percent"] is None


def test_uitstroom_per_municipality(report):
    trajectories = [_t(kind=TrajectoryKind.REGULIER, provider=Provider.WERKGEVER),
                    _t(kind=TrajectoryKind.REGULIER_LKS, provider=Provider.WERKGEVER),
                    _t(kind=TrajectoryKind.REGULIER_LKS, provider=Provider.WERKGEVER),
                    _t("Wassenaar", kind=TrajectoryKind.BBZ, provider=None),
                    _t(kind=TrajectoryKind.BESCHUT),
                    _t(kind=TrajectoryKind.DETACHERING),  # no outflow
                    _t(kind=TrajectoryKind.REGULIER, provider=Provider.WERKGEVER, start="2025-06-01")]  # outside
    data = report(trajectories)["uitstroom"]
    assert data["Roosendaal"] == {"regulier": 1, "regulier_lks": 2, "beschut": 1, "bbz": 0}
    assert data["Wassenaar"] == {"regulier": 0, "regulier_lks": 0, "beschut": 0, "bbz": 1}
    assert data["Zundert"] == {"regulier": 0, "regulier_lks": 0, "beschut": 0, "bbz": 0}


def test_agreed_yearly_number_only_where_one_is_set(report, rules_dir):
    data = report([_t(), _t()])
    assert data["leerwerktrajecten_agreed"]["Roosendaal"] == {"started": 2, "agreed_per_year": None}
    text = rules_dir.wvs_text.replace("enabled = false\nper_municipality = {}",
                                      'enabled = true\nper_municipality = { Roosendaal = 12, "Bergen op Zoom" = 20 }')
    books = load_rulebooks(rules_dir("wvs.toml", text))
    assert books.errors == []
    agreed = report([_t(), _t()], rulebooks=books)["leerwerktrajecten_agreed"]
    assert agreed["Roosendaal"] == {"started": 2, "agreed_per_year": 12}
    assert agreed["Bergen op Zoom"] == {"started": 0, "agreed_per_year": 20}
    assert agreed["Zundert"]["agreed_per_year"] is None
