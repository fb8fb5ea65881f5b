"""Each programme page allowed and refused by role: what a user may not see is a 404 (its
existence is not revealed), what they may see but not do a 403; anonymous users log in."""

import pytest
from django.urls import reverse

from core.workflow import transition
from programs.models import AppraisalCouncil, CouncilMember, CouncilRole


def status(client_as, user, url, method="get", data=None):
    client = client_as(user)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_proposal_page_access(persona, expected, personas, client_as, draft):
    url = reverse("programs:proposal-detail", args=[draft.pk])
    assert status(client_as, personas[persona], url) == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("officer", 200),
        ("manager", 403),
        ("anonymous", 302),
    ],
)
def test_proposal_edit_access(persona, expected, personas, client_as, draft):
    url = reverse("programs:proposal-edit", args=[draft.pk])
    assert status(client_as, personas[persona], url) == expected


def test_proposal_edit_of_a_submitted_proposal_goes_back_to_its_page(client_as, applicant, draft):
    transition(draft, action="submit", actor=applicant)
    response = client_as(applicant).get(reverse("programs:proposal-edit", args=[draft.pk]))
    assert response.status_code == 302
    assert response.url == reverse("programs:proposal-detail", args=[draft.pk])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("applicant", 200), ("officer", 200), ("manager", 200), ("judge", 403), ("anonymous", 302)],
)
def test_proposal_list_access(persona, expected, personas, client_as, draft):
    assert status(client_as, personas[persona], reverse("programs:proposal-list")) == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("applicant", 200), ("officer", 200), ("manager", 403), ("judge", 403), ("anonymous", 302)],
)
def test_apply_page_access(persona, expected, personas, client_as, plan, facility):
    assert status(client_as, personas[persona], reverse("programs:proposal-create")) == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("applicant", 404), ("judge", 404), ("officer", 200), ("manager", 200), ("anonymous", 302)],
)
def test_plan_page_access(persona, expected, personas, client_as, plan):
    assert (
        status(client_as, personas[persona], reverse("programs:plan-detail", args=[plan.pk]))
        == expected
    )


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("applicant", 403), ("judge", 403), ("officer", 200), ("manager", 200), ("anonymous", 302)],
)
def test_plan_list_access(persona, expected, personas, client_as, plan):
    assert status(client_as, personas[persona], reverse("programs:plan-list")) == expected


@pytest.fixture
def council(plan, draft, applicant, officer, judge):
    transition(draft, action="submit", actor=applicant)
    transition(draft, action="start_appraisal", actor=officer)
    council = AppraisalCouncil.objects.create(plan=plan, name="Hội đồng thẩm định 2026")
    council.proposals.add(draft)
    CouncilMember.objects.create(council=council, user=judge, role=CouncilRole.CHAIR)
    return council


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 404),
        ("other_judge", 404),
        ("judge", 200),
        ("officer", 200),
        ("manager", 200),
        ("anonymous", 302),
    ],
)
def test_council_page_access(persona, expected, personas, client_as, council):
    url = reverse("programs:council-detail", args=[council.pk])
    assert status(client_as, personas[persona], url) == expected


def test_payment_refused_to_the_facility_and_the_manager(client_as, applicant, manager, draft):
    url = reverse("programs:payment-create", args=[draft.pk])
    assert status(client_as, applicant, url, "post") == 403
    assert status(client_as, manager, url, "post") == 403


def test_support_view_refused_to_staff_who_may_not_edit(client_as, manager, other_applicant, draft):
    url = reverse("programs:proposal-support", args=[draft.pk])
    assert status(client_as, manager, url, "post") == 403
    assert status(client_as, other_applicant, url, "post") == 404


def test_conclude_refused_to_a_member_who_is_not_an_officer(client_as, judge, council):
    url = reverse("programs:council-conclude", args=[council.pk])
    assert status(client_as, judge, url, "post", {"conclusion": "x"}) == 403


def test_opinion_refused_to_a_non_member_officer(client_as, officer, council, draft):
    url = reverse("programs:opinion-save", args=[council.pk, draft.pk])
    response = client_as(officer).post(url, {"verdict": "agree", "score": "80"})
    # The officer sees the page but gives no opinion: the service refuses (403).
    assert response.status_code == 403
