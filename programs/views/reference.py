"""The support rules (reference data): the staff read them, grouped by fund and activity;
officers and administrators add, change and delete them (programs.rules.can_edit_rules)."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.forms import call_service
from core.http import require_form, require_POST, require_safe
from core.roles import is_staff_role
from programs import rules
from programs.forms import SupportRuleForm
from programs.models import SupportRule
from programs.services import reference
from programs.views.common import posted


def _require_editor(user) -> None:
    if not rules.can_edit_rules(user):
        raise PermissionDenied


@require_safe
@login_required
def rule_list(request):
    if not is_staff_role(request.user):
        raise PermissionDenied
    rules_in_order = SupportRule.objects.select_related("activity").order_by(
        "fund_source", "activity__position", "activity__code", "valid_from"
    )
    groups = []
    for _key, group in groupby(rules_in_order, key=lambda r: (r.fund_source, r.activity_id)):
        rows = list(group)
        groups.append(
            {"fund": rows[0].get_fund_source_display(), "activity": rows[0].activity, "rules": rows}
        )
    context = {"groups": groups, "can_edit": rules.can_edit_rules(request.user)}
    return render(request, "programs/rule_list.html", context)


def _rule_form(request, rule: SupportRule | None):
    form = SupportRuleForm(posted(request), instance=rule)
    if request.method == "POST":
        saved = call_service(
            form,
            lambda: reference.save_support_rule(
                actor=request.user, data=form.service_data(), rule=rule
            ),
        )
        if saved is not None:
            messages.success(request, _("The support rule was saved."))
            return redirect("programs:rule-list")
    return render(request, "programs/rule_form.html", {"form": form, "rule": rule})


@require_form
@login_required
def rule_create(request):
    _require_editor(request.user)
    return _rule_form(request, None)


@require_form
@login_required
def rule_edit(request, pk):
    _require_editor(request.user)
    return _rule_form(request, get_object_or_404(SupportRule, pk=pk))


@require_POST
@login_required
def rule_delete(request, pk):
    _require_editor(request.user)
    rule = get_object_or_404(SupportRule.objects.select_related("activity"), pk=pk)
    reference.delete_support_rule(actor=request.user, rule=rule)
    messages.success(request, _("The support rule was deleted."))
    return redirect("programs:rule-list")
