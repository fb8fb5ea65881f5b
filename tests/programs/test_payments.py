"""Payments: only on a contracted proposal, never above the approved funding, the settlement
last and once; they lock the proposal's row, so two at once never pass the approved amount."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.workflow import transition
from programs.models import Payment, Proposal
from programs.money import money_of
from programs.services.payments import record_payment
from tests.concurrency import race
from tests.programs.world import approved, contracted, equipment_proposal, local_rule, make_plan


def funded(applicant, facility, officer, manager):
    local_rule()
    proposal = equipment_proposal(applicant, make_plan(), facility)  # 200 million approved
    proposal = approved(proposal, facility_user=applicant, officer=officer, manager=manager)
    return contracted(proposal, officer=officer)


def pay(officer, proposal, amount, kind="advance", **extra):
    data = {"kind": kind, "amount": amount, "paid_on": timezone.localdate(), **extra}
    return record_payment(actor=officer, proposal=proposal, data=data)


@pytest.mark.django_db
def test_payments_up_to_the_approved_funding_and_not_one_dong_more(
    applicant, facility, officer, manager
):
    proposal = funded(applicant, facility, officer, manager)
    pay(officer, proposal, 60_000_000, reference="UNC 12")
    pay(officer, proposal, 100_000_000, kind="instalment")
    with pytest.raises(ValidationError) as refused:
        pay(officer, proposal, 40_000_001, kind="instalment")
    assert "40.000.000 ₫" in refused.value.message_dict["amount"][0]
    money = money_of(Proposal.objects.get(pk=proposal.pk))
    assert (money.approved, money.paid, money.remaining) == (200_000_000, 160_000_000, 40_000_000)


@pytest.mark.django_db
def test_the_settlement_comes_after_acceptance_and_closes_the_money(
    applicant, facility, officer, manager
):
    proposal = funded(applicant, facility, officer, manager)
    with pytest.raises(ValidationError) as refused:
        pay(officer, proposal, 10_000_000, kind="settlement")
    assert "kind" in refused.value.message_dict
    Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.ACCEPTED)
    pay(officer, proposal, 10_000_000, kind="settlement")
    with pytest.raises(ValidationError) as refused:
        pay(officer, proposal, 1, kind="instalment")
    assert "đã quyết toán" in refused.value.message_dict["kind"][0]


@pytest.mark.django_db
def test_no_payment_before_the_contract_in_the_future_or_by_a_facility(
    applicant, facility, officer, manager
):
    local_rule()
    proposal = approved(
        equipment_proposal(applicant, make_plan(), facility),
        facility_user=applicant,
        officer=officer,
        manager=manager,
    )
    with pytest.raises(ValidationError):
        pay(officer, proposal, 1_000_000)
    proposal = contracted(proposal, officer=officer)
    with pytest.raises(ValidationError) as refused:
        pay(officer, proposal, 1, paid_on=timezone.localdate() + datetime.timedelta(days=1))
    assert "paid_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        pay(officer, proposal, 0)
    assert "amount" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        pay(applicant, proposal, 1_000_000)
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_a_payment_tells_the_facility(
    applicant, facility, officer, manager, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    proposal = funded(applicant, facility, officer, manager)
    with django_capture_on_commit_callbacks(execute=True):
        pay(officer, proposal, 60_000_000)
    note = Notification.objects.get(recipient=applicant, kind="proposal_payment")
    assert "60.000.000 ₫" in note.body and proposal.code in note.title


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_payments_at_once_never_exceed_the_approved_funding(
    applicant, facility, officer, manager
):
    proposal = funded(applicant, facility, officer, manager)
    outcomes = race(
        lambda: pay(officer, proposal, 150_000_000), lambda: pay(officer, proposal, 150_000_000)
    )
    assert [o.ok for o in outcomes] == [True, False], outcomes
    assert isinstance(outcomes[1].error, ValidationError)
    assert sum(Payment.objects.values_list("amount", flat=True)) == 150_000_000


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_payment_and_a_cancellation_at_once_queue_on_the_proposal(
    applicant, facility, officer, manager
):
    """The cancellation that commits first leaves the payment refused (not payable)."""
    proposal = funded(applicant, facility, officer, manager)
    outcomes = race(
        lambda: transition(
            Proposal.objects.get(pk=proposal.pk), action="cancel", actor=manager, note="Dừng"
        ),
        lambda: pay(officer, proposal, 10_000_000),
    )
    assert outcomes[0].ok and isinstance(outcomes[1].error, ValidationError), outcomes
    assert not Payment.objects.exists()
