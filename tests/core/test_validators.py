import pytest
from django.core.exceptions import ValidationError

from core.validators import normalize_phone, normalize_tax_code, tax_code_check_digit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0300588569", "0300588569"),  # Vinamilk
        ("0100109106", "0100109106"),  # Viettel
        ("0101248141", "0101248141"),  # FPT
        ("0300588569-001", "0300588569-001"),  # a branch
        ("0300588569001", "0300588569-001"),  # a branch typed without the dash
        (" 0300 588 569 ", "0300588569"),
        ("0300.588.569", "0300588569"),
    ],
)
def test_tax_code_valid_is_normalized(raw, expected):
    assert normalize_tax_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("0300588568", "tax_code_check_digit"),  # last digit off by one
        ("0100109107", "tax_code_check_digit"),
        ("1300588569", "tax_code_check_digit"),  # first digit changed
        ("030058856", "tax_code_format"),  # nine digits
        ("03005885690", "tax_code_format"),  # eleven digits
        ("0300588569-01", "tax_code_format"),  # branch with two digits
        ("0300588569-000", "tax_code_branch"),
        ("03005885a9", "tax_code_format"),
        ("", "tax_code_format"),
    ],
)
def test_tax_code_broken_is_refused(raw, code):
    with pytest.raises(ValidationError) as caught:
        normalize_tax_code(raw)
    assert caught.value.code == code


def test_tax_code_check_digit_none_when_remainder_gives_ten():
    # Σ = 0 → 10 − 0 = 10: no valid code starts with nine zeros.
    assert tax_code_check_digit("000000000") is None
    assert tax_code_check_digit("030058856") == 9


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0275.3822.365", "02753822365"),
        ("0275 3822 365", "02753822365"),
        ("(0275) 3822-365", "02753822365"),
    ],
)
def test_phone_vietnamese_formats_are_normalized(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "0112345678", "091234567", "09123456789", "abc"])
def test_phone_invalid_is_refused(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw)
