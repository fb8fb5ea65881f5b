import pytest
from django.urls import reverse

from core.models import Organisation
from tests.factories import FacilityFactory, UserFactory


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


def test_home_anonymous_sees_landing_with_login_and_register(client, db):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "portal/landing.html" in template_names(response)
    assert f'href="{reverse("login")}"' in response.text
    assert f'href="{reverse("register")}"' in response.text


def test_home_shows_organisation_names(client, db):
    Organisation.objects.create(
        province_name="UBND TỈNH VĨNH LONG",
        department_name="SỞ CÔNG THƯƠNG",
        center_name="TRUNG TÂM KHUYẾN CÔNG VĨNH LONG",
    )

    response = client.get(reverse("home"))

    assert '<span class="org-center">TRUNG TÂM KHUYẾN CÔNG VĨNH LONG</span>' in response.text
    assert "UBND TỈNH VĨNH LONG · SỞ CÔNG THƯƠNG" in response.text


def test_home_applicant_sees_own_facilities_with_eligibility(client_as, applicant, facility):
    FacilityFactory()  # someone else's

    response = client_as(applicant).get(reverse("home"))

    assert "portal/home_applicant.html" in template_names(response)
    cards = response.context["cards"]
    assert [card_facility for card_facility, _ in cards] == [facility]
    assert cards[0][1].eligible is True
    assert f'href="{reverse("applicants:create")}"' in response.text
    assert f'href="{reverse("applicants:detail", args=[facility.pk])}"' in response.text


def test_home_applicant_without_facility_sees_empty_state(client_as, applicant):
    response = client_as(applicant).get(reverse("home"))

    assert response.context["cards"] == []


@pytest.mark.parametrize("persona", ["officer", "manager", "admin"])
def test_home_staff_sees_counts(persona, personas, client_as, facility, other_facility):
    response = client_as(personas[persona]).get(reverse("home"))

    assert "portal/home_staff.html" in template_names(response)
    assert response.context["facility_count"] == 2
    assert response.context["recent_facility_count"] == 2
    assert response.context["applicant_count"] == 2
    assert f'href="{reverse("applicants:list")}"' in response.text


def test_home_judge_sees_empty_state(client_as, judge):
    response = client_as(judge).get(reverse("home"))

    assert "portal/home_judge.html" in template_names(response)
    assert 'id="judge-empty"' in response.text


def test_home_user_without_role(client_as, db):
    response = client_as(UserFactory(username="norole")).get(reverse("home"))

    assert "portal/home_no_role.html" in template_names(response)


@pytest.mark.parametrize(
    ("persona", "links", "absent"),
    [
        ("anonymous", ["login", "register"], ["applicants:list", "logout"]),
        ("applicant", ["applicants:create", "logout", "password_change"], ["applicants:list"]),
        ("judge", ["logout"], ["applicants:list", "applicants:create"]),
        ("officer", ["applicants:list", "applicants:create"], ["register"]),
        ("manager", ["applicants:list"], ["applicants:create"]),
        ("admin", ["applicants:list", "applicants:create"], []),
    ],
)
def test_nav_links_by_role(persona, links, absent, personas, client_as):
    response = client_as(personas[persona]).get(reverse("home"))
    nav = response.text.split('<main id="main"', 1)[0]

    for name in links:
        assert f'"{reverse(name)}"' in nav, name
    for name in absent:
        assert f'"{reverse(name)}"' not in nav, name
