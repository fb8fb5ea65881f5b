"""Helpers every award page shares: fetching what the user may see (404 otherwise), binding a
form only to a POST, flattening a service's error, answering a page left open while someone else
acted."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import rules
from awards.models import AwardRound, Entry
from core.activity import history_of
from core.formatting import format_date
from core.history import state_since
from core.roles import is_staff_role

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


def registration_closed_on(award_round: AwardRound, today) -> datetime.date | None:
    """The day registration closed for a round that has opened, None while it has not: its
    deadline once passed, or the day the center closed it if that came first."""
    closes = award_round.registration_closes
    if award_round.phase.accepts_entries:
        return closes if closes is not None and today > closes else None
    if not award_round.phase.opened:
        return None
    closing = history_of(award_round).filter(transition="close_registration").first()
    days = [day for day in (closes, closing and timezone.localdate(closing.created_at)) if day]
    return min(days, default=None)


def no_longer_editable(request, entry: Entry, *, by_script: bool = False):
    """A member's save, upload or deletion on a dossier that can no longer change (a co-member
    submitted it, the center decided on it, the round moved on) since the page was opened: what
    happened, in words, instead of a bare 403; the page then shows the dossier as it is. A
    script's request (uploads.js) gets a 409 and reloads the page, which shows the message."""
    entry.refresh_from_db()
    if entry.state in (Entry.State.DRAFT, Entry.State.RETURNED):
        closed = registration_closed_on(entry.round, timezone.localdate())
        if entry.state == Entry.State.DRAFT and closed:
            message = _(
                "Registration for this round closed on %(date)s: the dossier can no longer "
                "be changed."
            ) % {"date": format_date(closed)}
        else:
            message = _("This round has moved on: the dossier can no longer be changed.")
    else:
        message = state_since(entry)
    messages.error(request, message)
    if by_script:
        return HttpResponse(status=409)
    return redirect("awards:entry-detail", pk=entry.pk)


def stale_entry(request, entry: Entry):
    """A page left open while someone else moved the entry: say what happened, in words, and
    show the entry as it is now."""
    entry.refresh_from_db()
    messages.error(request, state_since(entry, with_actor=is_staff_role(request.user)))
    return redirect("awards:entry-detail", pk=entry.pk)
