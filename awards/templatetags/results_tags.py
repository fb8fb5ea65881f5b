"""What a facility reads of its entries' results once their round is published (issue 8:
results): `{% published_outcomes entries as outcomes %}` once per page (a few queries for any
number of entries), then `{% outcome_of outcomes entry as outcome %}` per entry."""

from django import template

from awards.result_access import published_outcomes as outcomes_of

register = template.Library()


@register.simple_tag
def published_outcomes(entries) -> dict:
    return outcomes_of(list(entries))


@register.simple_tag
def outcome_of(outcomes: dict, entry):
    return outcomes.get(entry.pk)


@register.simple_tag
def entry_outcome(entry):
    """One entry's published result (its page), None before publication."""
    return outcomes_of([entry]).get(entry.pk)
