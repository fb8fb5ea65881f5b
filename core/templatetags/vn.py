from django import template

from core.formatting import format_phone, format_vnd

register = template.Library()


@register.filter
def vnd(value):
    """{{ amount|vnd }} -> 1.234.567 ₫"""
    if value in (None, ""):
        return ""
    return format_vnd(int(value))


@register.filter
def phone(value):
    """{{ facility.phone|phone }} -> 0912 345 678, 0270 3822 123; '' when there is none."""
    return format_phone(str(value)) if value not in (None, "") else ""
