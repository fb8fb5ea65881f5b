import pytest

from programs.models import FundSource, Plan
from tests.programs.world import make_plan

pytestmark = pytest.mark.django_db

URL = "/api/v1/plans/"


def test_staff_see_every_plan_an_applicant_those_taking_proposals(
    api_as, applicant, officer, judge
):
    drawing_up = make_plan(year=2026)
    done = make_plan(
        year=2025, state="approved", decision_number="1/QĐ", decision_date="2025-01-05"
    )

    staff = [p["id"] for p in api_as(officer).get(URL).json()["results"]]
    facility = [p["id"] for p in api_as(applicant).get(URL).json()["results"]]
    other = api_as(judge).get(URL).json()["results"]

    assert sorted(staff) == sorted([drawing_up.pk, done.pk])
    assert facility == [drawing_up.pk]
    assert other == []
    assert api_as(applicant).get(f"{URL}{done.pk}/").status_code == 404


def test_the_funding_is_for_staff(api_as, applicant, officer, plan):
    staff = api_as(officer).get(f"{URL}{plan.pk}/").json()
    facility = api_as(applicant).get(f"{URL}{plan.pk}/").json()

    assert staff["funding"] == {"budget": plan.budget, "approved": 0, "pending": 0, "over": 0}
    assert "funding" not in facility


def test_plans_filter_by_year_fund_and_state(api_as, officer):
    local = make_plan(year=2026)
    national = make_plan(year=2026, fund=FundSource.NATIONAL)
    make_plan(year=2025)
    client = api_as(officer)

    by_year = client.get(URL, {"year": 2026}).json()["results"]
    by_fund = client.get(URL, {"fund": "national"}).json()["results"]

    assert sorted(p["id"] for p in by_year) == sorted([local.pk, national.pk])
    assert [p["id"] for p in by_fund] == [national.pk]
    assert client.get(URL, {"state": "approved"}).json()["results"] == []


@pytest.mark.parametrize(
    ("persona", "status"),
    [("applicant", 403), ("manager", 403), ("judge", 403), ("officer", 201), ("admin", 201)],
)
def test_officers_draw_up_plans(api_as, personas, persona, status):
    body = {"year": 2027, "fund_source": "local", "title": "Kế hoạch 2027", "budget": 9_000_000}

    response = api_as(personas[persona]).post(URL, body, format="json")

    assert response.status_code == status
    if status == 201:
        assert response.json()["state"] == "draft"
        assert Plan.objects.get(year=2027).budget == 9_000_000


def test_a_second_plan_of_the_fund_and_year_is_a_field_error(api_as, officer, plan):
    body = {"year": plan.year, "fund_source": plan.fund_source, "title": "Lần hai", "budget": 1}

    response = api_as(officer).post(URL, body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["year"]


def test_a_negative_budget_is_a_field_error(api_as, officer, plan):
    response = api_as(officer).patch(f"{URL}{plan.pk}/", {"budget": -1}, format="json")

    assert response.status_code == 400
    assert "budget" in response.json()


def test_a_manager_approves_a_plan_with_its_decision(api_as, manager, plan):
    response = api_as(manager).post(
        f"{URL}{plan.pk}/transition/",
        {"action": "approve", "decision_number": "45/QĐ-UBND", "decision_date": "10/01/2026"},
        format="json",
    )

    assert response.status_code == 200
    data = response.json()
    assert (data["state"], data["decision_number"], data["decision_date"]) == (
        "approved",
        "45/QĐ-UBND",
        "2026-01-10",
    )
    history = api_as(manager).get(f"{URL}{plan.pk}/history/").json()
    assert (history[0]["transition"], history[0]["after"]["state"]) == ("approve", "approved")
    assert history[0]["decision_number"] == "45/QĐ-UBND"


def test_approving_without_the_decision_is_refused(api_as, manager, plan):
    response = api_as(manager).post(
        f"{URL}{plan.pk}/transition/", {"action": "approve"}, format="json"
    )

    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.state == "draft"


@pytest.mark.parametrize("persona", ["officer", "applicant"])
def test_only_a_manager_approves(api_as, personas, plan, persona):
    body = {"action": "approve", "decision_number": "1/QĐ", "decision_date": "2026-01-10"}

    response = api_as(personas[persona]).post(f"{URL}{plan.pk}/transition/", body, format="json")

    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.state == "draft"


def test_a_stale_approval_answers_409_with_the_state(api_as, manager, plan):
    body = {"action": "approve", "decision_number": "1/QĐ", "decision_date": "2026-01-10"}
    client = api_as(manager)
    assert client.post(f"{URL}{plan.pk}/transition/", body, format="json").status_code == 200

    again = client.post(f"{URL}{plan.pk}/transition/", {**body, "from": "draft"}, format="json")

    assert again.status_code == 409
    assert again.json()["state"] == "approved"
