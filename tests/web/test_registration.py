import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from applicants.models import Facility, FacilityMember
from core.activity import history_of
from core.roles import Role, role_of
from tests.factories import valid_tax_code
from tests.web.conftest import other_province_ward

User = get_user_model()
NEW_PASSWORD = "Keo-dua-Ben-Tre-2026"


@pytest.fixture
def registration_data(facility_form_data):
    def make(**overrides):
        account = {
            "username": "banhtrang",
            "full_name": "Lê Thị Mai",
            "account_email": "mai@example.vn",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        }
        account.update({k: v for k, v in overrides.items() if k in account})
        facility = {k: v for k, v in overrides.items() if k not in account}
        return {**account, **facility_form_data(**facility)}

    return make


def test_register_page_renders_for_anonymous(client, db):
    response = client.get(reverse("register"))

    assert response.status_code == 200
    assert 'id="register-submit"' in response.text
    assert response.context["form"]["province"].value() is None


def test_register_success_creates_user_facility_and_membership(client, registration_data):
    response = client.post(reverse("register"), registration_data())

    user = User.objects.get()
    facility = Facility.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("applicants:detail", args=[facility.pk])
    assert (user.username, user.full_name, user.email) == (
        "banhtrang",
        "Lê Thị Mai",
        "mai@example.vn",
    )
    assert role_of(user) == Role.APPLICANT
    assert user.check_password(NEW_PASSWORD)
    assert list(FacilityMember.objects.values_list("user", "facility")) == [(user.pk, facility.pk)]
    assert facility.name == "Cơ sở bánh tráng Mỹ Lồng"
    assert facility.email == "coso@example.vn"
    assert facility.phone == "0912345678"
    assert facility.business_registration_date == datetime.date(2020, 3, 15)
    assert facility.workers == 12
    assert facility.woman_owned is True
    assert facility.ethnic_minority_owned is False
    assert client.session["_auth_user_id"] == str(user.pk)


def test_register_success_logs_the_new_facility(client, registration_data):
    client.post(reverse("register"), registration_data())

    [log] = history_of(Facility.objects.get())
    assert (log.action, log.actor) == ("created", User.objects.get())


def test_register_success_lands_on_the_detail_page(client, registration_data):
    response = client.post(reverse("register"), registration_data(), follow=True)

    assert response.status_code == 200
    assert response.context["facility"].name == "Cơ sở bánh tráng Mỹ Lồng"
    assert response.context["user"].username == "banhtrang"


def _assert_nothing_created():
    assert User.objects.count() == 0
    assert Facility.objects.count() == 0
    assert FacilityMember.objects.count() == 0


def test_register_invalid_tax_code_creates_nothing(client, registration_data):
    response = client.post(reverse("register"), registration_data(tax_code="0300588568"))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"tax_code"}
    assert set(response.context["account_form"].errors) == set()
    _assert_nothing_created()


def test_register_ward_of_another_province_creates_nothing(client, registration_data):
    response = client.post(reverse("register"), registration_data(ward=other_province_ward().pk))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"ward"}
    _assert_nothing_created()


def test_register_password_mismatch_creates_nothing(client, registration_data):
    response = client.post(reverse("register"), registration_data(password2="Khac-nhau-2026!"))

    assert response.status_code == 200
    assert set(response.context["account_form"].errors) == {"password2"}
    assert set(response.context["form"].errors) == set()
    _assert_nothing_created()


def test_register_weak_password_shows_error_on_password1(client, registration_data):
    response = client.post(
        reverse("register"), registration_data(password1="12345678", password2="12345678")
    )

    assert response.status_code == 200
    assert set(response.context["account_form"].errors) == {"password1"}
    _assert_nothing_created()


def test_register_duplicate_username_creates_nothing(client, applicant, registration_data):
    response = client.post(reverse("register"), registration_data(username="applicant"))

    assert response.status_code == 200
    assert set(response.context["account_form"].errors) == {"username"}
    assert list(User.objects.values_list("username", flat=True)) == ["applicant"]
    assert Facility.objects.count() == 0


def test_register_account_and_facility_errors_show_together(client, applicant, registration_data):
    data = registration_data(username="applicant", tax_code="0300588568")

    response = client.post(reverse("register"), data)

    assert set(response.context["account_form"].errors) == {"username"}
    assert set(response.context["form"].errors) == {"tax_code"}


def test_register_duplicate_tax_code_creates_nothing(client, facility, registration_data):
    response = client.post(reverse("register"), registration_data(tax_code=facility.tax_code))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"tax_code"}
    assert User.objects.filter(username="banhtrang").exists() is False
    assert Facility.objects.count() == 1


def test_register_invalid_date_is_a_field_error(client, registration_data):
    response = client.post(
        reverse("register"), registration_data(business_registration_date="31/02/2020")
    )

    assert set(response.context["form"].errors) == {"business_registration_date"}
    _assert_nothing_created()


def test_register_rerendered_form_lists_wards_of_chosen_province(client, registration_data):
    ward = other_province_ward()
    data = registration_data(province=ward.province_id, ward="", tax_code=valid_tax_code(7))

    response = client.post(reverse("register"), data)

    wards = response.context["form"].fields["ward"].queryset
    assert set(wards.values_list("province", flat=True)) == {"01"}
    assert set(response.context["form"].errors) == {"ward"}


def test_register_redirects_logged_in_user_home(client_as, applicant):
    response = client_as(applicant).get(reverse("register"))

    assert response.status_code == 302
    assert response.url == reverse("home")
