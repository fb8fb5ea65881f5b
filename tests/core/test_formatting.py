import datetime

from django.utils import formats, translation

from core.formatting import format_date, format_number, format_vnd


def test_format_vnd_uses_dots_and_dong_sign():
    assert format_vnd(1234567) == "1.234.567 ₫"
    assert format_vnd(0) == "0 ₫"
    assert format_vnd(None) == ""
    assert format_number(-300000000) == "-300.000.000"


def test_format_date_is_day_month_year():
    assert format_date(datetime.date(2025, 10, 15)) == "15/10/2025"


def test_vietnamese_locale_formats_dates_and_numbers():
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2025, 10, 15), "SHORT_DATE_FORMAT") == "15/10/2025"
        assert formats.number_format(1234567, use_l10n=True, force_grouping=True) == "1.234.567"
