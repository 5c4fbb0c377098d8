"""Date conventions of CONTRACTS.md: inclusive end dates, clamped month arithmetic, Dutch display."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def last_day_within(start: dt.date, months: int) -> dt.date:
    """The last allowed day of "at most ``months`` months" from ``start`` (inclusive).

    2026-01-01 + 6 -> 2026-06-30; 2026-08-31 + 6 -> 2027-02-27.
    """
    return start + relativedelta(months=months) - dt.timedelta(days=1)


def months_between_inclusive(start: dt.date, end: dt.date) -> float:
    """Length of the inclusive period start..end in months, for messages ("25 maanden").

    Whole months count as integers: 2026-01-01..2026-06-30 is 6.0.
    """
    after = end + dt.timedelta(days=1)
    delta = relativedelta(after, start)
    whole = delta.years * 12 + delta.months
    if delta.days == 0:
        return float(whole)
    base = start + relativedelta(months=whole)
    next_month = start + relativedelta(months=whole + 1)
    return whole + (after - base).days / (next_month - base).days


def parse_date(text: str) -> dt.date:
    """Parse ISO ``YYYY-MM-DD``, ``dd-mm-jjjj`` or ``dd/mm/jjjj`` (always day first).

    Raises ValueError with a Dutch message for unreadable or non-existing dates.
    """
    value = str(text).strip()
    match = _ISO.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DAY_FIRST.match(value)
        if not match:
            raise ValueError(f"{text!r} is geen datum; gebruik jjjj-mm-dd of dd-mm-jjjj")
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"de datum {text!r} bestaat niet") from None


def parse_iso_date(text: str) -> dt.date:
    """Strict ISO parsing for the command line and JSON."""
    value = str(text).strip()
    if not _ISO.match(value):
        raise ValueError(f"{text!r} is geen datum in de vorm jjjj-mm-dd")
    return parse_date(value)


def format_nl(value: dt.date | None) -> str:
    """dd-mm-jjjj, as the UI and PDFs show dates, whatever the OS locale."""
    return "" if value is None else f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def format_nl_long(value: dt.date) -> str:
    """Written-out Dutch date: 3 februari 2026."""
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"


def age_on(birth_date: dt.date, on: dt.date) -> int:
    return relativedelta(on, birth_date).years


def format_number_nl(value: float, decimals: int = 0) -> str:
    """Dutch number formatting (1.234,5) independent of the OS locale."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
