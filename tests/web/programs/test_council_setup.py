"""Setting up an appraisal council from the plan's page (officers and administrators): its
decision, the plan's proposals under appraisal and its members as rows (blank rows left out);
then adding more of the plan's proposals under appraisal on the council's page."""

import pytest
from django.urls import reverse

from core.workflow import transition
from programs.models import AppraisalCouncil, CouncilRole
from programs.services.appraisal import create_council
from tests.factories import FacilityMemberFactory
from tests.programs.world import equipment_proposal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def appraised(draft, applicant, officer):
    proposal = transition(draft, action="submit", actor=applicant)
    return transition(proposal, action="start_appraisal", actor=officer)


@pytest.fixture
def second(plan, applicant, officer):
    """Another proposal of the plan under appraisal, of another facility of `applicant`."""
    facility = FacilityMemberFactory(user=applicant).facility
    proposal = transition(
        equipment_proposal(applicant, plan, facility), action="submit", actor=applicant
    )
    return transition(proposal, action="start_appraisal", actor=officer)


def council_form(proposals=(), members=(), **changes) -> dict:
    data = {
        "name": "Hội đồng thẩm định đề án khuyến công",
        "decision_number": "12/QĐ-TTKC",
        "decision_date": "02/03/2026",
        "proposals": [p.pk for p in proposals],
    }
    for number, (user, role) in enumerate(members, start=1):
        data[f"member_{number}"] = user.pk if user else ""
        data[f"role_{number}"] = role
    data.update(changes)
    return data


def test_plan_page_links_the_setup_for_officers_only(client_as, officer, manager, plan):
    url = reverse("programs:council-create", args=[plan.pk])
    assert (
        url
        in client_as(officer).get(reverse("programs:plan-detail", args=[plan.pk])).content.decode()
    )
    assert (
        url
        not in client_as(manager)
        .get(reverse("programs:plan-detail", args=[plan.pk]))
        .content.decode()
    )


def test_form_offers_the_plans_proposals_under_appraisal_and_the_members(
    client_as, officer, appraised, plan, applicant, other_applicant, other_facility, judge, manager
):
    other_plan = make_plan(year=plan.year + 1)
    elsewhere = equipment_proposal(other_applicant, other_plan, other_facility)
    transition(elsewhere, action="submit", actor=other_applicant)
    response = client_as(officer).get(reverse("programs:council-create", args=[plan.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert [p.pk for p in form.fields["proposals"].queryset] == [appraised.pk]
    users = set(form.fields["member_1"].queryset)
    assert {officer, judge, manager} <= users and applicant not in users
    assert len(form.member_rows()) == 5


@pytest.mark.parametrize("who", ["officer", "admin"])
def test_set_up_a_council(client_as, personas, plan, appraised, judge, chair, officer, who):
    response = client_as(personas[who]).post(
        reverse("programs:council-create", args=[plan.pk]),
        council_form(
            [appraised],
            [
                (chair, CouncilRole.CHAIR),
                (None, CouncilRole.MEMBER),
                (judge, CouncilRole.MEMBER),
                (officer, CouncilRole.SECRETARY),
            ],
        ),
    )
    council = AppraisalCouncil.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("programs:council-detail", args=[council.pk])
    assert council.plan == plan and council.decision_number == "12/QĐ-TTKC"
    assert list(council.proposals.all()) == [appraised]
    members = {(m.user, m.role) for m in council.members.all()}
    assert members == {
        (chair, CouncilRole.CHAIR),
        (judge, CouncilRole.MEMBER),
        (officer, CouncilRole.SECRETARY),
    }


@pytest.mark.parametrize("who", ["manager"])
def test_manager_is_refused(client_as, personas, plan, appraised, chair, who):
    client = client_as(personas[who])
    url = reverse("programs:council-create", args=[plan.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, council_form([appraised], [(chair, "chair")])).status_code == 403
    assert not AppraisalCouncil.objects.exists()


@pytest.mark.parametrize("who", ["applicant", "judge", "chair"])
def test_facilities_and_judges_do_not_see_it(client_as, personas, plan, who):
    url = reverse("programs:council-create", args=[plan.pk])
    assert client_as(personas[who]).get(url).status_code == 404


def test_field_errors(client_as, officer, plan, judge, chair, draft):
    response = client_as(officer).post(
        reverse("programs:council-create", args=[plan.pk]),
        council_form(
            members=[(chair, CouncilRole.CHAIR), (judge, CouncilRole.CHAIR)],
            name="",
            decision_date="31/02/2026",
            # A draft is not under appraisal: not among the choices.
            proposals=[draft],
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "decision_date", "proposals"} <= set(errors)
    assert not AppraisalCouncil.objects.exists()


def test_service_errors_on_the_members(client_as, officer, plan, appraised, judge, chair):
    response = client_as(officer).post(
        reverse("programs:council-create", args=[plan.pk]),
        council_form(
            [appraised],
            [(chair, CouncilRole.CHAIR), (judge, CouncilRole.CHAIR), (judge, CouncilRole.MEMBER)],
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 2
    assert "error-summary" in response.content.decode()
    assert not AppraisalCouncil.objects.exists()


@pytest.fixture
def council(officer, plan, appraised, chair, judge):
    return create_council(
        actor=officer,
        plan=plan,
        data={"name": "Hội đồng thẩm định"},
        proposals=[appraised],
        members=[(chair, CouncilRole.CHAIR), (judge, CouncilRole.MEMBER)],
    )


def test_council_page_offers_the_other_proposals_under_appraisal(
    client_as, officer, manager, council, second
):
    response = client_as(officer).get(reverse("programs:council-detail", args=[council.pk]))
    form = response.context["add_form"]
    assert [p.pk for p in form.fields["proposals"].queryset] == [second.pk]
    assert reverse("programs:council-add-proposals", args=[council.pk]) in response.content.decode()
    response = client_as(manager).get(reverse("programs:council-detail", args=[council.pk]))
    assert response.context["add_form"] is None


def test_add_proposals(client_as, officer, council, appraised, second):
    response = client_as(officer).post(
        reverse("programs:council-add-proposals", args=[council.pk]), {"proposals": [second.pk]}
    )
    assert response.status_code == 302
    assert response.url == reverse("programs:council-detail", args=[council.pk])
    assert set(council.proposals.all()) == {appraised, second}


def test_add_nothing_or_one_already_appraised_is_refused(client_as, officer, council, appraised):
    url = reverse("programs:council-add-proposals", args=[council.pk])
    client = client_as(officer)
    for data in ({}, {"proposals": [appraised.pk]}):
        response = client.post(url, data)
        assert response.status_code == 200
        assert "proposals" in response.context["add_form"].errors
    assert list(council.proposals.all()) == [appraised]


@pytest.mark.parametrize(("who", "status"), [("manager", 403), ("judge", 403), ("applicant", 404)])
def test_add_proposals_refused(client_as, personas, council, second, who, status):
    response = client_as(personas[who]).post(
        reverse("programs:council-add-proposals", args=[council.pk]), {"proposals": [second.pk]}
    )
    assert response.status_code == status
    assert council.proposals.count() == 1
