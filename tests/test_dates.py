import datetime as dt

import pytest

from matchdesk.dates import format_nl, last_day_within, months_between_inclusive, parse_date


@pytest.mark.parametrize("start, months, last", [
    ("2026-01-01", 6, "2026-06-30"),
    ("2026-03-15", 6, "2026-09-14"),
    ("2027-09-01", 6, "2028-02-29"),
    ("2026-08-31", 6, "2027-02-27"),
    ("2026-02-01", 23, "2027-12-31"),
])
def test_contract_examples_of_at_most_n_months(start, months, last):
    assert last_day_within(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(last)


def test_whole_months_measure_as_integers():
    assert months_between_inclusive(dt.date(2026, 1, 1), dt.date(2026, 6, 30)) == 6.0
    assert months_between_inclusive(dt.date(2026, 1, 1), dt.date(2026, 7, 1)) > 6.0


@pytest.mark.parametrize("text", ["2026-02-03", "03-02-2026", "03/02/2026", "3-2-2026"])
def test_day_first_parsing(text):
    assert parse_date(text) == dt.date(2026, 2, 3)


@pytest.mark.parametrize("text", ["2026-02-30", "31-04-2026", "gisteren", "2026/02/03"])
def test_bad_dates_are_refused_in_dutch(text):
    with pytest.raises(ValueError, match="datum"):
        parse_date(text)


def test_display_format_is_dutch():
    assert format_nl(dt.date(2026, 2, 3)) == "03-02-2026"
