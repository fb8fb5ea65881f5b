import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import FundSource, Proposal
from tests.api.programs.conftest import detail
from tests.factories import FacilityMemberFactory, ward_in
from tests.programs.world import activity, equipment_proposal, make_plan

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


def create_body(plan, facility, **extra):
    ward = ward_in()
    return {
        "plan": plan.pk,
        "activity": activity("equipment").pk,
        "title": "Hỗ trợ máy sấy chân không",
        "province": ward.province_id,
        "ward": ward.pk,
        "objectives": "Giảm hao hụt.",
        "starts_on": f"{plan.year}-03-01",
        "ends_on": f"{plan.year}-10-31",
        "beneficiaries": [facility.pk],
        **extra,
    }


# ---- create, update, delete -------------------------------------------------------------------


def test_a_facility_member_draws_up_a_proposal(api_as, applicant, facility, plan, rule):
    response = api_as(applicant).post(URL, create_body(plan, facility), format="json")

    assert response.status_code == 201
    data = response.json()
    assert data["code"] == f"KCĐP-{plan.year}-001"
    assert (data["state"], data["beneficiaries"]) == ("draft", [facility.pk])
    assert data["money"] == {
        "cost": 0,
        "extension": 0,
        "counterpart": 0,
        "approved": None,
        "paid": 0,
        "remaining": None,
        "settled": False,
    }
    assert "warnings" not in data


def test_a_facility_cannot_apply_for_another(api_as, applicant, other_facility, plan):
    response = api_as(applicant).post(URL, create_body(plan, other_facility), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["beneficiaries"]


def test_an_officer_enters_a_proposal_for_a_facility(api_as, officer, facility, plan):
    response = api_as(officer).post(URL, create_body(plan, facility), format="json")

    assert response.status_code == 201


@pytest.mark.parametrize("persona", ["judge", "manager"])
def test_others_draw_up_no_proposal(api_as, personas, facility, plan, persona):
    response = api_as(personas[persona]).post(URL, create_body(plan, facility), format="json")

    assert response.status_code == 403


def test_bad_input_answers_by_field(api_as, applicant, facility, plan):
    other_province_ward = ward_in("01")
    body = create_body(plan, facility, ends_on=f"{plan.year}-01-01", ward=other_province_ward.pk)

    response = api_as(applicant).post(URL, body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"ends_on", "ward"}


def test_an_approved_plan_takes_no_proposal(api_as, officer, facility):
    done = make_plan(year=2025, state="approved", decision_number="1", decision_date="2025-01-01")

    response = api_as(officer).post(URL, create_body(done, facility), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["plan"]


def test_the_facility_edits_its_draft(api_as, applicant, draft):
    response = api_as(applicant).patch(detail(draft), {"title": "Máy mới"}, format="json")

    assert response.status_code == 200
    assert response.json()["title"] == "Máy mới"


def test_another_facility_neither_sees_nor_edits(api_as, other_applicant, draft):
    client = api_as(other_applicant)

    assert client.get(detail(draft)).status_code == 404
    assert client.patch(detail(draft), {"title": "X"}, format="json").status_code == 404
    assert client.delete(detail(draft)).status_code == 404


def test_a_submitted_proposal_cannot_be_edited(api_as, applicant, draft):
    client = api_as(applicant)
    assert client.post(f"{detail(draft)}transition/", {"action": "submit"}).status_code == 200

    response = client.patch(detail(draft), {"title": "Máy mới"}, format="json")

    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.title != "Máy mới"


def test_a_draft_is_deleted(api_as, applicant, draft):
    assert api_as(applicant).delete(detail(draft)).status_code == 204
    assert not Proposal.objects.filter(pk=draft.pk).exists()


# ---- detail: money and warnings ---------------------------------------------------------------


def test_the_detail_has_the_money_lines_items_and_steps(api_as, applicant, draft):
    data = api_as(applicant).get(detail(draft)).json()

    assert data["money"]["cost"] == 400_000_000
    assert data["money"]["extension"] == 200_000_000
    assert data["money"]["counterpart"] == 200_000_000
    assert [line["cost"] for line in data["budget_lines"]] == [400_000_000]
    assert [item["cost"] for item in data["equipment"]] == [400_000_000]
    assert "submit" in [t["action"] for t in data["available_transitions"]]


def test_warnings_are_for_staff_only(api_as, applicant, officer, draft):
    # Dates outside the plan's year: one warning an officer reads.
    draft.starts_on = draft.starts_on.replace(year=draft.plan.year - 1)
    draft.save()

    staff = api_as(officer).get(detail(draft)).json()
    facility = api_as(applicant).get(detail(draft)).json()

    assert len(staff["warnings"]) >= 1
    assert "warnings" not in facility


def test_the_money_after_approval_and_payment(api_as, officer, contracted_proposal):
    client = api_as(officer)
    client.post(
        f"{detail(contracted_proposal)}payments/",
        {
            "kind": "advance",
            "amount": 50_000_000,
            "paid_on": str(contracted_proposal.contract_date),
        },
        format="json",
    )

    money = client.get(detail(contracted_proposal)).json()["money"]

    assert (money["approved"], money["paid"], money["remaining"]) == (
        200_000_000,
        50_000_000,
        150_000_000,
    )


# ---- visibility, filters, search --------------------------------------------------------------


def test_visibility_by_role(api_as, personas, draft):
    counts = {
        persona: api_as(personas[persona]).get(URL).json()["count"]
        for persona in ("applicant", "other_applicant", "judge", "officer", "manager", "admin")
    }

    assert counts == {
        "applicant": 1,
        "other_applicant": 0,
        "judge": 0,
        "officer": 1,
        "manager": 1,
        "admin": 1,
    }


@pytest.fixture
def spread(rule, applicant, facility, other_applicant, other_facility):
    """Proposals across years, funds, activities and beneficiaries."""
    this_year = make_plan()
    national = make_plan(fund=FundSource.NATIONAL)
    last_year = make_plan(year=this_year.year - 1)
    return {
        "equipment": equipment_proposal(applicant, this_year, facility),
        "national": equipment_proposal(applicant, national, facility, title="Dây chuyền sấy"),
        "last_year": equipment_proposal(
            other_applicant, last_year, other_facility, year=last_year.year
        ),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {p["id"] for p in response.json()["results"]}


def test_filters(api_as, officer, spread):
    client = api_as(officer)
    equipment, national, last_year = spread["equipment"], spread["national"], spread["last_year"]
    this_year = equipment.plan.year

    assert ids(client.get(URL, {"year": this_year})) == {equipment.pk, national.pk}
    assert ids(client.get(URL, {"fund": "national"})) == {national.pk}
    assert ids(client.get(URL, {"plan": last_year.plan_id})) == {last_year.pk}
    assert ids(client.get(URL, {"activity": activity("equipment").pk})) == {
        equipment.pk,
        national.pk,
        last_year.pk,
    }
    assert ids(client.get(URL, {"activity": activity("training").pk})) == set()
    facility = last_year.beneficiaries.get()
    assert ids(client.get(URL, {"beneficiary": facility.pk})) == {last_year.pk}
    assert ids(client.get(URL, {"state": "draft"})) == {equipment.pk, national.pk, last_year.pk}
    assert ids(client.get(URL, {"state": "approved"})) == set()
    assert ids(client.get(URL, {"province": equipment.province_id})) >= {equipment.pk}
    assert ids(client.get(URL, {"province": "01"})) == set()


def test_a_bad_filter_value_is_a_field_error(api_as, officer, spread):
    response = api_as(officer).get(URL, {"year": "two thousand"})

    assert response.status_code == 400
    assert "year" in response.json()


def test_search_on_code_and_folded_title(api_as, officer, spread):
    client = api_as(officer)
    national = spread["national"]

    assert ids(client.get(URL, {"search": "day chuyen SAY"})) == {national.pk}
    assert ids(client.get(URL, {"search": national.code})) == {national.pk}
    assert ids(client.get(URL, {"search": national.code.lower()})) == {national.pk}
    assert ids(client.get(URL, {"search": "không có đề án này"})) == set()


def test_a_beneficiary_filter_keeps_each_proposal_once(api_as, applicant, facility, rule, plan):
    second = FacilityMemberFactory(user=applicant).facility
    proposal = equipment_proposal(applicant, plan, facility)
    proposal.beneficiaries.add(second)

    assert api_as(applicant).get(URL).json()["count"] == 1
    assert api_as(applicant).get(URL, {"beneficiary": second.pk}).json()["count"] == 1


@pytest.mark.parametrize("persona", ["officer", "applicant"])
def test_the_list_query_count_is_constant(
    api_as, personas, rule, plan, facility, django_assert_num_queries, persona
):
    applicant = personas["applicant"]
    equipment_proposal(applicant, plan, facility)
    client = api_as(personas[persona])
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).json()["count"] == 1
    for _ in range(3):
        equipment_proposal(applicant, plan, facility)

    with django_assert_num_queries(len(one)):
        response = client.get(URL)

    assert response.json()["count"] == 4
    assert all(p["money"]["cost"] == 400_000_000 for p in response.json()["results"])
