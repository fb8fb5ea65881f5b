"""A proposal and what it asks: its text, beneficiaries, budget lines and equipment items.

All of it changes only while the proposal is a draft or returned (programs.rules
.can_edit_proposal), under the proposal's row lock taken after its plan's (lock_with_parents),
as the workflow takes them: an edit and a submission queue, and the submission's support check
reads the lines as stored."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applicants.rules import is_member
from core.activity import Action, log_activity, log_changes, snapshot
from core.clock import moment_of
from core.editing import full_clean_errors, set_fields
from core.roles import Role, role_of
from core.workflow import lock_with_parents
from programs import rules
from programs.models import BudgetLine, EquipmentItem, ImplementingUnit, Plan, Proposal

PROPOSAL_FIELDS = (
    "activity",
    "title",
    "implementing_unit",
    "implementing_name",
    "province",
    "ward",
    "objectives",
    "expected_results",
    "starts_on",
    "ends_on",
)
LINE_FIELDS = ("position", "item", "unit", "quantity", "unit_cost", "extension_share")
ITEM_FIELDS = (
    "position",
    "name",
    "specification",
    "quantity",
    "unit_price",
    "supplier",
    "origin",
    "is_new",
    "production_line",
)


def next_code(plan: Plan) -> str:
    """KCĐP-2026-007: the fund, the plan's year, the sequence in the plan. The caller holds the
    plan's row lock, so two proposals created at once never take one number."""
    prefix = f"{plan.fund_code}-{plan.year}-"
    used = Proposal.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    sequence = max((int(code.rsplit("-", 1)[1]) for code in used), default=0) + 1
    return f"{prefix}{sequence:03d}"


def create_proposal(
    *,
    actor,
    plan: Plan,
    data: dict[str, Any],
    beneficiaries=(),
    on: datetime.date | None = None,
) -> Proposal:
    """A draft proposal in `plan`. An applicant applies for its own facilities only."""
    if not rules.can_apply(actor):
        raise PermissionDenied(_("You may not draw up proposals."))
    beneficiaries = list(beneficiaries)
    _check_beneficiaries(actor, beneficiaries)
    when = moment_of(on)
    with transaction.atomic():
        locked_plan = Plan.objects.select_for_update().get(pk=plan.pk)
        errors = {}
        if not locked_plan.accepts_proposals:
            errors["plan"] = [_("This plan is approved: it takes no more proposals.")]
        proposal = Proposal(plan=locked_plan, created_by=actor, created_at=when.at)
        set_fields(proposal, data, PROPOSAL_FIELDS)
        proposal.code = next_code(locked_plan)
        errors.update(check_proposal(proposal))
        if errors:
            raise ValidationError(errors)
        proposal.save()
        proposal.beneficiaries.set(beneficiaries)
        log_activity(
            actor=actor,
            action=Action.CREATED,
            target=proposal,
            after={**snapshot(proposal), "beneficiaries": sorted(f.pk for f in beneficiaries)},
            at=when.at,
        )
    return proposal


def update_proposal(
    *, actor, proposal: Proposal, data: dict[str, Any], beneficiaries=None
) -> Proposal:
    with transaction.atomic():
        current = lock_editable(actor, proposal)
        before = snapshot(current)
        set_fields(current, data, PROPOSAL_FIELDS)
        errors = check_proposal(current)
        if errors:
            raise ValidationError(errors)
        current.save()
        log_changes(actor=actor, target=current, before=before, after=snapshot(current))
        if beneficiaries is not None:
            beneficiaries = list(beneficiaries)
            _check_beneficiaries(actor, beneficiaries)
            old = sorted(current.beneficiaries.values_list("pk", flat=True))
            current.beneficiaries.set(beneficiaries)
            new = sorted(f.pk for f in beneficiaries)
            if old != new:
                log_activity(
                    actor=actor,
                    action=Action.UPDATED,
                    target=current,
                    before={"beneficiaries": old},
                    after={"beneficiaries": new},
                )
    return current


def delete_proposal(*, actor, proposal: Proposal) -> None:
    """A draft that never went anywhere may be deleted (a submitted one is withdrawn instead)."""
    with transaction.atomic():
        current = lock_editable(actor, proposal)
        if current.state != Proposal.State.DRAFT:
            raise ValidationError(_("Only a draft can be deleted; withdraw it instead."))
        log_activity(actor=actor, action=Action.DELETED, target=current, before=snapshot(current))
        current.delete()


def lock_editable(actor, proposal: Proposal) -> Proposal:
    """The proposal under its locks, if `actor` may change what it says now."""
    current = lock_with_parents(Proposal, proposal.pk)
    if not rules.can_edit_proposal(actor, current):
        if current.state not in (Proposal.State.DRAFT, Proposal.State.RETURNED):
            raise ValidationError(
                _("The proposal is “%s”: it can no longer be changed.")
                % current.get_state_display()
            )
        raise PermissionDenied(_("You may not change this proposal."))
    return current


def _check_beneficiaries(actor, facilities) -> None:
    if role_of(actor) == Role.APPLICANT and any(not is_member(actor, f) for f in facilities):
        raise ValidationError(
            {"beneficiaries": [_("A facility applies only for the facilities it belongs to.")]}
        )


def check_proposal(proposal: Proposal) -> dict[str, list[str]]:
    """What is wrong with the proposal's fields, by field ({} when nothing): the service's own
    check, which the edit form also shows before it saves."""
    errors = full_clean_errors(proposal, exclude=["code", "plan"], all_to="ends_on")
    if (
        proposal.ward_id
        and proposal.province_id
        and proposal.ward.province_id != proposal.province_id
    ):
        errors.setdefault("ward", []).append(_("This commune is not in the chosen province."))
    if (
        proposal.implementing_unit == ImplementingUnit.OTHER
        and not proposal.implementing_name.strip()
    ):
        errors.setdefault("implementing_name", []).append(_("Name the implementing organisation."))
    return errors


# ---- budget lines and equipment items ---------------------------------------------------------


def save_budget_line(
    *, actor, proposal: Proposal, data: dict[str, Any], line: BudgetLine | None = None, on=None
) -> BudgetLine:
    """Add a line (`line` None) or change one. The extension share is at most the line's cost.
    `on`: the day a past proposal's line was written (core.clock), for the proposal's log."""
    with transaction.atomic():
        current = lock_editable(actor, proposal)
        line = _own(BudgetLine, current, line)
        before = snapshot(line) if line.pk else None
        set_fields(line, data, LINE_FIELDS)
        errors = full_clean_errors(line, exclude=["proposal"])
        if not errors and line.extension_share > line.cost:
            errors["extension_share"] = [_("The extension share cannot exceed the line's cost.")]
        if errors:
            raise ValidationError(errors)
        line.save()
        _log_child(actor, current, "budget_line", line, before, on=on)
    return line


def delete_budget_line(*, actor, line: BudgetLine) -> None:
    with transaction.atomic():
        current = lock_editable(actor, line.proposal)
        line = _own(BudgetLine, current, line)
        _log_child(actor, current, "budget_line", None, snapshot(line))
        line.delete()


def save_equipment_item(
    *,
    actor,
    proposal: Proposal,
    data: dict[str, Any],
    item: EquipmentItem | None = None,
    on=None,
) -> EquipmentItem:
    with transaction.atomic():
        current = lock_editable(actor, proposal)
        if not current.activity.has_equipment:
            raise ValidationError(_("Only an equipment-support project lists equipment."))
        item = _own(EquipmentItem, current, item)
        before = snapshot(item) if item.pk else None
        set_fields(item, data, ITEM_FIELDS)
        errors = full_clean_errors(item, exclude=["proposal"])
        if errors:
            raise ValidationError(errors)
        item.save()
        _log_child(actor, current, "equipment_item", item, before, on=on)
    return item


def delete_equipment_item(*, actor, item: EquipmentItem) -> None:
    with transaction.atomic():
        current = lock_editable(actor, item.proposal)
        item = _own(EquipmentItem, current, item)
        _log_child(actor, current, "equipment_item", None, snapshot(item))
        item.delete()


def _own(model, proposal: Proposal, row):
    """The row of `proposal` read again under the proposal's lock (or a new one)."""
    if row is None:
        return model(proposal=proposal)
    return model.objects.select_for_update().get(pk=row.pk, proposal=proposal)


def _log_child(actor, proposal: Proposal, kind: str, row, before: dict | None, on=None) -> None:
    """A line or item changed is a change of its proposal: the proposal's history shows it."""
    after = snapshot(row) if row is not None else None
    log_activity(
        actor=actor,
        action=Action.UPDATED,
        target=proposal,
        before={kind: before} if before else {},
        after={kind: after} if after else {},
        at=moment_of(on).at,
    )
