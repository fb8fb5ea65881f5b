"""Setting up an appraisal council from the plan's page, and adding the plan's proposals under
appraisal to a council: the center's officers and administrators (programs.rules.
can_manage_plans); a manager sees the plan and may not (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import call_service
from core.http import require_form, require_POST
from core.roles import is_staff_role
from programs import rules
from programs.forms import AddProposalsForm, CouncilForm
from programs.services import appraisal
from programs.views.common import plan_for, posted
from programs.views.plans import addable, council_for, render_council_page, under_appraisal

# The service's keys on the council's form ("members" is about the rows together: above it).
COUNCIL_FIELD_NAMES = {"members": None}


@require_form
@login_required
def council_create(request, pk):
    plan = plan_for(request.user, pk)
    if not is_staff_role(request.user):
        raise Http404
    if not rules.can_manage_plans(request.user):
        raise PermissionDenied
    form = CouncilForm(posted(request), proposals=under_appraisal(plan))
    if request.method == "POST":
        council = call_service(
            form,
            lambda: appraisal.create_council(
                actor=request.user,
                plan=plan,
                data=form.service_data(),
                proposals=form.cleaned_data["proposals"],
                members=form.members(),
            ),
            COUNCIL_FIELD_NAMES,
        )
        if council is not None:
            messages.success(
                request, _("The council “%(name)s” was set up.") % {"name": council.name}
            )
            return redirect("programs:council-detail", pk=council.pk)
    return render(request, "programs/council_create.html", {"plan": plan, "form": form})


@require_POST
@login_required
def council_add_proposals(request, pk):
    council = council_for(request.user, pk)
    if not rules.can_manage_plans(request.user):
        raise PermissionDenied
    form = AddProposalsForm(request.POST, proposals=addable(council))

    def add():
        appraisal.add_proposals(
            actor=request.user, council=council, proposals=form.cleaned_data["proposals"]
        )
        return council

    done = call_service(form, add)
    if done is None:
        return render_council_page(request, council, failed={"proposals": form})
    messages.success(request, _("The proposals were added to the council."))
    return redirect("programs:council-detail", pk=council.pk)
