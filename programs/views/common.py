"""What the programme pages share: fetching what the user may see (404 otherwise), binding a
form only to a POST, a page left open while someone else acted."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from core.history import state_since
from core.roles import is_staff_role
from programs import rules
from programs.models import Plan, Proposal
from programs.queries import plans_visible_to, proposals_visible_to

PAGE_SIZE = 25


def posted(request):
    return request.POST if request.method == "POST" else None


def proposal_for(user, pk) -> Proposal:
    """The proposal if the user may see it; 404 otherwise, so its existence is not revealed."""
    proposal = get_object_or_404(proposals_visible_to(user), pk=pk)
    if not rules.can_view_proposal(user, proposal):
        raise Http404
    return proposal


def plan_for(user, pk) -> Plan:
    return get_object_or_404(plans_visible_to(user), pk=pk)


def stale_proposal(request, proposal: Proposal):
    """Someone moved the proposal since the page was opened: say what happened, show it."""
    proposal.refresh_from_db()
    messages.error(request, state_since(proposal, with_actor=is_staff_role(request.user)))
    return redirect("programs:proposal-detail", pk=proposal.pk)
