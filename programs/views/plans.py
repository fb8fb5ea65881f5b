"""The plans (staff): the list, and the plan's page with its proposals ranked, its funding
against the envelope and its approval; the appraisal council's page: the members' opinions,
the ranking and the conclusion. A facility never sees either: opinions are the staff's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors, call_service
from core.history import history_rows, state_since
from core.http import require_safe
from core.roles import is_staff_role
from core.workflow import TransitionConflict, transition
from programs import rules
from programs.forms import AddProposalsForm, ConclusionForm, OpinionForm, StepForm
from programs.models import (
    AppraisalCouncil,
    AppraisalOpinion,
    BudgetLine,
    CouncilRole,
    Payment,
    Plan,
    PlanState,
    Proposal,
)
from programs.money import money_of
from programs.services import appraisal
from programs.views.common import plan_for
from programs.views.exports import export_urls
from programs.warnings import plan_funding


def _require_staff(user) -> None:
    if not is_staff_role(user):
        raise PermissionDenied


@require_safe
@login_required
def plan_list(request):
    _require_staff(request.user)
    plans = Plan.objects.annotate(proposal_count=Count("proposals")).order_by(
        "-year", "fund_source"
    )
    return render(request, "programs/plan_list.html", {"plans": plans})


def _ranked(plan: Plan):
    """The plan's proposals with their money, ranked by the last concluded council's ranking
    (its unranked proposals after), else by code. Returns (rows, council)."""
    proposals = list(
        plan.proposals.select_related("activity").prefetch_related(
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by()),
            Prefetch("payments", queryset=Payment.objects.order_by()),
        )
    )
    council = (
        plan.councils.filter(concluded_on__isnull=False).order_by("-concluded_on", "-id").first()
    )
    ranks = {}
    if council is not None:
        ranks = {row.proposal.pk: row for row in appraisal.ranking(council)}
    order = list(ranks)
    proposals.sort(key=lambda p: (order.index(p.pk) if p.pk in ranks else len(order), p.code))
    rows = [(p, money_of(p), ranks.get(p.pk)) for p in proposals]
    return rows, council


def render_plan_page(request, plan: Plan, *, failed=None):
    user = request.user
    options = Plan.workflow.options(user, plan)
    steps = []
    for option in options:
        form = (
            failed
            if failed is not None
            else StepForm(
                initial={"action": option.step.name, "from": plan.state},
                states=PlanState.choices,
                auto_id=f"id_plan_{option.step.name}_%s",
            )
        )
        fields = (
            [form["decision_number"], form["decision_date"]] if option.step.needs_decision else []
        )
        steps.append({"option": option, "form": form, "fields": fields})
    rows, council = _ranked(plan)
    funding = plan_funding(plan)
    context = {
        "plan": plan,
        "rows": rows,
        "council": council,
        "councils": list(plan.councils.annotate(proposal_count=Count("proposals"))),
        "funding": funding,
        "exceeded": funding["approved"] > plan.budget,
        "steps": steps,
        "failed": failed,
        "history": history_rows(plan),
        "export_links": export_urls(user, plan),
        "can_set_up_council": rules.can_manage_plans(user),
    }
    return render(request, "programs/plan_detail.html", context)


@require_safe
@login_required
def plan_detail(request, pk):
    plan = plan_for(request.user, pk)
    if not is_staff_role(request.user):
        raise Http404
    return render_plan_page(request, plan)


@require_POST
@login_required
def plan_transition(request, pk):
    plan = plan_for(request.user, pk)
    if not is_staff_role(request.user):
        raise Http404
    form = StepForm(request.POST, states=PlanState.choices, auto_id="id_plan_approve_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            moved = transition(
                plan,
                action=data["action"],
                expected=data["from"] or None,
                actor=request.user,
                note=data["note"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
            )
        except TransitionConflict:
            plan.refresh_from_db()
            messages.error(request, state_since(plan, with_actor=True))
            return redirect("programs:plan-detail", pk=plan.pk)
        except ValidationError as error:
            add_service_errors(form, error, {"requirements": None, "action": None, "from": None})
        else:
            messages.success(
                request, _("The plan is now “%(state)s”.") % {"state": moved.get_state_display()}
            )
            return redirect("programs:plan-detail", pk=plan.pk)
    return render_plan_page(request, plan, failed=form)


# ---- Appraisal ------------------------------------------------------------------------------


def council_for(user, pk) -> AppraisalCouncil:
    """The council for staff and for its members; 404 for anyone else."""
    council = get_object_or_404(AppraisalCouncil.objects.select_related("plan"), pk=pk)
    if not (is_staff_role(user) or council.members.filter(user=user).exists()):
        raise Http404
    return council


def under_appraisal(plan: Plan):
    return plan.proposals.filter(state=Proposal.State.APPRAISAL).order_by("code")


def addable(council: AppraisalCouncil):
    """The plan's proposals under appraisal the council does not appraise yet."""
    return under_appraisal(council.plan).exclude(councils=council)


def render_council_page(request, council: AppraisalCouncil, *, failed=None, status=200):
    """`failed`: a refused form by key ("opinion-<proposal id>", "conclusion")."""
    user = request.user
    failed = failed or {}
    member = council.members.filter(user=user).first()
    gives_opinions = (
        member is not None and member.role != CouncilRole.SECRETARY and council.concluded_on is None
    )
    proposals = list(council.proposals.select_related("activity").order_by("code"))
    mine = {}
    if member is not None:
        mine = {o.proposal_id: o for o in AppraisalOpinion.objects.filter(member=member)}
    opinion_rows = []
    for proposal in proposals:
        form = failed.get(f"opinion-{proposal.pk}")
        if form is None and gives_opinions:
            form = OpinionForm(
                instance=mine.get(proposal.pk), auto_id=f"id_opinion{proposal.pk}_%s"
            )
        opinion_rows.append((proposal, mine.get(proposal.pk), form))
    can_conclude = rules.can_manage_plans(user) and council.concluded_on is None
    add_form = failed.get("proposals")
    if add_form is None and can_conclude:
        choices = addable(council)
        add_form = AddProposalsForm(proposals=choices) if choices.exists() else None
    context = {
        "council": council,
        "plan": council.plan,
        "members": list(council.members.select_related("user")),
        "member": member,
        "opinion_rows": opinion_rows,
        "gives_opinions": gives_opinions,
        "ranking": appraisal.ranking(council),
        "opinions": list(
            AppraisalOpinion.objects.filter(member__council=council).select_related(
                "member__user", "proposal"
            )
        )
        if rules.can_see_opinions(user)
        else [],
        "add_form": add_form,
        "conclusion_form": failed.get("conclusion") or (ConclusionForm() if can_conclude else None),
    }
    return render(request, "programs/council_detail.html", context, status=status)


@require_safe
@login_required
def council_detail(request, pk):
    return render_council_page(request, council_for(request.user, pk))


@require_POST
@login_required
def opinion_save(request, pk, proposal_pk):
    council = council_for(request.user, pk)
    proposal = get_object_or_404(council.proposals.all(), pk=proposal_pk)
    form = OpinionForm(request.POST, auto_id=f"id_opinion{proposal.pk}_%s")
    saved = call_service(
        form,
        lambda: appraisal.give_opinion(
            actor=request.user, council=council, proposal=proposal, data=form.service_data()
        ),
    )
    if saved is None:
        return render_council_page(request, council, failed={f"opinion-{proposal.pk}": form})
    messages.success(request, _("Your opinion on %(code)s was saved.") % {"code": proposal.code})
    return redirect("programs:council-detail", pk=council.pk)


@require_POST
@login_required
def council_conclude(request, pk):
    council = council_for(request.user, pk)
    if not rules.can_manage_plans(request.user):
        raise PermissionDenied
    form = ConclusionForm(request.POST)
    concluded = call_service(
        form,
        lambda: appraisal.conclude(
            actor=request.user,
            council=council,
            conclusion=form.cleaned_data["conclusion"],
            on=form.cleaned_data["concluded_on"],
        ),
    )
    if concluded is None:
        return render_council_page(request, council, failed={"conclusion": form})
    messages.success(request, _("The council's conclusion was recorded."))
    return redirect("programs:council-detail", pk=council.pk)
