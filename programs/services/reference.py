"""The reference data of the programmes: plans, activities and support rules.

Support rules of one fund and activity never overlap in time: a rule is saved under the row lock
of its activity, so two officers adding rules for one activity at once queue, and the second
sees the first."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.activity import Action, log_activity, log_changes, snapshot
from core.clock import moment_of
from core.editing import full_clean_errors, set_fields
from core.formatting import format_date
from programs import rules
from programs.models import Activity, Plan, SupportRule

PLAN_FIELDS = ("year", "fund_source", "title", "budget")
RULE_FIELDS = (
    "fund_source",
    "activity",
    "max_rate",
    "ceiling",
    "line_multiplier",
    "legal_basis",
    "valid_from",
    "valid_to",
)
ACTIVITY_FIELDS = ("code", "name", "has_equipment", "position")


def save_plan(*, actor, data: dict[str, Any], plan: Plan | None = None, on=None) -> Plan:
    """Create a plan, or change one being drawn up (the year and fund of a plan with proposals
    stay: the proposals' codes carry them). `on`: the day a past plan was drawn up (core.clock),
    which its creation's log row carries."""
    if not rules.can_manage_plans(actor):
        raise PermissionDenied(_("Only the center's officers draw up plans."))
    with transaction.atomic():
        if plan is None:
            current, before = Plan(), None
        else:
            current = Plan.objects.select_for_update().get(pk=plan.pk)
            before = snapshot(current)
            fixed = {"year", "fund_source"} & set(data)
            if current.state != Plan.State.DRAFT and set(data) - {"budget", "title"}:
                raise ValidationError(_("An approved plan keeps its year and fund."))
            if any(data[name] != getattr(current, name) for name in fixed) and (
                current.proposals.exists()
            ):
                raise ValidationError(
                    {"year": [_("The plan has proposals: its year and fund stay.")]}
                )
        set_fields(current, data, PLAN_FIELDS)
        errors = full_clean_errors(current, all_to="year")
        if errors:
            raise ValidationError(errors)
        current.save()
        if before is None:
            log_activity(
                actor=actor,
                action=Action.CREATED,
                target=current,
                after=snapshot(current),
                at=moment_of(on).at,
            )
        else:
            log_changes(actor=actor, target=current, before=before, after=snapshot(current))
    return current


def save_activity(*, actor, data: dict[str, Any], activity: Activity | None = None) -> Activity:
    if not rules.can_edit_rules(actor):
        raise PermissionDenied(_("Only officers and administrators edit the activities."))
    with transaction.atomic():
        current = activity or Activity()
        before = snapshot(current) if current.pk else None
        set_fields(current, data, ACTIVITY_FIELDS)
        errors = full_clean_errors(current)
        if errors:
            raise ValidationError(errors)
        current.save()
        if before is None:
            log_activity(
                actor=actor, action=Action.CREATED, target=current, after=snapshot(current)
            )
        else:
            log_changes(actor=actor, target=current, before=before, after=snapshot(current))
    return current


def save_support_rule(
    *, actor, data: dict[str, Any], rule: SupportRule | None = None
) -> SupportRule:
    if not rules.can_edit_rules(actor):
        raise PermissionDenied(_("Only officers and administrators edit the support rules."))
    with transaction.atomic():
        current = SupportRule() if rule is None else SupportRule.objects.get(pk=rule.pk)
        before = snapshot(current) if current.pk else None
        set_fields(current, data, RULE_FIELDS)
        errors = full_clean_errors(current, all_to="valid_to")
        if errors:
            raise ValidationError(errors)
        # Serialise the rules of one activity (see the module's docstring).
        Activity.objects.select_for_update().get(pk=current.activity_id)
        overlapping = overlapping_rule(current)
        if overlapping is not None:
            raise ValidationError(
                {
                    "valid_from": [
                        _(
                            "Another rule for this fund and activity is in force then: from "
                            "%(start)s to %(end)s."
                        )
                        % {
                            "start": format_date(overlapping.valid_from),
                            "end": format_date(overlapping.valid_to) or _("no end date"),
                        }
                    ]
                }
            )
        current.save()
        if before is None:
            log_activity(
                actor=actor, action=Action.CREATED, target=current, after=snapshot(current)
            )
        else:
            log_changes(actor=actor, target=current, before=before, after=snapshot(current))
    return current


def overlapping_rule(rule: SupportRule) -> SupportRule | None:
    """Another rule of the same fund and activity whose period meets this one's."""
    others = SupportRule.objects.filter(fund_source=rule.fund_source, activity=rule.activity_id)
    if rule.pk:
        others = others.exclude(pk=rule.pk)
    # Two periods meet when each starts before the other ends (an open end never ends).
    others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=rule.valid_from))
    if rule.valid_to is not None:
        others = others.filter(valid_from__lte=rule.valid_to)
    return others.order_by("valid_from").first()


def delete_support_rule(*, actor, rule: SupportRule) -> None:
    if not rules.can_edit_rules(actor):
        raise PermissionDenied(_("Only officers and administrators edit the support rules."))
    with transaction.atomic():
        log_activity(actor=actor, action=Action.DELETED, target=rule, before=snapshot(rule))
        rule.delete()
