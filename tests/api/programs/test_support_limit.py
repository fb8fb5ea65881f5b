import pytest

from tests.api.programs.conftest import detail

pytestmark = pytest.mark.django_db


def url(proposal) -> str:
    return f"{detail(proposal)}support-limit/"


def test_the_stored_computation(api_as, applicant, draft, rule):
    response = api_as(applicant).get(url(draft))

    assert response.status_code == 200
    data = response.json()
    assert data["rule"] == {
        "id": rule.pk,
        "legal_basis": rule.legal_basis,
        "rate": "50.00",
        "ceiling": 250_000_000,
        "multiplier": "1.50",
    }
    assert (data["cost"], data["excluded_cost"], data["production_line"]) == (
        400_000_000,
        0,
        False,
    )
    assert (data["by_rate"], data["cap"], data["allowed"], data["asked"]) == (
        200_000_000,
        250_000_000,
        200_000_000,
        200_000_000,
    )
    assert data["exceeded"] is False
    assert len(data["steps"]) >= 3


def test_unsaved_lines_and_items_are_computed_without_saving(api_as, applicant, draft):
    body = {
        "items": [
            {"quantity": 2, "unit_price": 300_000_000, "production_line": True},
            {"quantity": 1, "unit_price": 50_000_000, "is_new": False},
        ],
        "lines": [{"quantity": "1", "unit_cost": 650_000_000, "extension_share": 400_000_000}],
    }

    response = api_as(applicant).post(url(draft), body, format="json")

    assert response.status_code == 200
    data = response.json()
    # 50 % of 600 million = 300 million; the line's ceiling 250 × 1.5 = 375 million.
    assert (data["cost"], data["excluded_cost"], data["production_line"]) == (
        600_000_000,
        50_000_000,
        True,
    )
    assert (data["by_rate"], data["cap"], data["allowed"]) == (
        300_000_000,
        375_000_000,
        300_000_000,
    )
    assert (data["asked"], data["exceeded"]) == (400_000_000, True)
    assert draft.equipment.count() == 1
    assert draft.budget_lines.get().extension_share == 200_000_000


def test_what_the_body_leaves_out_is_the_stored(api_as, applicant, draft):
    body = {"lines": [{"quantity": "1", "unit_cost": 1, "extension_share": 250_000_000}]}

    data = api_as(applicant).post(url(draft), body, format="json").json()

    assert (data["cost"], data["asked"], data["exceeded"]) == (400_000_000, 250_000_000, True)


def test_a_day_without_a_rule_has_no_limit(api_as, officer, draft):
    data = api_as(officer).post(url(draft), {"on": "01/01/2020"}, format="json").json()

    assert (data["on"], data["rule"], data["allowed"], data["exceeded"]) == (
        "2020-01-01",
        None,
        None,
        False,
    )


def test_bad_lines_are_field_errors(api_as, applicant, draft):
    body = {"items": [{"quantity": 0, "unit_price": -1}]}

    response = api_as(applicant).post(url(draft), body, format="json")

    assert response.status_code == 400
    assert set(response.json()["items"]["0"]) == {"quantity", "unit_price"}


@pytest.mark.parametrize(("persona", "status"), [("other_applicant", 404), ("judge", 404)])
def test_only_who_sees_the_proposal_computes(api_as, personas, draft, persona, status):
    client = api_as(personas[persona])

    assert client.get(url(draft)).status_code == status
    assert client.post(url(draft), {}, format="json").status_code == status
