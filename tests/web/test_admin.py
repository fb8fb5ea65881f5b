import pytest
from django.urls import reverse

from applicants.models import Facility, FacilityMember
from core.activity import history_of
from tests.factories import UserFactory, valid_tax_code, ward_in

INLINE_EMPTY = {
    "memberships-TOTAL_FORMS": "0",
    "memberships-INITIAL_FORMS": "0",
    "memberships-MIN_NUM_FORMS": "0",
    "memberships-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def superuser(db):
    """An admin-site user with no role group: core.roles treats a superuser as an admin."""
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def admin_form_data(**overrides):
    ward = ward_in("86")
    data = {
        "name": "Cơ sở cơ khí Tân Phú",
        "legal_form": "small_enterprise",
        "tax_code": valid_tax_code(31337),
        "business_registration_number": "",
        "business_registration_date": "15/03/2020",
        "representative_name": "Võ Văn Tám",
        "representative_title": "",
        "phone": "",
        "email": "",
        "province": ward.province_id,
        "ward": ward.pk,
        "address_line": "",
        "old_address": "",
        "sector": "",
        "craft_village": "",
        "main_products": "",
        "workers": "",
        "founded_year": "",
        **INLINE_EMPTY,
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_admin_add_facility_writes_created_log(client, superuser):
    client.force_login(superuser)

    response = client.post(reverse("admin:applicants_facility_add"), admin_form_data())

    facility = Facility.objects.get()
    assert response.status_code == 302
    assert facility.name == "Cơ sở cơ khí Tân Phú"
    [log] = history_of(facility)
    assert (log.action, log.actor) == ("created", superuser)


def test_admin_add_facility_saves_inline_member(client, superuser, applicant):
    client.force_login(superuser)
    data = admin_form_data(
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-user": str(applicant.pk),
        }
    )

    client.post(reverse("admin:applicants_facility_add"), data)

    assert list(FacilityMember.objects.values_list("facility__name", "user__username")) == [
        ("Cơ sở cơ khí Tân Phú", "applicant")
    ]


def test_admin_change_facility_writes_updated_log(client, superuser, facility):
    client.force_login(superuser)
    data = admin_form_data(
        name="Tên đã sửa",
        tax_code=facility.tax_code,
        ward=facility.ward_id,
        province=facility.province_id,
        business_registration_date="",
        representative_name=facility.representative_name,
        representative_title=facility.representative_title,
        phone=facility.phone,
        address_line=facility.address_line,
        sector=facility.sector,
        main_products=facility.main_products,
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(facility.memberships.get().pk),
            "memberships-0-facility": str(facility.pk),
            "memberships-0-user": str(facility.memberships.get().user_id),
        },
    )
    old_name = facility.name

    response = client.post(reverse("admin:applicants_facility_change", args=[facility.pk]), data)

    assert response.status_code == 302
    [log] = history_of(facility)
    assert (log.action, log.actor) == ("updated", superuser)
    assert log.before == {"name": old_name}
    assert log.after == {"name": "Tên đã sửa"}


def test_admin_delete_facility_writes_deleted_log(client, superuser, facility):
    client.force_login(superuser)
    pk = facility.pk

    response = client.post(reverse("admin:applicants_facility_delete", args=[pk]), {"post": "yes"})

    assert response.status_code == 302
    assert Facility.objects.filter(pk=pk).exists() is False
    [log] = history_of(facility)
    assert (log.action, log.actor) == ("deleted", superuser)


def test_admin_facility_pages_render(client, superuser, facility):
    client.force_login(superuser)

    assert client.get(reverse("admin:applicants_facility_changelist")).status_code == 200
    assert client.get(reverse("admin:applicants_facilitymember_changelist")).status_code == 200
    change = reverse("admin:applicants_facility_change", args=[facility.pk])
    assert client.get(change).status_code == 200
