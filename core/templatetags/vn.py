from django import template

from core.formatting import format_vnd

register = template.Library()


@register.filter
def vnd(value):
    """{{ amount|vnd }} -> 1.234.567 ₫"""
    if value in (None, ""):
        return ""
    return format_vnd(int(value))
