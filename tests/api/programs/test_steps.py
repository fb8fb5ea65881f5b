"""Transitions of proposals through the API, the steps that record a document, item
acceptance and payments."""

import pytest
from django.utils import timezone

from programs.models import Payment
from tests.api.programs.conftest import detail

pytestmark = pytest.mark.django_db


def move(client, proposal, **body):
    return client.post(f"{detail(proposal)}transition/", body, format="json")


def test_the_facility_submits_its_draft(api_as, applicant, draft):
    response = move(api_as(applicant), draft, action="submit", **{"from": "draft"})

    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    assert response.json()["submitted_at"] is not None


@pytest.mark.parametrize(("persona", "status"), [("other_applicant", 404), ("manager", 403)])
def test_others_do_not_submit(api_as, personas, draft, persona, status):
    assert move(api_as(personas[persona]), draft, action="submit").status_code == status
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_a_submission_over_the_limit_is_refused(api_as, applicant, draft):
    line = draft.budget_lines.get()
    # 50 % of 400 million is 200 million: ask one đồng more.
    api_as(applicant).patch(
        f"{detail(draft)}budget-lines/{line.pk}/", {"extension_share": 200_000_001}, format="json"
    )

    response = move(api_as(applicant), draft, action="submit")

    assert response.status_code == 400
    assert "requirements" in response.json()


def test_a_stale_step_answers_409_with_the_current_state(api_as, applicant, officer, draft):
    move(api_as(applicant), draft, action="submit")

    response = move(api_as(officer), draft, action="start_appraisal", **{"from": "draft"})

    assert response.status_code == 409
    assert response.json()["state"] == "submitted"


def test_appraisal_approval_and_history(api_as, applicant, officer, manager, draft):
    move(api_as(applicant), draft, action="submit")
    assert move(api_as(officer), draft, to="appraisal").json()["state"] == "appraisal"
    refused = move(
        api_as(officer), draft, action="approve", decision_number="1/QĐ", decision_date="2026-02-01"
    )
    approved = move(
        api_as(manager), draft, action="approve", decision_number="1/QĐ", decision_date="2026-02-01"
    )

    assert refused.status_code == 403
    assert approved.status_code == 200
    data = approved.json()
    assert (data["approval_number"], data["money"]["approved"]) == ("1/QĐ", 200_000_000)
    officer_history = api_as(officer).get(f"{detail(draft)}history/").json()
    facility_history = api_as(applicant).get(f"{detail(draft)}history/").json()
    transitions = [row["transition"] for row in officer_history if row["transition"]]
    assert transitions[:3] == ["approve", "start_appraisal", "submit"]
    assert officer_history[0]["actor"]["id"] == manager.pk
    assert all(row["actor"] is None for row in facility_history)


def test_a_return_needs_a_note(api_as, applicant, officer, draft):
    move(api_as(applicant), draft, action="submit")

    bare = move(api_as(officer), draft, action="return_for_revision")
    noted = move(api_as(officer), draft, action="return_for_revision", note="Thiếu báo giá.")

    assert bare.status_code == 400
    assert noted.status_code == 200
    assert noted.json()["state_reason"] == "Thiếu báo giá."


def test_signing_the_contract_takes_its_value(api_as, officer, approved_proposal):
    client = api_as(officer)
    body = {"action": "sign_contract", "decision_number": "HĐ-7", "decision_date": "2026-03-01"}

    missing = move(client, approved_proposal, **body)
    too_low = move(client, approved_proposal, **body, contract_value=1)
    signed = move(client, approved_proposal, **body, contract_value=400_000_000)

    assert (missing.status_code, list(missing.json())) == (400, ["contract_value"])
    assert (too_low.status_code, list(too_low.json())) == (400, ["contract_value"])
    assert signed.status_code == 200
    data = signed.json()
    assert (data["state"], data["contract_number"], data["contract_value"]) == (
        "contracted",
        "HĐ-7",
        400_000_000,
    )


def test_signing_by_the_state_it_leads_to(api_as, officer, approved_proposal):
    response = move(
        api_as(officer),
        approved_proposal,
        to="contracted",
        decision_number="HĐ-8",
        decision_date="2026-03-01",
        contract_value=200_000_000,
    )

    assert response.status_code == 200
    assert response.json()["contract_value"] == 200_000_000


def test_only_officers_sign(api_as, manager, approved_proposal):
    response = move(
        api_as(manager),
        approved_proposal,
        action="sign_contract",
        decision_number="HĐ-9",
        decision_date="2026-03-01",
        contract_value=200_000_000,
    )

    assert response.status_code == 403
    approved_proposal.refresh_from_db()
    assert (approved_proposal.state, approved_proposal.contract_value) == ("approved", None)


def test_a_stale_contract_answers_409(api_as, officer, approved_proposal):
    response = move(
        api_as(officer),
        approved_proposal,
        action="sign_contract",
        decision_number="HĐ-9",
        decision_date="2026-03-01",
        contract_value=200_000_000,
        **{"from": "appraisal"},
    )

    assert response.status_code == 409
    assert response.json()["state"] == "approved"


@pytest.fixture
def in_progress(api_as, officer, contracted_proposal):
    move(api_as(officer), contracted_proposal, action="start_work")
    return contracted_proposal


def acceptance_url(proposal, item) -> str:
    return f"{detail(proposal)}equipment/{item.pk}/acceptance/"


def test_items_then_the_acceptance(api_as, applicant, officer, in_progress):
    client = api_as(officer)
    item = in_progress.equipment.get()
    today = str(timezone.localdate())

    unchecked = move(client, in_progress, action="accept", acceptance_result="passed")
    by_applicant = api_as(applicant).post(acceptance_url(in_progress, item), {"matches": True})
    differs = client.post(acceptance_url(in_progress, item), {"matches": False}, format="json")
    checked = client.post(
        acceptance_url(in_progress, item),
        {"delivered_on": today, "serial_number": "SN-1", "matches": True},
        format="json",
    )
    no_result = move(client, in_progress, action="accept")
    findings_missing = move(
        client, in_progress, action="accept", acceptance_result="passed_with_changes"
    )
    accepted = move(
        client,
        in_progress,
        action="accept",
        acceptance_result="passed_with_changes",
        acceptance_findings="Bổ sung hướng dẫn vận hành.",
        decision_date=today,
    )

    assert unchecked.status_code == 400
    assert by_applicant.status_code == 403
    assert (differs.status_code, list(differs.json())) == (400, ["mismatch_reason"])
    assert checked.status_code == 200
    assert (checked.json()["serial_number"], checked.json()["matches"]) == ("SN-1", True)
    assert (no_result.status_code, list(no_result.json())) == (400, ["acceptance_result"])
    assert (findings_missing.status_code, list(findings_missing.json())) == (
        400,
        ["acceptance_findings"],
    )
    assert accepted.status_code == 200
    data = accepted.json()
    assert (data["state"], data["acceptance_result"], data["acceptance_date"]) == (
        "accepted",
        "passed_with_changes",
        today,
    )


def test_items_are_checked_only_while_the_work_is_in_progress(api_as, officer, contracted_proposal):
    item = contracted_proposal.equipment.get()

    response = api_as(officer).post(
        acceptance_url(contracted_proposal, item), {"matches": True}, format="json"
    )

    assert response.status_code == 400


# ---- payments ---------------------------------------------------------------------------------


def payments(proposal) -> str:
    return f"{detail(proposal)}payments/"


def payment(amount, kind="advance"):
    return {"kind": kind, "amount": amount, "paid_on": str(timezone.localdate())}


@pytest.mark.parametrize(
    ("persona", "status"),
    [("applicant", 403), ("manager", 403), ("officer", 201), ("admin", 201), ("judge", 404)],
)
def test_officers_record_payments(api_as, personas, contracted_proposal, persona, status):
    response = api_as(personas[persona]).post(
        payments(contracted_proposal), payment(10_000_000), format="json"
    )

    assert response.status_code == status
    assert Payment.objects.count() == (1 if status == 201 else 0)


def test_whoever_sees_the_proposal_lists_its_payments(
    api_as, applicant, other_applicant, officer, contracted_proposal
):
    api_as(officer).post(payments(contracted_proposal), payment(10_000_000), format="json")

    listed = api_as(applicant).get(payments(contracted_proposal))

    assert listed.status_code == 200
    assert [(p["kind"], p["amount"]) for p in listed.json()] == [("advance", 10_000_000)]
    assert api_as(other_applicant).get(payments(contracted_proposal)).status_code == 404


def test_a_payment_over_the_approved_amount_is_a_field_error(api_as, officer, contracted_proposal):
    client = api_as(officer)
    assert (
        client.post(payments(contracted_proposal), payment(150_000_000), format="json").status_code
        == 201
    )

    over = client.post(payments(contracted_proposal), payment(50_000_001), format="json")
    exact = client.post(payments(contracted_proposal), payment(50_000_000), format="json")

    assert (over.status_code, list(over.json())) == (400, ["amount"])
    assert exact.status_code == 201
    assert sum(p.amount for p in contracted_proposal.payments.all()) == 200_000_000


def test_no_payment_before_the_contract(api_as, officer, approved_proposal):
    response = api_as(officer).post(payments(approved_proposal), payment(1_000_000), format="json")

    assert (response.status_code, list(response.json())) == (400, ["kind"])


def test_a_payment_of_nothing_is_a_field_error(api_as, officer, contracted_proposal):
    response = api_as(officer).post(payments(contracted_proposal), payment(0), format="json")

    assert response.status_code == 400
    assert "amount" in response.json()
