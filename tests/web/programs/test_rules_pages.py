"""The support rules' pages: the staff read them grouped by fund and activity, officers and
administrators add, change and delete them (a rule meeting another's period is refused on its
start date), managers only read, facilities and judges are refused."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from programs.models import SupportRule
from tests.programs.world import activity, local_rule

pytestmark = pytest.mark.django_db


def rule_form(**changes) -> dict:
    data = {
        "fund_source": "local",
        "activity": activity("equipment").pk,
        "max_rate": "40",
        "ceiling": "300000000",
        "line_multiplier": "2",
        "legal_basis": "Nghị quyết 05/2027/NQ-HĐND",
        "valid_from": "01/01/2027",
        "valid_to": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def rule(db):
    """The equipment rule in force from 1 January 2025 until 31 December 2026."""
    return local_rule(valid_to=datetime.date(2026, 12, 31))


def test_list_groups_rules_by_fund_and_activity(client_as, manager, rule):
    later = local_rule(valid_from=datetime.date(2027, 1, 1), legal_basis="Nghị quyết 05/2027")
    demonstration = local_rule("demonstration", rate=70, ceiling=None)
    response = client_as(manager).get(reverse("programs:rule-list"))
    assert response.status_code == 200
    local = [g for g in response.context["groups"] if g["rules"][0].fund_source == "local"]
    # By the activities' order, each group's rules by their start.
    assert [(g["activity"].code, [r.pk for r in g["rules"]]) for g in local] == [
        ("demonstration", [demonstration.pk]),
        ("equipment", [rule.pk, later.pk]),
    ]
    assert {g["fund"] for g in local} == {rule.get_fund_source_display()}
    page = response.content.decode()
    assert "Nghị quyết 11/2025/NQ-HĐND" in page
    # A manager reads: no button to add, change or delete.
    assert not response.context["can_edit"]
    assert reverse("programs:rule-create") not in page
    assert reverse("programs:rule-delete", args=[rule.pk]) not in page


def test_plan_list_links_the_rules(client_as, officer):
    response = client_as(officer).get(reverse("programs:plan-list"))
    assert reverse("programs:rule-list") in response.content.decode()


def test_officer_sees_edit_and_confirmed_delete(client_as, officer, rule):
    page = client_as(officer).get(reverse("programs:rule-list")).content.decode()
    assert reverse("programs:rule-edit", args=[rule.pk]) in page
    assert reverse("programs:rule-delete", args=[rule.pk]) in page
    assert "data-confirm=" in page and "rule-delete-confirm-" in page


@pytest.mark.parametrize("who", ["applicant", "judge", "chair"])
def test_list_refuses_facilities_and_judges(client_as, personas, who):
    assert client_as(personas[who]).get(reverse("programs:rule-list")).status_code == 403


@pytest.mark.parametrize("who", ["applicant", "judge", "manager"])
def test_writing_refused_but_to_officers_and_admins(client_as, personas, rule, who):
    client = client_as(personas[who])
    assert client.get(reverse("programs:rule-create")).status_code == 403
    assert client.post(reverse("programs:rule-create"), rule_form()).status_code == 403
    edit = reverse("programs:rule-edit", args=[rule.pk])
    assert client.post(edit, rule_form(max_rate="10")).status_code == 403
    delete = reverse("programs:rule-delete", args=[rule.pk])
    assert client.post(delete).status_code == 403
    rule.refresh_from_db()
    assert rule.max_rate == Decimal(50)


@pytest.mark.parametrize("who", ["officer", "admin"])
def test_create_a_rule(client_as, personas, rule, who):
    response = client_as(personas[who]).post(reverse("programs:rule-create"), rule_form())
    assert response.status_code == 302
    assert response.url == reverse("programs:rule-list")
    created = SupportRule.objects.filter(fund_source="local").exclude(pk=rule.pk).get()
    assert (created.max_rate, created.ceiling, created.line_multiplier) == (
        Decimal(40),
        300_000_000,
        Decimal(2),
    )
    assert created.valid_from == datetime.date(2027, 1, 1) and created.valid_to is None


def test_overlap_shows_on_the_start_date(client_as, officer, rule):
    response = client_as(officer).post(
        reverse("programs:rule-create"), rule_form(valid_from="01/06/2026")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["valid_from"]
    # It names the rule in force then.
    assert "01/01/2025" in errors["valid_from"][0] and "31/12/2026" in errors["valid_from"][0]
    assert SupportRule.objects.filter(fund_source="local").count() == 1


def test_field_errors(client_as, officer):
    response = client_as(officer).post(
        reverse("programs:rule-create"),
        rule_form(max_rate="120", line_multiplier="0.5", valid_from="", legal_basis=""),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"max_rate", "line_multiplier", "valid_from", "legal_basis"} <= set(errors)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not SupportRule.objects.filter(fund_source="local").exists()


def test_end_before_start_is_refused(client_as, officer):
    response = client_as(officer).post(
        reverse("programs:rule-create"), rule_form(valid_to="31/12/2026")
    )
    assert response.status_code == 200
    assert "valid_to" in response.context["form"].errors
    assert not SupportRule.objects.filter(fund_source="local").exists()


def test_edit_a_rule(client_as, officer, rule):
    client = client_as(officer)
    edit = reverse("programs:rule-edit", args=[rule.pk])
    page = client.get(edit)
    assert page.status_code == 200
    assert page.context["form"].initial["ceiling"] == 250_000_000
    response = client.post(
        edit, rule_form(valid_from="01/01/2025", valid_to="31/12/2026", ceiling="200000000")
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.ceiling == 200_000_000 and rule.max_rate == Decimal(40)


def test_edit_into_an_overlap_is_refused(client_as, officer, rule):
    later = local_rule(valid_from=datetime.date(2027, 1, 1))
    response = client_as(officer).post(
        reverse("programs:rule-edit", args=[later.pk]), rule_form(valid_from="01/12/2026")
    )
    assert response.status_code == 200
    assert "valid_from" in response.context["form"].errors
    later.refresh_from_db()
    assert later.valid_from == datetime.date(2027, 1, 1)


def test_delete_a_rule(client_as, admin_user, rule):
    client = client_as(admin_user)
    assert client.get(reverse("programs:rule-delete", args=[rule.pk])).status_code == 405
    response = client.post(reverse("programs:rule-delete", args=[rule.pk]))
    assert response.status_code == 302
    assert not SupportRule.objects.filter(pk=rule.pk).exists()
