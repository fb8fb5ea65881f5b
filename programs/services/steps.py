"""The steps after approval that record a document beside the state: the contract (its value)
and the acceptance (the result, the findings, each item as delivered). Each writes its fields
and makes its transition in one transaction, under the locks the transition takes."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.activity import Action, log_activity, snapshot
from core.editing import full_clean_errors, set_fields
from core.models import LONG_TEXT_MAX
from core.text import clean_text
from core.workflow import lock_with_parents, transition
from programs import rules
from programs.models import AcceptanceResult, EquipmentItem, Proposal

ITEM_ACCEPTANCE_FIELDS = ("delivered_on", "serial_number", "matches", "mismatch_reason")


def sign_contract(
    *,
    actor,
    proposal: Proposal,
    number: str,
    date: datetime.date | None,
    value: int | None,
    expected: str | None = None,
    on: datetime.date | None = None,
) -> Proposal:
    """The contract (number, date, value): its value is at least the approved funding."""
    with transaction.atomic():
        current = lock_with_parents(Proposal, proposal.pk)
        if value is None:
            raise ValidationError({"contract_value": [_("Give the contract value.")]})
        if value < 0:
            raise ValidationError({"contract_value": [_("The value cannot be negative.")]})
        if current.approved_funding is not None and value < current.approved_funding:
            raise ValidationError(
                {"contract_value": [_("The contract is worth less than the approved funding.")]}
            )
        Proposal.objects.filter(pk=current.pk).update(contract_value=value)
        current.contract_value = value
        return transition(
            current,
            actor=actor,
            action="sign_contract",
            expected=expected,
            decision_number=number,
            decision_date=date,
            on=on,
        )


def check_item(*, actor, item: EquipmentItem, data: dict[str, Any]) -> EquipmentItem:
    """The officer records an item as delivered: date, serial number, photos (documents of the
    item) and whether it matches the approved item, with the reason when it does not."""
    with transaction.atomic():
        proposal = lock_with_parents(Proposal, item.proposal_id)
        if not rules.can_record_acceptance(actor, proposal):
            if proposal.state != Proposal.State.IN_PROGRESS:
                raise ValidationError(_("Items are checked while the work is in progress."))
            raise PermissionDenied(_("Only the center's officers record the acceptance."))
        current = EquipmentItem.objects.select_for_update().get(pk=item.pk)
        before = snapshot(current, list(ITEM_ACCEPTANCE_FIELDS))
        set_fields(current, data, ITEM_ACCEPTANCE_FIELDS)
        errors = full_clean_errors(current, exclude=["proposal"])
        if current.matches is False and not current.mismatch_reason.strip():
            errors.setdefault("mismatch_reason", []).append(
                _("Say why the delivered item differs from the approved one.")
            )
        if errors:
            raise ValidationError(errors)
        current.save()
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=proposal,
            before={"equipment_item": before},
            after={"equipment_item": snapshot(current, ["id", *ITEM_ACCEPTANCE_FIELDS])},
        )
    return current


def accept(
    *,
    actor,
    proposal: Proposal,
    date: datetime.date | None,
    result: str,
    findings: str = "",
    expected: str | None = None,
    on: datetime.date | None = None,
) -> Proposal:
    """The acceptance record (nghiệm thu): its date, result and findings; the transition then
    requires every item checked."""
    with transaction.atomic():
        current = lock_with_parents(Proposal, proposal.pk)
        findings = clean_text(findings or "", multiline=True).strip()
        if len(findings) > LONG_TEXT_MAX:
            raise ValidationError(
                {"acceptance_findings": [_("Write at most %d characters.") % LONG_TEXT_MAX]}
            )
        if result not in AcceptanceResult.values:
            raise ValidationError({"acceptance_result": [_("Choose the acceptance result.")]})
        if result == AcceptanceResult.PASSED_WITH_CHANGES and not findings.strip():
            raise ValidationError(
                {"acceptance_findings": [_("Write the corrections the acceptance asks for.")]}
            )
        Proposal.objects.filter(pk=current.pk).update(
            acceptance_result=result, acceptance_findings=findings
        )
        current.acceptance_result, current.acceptance_findings = result, findings
        return transition(
            current, actor=actor, action="accept", expected=expected, decision_date=date, on=on
        )
