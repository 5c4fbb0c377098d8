"""Validators for Dutch identifiers. Each returns the normalised value or raises ValidationError.

Every identifier is NFKC-normalised first and must then be ASCII digits where digits are asked:
a BSN typed or pasted in full-width digits (１２３…) is stored as 9 ASCII digits, so the duplicate
check finds it; Arabic-Indic or other digits that NFKC does not fold are refused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from matchdesk.errors import ValidationError

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$", re.ASCII)
OLDEST_BIRTH_YEAR = 1900
OLDEST_AGE = 110


def nfkc(value: object) -> str:
    """The text of ``value`` NFKC-normalised: full-width digits and letters become ASCII."""
    return unicodedata.normalize("NFKC", str(value))


def ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def elfproef(digits: str) -> bool:
    """The BSN eleven test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11."""
    if len(digits) != 9 or not ascii_digits(digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def normalize_bsn(value: str, field: str = "bsn") -> str:
    """A BSN of 9 digits passing the elfproef; 8 digits get their leading zero back."""
    text = re.sub(r"[\s.]", "", nfkc(value))
    if len(text) == 8 and ascii_digits(text):
        text = "0" + text
    if len(text) != 9 or not ascii_digits(text):
        raise ValidationError(field, value, f"BSN {value!r} moet uit 9 cijfers bestaan")
    if text == "000000000" or not elfproef(text):
        raise ValidationError(field, value, f"BSN {value!r} is ongeldig (voldoet niet aan de elfproef)")
    return text


def normalize_postcode(value: str, field: str = "postcode") -> str:
    """Dutch postcode as ``1234 AB``; accepts any case and an absent space."""
    match = _POSTCODE.match(nfkc(value))
    if not match:
        raise ValidationError(field, value, f"postcode {value!r} is ongeldig; gebruik 1234 AB")
    return f"{match.group(1)} {match.group(2).upper()}"


def normalize_kvk(value: str, field: str = "kvk") -> str:
    """KvK number: exactly 8 digits (no checksum exists)."""
    text = nfkc(value).strip()
    if len(text) != 8 or not ascii_digits(text):
        raise ValidationError(field, value, f"KvK-nummer {value!r} moet uit precies 8 cijfers bestaan")
    return text


def normalize_email(value: str, field: str = "email") -> str:
    text = str(value).strip()
    if not _EMAIL.match(text):
        raise ValidationError(field, value, f"e-mailadres {value!r} is ongeldig")
    return text


def check_birth_date(value: dt.date, today: dt.date, field: str = "geboortedatum") -> dt.date:
    """A birth date not before 1900, not in the future and implying an age of at most 110 years on ``today``."""
    if value > today:
        raise ValidationError(field, value, f"{field}: {value.isoformat()} ligt in de toekomst")
    if value.year < OLDEST_BIRTH_YEAR:
        raise ValidationError(field, value, f"{field}: {value.isoformat()} ligt voor {OLDEST_BIRTH_YEAR}")
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if age > OLDEST_AGE:
        raise ValidationError(field, value, f"{field}: {value.isoformat()} geeft een leeftijd van {age} jaar "
                                            f"(hoogstens {OLDEST_AGE})")
    return value
