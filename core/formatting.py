"""Vietnamese number, money and date formatting for pages and documents.

Pages use Django's localisation (config/formats/vi); these helpers serve places that must
produce the Vietnamese form whatever the active language (official documents, exports).
"""

import datetime


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
