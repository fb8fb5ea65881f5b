"""Phone numbers are shown in the groups Vietnamese people write them in."""

import pytest
from django.template import Context, Template

from core.formatting import format_phone
from core.validators import normalize_phone


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("0912345678", "0912 345 678"),
        ("0387654321", "0387 654 321"),
        ("0563456789", "0563 456 789"),
        ("0701234567", "0701 234 567"),
        ("0888123456", "0888 123 456"),
        # Landlines: 02xx + seven digits, 4-4-3.
        ("02703822123", "0270 3822 123"),
        ("02753822365", "0275 3822 365"),
        # Hà Nội and Hồ Chí Minh City: 024 / 028 + eight digits, 3-4-4.
        ("02438221234", "024 3822 1234"),
        ("02839301234", "028 3930 1234"),
    ],
)
def test_format_phone_groups_stored_numbers(stored, shown):
    assert format_phone(stored) == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("+84912345678", "0912 345 678"),
        ("84912345678", "0912 345 678"),
        ("+84 270 3822 123", "0270 3822 123"),
        ("0912.345.678", "0912 345 678"),
        ("(0270) 3822-123", "0270 3822 123"),
    ],
)
def test_format_phone_normalises_international_and_punctuated_forms(typed, shown):
    assert format_phone(typed) == shown


@pytest.mark.parametrize(
    "typed",
    ["12345", "0112345678", "+33 1 23 45 67 89", "0912 345 67", "liên hệ Zalo", "091234567890"],
)
def test_format_phone_shows_unrecognised_numbers_as_typed(typed):
    assert format_phone(typed) == typed


def test_format_phone_of_nothing_is_empty():
    assert format_phone("") == ""
    assert format_phone(None) == ""


@pytest.mark.parametrize("typed", ["0912 345 678", "+84 270 3822 123", "02438221234"])
def test_every_storable_phone_is_grouped(typed):
    """What the validators store (the normalised form) is always recognised by the formatter."""
    stored = normalize_phone(typed)
    assert format_phone(stored).replace(" ", "") == stored
    assert format_phone(stored) != stored


def test_phone_filter_formats_and_escapes():
    template = Template("{% load vn %}[{{ a|phone }}][{{ b|phone }}][{{ c|phone }}][{{ d|phone }}]")
    html = template.render(Context({"a": "02703822123", "b": "", "c": None, "d": "<b>x</b>"}))
    assert html == "[0270 3822 123][][][&lt;b&gt;x&lt;/b&gt;]"
