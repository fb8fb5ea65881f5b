"""The officer's and manager's pages: the list (filters, constant queries), the proposal page's
steps with their documents (contract, acceptance, items, payments), warnings for staff only,
the plan page (ranking, funding against the envelope, approval) and the appraisal page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.workflow import transition
from programs.models import (
    AppraisalCouncil,
    CouncilMember,
    CouncilRole,
    Payment,
    Proposal,
)
from programs.services.appraisal import give_opinion
from tests.factories import FacilityMemberFactory
from tests.programs.world import approved, contracted, equipment_proposal

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_query_count_is_constant(client_as, officer, applicant, plan, facility):
    equipment_proposal(applicant, plan, facility)
    client = client_as(officer)
    url = reverse("programs:proposal-list")
    one = queries_of(client, url)
    for _ in range(3):
        other = FacilityMemberFactory(user=applicant).facility
        proposal = equipment_proposal(applicant, plan, other)
    Payment.objects.create(proposal=proposal, kind="advance", amount=1, paid_on=TODAY)
    assert queries_of(client, url) == one


def test_list_filters_by_state_and_plan(client_as, officer, applicant, draft, plan, facility):
    other = equipment_proposal(applicant, plan, FacilityMemberFactory(user=applicant).facility)
    transition(other, action="submit", actor=applicant)
    response = client_as(officer).get(reverse("programs:proposal-list"), {"state": "submitted"})
    assert [p.pk for p, _money in response.context["rows"]] == [other.pk]
    assert response.context["rows"][0][1].extension == 200_000_000


def test_applicant_list_shows_only_its_proposals(
    client_as, applicant, other_applicant, draft, plan, other_facility
):
    equipment_proposal(other_applicant, plan, other_facility)
    response = client_as(applicant).get(reverse("programs:proposal-list"))
    assert [p.pk for p, _money in response.context["rows"]] == [draft.pk]


def test_warnings_for_staff_only(client_as, applicant, officer, draft):
    Proposal.objects.filter(pk=draft.pk).update(ends_on=datetime.date(draft.plan.year + 1, 1, 5))
    staff = client_as(officer).get(reverse("programs:proposal-detail", args=[draft.pk]))
    assert 'id="proposal-warnings"' in staff.text
    mine = client_as(applicant).get(reverse("programs:proposal-detail", args=[draft.pk]))
    assert mine.context["warnings"] == []
    assert 'id="proposal-warnings"' not in mine.text


@pytest.fixture
def approved_draft(draft, applicant, officer, manager):
    return approved(draft, facility_user=applicant, officer=officer, manager=manager)


def test_sign_contract_form_records_number_date_and_value(client_as, officer, approved_draft):
    url = reverse("programs:proposal-transition", args=[approved_draft.pk])
    low = client_as(officer).post(
        url,
        {
            "action": "sign_contract",
            "from": "approved",
            "decision_number": "HĐ-07",
            "decision_date": "02/03/2026",
            "contract_value": "1000",
        },
    )
    assert low.context["failed"].errors["contract_value"]

    client_as(officer).post(
        url,
        {
            "action": "sign_contract",
            "from": "approved",
            "decision_number": "HĐ-07",
            "decision_date": "02/03/2026",
            "contract_value": "200000000",
        },
    )
    proposal = Proposal.objects.get()
    assert (proposal.state, proposal.contract_number, proposal.contract_value) == (
        "contracted",
        "HĐ-07",
        200_000_000,
    )
    page = client_as(officer).get(reverse("programs:proposal-detail", args=[proposal.pk]))
    assert "HĐ-07" in page.text
    assert 'id="payment-form"' in page.text


def test_payments_recorded_and_over_the_approved_refused_on_the_field(
    client_as, officer, approved_draft
):
    proposal = contracted(approved_draft, officer=officer)
    url = reverse("programs:payment-create", args=[proposal.pk])
    today = TODAY.strftime("%d/%m/%Y")
    client_as(officer).post(url, {"kind": "advance", "amount": "60000000", "paid_on": today})
    over = client_as(officer).post(
        url, {"kind": "instalment", "amount": "150000000", "paid_on": today}
    )

    assert over.status_code == 200
    assert over.context["payment_form"].errors["amount"]
    money = over.context["money"]
    assert (money.approved, money.paid, money.remaining) == (200_000_000, 60_000_000, 140_000_000)
    assert "140.000.000 ₫" in over.text


def test_item_check_and_acceptance_forms(client_as, officer, approved_draft):
    proposal = contracted(approved_draft, officer=officer)
    proposal = transition(proposal, action="start_work", actor=officer)
    item = proposal.equipment.get()
    check_url = reverse("programs:item-check", args=[item.pk])
    refused = client_as(officer).post(check_url, {"matches": "no", "serial_number": "SN-1"})
    assert refused.status_code == 200
    assert "mismatch_reason" in refused.context["item_rows"][0][1].errors

    client_as(officer).post(
        check_url,
        {"matches": "yes", "serial_number": "SN-1", "delivered_on": TODAY.strftime("%d/%m/%Y")},
    )
    item.refresh_from_db()
    assert (item.matches, item.serial_number) == (True, "SN-1")

    url = reverse("programs:proposal-transition", args=[proposal.pk])
    no_findings = client_as(officer).post(
        url, {"action": "accept", "from": "in_progress", "acceptance_result": "passed_with_changes"}
    )
    assert no_findings.context["failed"].errors["acceptance_findings"]
    client_as(officer).post(
        url,
        {
            "action": "accept",
            "from": "in_progress",
            "acceptance_result": "passed",
            "decision_date": TODAY.strftime("%d/%m/%Y"),
        },
    )
    assert Proposal.objects.get().state == "accepted"


def test_plan_page_warns_when_the_envelope_is_exceeded(client_as, manager, approved_draft, plan):
    plan.budget = 100_000_000
    plan.save()
    response = client_as(manager).get(reverse("programs:plan-detail", args=[plan.pk]))
    assert response.context["funding"]["approved"] == 200_000_000
    assert 'id="funding-exceeded"' in response.text
    assert 'id="plan-approve"' in response.text


def test_plan_approve_needs_the_decision_and_is_the_managers(client_as, manager, officer, plan):
    url = reverse("programs:plan-transition", args=[plan.pk])
    refused = client_as(manager).post(url, {"action": "approve", "from": "draft"})
    assert refused.context["failed"].errors["decision_number"]
    assert client_as(officer).post(url, {"action": "approve", "from": "draft"}).status_code == 403
    client_as(manager).post(
        url,
        {
            "action": "approve",
            "from": "draft",
            "decision_number": "45/QĐ",
            "decision_date": "01/02/2026",
        },
    )
    plan.refresh_from_db()
    assert plan.state == "approved"


@pytest.fixture
def council(plan, applicant, officer, judge, other_judge, facility):
    proposals = []
    for _ in range(2):
        proposal = equipment_proposal(
            applicant, plan, FacilityMemberFactory(user=applicant).facility
        )
        transition(proposal, action="submit", actor=applicant)
        proposals.append(transition(proposal, action="start_appraisal", actor=officer))
    council = AppraisalCouncil.objects.create(plan=plan, name="Hội đồng")
    council.proposals.set(proposals)
    CouncilMember.objects.create(council=council, user=judge, role=CouncilRole.CHAIR)
    CouncilMember.objects.create(council=council, user=other_judge, role=CouncilRole.MEMBER)
    return council


def test_member_gives_an_opinion_and_its_errors_show_on_the_fields(client_as, judge, council):
    first, second = council.proposals.order_by("code")
    url = reverse("programs:opinion-save", args=[council.pk, first.pk])
    refused = client_as(judge).post(url, {"verdict": "disagree", "score": "120"})
    assert refused.status_code == 200
    (form,) = [f for p, _o, f in refused.context["opinion_rows"] if p == first]
    assert form.errors["score"]

    client_as(judge).post(url, {"verdict": "agree", "score": "85"})
    page = client_as(judge).get(reverse("programs:council-detail", args=[council.pk]))
    assert [row.proposal for row in page.context["ranking"]] == [first, second]


def test_plan_ranks_by_the_concluded_appraisal(client_as, officer, judge, council, plan):
    first, second = council.proposals.order_by("code")
    give_opinion(
        actor=judge, council=council, proposal=second, data={"verdict": "agree", "score": 90}
    )
    give_opinion(
        actor=judge, council=council, proposal=first, data={"verdict": "agree", "score": 70}
    )
    url = reverse("programs:council-conclude", args=[council.pk])
    client_as(officer).post(url, {"conclusion": "Đồng ý.", "concluded_on": "10/03/2026"})

    response = client_as(officer).get(reverse("programs:plan-detail", args=[plan.pk]))
    assert [p for p, _m, _r in response.context["rows"]] == [second, first]
    assert response.context["council"] == council


def test_the_facility_never_sees_opinions(client_as, applicant, judge, council):
    first = council.proposals.order_by("code").first()
    give_opinion(
        actor=judge,
        council=council,
        proposal=first,
        data={"verdict": "agree", "score": 90, "comment": "Tốt lắm"},
    )
    page = client_as(applicant).get(reverse("programs:proposal-detail", args=[first.pk]))
    assert page.status_code == 200
    assert "Tốt lắm" not in page.text
    assert (
        client_as(applicant).get(reverse("programs:council-detail", args=[council.pk])).status_code
        == 404
    )


def test_the_facility_follows_the_state_and_history(client_as, applicant, officer, draft):
    transition(draft, action="submit", actor=applicant)
    transition(draft, action="start_appraisal", actor=officer)
    page = client_as(applicant).get(reverse("programs:proposal-detail", args=[draft.pk]))
    assert 'data-state="appraisal"' in page.text
    # The facility follows the state changes only (newest first), not the edits of its rows.
    assert [row["step"] for row in page.context["history"]] == [
        str(Proposal.workflow.get("start_appraisal").label),
        str(Proposal.workflow.get("submit").label),
    ]
    # Staff see the councils appraising it; the facility does not.
    assert page.context["councils"] == []
