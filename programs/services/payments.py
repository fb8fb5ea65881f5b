"""Money paid on an approved proposal: advances, further payments and the settlement.

Each payment is recorded under the proposal's row lock (after its plan's, as every change of a
proposal takes them): two payments arriving at once queue, and the second sees the first, so
their sum never exceeds the approved funding."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.activity import Action, log_activity, snapshot
from core.clock import moment_of
from core.editing import full_clean_errors, set_fields
from core.formatting import format_vnd
from core.workflow import lock_with_parents
from programs import notifications, rules
from programs.models import PAYABLE, Payment, PaymentKind, Proposal

PAYMENT_FIELDS = ("kind", "amount", "paid_on", "reference", "note")


def record_payment(*, actor, proposal: Proposal, data: dict[str, Any], on=None) -> Payment:
    """`on`: the day a past payment was recorded (core.clock), which its row and log carry."""
    when = moment_of(on)
    if not rules.can_record_money(actor, proposal):
        raise PermissionDenied(_("Only the center's officers record payments."))
    with transaction.atomic():
        current = lock_with_parents(Proposal, proposal.pk)
        payment = Payment(proposal=current, recorded_by=actor, created_at=when.at)
        set_fields(payment, data, PAYMENT_FIELDS)
        errors = full_clean_errors(payment, exclude=["proposal"])
        if not errors:
            errors = _money_errors(current, payment)
        if errors:
            raise ValidationError(errors)
        payment.save()
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=current,
            after={"payment": snapshot(payment)},
            note=payment.note,
            decision_number=payment.reference,
            at=when.at,
        )
        transaction.on_commit(lambda: notifications.payment_recorded(payment), robust=True)
    return payment


def _money_errors(proposal: Proposal, payment: Payment) -> dict[str, list[str]]:
    if proposal.state not in PAYABLE:
        return {
            "kind": [
                _(
                    "Payments are recorded from the signed contract until settlement; the "
                    "proposal is “%s”."
                )
                % proposal.get_state_display()
            ]
        }
    payments = list(proposal.payments.all())
    if any(p.kind == PaymentKind.SETTLEMENT for p in payments):
        return {"kind": [_("This proposal is already settled: no more payments.")]}
    if payment.kind == PaymentKind.SETTLEMENT and proposal.state != Proposal.State.ACCEPTED:
        return {"kind": [_("The settlement is recorded once the work is accepted.")]}
    if payment.paid_on > timezone.localdate():
        return {"paid_on": [_("A payment cannot be dated in the future.")]}
    if proposal.contract_date and payment.paid_on < proposal.contract_date:
        return {"paid_on": [_("A payment cannot be dated before the contract.")]}
    paid = sum(p.amount for p in payments)
    remaining = proposal.approved_funding - paid
    if payment.amount > remaining:
        return {
            "amount": [
                _("Only %(remaining)s remains of the approved %(approved)s (%(paid)s paid).")
                % {
                    "remaining": format_vnd(remaining),
                    "approved": format_vnd(proposal.approved_funding),
                    "paid": format_vnd(paid),
                }
            ]
        }
    return {}


def paid_on_default() -> datetime.date:
    return timezone.localdate()
