import pytest
from django.utils import timezone

from core.workflow import transition
from programs.services.payments import record_payment
from programs.services.steps import accept, check_item
from tests.programs.world import approved, contracted, equipment_proposal, local_rule, make_plan

pytestmark = pytest.mark.django_db


def test_an_equipment_project_from_draft_to_closed(applicant, facility, officer, manager):
    local_rule()
    plan = make_plan()
    proposal = equipment_proposal(applicant, plan, facility)
    assert proposal.code == f"KCĐP-{plan.year}-001"
    proposal = approved(proposal, facility_user=applicant, officer=officer, manager=manager)
    assert proposal.approved_funding == 200_000_000
    proposal = contracted(proposal, officer=officer)
    today = timezone.localdate()
    record_payment(
        actor=officer,
        proposal=proposal,
        data={"kind": "advance", "amount": 60_000_000, "paid_on": today},
    )
    proposal = transition(proposal, action="start_work", actor=officer)
    for item in proposal.equipment.all():
        check_item(
            actor=officer,
            item=item,
            data={"delivered_on": today, "serial_number": "SN1", "matches": True},
        )
    proposal = accept(actor=officer, proposal=proposal, date=today, result="passed")
    record_payment(
        actor=officer,
        proposal=proposal,
        data={"kind": "settlement", "amount": 140_000_000, "paid_on": today},
    )
    proposal = transition(proposal, action="settle", actor=officer)
    proposal = transition(proposal, action="close", actor=manager)
    assert proposal.state == "closed"
