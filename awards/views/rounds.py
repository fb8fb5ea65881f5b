"""Award round pages: officers set rounds up and move them; managers read and finalize.

Each view parses input, asks awards.rules, calls one service (or core.workflow.transition)
and renders. 404 for what the user may not see, 403 for what they may not do.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import rules, services
from awards.forms import RoundForm, RoundTransitionForm
from awards.models import (
    AwardRound,
    Entry,
)
from awards.views import exports as export_views
from awards.views.common import PAGE_SIZE, criteria_of, posted, round_for
from core.forms import add_service_errors, call_service
from core.history import history_rows, state_since
from core.http import require_form, require_safe
from core.roles import Role, is_staff_role, role_of
from core.workflow import Transition, TransitionConflict, transition

# ---- Rounds -------------------------------------------------------------------------------


@require_safe
@login_required
def round_list(request):
    """Every round, for the center's staff. Applicants have the list of open rounds."""
    if role_of(request.user) == Role.APPLICANT:
        return redirect("awards:open-rounds")
    if not is_staff_role(request.user):
        raise PermissionDenied
    rounds = AwardRound.objects.annotate(entry_count=Count("entries")).order_by("-year", "-id")
    state = request.GET.get("state", "")
    if state in AwardRound.State.values:
        rounds = rounds.filter(state=state)
    page_obj = Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
        "states": AwardRound.State.choices,
        "state": state,
        "can_manage": rules.can_manage_rounds(request.user),
    }
    return render(request, "awards/round_list.html", context)


@require_form
@login_required
def round_create(request):
    if not rules.can_manage_rounds(request.user):
        raise PermissionDenied
    form = RoundForm(posted(request))
    if request.method == "POST":
        award_round = call_service(
            form,
            lambda: services.create_round(
                actor=request.user,
                data=form.service_data(),
                product_groups=list(form.cleaned_data["product_groups"]),
            ),
        )
        if award_round is not None:
            messages.success(request, _("The round was created as a draft."))
            return redirect("awards:round-detail", pk=award_round.pk)
    return render(request, "awards/round_form.html", {"form": form, "round": None})


@require_form
@login_required
def round_edit(request, pk):
    award_round = round_for(request.user, pk)
    if not rules.can_manage_rounds(request.user):
        raise PermissionDenied
    form = RoundForm(posted(request), instance=award_round)
    if request.method == "POST":
        saved = call_service(
            form,
            lambda: services.update_round(
                actor=request.user,
                award_round=award_round,
                data=form.service_data(),
                product_groups=list(form.cleaned_data["product_groups"]),
            ),
        )
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("awards:round-detail", pk=award_round.pk)
    return render(request, "awards/round_form.html", {"form": form, "round": award_round})


@require_safe
@login_required
def round_detail(request, pk):
    award_round = round_for(request.user, pk)
    return render_round_page(request, award_round)


def render_round_page(request, award_round: AwardRound, failed_form=None):
    """The round page; `failed_form` is a refused transition's form, shown with its errors.
    Each step the user may take is offered with its confirmation, or shown disabled with what
    blocks it (core.workflow.Workflow.options)."""
    user = request.user
    staff = is_staff_role(user)
    options = AwardRound.workflow.options(user, award_round) if staff else []
    forms = []
    for option in options:
        step = option.step
        if failed_form is not None and failed_form.data.get("action") == step.name:
            form = failed_form
        else:
            form = RoundTransitionForm(
                initial={"action": step.name, "from": award_round.state},
                auto_id=f"id_{step.name}_%s",
            )
        if option.note_required and "note" not in form.errors:
            # Said before it is refused. On the field and on its bound field (which a
            # validated form has cached).
            form.fields["note"].help_text = option.note_required
            form["note"].help_text = option.note_required
        forms.append(
            {
                "step": step,
                "option": option,
                "form": form,
                "confirm": option.confirm,
                # The note is asked where the step may need one, and the decision where it does.
                "fields": _transition_fields(form, step),
            }
        )
    criteria = criteria_of(award_round)
    context = {
        # Issue 9: the official lists this user may download.
        "export_links": export_views.export_urls(user, award_round) if staff else [],
        "round": award_round,
        "staff": staff,
        "groups": list(award_round.product_groups.all()),
        "criteria": criteria,
        "criteria_total": sum(c.max_points for c in criteria),
        "criteria_is_copy": award_round.phase.opened,
        "transitions": forms,
        "failed_form": failed_form,
        "can_edit": rules.can_manage_rounds(user) and not award_round.phase.final,
        "can_register": role_of(user) == Role.APPLICANT and award_round.phase.accepts_entries,
    }
    if staff:
        counts = dict(award_round.entries.values_list("state").annotate(n=Count("id")).order_by())
        context["state_counts"] = [
            (value, label, counts.get(value, 0)) for value, label in Entry.State.choices
        ]
        context["entry_total"] = sum(counts.values())
        context["history"] = history_rows(award_round)
    return render(request, "awards/round_detail.html", context)


@require_POST
@login_required
def round_transition(request, pk):
    award_round = round_for(request.user, pk)
    if not is_staff_role(request.user):
        raise PermissionDenied
    name = request.POST.get("action", "")
    # The ids of the step's own form on the page (id_<step>_<field>), for a step that exists:
    # anything else in `action` (a "%s" included) is only the form's error, never an id format.
    prefix = name if AwardRound.workflow.get(name) else "step"
    form = RoundTransitionForm(request.POST, auto_id=f"id_{prefix}_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            moved = transition(
                award_round,
                action=data["action"],
                expected=data["from"] or None,
                actor=request.user,
                note=data["note"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
            )
        except TransitionConflict:
            # A page left open while someone else moved the round: say what happened, show it.
            award_round.refresh_from_db()
            messages.error(request, state_since(award_round, with_actor=True))
            return redirect("awards:round-detail", pk=award_round.pk)
        except ValidationError as error:
            add_service_errors(form, error, {"requirements": None, "action": None, "from": None})
        else:
            messages.success(
                request,
                _("The round is now “%(state)s”.") % {"state": moved.get_state_display()},
            )
            return redirect("awards:round-detail", pk=award_round.pk)
    return render_round_page(request, award_round, failed_form=form)


def _transition_fields(form: RoundTransitionForm, step: Transition) -> list:
    """The visible fields a step's form asks: the decision (number, date) where the step needs
    it, and the note where it needs or may need one."""
    names = []
    if step.needs_decision:
        names += ["decision_number", "decision_date"]
    if step.needs_decision or step.needs_note is not None:
        names.append("note")
    return [form[name] for name in names]
