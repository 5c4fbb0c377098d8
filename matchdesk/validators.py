"""Validators for Dutch identifiers. Each returns the normalised value or raises ValidationError."""

from __future__ import annotations

import re

from matchdesk.errors import ValidationError

_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def elfproef(digits: str) -> bool:
    """The BSN eleven test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def normalize_bsn(value: str, field: str = "bsn") -> str:
    """A BSN of 9 digits passing the elfproef; 8 digits get their leading zero back."""
    text = re.sub(r"[\s.]", "", str(value))
    if len(text) == 8 and text.isdigit():
        text = "0" + text
    if len(text) != 9 or not text.isdigit():
        raise ValidationError(field, value, f"BSN {value!r} moet uit 9 cijfers bestaan")
    if text == "000000000" or not elfproef(text):
        raise ValidationError(field, value, f"BSN {value!r} is ongeldig (voldoet niet aan de elfproef)")
    return text


def normalize_postcode(value: str, field: str = "postcode") -> str:
    """Dutch postcode as ``1234 AB``; accepts any case and an absent space."""
    match = _POSTCODE.match(str(value))
    if not match:
        raise ValidationError(field, value, f"postcode {value!r} is ongeldig; gebruik 1234 AB")
    return f"{match.group(1)} {match.group(2).upper()}"


def normalize_kvk(value: str, field: str = "kvk") -> str:
    """KvK number: exactly 8 digits (no checksum exists)."""
    text = str(value).strip()
    if len(text) != 8 or not text.isdigit():
        raise ValidationError(field, value, f"KvK-nummer {value!r} moet uit precies 8 cijfers bestaan")
    return text


def normalize_email(value: str, field: str = "email") -> str:
    text = str(value).strip()
    if not _EMAIL.match(text):
        raise ValidationError(field, value, f"e-mailadres {value!r} is ongeldig")
    return text
