"""The warnings an officer sees on a proposal; none of them blocks a step."""

import datetime

import pytest
from django.utils import timezone

from core.workflow import transition
from programs.models import Proposal
from programs.warnings import plan_funding, warnings_for
from tests.factories import FacilityFactory, FacilityMemberFactory, ward_in
from tests.programs.world import approved, equipment_proposal, local_rule, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    local_rule()
    return make_plan(budget=300_000_000)


def test_a_clean_proposal_has_no_warning(plan, applicant, facility):
    assert warnings_for(equipment_proposal(applicant, plan, facility)) == []


def test_support_for_the_same_activity_within_three_years(applicant, facility, officer, manager):
    local_rule(valid_from=datetime.date(2020, 1, 1))
    year = timezone.localdate().year
    earlier = make_plan(year=year - 3)
    Proposal.objects.filter(
        pk=equipment_proposal(applicant, earlier, facility, year=year - 3).pk
    ).update(state="closed", approved_funding=1)
    proposal = equipment_proposal(applicant, make_plan(), facility)
    [warning] = warnings_for(proposal)
    assert str(year - 3) in warning and facility.name in warning
    # Four years back is outside the window.
    Proposal.objects.filter(plan=earlier).update(plan=make_plan(year=year - 4))
    assert warnings_for(proposal) == []


def test_the_window_is_configurable(settings, applicant, facility):
    local_rule(valid_from=datetime.date(2020, 1, 1))
    year = timezone.localdate().year
    Proposal.objects.filter(
        pk=equipment_proposal(applicant, make_plan(year=year - 2), facility, year=year - 2).pk
    ).update(state="closed", approved_funding=1)
    proposal = equipment_proposal(applicant, make_plan(), facility)
    settings.PROGRAM_REPEAT_SUPPORT_YEARS = 1
    assert warnings_for(proposal) == []


def test_a_beneficiary_failing_the_eligibility_rule(applicant):
    """Submitted in August 2025, before urban wards were opened (15/10/2025): a facility in a
    phường outside any craft village did not qualify then."""
    from core.models import Ward

    local_rule(valid_from=datetime.date(2020, 1, 1))
    facility = FacilityFactory(ward=ward_in(kind=Ward.Kind.WARD), craft_village="")
    FacilityMemberFactory(user=applicant, facility=facility)
    proposal = equipment_proposal(applicant, make_plan(year=2025), facility, year=2025)
    assert not [w for w in warnings_for(proposal) if "không đủ điều kiện" in w]
    Proposal.objects.filter(pk=proposal.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(2025, 8, 1, 9))
    )
    proposal.refresh_from_db()
    [warning] = [w for w in warnings_for(proposal) if "không đủ điều kiện" in w]
    assert facility.name in warning


def test_dates_outside_the_plan_year(plan, applicant, facility):
    proposal = equipment_proposal(applicant, plan, facility)
    proposal.ends_on = datetime.date(plan.year + 1, 2, 1)
    proposal.save()
    assert [w for w in warnings_for(proposal) if str(plan.year) in w]


def test_over_the_envelope(plan, applicant, facility, officer, manager):
    first = approved(
        equipment_proposal(applicant, plan, facility),
        facility_user=applicant,
        officer=officer,
        manager=manager,
    )  # 200 of the 300 million
    second = equipment_proposal(applicant, plan, facility, ward=ward_in())  # asks 200 more
    [warning] = [w for w in warnings_for(second) if "vượt tổng kinh phí" in w]
    assert "100.000.000 ₫" in warning
    assert not [w for w in warnings_for(first) if "vượt tổng kinh phí" in w]
    transition(second, action="submit", actor=applicant)  # a warning never blocks
    assert plan_funding(plan) == {
        "budget": 300_000_000,
        "approved": 200_000_000,
        "pending": 200_000_000,
        "over": 0,
    }
