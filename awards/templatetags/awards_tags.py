"""Template helpers of the award pages."""

from django import template

register = template.Library()

# Bootstrap badge classes for the states of rounds and entries (their keys do not clash).
STATE_BADGES = {
    "draft": "text-bg-secondary",
    "registration": "text-bg-success",
    "screening": "text-bg-info",
    "judging": "text-bg-primary",
    "deliberation": "text-bg-warning",
    "finalized": "text-bg-dark",
    "published": "text-bg-success",
    "submitted": "text-bg-primary",
    "returned": "text-bg-warning",
    "eligible": "text-bg-success",
    "ineligible": "text-bg-danger",
    "withdrawn": "text-bg-light border",
}


@register.filter
def state_badge(state: str) -> str:
    """{{ entry.state|state_badge }} -> the badge's Bootstrap classes."""
    return STATE_BADGES.get(str(state), "text-bg-secondary")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
