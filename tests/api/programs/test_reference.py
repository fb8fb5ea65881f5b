import pytest

from programs.models import Activity, SupportRule
from tests.programs.world import activity

pytestmark = pytest.mark.django_db

ACTIVITIES = "/api/v1/activities/"
RULES = "/api/v1/support-rules/"


def rule_body(**extra):
    return {
        "fund_source": "local",
        "activity": activity("equipment").pk,
        "max_rate": "40.00",
        "ceiling": 300_000_000,
        "line_multiplier": "1.50",
        "legal_basis": "Nghị quyết 12/2026/NQ-HĐND",
        "valid_from": "2027-01-01",
        **extra,
    }


@pytest.mark.parametrize("persona", ["applicant", "judge", "officer", "manager", "admin"])
def test_every_signed_in_user_reads_the_activities_and_rules(api_as, personas, rule, persona):
    client = api_as(personas[persona])

    activities = client.get(ACTIVITIES)
    rules = client.get(RULES)

    assert activities.status_code == 200
    assert "equipment" in [a["code"] for a in activities.json()]
    assert rules.status_code == 200
    assert rule.pk in [r["id"] for r in rules.json()["results"]]


def test_anonymous_reads_no_reference_data(api_as):
    assert api_as(None).get(ACTIVITIES).status_code in (401, 403)
    assert api_as(None).get(RULES).status_code in (401, 403)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("applicant", 403), ("manager", 403), ("judge", 403), ("officer", 201), ("admin", 201)],
)
def test_officers_and_admins_add_activities(api_as, personas, persona, status):
    body = {"code": "fairs", "name": "Hội chợ triển lãm", "has_equipment": False, "position": 9}

    response = api_as(personas[persona]).post(ACTIVITIES, body, format="json")

    assert response.status_code == status
    assert Activity.objects.filter(code="fairs").exists() == (status == 201)


def test_an_activity_code_taken_is_a_field_error(api_as, officer):
    body = {"code": "equipment", "name": "Trùng mã", "has_equipment": True, "position": 1}

    response = api_as(officer).post(ACTIVITIES, body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["code"]


def test_an_officer_renames_an_activity(api_as, officer):
    equipment = activity("equipment")

    response = api_as(officer).patch(
        f"{ACTIVITIES}{equipment.pk}/", {"name": "Hỗ trợ máy móc thiết bị"}, format="json"
    )

    assert response.status_code == 200
    equipment.refresh_from_db()
    assert equipment.name == "Hỗ trợ máy móc thiết bị"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("applicant", 403), ("manager", 403), ("officer", 201), ("admin", 201)],
)
def test_officers_and_admins_add_support_rules(api_as, personas, persona, status):
    response = api_as(personas[persona]).post(RULES, rule_body(), format="json")

    assert response.status_code == status
    if status == 201:
        data = response.json()
        assert data["ceiling"] == 300_000_000
        assert data["activity_detail"]["code"] == "equipment"


def test_an_overlapping_rule_is_refused_on_its_start(api_as, officer, rule):
    # `rule` runs from 2025-01-01 with no end.
    before = SupportRule.objects.count()
    response = api_as(officer).post(RULES, rule_body(valid_from="2026-06-01"), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["valid_from"]
    assert SupportRule.objects.count() == before


def test_a_rule_ending_before_it_starts_is_a_field_error(api_as, officer):
    body = rule_body(valid_from="2030-01-01", valid_to="2029-01-01")

    response = api_as(officer).post(RULES, body, format="json")

    assert response.status_code == 400
    assert "valid_to" in response.json()


def test_closing_a_rule_then_adding_the_next(api_as, officer, rule):
    client = api_as(officer)

    closed = client.patch(f"{RULES}{rule.pk}/", {"valid_to": "2026-12-31"}, format="json")
    added = client.post(RULES, rule_body(valid_from="2027-01-01"), format="json")

    assert closed.status_code == 200
    assert added.status_code == 201


@pytest.mark.parametrize(("persona", "status"), [("applicant", 403), ("officer", 204)])
def test_officers_delete_rules(api_as, personas, rule, persona, status):
    response = api_as(personas[persona]).delete(f"{RULES}{rule.pk}/")

    assert response.status_code == status
    assert SupportRule.objects.filter(pk=rule.pk).exists() == (status == 403)


def test_rules_filter_by_fund_and_activity(api_as, officer, rule):
    client = api_as(officer)

    local = client.get(RULES, {"fund_source": "local", "activity": rule.activity_id}).json()
    national = client.get(RULES, {"fund_source": "national", "activity": rule.activity_id}).json()

    assert [r["id"] for r in local["results"]] == [rule.pk]
    assert rule.pk not in [r["id"] for r in national["results"]]
