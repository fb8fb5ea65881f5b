"""Plans, activities and support rules: who edits them, and rules that never overlap."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programs.models import Activity, FundSource, SupportRule
from programs.reference import ACTIVITIES
from programs.services.reference import save_plan, save_support_rule
from tests.programs.world import equipment_proposal, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date


def rule_data(**extra):
    return {
        "fund_source": FundSource.LOCAL,
        "activity": Activity.objects.get(code="equipment"),
        "max_rate": 50,
        "ceiling": 250_000_000,
        "line_multiplier": "1.5",
        "legal_basis": "Nghị quyết HĐND tỉnh",
        "valid_from": D(2025, 1, 1),
        "valid_to": None,
        **extra,
    }


def test_the_programme_activities_and_the_national_rules_are_seeded():
    assert Activity.objects.count() == len(ACTIVITIES)
    assert Activity.objects.get(code="equipment").has_equipment
    rule = SupportRule.objects.get(fund_source="national", activity__code="equipment")
    assert (rule.max_rate, rule.ceiling, rule.line_multiplier) == (50, 300_000_000, 1.5)
    assert "28/2018/TT-BTC" in rule.legal_basis


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (D(2024, 1, 1), D(2024, 12, 31), False),  # ends the day before
        (D(2024, 1, 1), D(2025, 1, 1), True),  # ends on the first day
        (D(2025, 6, 1), D(2025, 6, 30), True),  # inside
        (D(2024, 1, 1), None, True),  # open-ended, from before
        (D(2026, 1, 1), None, True),  # after the start of an open-ended rule
    ],
)
def test_rules_of_one_fund_and_activity_never_overlap(officer, start, end, overlaps):
    save_support_rule(actor=officer, data=rule_data())
    data = rule_data(valid_from=start, valid_to=end)
    if overlaps:
        with pytest.raises(ValidationError) as refused:
            save_support_rule(actor=officer, data=data)
        assert "01/01/2025" in refused.value.message_dict["valid_from"][0]
    else:
        save_support_rule(actor=officer, data=data)


def test_a_closed_rule_lets_the_next_one_start_and_other_funds_are_apart(officer):
    first = save_support_rule(actor=officer, data=rule_data())
    with pytest.raises(ValidationError):
        save_support_rule(actor=officer, data=rule_data(valid_from=D(2026, 1, 1)))
    save_support_rule(actor=officer, data={"valid_to": D(2025, 12, 31)}, rule=first)
    save_support_rule(actor=officer, data=rule_data(valid_from=D(2026, 1, 1)))
    # The national fund's rule of 2018 is open-ended and stays: the funds do not meet.
    assert SupportRule.objects.filter(activity__code="equipment").count() == 3


def test_bad_rules_get_field_errors(officer):
    with pytest.raises(ValidationError) as refused:
        save_support_rule(
            actor=officer,
            data=rule_data(max_rate=150, line_multiplier="0.5", valid_to=D(2024, 1, 1)),
        )
    errors = refused.value.message_dict
    assert {"max_rate", "line_multiplier", "valid_to"} <= set(errors)


def test_only_officers_and_admins_edit_rules(applicant, manager, judge, admin_user):
    for user in (applicant, manager, judge):
        with pytest.raises(PermissionDenied):
            save_support_rule(actor=user, data=rule_data())
    save_support_rule(actor=admin_user, data=rule_data())


def test_one_plan_per_year_and_fund_and_its_year_stays_once_it_has_proposals(
    officer, applicant, facility
):
    plan = save_plan(
        actor=officer,
        data={"year": 2026, "fund_source": "local", "title": "KH 2026", "budget": 10**9},
    )
    with pytest.raises(ValidationError) as refused:
        save_plan(
            actor=officer,
            data={"year": 2026, "fund_source": "local", "title": "Trùng", "budget": 1},
        )
    assert refused.value.message_dict
    with pytest.raises(ValidationError):
        save_plan(actor=officer, data={"budget": -1}, plan=plan)
    equipment_proposal(applicant, plan, facility)
    with pytest.raises(ValidationError):
        save_plan(actor=officer, data={"year": 2027}, plan=plan)
    with pytest.raises(PermissionDenied):
        save_plan(actor=applicant, data={"budget": 1}, plan=plan)


def test_codes_count_per_fund_and_year(applicant, facility):
    local, national = make_plan(), make_plan(fund=FundSource.NATIONAL)
    codes = [equipment_proposal(applicant, p, facility).code for p in (local, local, national)]
    year = local.year
    assert codes == [f"KCĐP-{year}-001", f"KCĐP-{year}-002", f"KCQG-{year}-001"]
