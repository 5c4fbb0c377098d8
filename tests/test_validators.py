import pytest

from matchdesk.errors import ValidationError
from matchdesk.validators import elfproef, normalize_bsn, normalize_kvk, normalize_postcode


@pytest.mark.parametrize("bsn", ["111222333", "123456782"])
def test_valid_bsn_passes_elfproef(bsn):
    assert elfproef(bsn)
    assert normalize_bsn(bsn) == bsn


@pytest.mark.parametrize("bsn", ["123456789", "000000000", "12345678a", "1234567", "1112223334"])
def test_invalid_bsn_is_refused_naming_the_field(bsn):
    with pytest.raises(ValidationError) as error:
        normalize_bsn(bsn)
    assert error.value.field == "bsn"
    assert "BSN" in str(error.value)


def test_eight_digit_bsn_gets_its_leading_zero():
    # 011222333 would need a leading zero: find one that passes
    digits = next(f"0{n:08d}" for n in range(10000000, 10001000) if elfproef(f"0{n:08d}"))
    assert normalize_bsn(digits[1:]) == digits


@pytest.mark.parametrize("raw, expected", [("1234ab", "1234 AB"), ("1234 AB", "1234 AB"), (" 4701  xy ", "4701 XY")])
def test_postcode_normalised(raw, expected):
    assert normalize_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["0123 AB", "12345", "1234 A", "ABCD EF", ""])
def test_postcode_refused(raw):
    with pytest.raises(ValidationError, match="^Postcode"):
        normalize_postcode(raw)


@pytest.mark.parametrize("raw", ["1234567", "123456789", "1234567a", ""])
def test_kvk_needs_exactly_eight_digits(raw):
    with pytest.raises(ValidationError, match="KvK"):
        normalize_kvk(raw)


def test_kvk_accepts_eight_digits_without_checksum():
    assert normalize_kvk("12345678") == "12345678"
