"""Who is told what when a proposal moves, once the change commits (and only then)."""

import pytest
from django.db import transaction
from django.utils import timezone

from core.workflow import transition
from notifications.models import Notification
from tests.programs.world import equipment_proposal, local_rule, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(applicant, facility, officer):
    local_rule()
    proposal = equipment_proposal(applicant, make_plan(), facility)
    proposal = transition(proposal, action="submit", actor=applicant)
    return transition(proposal, action="start_appraisal", actor=officer)


def told(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def test_return_approval_and_rejection_tell_the_facility(
    submitted, applicant, other_applicant, officer, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = transition(
            submitted, action="return_for_revision", actor=officer, note="Thêm báo giá thứ hai."
        )
    [returned] = told(applicant, "proposal_returned")
    assert "Thêm báo giá thứ hai." in returned.body
    assert returned.url.endswith(f"/{proposal.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        proposal = transition(proposal, action="resubmit", actor=applicant)
    assert told(officer, "proposal_resubmitted").count() == 1
    proposal = transition(proposal, action="start_appraisal", actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        transition(
            proposal,
            action="approve",
            actor=manager,
            decision_number="88/QĐ-SCT",
            decision_date=timezone.localdate(),
        )
    [approval] = told(applicant, "proposal_approved")
    assert "88/QĐ-SCT" in approval.body and "200.000.000 ₫" in approval.body
    assert not Notification.objects.filter(recipient=other_applicant).exists()


def test_a_rejection_carries_its_reason(
    submitted, applicant, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transition(submitted, action="reject", actor=manager, note="Trùng nội dung đã hỗ trợ.")
    [rejection] = told(applicant, "proposal_rejected")
    assert "Trùng nội dung đã hỗ trợ." in rejection.body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_told_when_the_transaction_rolls_back(applicant, facility, officer, manager):
    local_rule()
    proposal = equipment_proposal(applicant, make_plan(), facility)
    proposal = transition(proposal, action="submit", actor=applicant)
    proposal = transition(proposal, action="start_appraisal", actor=officer)

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        approved_again = transition(
            proposal,
            action="approve",
            actor=manager,
            decision_number="1/QĐ",
            decision_date=timezone.localdate(),
        )
        assert approved_again.state == "approved"
        raise Abort
    assert not Notification.objects.exists()
    assert type(proposal).objects.get(pk=proposal.pk).state == "appraisal"
