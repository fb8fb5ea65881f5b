"""Vietnamese number, money and date formatting for pages and documents.

Pages use Django's localisation (config/formats/vi); these helpers serve places that must
produce the Vietnamese form whatever the active language (official documents, exports).
"""

import datetime

from django.core.exceptions import ValidationError

from core.validators import normalize_phone


def format_number(value: int) -> str:
    """1234567 -> '1.234.567'."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def format_vnd(value: int | None) -> str:
    """1234567 -> '1.234.567 ₫'; None -> ''."""
    if value is None:
        return ""
    return f"{format_number(value)} ₫"


def format_date(value: datetime.date | None) -> str:
    """dd/mm/yyyy, as on every Vietnamese administrative document."""
    return value.strftime("%d/%m/%Y") if value else ""


# Hà Nội (024) and Hồ Chí Minh City (028) have a two-digit area code and eight-digit numbers;
# every other province has 02xx and seven digits. Both make eleven digits.
_TWO_DIGIT_AREA_CODES = ("024", "028")


def format_phone(value: str | None) -> str:
    """A stored phone number in the groups Vietnamese people write it in.

    Mobile (10 digits): '0912345678' -> '0912 345 678'. Landline (11 digits): '02703822123' ->
    '0270 3822 123', '02438221234' -> '024 3822 1234'. '+84…' and '84…' become '0…'. A value
    that is not a Vietnamese number (typed before validation existed, a foreign number) is
    shown as it was typed.
    """
    if not value:
        return ""
    try:
        digits = normalize_phone(value)
    except ValidationError:
        return value
    if len(digits) == 10:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if digits.startswith(_TWO_DIGIT_AREA_CODES):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
