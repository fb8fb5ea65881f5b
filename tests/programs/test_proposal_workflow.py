"""Every step of a proposal: who may make it, from which states, what it requires and records."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.workflow import transition
from programs.models import OPEN, Payment, Proposal
from programs.services.steps import accept, check_item, sign_contract
from tests.programs.world import approved, contracted, equipment_proposal, local_rule, make_plan

pytestmark = pytest.mark.django_db
S = Proposal.State

# step → (the state it leaves from here, the personas allowed, the state it leads to); an
# officer submits a proposal the center drew up for a facility.
STEPS = {
    "submit": (S.DRAFT, ("applicant", "officer"), S.SUBMITTED),
    "resubmit": (S.RETURNED, ("applicant", "officer"), S.SUBMITTED),
    "start_appraisal": (S.SUBMITTED, ("officer",), S.APPRAISAL),
    "return_for_revision": (S.APPRAISAL, ("officer",), S.RETURNED),
    "approve": (S.APPRAISAL, ("manager",), S.APPROVED),
    "reject": (S.APPRAISAL, ("manager",), S.REJECTED),
    "sign_contract": (S.APPROVED, ("officer",), S.CONTRACTED),
    "start_work": (S.CONTRACTED, ("officer",), S.IN_PROGRESS),
    "accept": (S.IN_PROGRESS, ("officer",), S.ACCEPTED),
    "settle": (S.ACCEPTED, ("officer",), S.SETTLED),
    "close": (S.SETTLED, ("manager",), S.CLOSED),
    "withdraw": (S.SUBMITTED, ("applicant",), S.CANCELLED),
    "cancel": (S.IN_PROGRESS, ("manager",), S.CANCELLED),
}
DETAILS = {
    "return_for_revision": {"note": "Bổ sung báo giá."},
    "reject": {"note": "Không phù hợp."},
    "cancel": {"note": "Cơ sở ngừng sản xuất."},
    "approve": {"decision_number": "12/QĐ-SCT", "decision_date": timezone.localdate()},
    "sign_contract": {"decision_number": "HĐ-7", "decision_date": timezone.localdate()},
}
PERSONAS = ("applicant", "other_applicant", "judge", "officer", "manager")


@pytest.fixture
def world(applicant, facility, officer, manager):
    local_rule()
    return make_plan()


def in_state(proposal, state):
    """The proposal as if it had reached `state`, with what that state's steps read."""
    today = timezone.localdate()
    Proposal.objects.filter(pk=proposal.pk).update(
        state=state,
        submitted_at=timezone.now(),
        approved_funding=200_000_000,
        contract_value=200_000_000,
        acceptance_result="passed",
    )
    proposal.equipment.update(matches=True, delivered_on=today)
    if state in (S.ACCEPTED,):
        Payment.objects.create(proposal=proposal, kind="settlement", amount=1, paid_on=today)
    return Proposal.objects.get(pk=proposal.pk)


@pytest.mark.parametrize("name", list(STEPS))
def test_each_step_is_made_by_its_role_only(name, world, personas, applicant, facility):
    source, allowed, target = STEPS[name]
    for persona in PERSONAS:
        proposal = in_state(equipment_proposal(applicant, world, facility), source)
        if persona in allowed:
            done = transition(
                proposal, action=name, actor=personas[persona], **DETAILS.get(name, {})
            )
            assert done.state == target
        else:
            with pytest.raises(PermissionDenied):
                transition(proposal, action=name, actor=personas[persona], **DETAILS.get(name, {}))


@pytest.mark.parametrize("name", list(STEPS))
def test_each_step_is_refused_from_the_states_it_does_not_leave(name, world, personas, facility):
    _source, allowed, _target = STEPS[name]
    step = Proposal.workflow.get(name)
    proposal = equipment_proposal(personas["applicant"], world, facility)
    for state in set(S.values) - set(step.sources):
        proposal = in_state(proposal, state)
        with pytest.raises(ValidationError) as refused:
            transition(proposal, action=name, actor=personas[allowed[0]], **DETAILS.get(name, {}))
        assert "invalid_transition" in str(refused.value.error_dict["action"][0].code)


def test_a_manager_cancels_any_open_proposal_and_nothing_closed(
    world, manager, applicant, facility
):
    proposal = equipment_proposal(applicant, world, facility)
    for state in S.values:
        proposal = in_state(proposal, state)
        if state in OPEN:
            assert transition(proposal, action="cancel", actor=manager, note="Lý do").state == (
                S.CANCELLED
            )
        else:
            with pytest.raises(ValidationError):
                transition(proposal, action="cancel", actor=manager, note="Lý do")


def test_submitting_over_the_support_limit_is_refused_with_the_limit_and_the_basis(
    world, applicant, facility
):
    proposal = equipment_proposal(applicant, world, facility, asked=200_000_001)
    with pytest.raises(ValidationError) as refused:
        transition(proposal, action="submit", actor=applicant)
    message = " ".join(refused.value.message_dict["requirements"])
    assert "200.000.000 ₫" in message and "Nghị quyết 11/2025/NQ-HĐND" in message
    assert Proposal.objects.get(pk=proposal.pk).state == S.DRAFT
    at_limit = equipment_proposal(applicant, world, facility, asked=200_000_000)
    assert transition(at_limit, action="submit", actor=applicant).state == S.SUBMITTED


def test_an_incomplete_dossier_names_what_is_missing(world, applicant, facility):
    proposal = equipment_proposal(applicant, world, facility, objectives="")
    proposal.equipment.all().delete()
    with pytest.raises(ValidationError) as refused:
        transition(proposal, action="submit", actor=applicant)
    missing = refused.value.message_dict["requirements"]
    assert "Hãy ghi mục tiêu." in missing and "Hãy liệt kê máy móc thiết bị." in missing


def test_an_approved_plan_takes_no_more_proposals(world, applicant, facility, manager):
    proposal = equipment_proposal(applicant, world, facility)
    transition(
        world,
        action="approve",
        actor=manager,
        decision_number="5/QĐ-UBND",
        decision_date=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as refused:
        transition(proposal, action="submit", actor=applicant)
    assert "không nhận thêm đề án" in " ".join(refused.value.message_dict["requirements"])


def test_approval_records_the_decision_and_the_funding(
    world, applicant, officer, manager, facility
):
    proposal = approved(
        equipment_proposal(applicant, world, facility),
        facility_user=applicant,
        officer=officer,
        manager=manager,
    )
    assert proposal.approved_funding == 200_000_000
    assert (proposal.approval_number, proposal.approval_date) == (
        "123/QĐ-SCT",
        timezone.localdate(),
    )


def test_a_return_keeps_the_reason_and_a_resubmission_clears_it(
    world, applicant, officer, facility
):
    proposal = equipment_proposal(applicant, world, facility)
    proposal = transition(proposal, action="submit", actor=applicant)
    proposal = transition(
        proposal, action="return_for_revision", actor=officer, note="Bổ sung báo giá."
    )
    assert proposal.state_reason == "Bổ sung báo giá."
    proposal = transition(proposal, action="resubmit", actor=applicant)
    assert (proposal.state, proposal.state_reason) == (S.SUBMITTED, "")


def test_the_contract_records_its_value_and_refuses_one_below_the_funding(
    world, applicant, officer, manager, facility
):
    proposal = approved(
        equipment_proposal(applicant, world, facility),
        facility_user=applicant,
        officer=officer,
        manager=manager,
    )
    with pytest.raises(ValidationError) as refused:
        contracted(proposal, officer=officer, value=1)
    assert "contract_value" in refused.value.message_dict
    assert Proposal.objects.get(pk=proposal.pk).state == S.APPROVED
    proposal = contracted(proposal, officer=officer, value=450_000_000)
    assert (proposal.contract_number, proposal.contract_value) == ("HĐ-01", 450_000_000)
    with pytest.raises(ValidationError):
        sign_contract(actor=officer, proposal=proposal, number="x", date=None, value=1)


def test_acceptance_needs_every_item_matched_or_a_reason(
    world, applicant, officer, manager, facility
):
    proposal = contracted(
        approved(
            equipment_proposal(
                applicant, world, facility, items=((1, 100_000_000, True, False),) * 2
            ),
            facility_user=applicant,
            officer=officer,
            manager=manager,
        ),
        officer=officer,
    )
    proposal = transition(proposal, action="start_work", actor=officer)
    first, second = proposal.equipment.all()
    today = timezone.localdate()
    check_item(actor=officer, item=first, data={"matches": True, "delivered_on": today})
    with pytest.raises(ValidationError) as refused:
        accept(actor=officer, proposal=proposal, date=today, result="passed")
    assert any("Máy số 2" in m for m in refused.value.message_dict["requirements"])
    with pytest.raises(ValidationError) as refused:
        check_item(actor=officer, item=second, data={"matches": False})
    assert "mismatch_reason" in refused.value.message_dict
    check_item(
        actor=officer,
        item=second,
        data={"matches": False, "mismatch_reason": "Đổi model tương đương, được chấp thuận."},
    )
    proposal = accept(actor=officer, proposal=proposal, date=today, result="passed")
    assert (proposal.state, proposal.acceptance_date) == (S.ACCEPTED, today)
    with pytest.raises(ValidationError):
        check_item(actor=officer, item=first, data={"serial_number": "late"})
