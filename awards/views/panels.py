"""The round's judging panels: the staff read them, officers and administrators set them up
(awards.services.judging) and, during judging, add or take back assignments by hand.

404 for a round the user may not see, 403 for what they may not do."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import rules, services
from awards.forms.panels import (
    AssignmentForm,
    PanelForm,
    member_formset,
    place_panel_errors,
    validate_panel_forms,
)
from awards.models import (
    SCREENED_IN,
    Conflict,
    ConflictDeclaration,
    Entry,
    Panel,
    PanelMember,
    ScoreSheet,
)
from awards.views.common import posted, round_for
from core.forms import add_service_errors
from core.http import require_form, require_safe
from core.roles import is_staff_role


def _staff_only(user) -> None:
    if not is_staff_role(user):
        raise PermissionDenied


def _managers_only(user) -> None:
    if not rules.can_manage_rounds(user):
        raise PermissionDenied


def _name(user) -> str:
    return user.full_name or user.username


def _seats():
    return Prefetch(
        "members",
        queryset=PanelMember.objects.select_related("judge").order_by("role", "judge__full_name"),
    )


def _panel_for(user, pk) -> Panel:
    panel = get_object_or_404(Panel.objects.select_related("round"), pk=pk)
    round_for(user, panel.round_id)
    _staff_only(user)
    return panel


@require_safe
@login_required
def panel_list(request, pk):
    award_round = round_for(request.user, pk)
    _staff_only(request.user)
    panels = (
        award_round.panels.prefetch_related("product_groups", _seats())
        .annotate(sheet_count=Count("score_sheets"))
        .order_by("name", "id")
    )
    judged = {g.pk for panel in panels for g in panel.product_groups.all()}
    phase = award_round.phase
    context = {
        "round": award_round,
        "panels": panels,
        "unjudged": [g for g in award_round.product_groups.all() if g.pk not in judged],
        "can_manage": rules.can_manage_rounds(request.user),
        "can_create": not phase.scores and not phase.settings_frozen,
        "can_edit": not phase.results_visible and not phase.final,
    }
    return render(request, "awards/panel_list.html", context)


def _panel_form_page(request, award_round, panel=None):
    _managers_only(request.user)
    data = posted(request)
    form = PanelForm(data, award_round=award_round, panel=panel)
    formset = member_formset(data, panel)
    seat_errors = []
    if request.method == "POST":
        valid, seat_errors = validate_panel_forms(form, formset)
        if valid:
            values = {
                "name": form.cleaned_data["name"],
                "members": formset.members(),
            }
            if not form.fields["product_groups"].disabled:
                values["product_groups"] = list(form.cleaned_data["product_groups"])
            try:
                if panel is None:
                    saved = services.create_panel(
                        actor=request.user,
                        award_round=award_round,
                        product_groups=values.pop("product_groups", []),
                        **values,
                    )
                else:
                    saved = services.update_panel(actor=request.user, panel=panel, **values)
            except ValidationError as error:
                seat_errors = place_panel_errors(form, formset, error)
            else:
                messages.success(request, _("The panel “%(name)s” was saved.") % {"name": saved})
                return redirect("awards:panel-detail", pk=saved.pk)
    context = {
        "round": award_round,
        "panel": panel,
        "form": form,
        "formset": formset,
        "seat_errors": seat_errors,
        "forms": [form, *formset.forms],
        "has_errors": bool(form.errors or any(formset.errors) or seat_errors),
    }
    return render(request, "awards/panel_form.html", context)


@require_form
@login_required
def panel_create(request, pk):
    award_round = round_for(request.user, pk)
    return _panel_form_page(request, award_round)


@require_form
@login_required
def panel_edit(request, pk):
    panel = _panel_for(request.user, pk)
    return _panel_form_page(request, panel.round, panel)


@require_POST
@login_required
def panel_delete(request, pk):
    panel = _panel_for(request.user, pk)
    _managers_only(request.user)
    try:
        services.delete_panel(actor=request.user, panel=panel)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("awards:panel-detail", pk=panel.pk)
    messages.success(request, _("The panel “%(name)s” was deleted.") % {"name": panel.name})
    return redirect("awards:panel-list", pk=panel.round_id)


def render_panel_page(request, panel: Panel, add_form=None):
    award_round = panel.round
    panel = Panel.objects.prefetch_related("product_groups", _seats()).get(pk=panel.pk)
    seats = list(panel.members.all())
    declared = set(
        ConflictDeclaration.objects.filter(
            round=award_round, judge__in=[s.judge_id for s in seats]
        ).values_list("judge_id", flat=True)
    )
    conflicts = dict(
        Conflict.objects.filter(round=award_round, judge__in=[s.judge_id for s in seats])
        .values_list("judge_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for seat in seats:
        seat.declared = seat.judge_id in declared
        seat.conflict_count = conflicts.get(seat.judge_id, 0)
    phase = award_round.phase
    can_manage = rules.can_manage_rounds(request.user)
    entries = []
    if phase.opened and (phase.scores or phase.settings_frozen):
        sheets = (
            ScoreSheet.objects.filter(panel=panel)
            .select_related("judge")
            .order_by("judge__full_name", "id")
        )
        entries = list(
            Entry.objects.filter(
                round=award_round,
                product_group__in=panel.product_groups.all(),
                state__in=SCREENED_IN,
            )
            .prefetch_related(Prefetch("score_sheets", queryset=sheets, to_attr="panel_sheets"))
            .order_by("product_group__code", "voting_code", "id")
        )
    assigning = can_manage and phase.scores
    if assigning and add_form is None:
        add_form = AssignmentForm(panel=panel)
    context = {
        "round": award_round,
        "panel": panel,
        "seats": seats,
        "entries": entries,
        "can_manage": can_manage,
        "can_edit": can_manage and not phase.results_visible and not phase.final,
        "can_delete": can_manage and not phase.settings_frozen,
        "assigning": assigning,
        "add_form": add_form if assigning else None,
        "show_assignments": bool(entries) or phase.scores,
    }
    return render(request, "awards/panel_detail.html", context)


@require_safe
@login_required
def panel_detail(request, pk):
    panel = _panel_for(request.user, pk)
    return render_panel_page(request, panel)


@require_POST
@login_required
def assignment_add(request, pk):
    panel = _panel_for(request.user, pk)
    _managers_only(request.user)
    form = AssignmentForm(request.POST, panel=panel)
    if form.is_valid():
        try:
            sheet = services.add_assignment(
                actor=request.user,
                entry=form.cleaned_data["entry"],
                judge=form.cleaned_data["judge"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(judge)s now scores %(code)s.")
                % {
                    "judge": _name(sheet.judge),
                    "code": sheet.entry.voting_code,
                },
            )
            return redirect("awards:panel-detail", pk=panel.pk)
    return render_panel_page(request, panel, add_form=form)


@require_POST
@login_required
def assignment_remove(request, pk):
    sheet = get_object_or_404(ScoreSheet.objects.select_related("judge", "entry"), pk=pk)
    panel = _panel_for(request.user, sheet.panel_id)
    _managers_only(request.user)
    try:
        services.remove_assignment(actor=request.user, sheet=sheet)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(judge)s no longer scores %(code)s.")
            % {
                "judge": _name(sheet.judge),
                "code": sheet.entry.voting_code,
            },
        )
    return redirect("awards:panel-detail", pk=panel.pk)
