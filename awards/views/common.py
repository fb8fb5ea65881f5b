"""Helpers every award page shares: fetching what the user may see (404 otherwise), binding a
form only to a POST, flattening a service's error."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from awards import rules
from awards.models import AwardRound, Entry

PAGE_SIZE = 25


def posted(request):
    """The form data of a POST (even an empty one), None otherwise: binds a form only when
    something was sent."""
    return request.POST if request.method == "POST" else None


def round_for(user, pk) -> AwardRound:
    """The round if the user may see it; 404 otherwise, so its existence is not revealed."""
    award_round = get_object_or_404(
        AwardRound.objects.select_related("criteria_template", "next_round"), pk=pk
    )
    if not rules.can_view_round(user, award_round):
        raise Http404
    return award_round


def entry_for(user, pk) -> Entry:
    entry = get_object_or_404(
        Entry.objects.select_related(
            "round", "facility", "facility__province", "facility__ward", "product_group"
        ),
        pk=pk,
    )
    if not rules.can_view_entry(user, entry):
        raise Http404
    return entry


def service_error_messages(error: ValidationError) -> list[str]:
    """Every message of a service's error, flat: for lists at the top of a page."""
    return list(error.messages)


def criteria_of(award_round: AwardRound):
    """The round's own copy once it left draft, else its template's (what it would copy)."""
    if award_round.phase.opened:
        criteria = award_round.criteria.all()
    elif award_round.criteria_template_id:
        criteria = award_round.criteria_template.criteria.all()
    else:
        return []
    return list(criteria.filter(parent=None).prefetch_related("children"))
