import pytest

from programs.models import BudgetLine, EquipmentItem
from tests.api.programs.conftest import detail
from tests.programs.world import activity, equipment_proposal

pytestmark = pytest.mark.django_db


def lines(proposal) -> str:
    return f"{detail(proposal)}budget-lines/"


def items(proposal) -> str:
    return f"{detail(proposal)}equipment/"


LINE = {
    "item": "Lắp đặt",
    "unit": "gói",
    "quantity": "2.5",
    "unit_cost": 1_000_001,
    "extension_share": 1_000_000,
}
ITEM = {"name": "Máy dán nhãn", "quantity": 2, "unit_price": 30_000_000, "origin": "Nhật Bản"}


def test_budget_lines_crud_with_derived_amounts(api_as, applicant, draft):
    client = api_as(applicant)

    created = client.post(lines(draft), LINE, format="json")
    assert created.status_code == 201
    line = created.json()
    # 2.5 × 1 000 001 = 2 500 002.5, rounded half up.
    assert (line["cost"], line["counterpart_share"]) == (2_500_003, 1_500_003)

    url = f"{lines(draft)}{line['id']}/"
    changed = client.patch(url, {"extension_share": 2_000_000, "cost": 1}, format="json")
    assert changed.status_code == 200
    assert (changed.json()["cost"], changed.json()["counterpart_share"]) == (2_500_003, 500_003)
    assert len(client.get(lines(draft)).json()) == 2
    assert client.get(url).status_code == 200

    assert client.delete(url).status_code == 204
    assert not BudgetLine.objects.filter(pk=line["id"]).exists()


def test_an_extension_share_over_the_cost_is_a_field_error(api_as, applicant, draft):
    body = {**LINE, "extension_share": 3_000_000}

    response = api_as(applicant).post(lines(draft), body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["extension_share"]


def test_a_negative_quantity_is_a_field_error(api_as, applicant, draft):
    response = api_as(applicant).post(lines(draft), {**LINE, "quantity": "-1"}, format="json")

    assert response.status_code == 400
    assert "quantity" in response.json()


def test_equipment_items_crud(api_as, officer, draft):
    client = api_as(officer)

    created = client.post(items(draft), ITEM, format="json")
    assert created.status_code == 201
    item = created.json()
    assert (item["cost"], item["is_new"], item["matches"]) == (60_000_000, True, None)

    url = f"{items(draft)}{item['id']}/"
    assert client.patch(url, {"is_new": False}, format="json").json()["is_new"] is False
    assert client.delete(url).status_code == 204
    assert not EquipmentItem.objects.filter(pk=item["id"]).exists()


def test_acceptance_fields_are_not_written_by_the_item_endpoint(api_as, applicant, draft):
    item = draft.equipment.get()

    api_as(applicant).patch(f"{items(draft)}{item.pk}/", {"matches": True}, format="json")

    item.refresh_from_db()
    assert item.matches is None


def test_a_proposal_of_another_activity_lists_no_equipment(api_as, applicant, plan, facility, rule):
    training = equipment_proposal(applicant, plan, facility, items=(), code="training")
    assert training.activity == activity("training")

    response = api_as(applicant).post(items(training), ITEM, format="json")

    assert response.status_code == 400


def test_another_facility_gets_404(api_as, other_applicant, draft):
    client = api_as(other_applicant)
    line = draft.budget_lines.get()

    assert client.get(lines(draft)).status_code == 404
    assert client.post(lines(draft), LINE, format="json").status_code == 404
    assert client.delete(f"{lines(draft)}{line.pk}/").status_code == 404


def test_a_row_of_another_proposal_is_not_found(api_as, applicant, draft, plan, facility):
    other = equipment_proposal(applicant, plan, facility)
    line = other.budget_lines.get()

    assert api_as(applicant).get(f"{lines(draft)}{line.pk}/").status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("manager", 403), ("judge", 404)])
def test_others_change_no_line(api_as, personas, draft, persona, status):
    response = api_as(personas[persona]).post(lines(draft), LINE, format="json")

    assert response.status_code == status
    assert draft.budget_lines.count() == 1


def test_lines_stay_once_submitted(api_as, applicant, draft):
    client = api_as(applicant)
    client.post(f"{detail(draft)}transition/", {"action": "submit"}, format="json")
    line = draft.budget_lines.get()

    added = client.post(lines(draft), LINE, format="json")
    deleted = client.delete(f"{lines(draft)}{line.pk}/")

    assert (added.status_code, deleted.status_code) == (400, 400)
    assert draft.budget_lines.count() == 1
