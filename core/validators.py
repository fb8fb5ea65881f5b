"""Validators for Vietnamese identifiers: tax codes (mã số thuế) and phone numbers.

Each `normalize_*` returns the canonical form or raises ValidationError with a translated
message; the model fields, forms and API serializers all call these, so the rule lives once.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Weights of the first nine digits; the tenth is the check digit (domain.md §2).
TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_TAX_CODE_RE = re.compile(r"^(\d{10})(?:-?(\d{3}))?$")


def tax_code_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no valid code can start with them."""
    total = sum(int(d) * w for d, w in zip(first_nine, TAX_CODE_WEIGHTS, strict=True))
    check = 10 - total % 11
    return None if check == 10 else check


def normalize_tax_code(value: str) -> str:
    """'0300588569' or '0300588569-001' (a branch); spaces and dots are ignored."""
    compact = re.sub(r"[\s.]", "", value or "")
    match = _TAX_CODE_RE.match(compact)
    if not match:
        raise ValidationError(
            _("A tax code has 10 digits, or 13 for a branch (10 digits, '-', 3 digits)."),
            code="tax_code_format",
        )
    head, branch = match.groups()
    check = tax_code_check_digit(head[:9])
    if check is None or check != int(head[9]):
        raise ValidationError(
            _("Tax code %(code)s is not valid: its check digit does not match."),
            code="tax_code_check_digit",
            params={"code": head},
        )
    if branch == "000":
        raise ValidationError(
            _("A branch tax code ends in 001 to 999, not 000."), code="tax_code_branch"
        )
    return f"{head}-{branch}" if branch else head


def validate_tax_code(value: str) -> None:
    normalize_tax_code(value)


# Mobile: 0 + 3/5/7/8/9 + 8 digits. Landline: 02 + area code + number, 11 digits in all.
_MOBILE_RE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE_RE = re.compile(r"^02\d{9}$")


def normalize_phone(value: str) -> str:
    """A Vietnamese mobile or landline number as 0XXXXXXXXX(X); +84 / 84 prefixes accepted."""
    compact = re.sub(r"[\s.\-()]", "", value or "")
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    elif compact.startswith("84") and len(compact) in (11, 12):
        compact = "0" + compact[2:]
    if _MOBILE_RE.match(compact) or _LANDLINE_RE.match(compact):
        return compact
    raise ValidationError(
        _(
            "Enter a Vietnamese phone number: a 10-digit mobile (e.g. 0912 345 678) or an "
            "11-digit landline with its area code (e.g. 0275 3822 365)."
        ),
        code="phone",
    )


def validate_phone(value: str) -> None:
    normalize_phone(value)


# ---- Certificate numbers (issue 8) ----------------------------------------------------------

CERTIFICATE_FIELDS = frozenset({"number", "year"})


def format_certificate_number(pattern: str, *, number: int, year: int) -> str:
    """The certificate number written in the organisation's format: "{number:02d}/{year}/GCN-SCT"
    with 7 and 2024 gives "07/2024/GCN-SCT"."""
    return pattern.format(number=number, year=year)


def validate_certificate_format(value: str) -> None:
    """A certificate number format names {number} (the year's sequence) and {year}, and nothing
    else: without the year, two years' certificate 1 would have the same number."""
    import string

    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(value) if name}
        format_certificate_number(value, number=7, year=2024)
    except (ValueError, KeyError, IndexError, AttributeError):
        raise ValidationError(
            _("Write the format with {number} and {year}, e.g. {number:02d}/{year}/GCN-SCT."),
            code="certificate_format",
        ) from None
    if not names >= CERTIFICATE_FIELDS:
        raise ValidationError(
            _("The format needs both {number} and {year}, e.g. {number:02d}/{year}/GCN-SCT."),
            code="certificate_format",
        )
    if names - CERTIFICATE_FIELDS:
        raise ValidationError(
            _("The format may name only {number} and {year}."), code="certificate_format"
        )
