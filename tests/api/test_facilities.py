import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from applicants.models import Facility, FacilityMember, LegalForm
from core.activity import Action
from core.models import ActivityLog, Ward
from tests.factories import FacilityFactory, FacilityMemberFactory, valid_tax_code, ward_in

User = get_user_model()

URL = "/api/v1/facilities/"
PHU_KHUONG = "28756"  # Phường Phú Khương, tỉnh Vĩnh Long ("86")
BA_DINH = "00004"  # Phường Ba Đình, Thành phố Hà Nội ("01")
VALID_TAX_CODE = "0300588569"
ELIGIBLE_TODAY = {
    "eligible": True,
    "reasons": [],
    "legal_basis": "Nghị định 45/2012/NĐ-CP, sửa đổi bởi Nghị định 235/2025/NĐ-CP",
}


def detail_url(facility):
    return f"{URL}{facility.pk}/"


def facility_body(**overrides):
    body = {
        "name": "Cơ sở kẹo dừa Thanh Long",
        "legal_form": "small_enterprise",
        "tax_code": VALID_TAX_CODE,
        "representative_name": "Lê Thị Mai",
        "representative_title": "Chủ cơ sở",
        "phone": "0912 345 678",
        "email": "keodua@example.vn",
        "address_line": "Ấp Phú Thạnh",
        "province": "86",
        "ward": PHU_KHUONG,
        "craft_village": "Làng nghề kẹo dừa",
        "workers": 25,
        "founded_year": 2008,
        "woman_owned": True,
    }
    body.update(overrides)
    return body


def ids(response):
    return [item["id"] for item in response.json()["results"]]


# --- permissions: every role × list / retrieve / create / update / delete -----------------


@pytest.mark.parametrize(
    ("persona", "expected_status", "visible"),
    [
        ("applicant", 200, ["facility"]),
        ("other_applicant", 200, ["other_facility"]),
        ("judge", 200, []),
        ("officer", 200, ["facility", "other_facility"]),
        ("manager", 200, ["facility", "other_facility"]),
        ("admin", 200, ["facility", "other_facility"]),
        ("anonymous", 401, None),
    ],
)
def test_facility_list_by_role(
    api_as, personas, facility, other_facility, persona, expected_status, visible
):
    by_name = {"facility": facility, "other_facility": other_facility}

    response = api_as(personas[persona]).get(URL)

    assert response.status_code == expected_status
    if visible is not None:
        assert response.json()["count"] == len(visible)
        assert sorted(ids(response)) == sorted(by_name[name].pk for name in visible)


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 401),
    ],
)
def test_facility_retrieve_by_role(api_as, personas, facility, persona, expected_status):
    response = api_as(personas[persona]).get(detail_url(facility))

    assert response.status_code == expected_status
    if expected_status == 200:
        assert response.json()["id"] == facility.pk
        assert response.json()["tax_code"] == facility.tax_code


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 201),
        ("other_applicant", 201),
        ("judge", 403),
        ("officer", 201),
        ("manager", 403),
        ("admin", 201),
        ("anonymous", 401),
    ],
)
def test_facility_create_by_role(api_as, personas, persona, expected_status):
    response = api_as(personas[persona]).post(URL, facility_body(), format="json")

    assert response.status_code == expected_status
    assert Facility.objects.count() == (1 if expected_status == 201 else 0)


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 403),
        ("admin", 200),
        ("anonymous", 401),
    ],
)
def test_facility_update_by_role(api_as, personas, facility, persona, expected_status):
    old_name = facility.name

    response = api_as(personas[persona]).patch(
        detail_url(facility), {"name": "Tên mới"}, format="json"
    )

    assert response.status_code == expected_status
    facility.refresh_from_db()
    assert facility.name == ("Tên mới" if expected_status == 200 else old_name)


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 403),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 403),
        ("manager", 403),
        ("admin", 204),
        ("anonymous", 401),
    ],
)
def test_facility_delete_by_role(api_as, personas, facility, persona, expected_status):
    response = api_as(personas[persona]).delete(detail_url(facility))

    assert response.status_code == expected_status
    assert Facility.objects.filter(pk=facility.pk).exists() == (expected_status != 204)


def test_facility_create_by_manager_with_bad_body_is_still_403(api_as, manager):
    response = api_as(manager).post(URL, {"tax_code": "1"}, format="json")

    assert response.status_code == 403


# --- create, update, delete ---------------------------------------------------------------


def test_facility_create_answers_the_stored_facility(api_as, officer):
    response = api_as(officer).post(URL, facility_body(), format="json")

    assert response.status_code == 201
    facility = Facility.objects.get()
    assert response.json() == {
        "id": facility.pk,
        "name": "Cơ sở kẹo dừa Thanh Long",
        "legal_form": "small_enterprise",
        "tax_code": "0300588569",
        "business_registration_number": "",
        "business_registration_date": None,
        "representative_name": "Lê Thị Mai",
        "representative_title": "Chủ cơ sở",
        "phone": "0912345678",
        "email": "keodua@example.vn",
        "address_line": "Ấp Phú Thạnh",
        "province": "86",
        "province_name": "Tỉnh Vĩnh Long",
        "ward": PHU_KHUONG,
        "ward_name": "Phường Phú Khương",
        "old_address": "",
        "craft_village": "Làng nghề kẹo dừa",
        "sector": "",
        "main_products": "",
        "workers": 25,
        "founded_year": 2008,
        "woman_owned": True,
        "ethnic_minority_owned": False,
        "exporter": False,
        "local_materials_over_half": False,
        "has_artisan": False,
        "eligibility": {**ELIGIBLE_TODAY, "on": timezone.localdate().isoformat()},
        "created_at": response.json()["created_at"],
        "updated_at": response.json()["updated_at"],
    }


def test_facility_create_by_applicant_makes_them_a_member(api_as, applicant):
    response = api_as(applicant).post(URL, facility_body(), format="json")

    assert response.status_code == 201
    assert list(FacilityMember.objects.values_list("facility_id", "user_id")) == [
        (response.json()["id"], applicant.pk)
    ]
    assert ids(api_as(applicant).get(URL)) == [response.json()["id"]]


def test_facility_create_writes_an_activity_log_row(api_as, officer):
    response = api_as(officer).post(URL, facility_body(), format="json")

    row = ActivityLog.objects.get()
    assert (row.action, row.actor, row.object_id) == (
        Action.CREATED,
        officer,
        str(response.json()["id"]),
    )


def test_facility_put_by_member_replaces_the_profile(api_as, applicant, facility):
    body = facility_body(tax_code=facility.tax_code, name="Cơ sở đổi tên")

    response = api_as(applicant).put(detail_url(facility), body, format="json")

    assert response.status_code == 200
    facility.refresh_from_db()
    assert (facility.name, facility.ward_id, facility.workers) == ("Cơ sở đổi tên", PHU_KHUONG, 25)
    assert response.json()["name"] == "Cơ sở đổi tên"


def test_facility_put_without_required_fields_is_400(api_as, applicant, facility):
    response = api_as(applicant).put(detail_url(facility), {"name": "X"}, format="json")

    assert response.status_code == 400
    assert sorted(response.data) == ["legal_form", "province", "representative_name", "ward"]
    assert {errors[0].code for errors in response.data.values()} == {"required"}


def test_facility_update_writes_before_and_after_of_the_changed_field(api_as, officer, facility):
    old_name = facility.name

    response = api_as(officer).patch(detail_url(facility), {"name": "Cơ sở mới"}, format="json")

    assert response.status_code == 200
    row = ActivityLog.objects.get(action=Action.UPDATED)
    assert row.actor == officer
    assert row.object_id == str(facility.pk)
    assert row.before == {"name": old_name}
    assert row.after == {"name": "Cơ sở mới"}


def test_facility_update_without_change_writes_no_log_row(api_as, officer, facility):
    response = api_as(officer).patch(detail_url(facility), {"phone": "0912 345 678"}, format="json")

    assert response.status_code == 200
    assert ActivityLog.objects.filter(action=Action.UPDATED).count() == 0


def test_facility_delete_by_admin_removes_it_and_logs(api_as, admin_user, facility):
    pk, name = facility.pk, facility.name

    response = api_as(admin_user).delete(detail_url(facility))

    assert response.status_code == 204
    assert not Facility.objects.filter(pk=pk).exists()
    row = ActivityLog.objects.get(action=Action.DELETED)
    assert (row.actor, row.object_id, row.before["name"]) == (admin_user, str(pk), name)


# --- validation: field-level errors from the service ---------------------------------------


def test_facility_create_bad_tax_code_check_digit_is_a_field_error(api_as, officer):
    response = api_as(officer).post(URL, facility_body(tax_code="0300588568"), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["tax_code"]
    assert response.data["tax_code"][0].code == "tax_code_check_digit"
    assert Facility.objects.count() == 0


def test_facility_create_tax_code_of_wrong_length_is_a_field_error(api_as, officer):
    response = api_as(officer).post(URL, facility_body(tax_code="03005885"), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["tax_code"]
    assert response.data["tax_code"][0].code == "tax_code_format"


def test_facility_create_branch_tax_code_is_normalized(api_as, officer):
    response = api_as(officer).post(URL, facility_body(tax_code="0300588569001"), format="json")

    assert response.status_code == 201
    assert response.json()["tax_code"] == "0300588569-001"
    assert Facility.objects.get().tax_code == "0300588569-001"


def test_facility_create_accepts_identifiers_written_with_separators(api_as, officer):
    body = facility_body(tax_code="0300.588.569-001", phone="(+84) 912 345 678")

    response = api_as(officer).post(URL, body, format="json")

    assert response.status_code == 201
    assert (response.json()["tax_code"], response.json()["phone"]) == (
        "0300588569-001",
        "0912345678",
    )


def test_facility_create_duplicate_tax_code_is_a_field_error(api_as, officer):
    FacilityFactory(tax_code=VALID_TAX_CODE)

    response = api_as(officer).post(URL, facility_body(tax_code="0300 588 569"), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["tax_code"]
    assert response.data["tax_code"][0].code == "unique"
    assert Facility.objects.count() == 1


def test_facility_update_to_another_facilitys_tax_code_is_a_field_error(
    api_as, officer, facility, other_facility
):
    response = api_as(officer).patch(
        detail_url(facility), {"tax_code": other_facility.tax_code}, format="json"
    )

    assert response.status_code == 400
    assert list(response.data) == ["tax_code"]
    assert response.data["tax_code"][0].code == "unique"


def test_facility_create_ward_not_in_province_is_a_field_error(api_as, officer):
    response = api_as(officer).post(URL, facility_body(ward=BA_DINH), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["ward"]


def test_facility_create_unknown_ward_code_is_a_field_error(api_as, officer):
    response = api_as(officer).post(URL, facility_body(ward="99999"), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["ward"]
    assert response.data["ward"][0].code == "does_not_exist"


def test_facility_create_without_tax_code_is_an_error_for_an_enterprise(api_as, officer):
    response = api_as(officer).post(URL, facility_body(tax_code=""), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["tax_code"]


@pytest.mark.parametrize("missing", ["", None])
def test_facility_create_without_tax_code_is_allowed_for_a_household_business(
    api_as, officer, missing
):
    body = facility_body(legal_form="household_business", tax_code=missing)

    response = api_as(officer).post(URL, body, format="json")

    assert response.status_code == 201
    assert response.json()["tax_code"] is None


def test_facility_create_two_household_businesses_without_tax_code(api_as, officer):
    body = facility_body(legal_form="household_business", tax_code="")

    first = api_as(officer).post(URL, body, format="json")
    second = api_as(officer).post(URL, body, format="json")

    assert (first.status_code, second.status_code) == (201, 201)


def test_facility_create_bad_phone_is_a_field_error(api_as, officer):
    response = api_as(officer).post(URL, facility_body(phone="12345"), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["phone"]
    assert response.data["phone"][0].code == "phone"


def test_facility_create_reports_every_error_at_once(api_as, officer):
    body = facility_body(tax_code="0300588568", ward=BA_DINH, founded_year=1500)

    response = api_as(officer).post(URL, body, format="json")

    assert response.status_code == 400
    assert sorted(response.data) == ["founded_year", "tax_code", "ward"]


def test_facility_create_unknown_legal_form_is_a_field_error(api_as, officer):
    response = api_as(officer).post(URL, facility_body(legal_form="company"), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["legal_form"]
    assert response.data["legal_form"][0].code == "invalid_choice"


# --- filters, ordering, pagination ---------------------------------------------------------


def test_facility_filter_by_province(api_as, officer):
    in_vinh_long = FacilityFactory(ward=Ward.objects.get(code=PHU_KHUONG))
    FacilityFactory(ward=Ward.objects.get(code=BA_DINH))

    response = api_as(officer).get(URL, {"province": "86"})

    assert ids(response) == [in_vinh_long.pk]


def test_facility_filter_by_unknown_province_is_400(api_as, officer):
    response = api_as(officer).get(URL, {"province": "99"})

    assert response.status_code == 400
    assert list(response.data) == ["province"]


def test_facility_filter_by_ward(api_as, officer):
    in_phu_khuong = FacilityFactory(ward=Ward.objects.get(code=PHU_KHUONG))
    FacilityFactory(ward=ward_in("86", Ward.Kind.COMMUNE))

    response = api_as(officer).get(URL, {"ward": PHU_KHUONG})

    assert ids(response) == [in_phu_khuong.pk]


def test_facility_filter_by_legal_form(api_as, officer):
    cooperative = FacilityFactory(legal_form=LegalForm.COOPERATIVE)
    FacilityFactory(legal_form=LegalForm.SMALL_ENTERPRISE)

    response = api_as(officer).get(URL, {"legal_form": "cooperative"})

    assert ids(response) == [cooperative.pk]


def test_facility_filter_by_craft_village(api_as, officer):
    in_village = FacilityFactory(craft_village="Làng nghề bánh tráng Mỹ Lồng")
    FacilityFactory(craft_village="")

    response = api_as(officer).get(URL, {"craft_village": "bánh tráng"})

    assert ids(response) == [in_village.pk]


def test_facility_search_by_name(api_as, officer):
    hoa_sen = FacilityFactory(name="Hợp tác xã Hoa Sen")
    FacilityFactory(name="Cơ sở Mai Vàng")

    response = api_as(officer).get(URL, {"search": "hoa sen"})

    assert ids(response) == [hoa_sen.pk]


def test_facility_search_by_tax_code(api_as, officer):
    wanted = FacilityFactory(tax_code=VALID_TAX_CODE)
    other = FacilityFactory()
    assert "0300588" not in other.tax_code

    response = api_as(officer).get(URL, {"search": "0300588"})

    assert ids(response) == [wanted.pk]


def test_facility_filters_keep_an_applicant_to_their_own(api_as, applicant, facility):
    FacilityFactory(name=facility.name + " khác")

    response = api_as(applicant).get(URL, {"search": facility.name})

    assert ids(response) == [facility.pk]


def test_facility_ordering_by_name(api_as, officer):
    b, a, c = (FacilityFactory(name=name) for name in ("Bình An", "An Phú", "Cẩm Tú"))

    response = api_as(officer).get(URL, {"ordering": "name"})

    assert ids(response) == [a.pk, b.pk, c.pk]


def test_facility_ordering_by_newest_first(api_as, officer):
    old, new, middle = FacilityFactory.create_batch(3)
    start = timezone.now()
    for days, facility in ((3, old), (1, new), (2, middle)):
        Facility.objects.filter(pk=facility.pk).update(
            created_at=start - datetime.timedelta(days=days)
        )

    response = api_as(officer).get(URL, {"ordering": "-created_at"})

    assert ids(response) == [new.pk, middle.pk, old.pk]


def test_facility_ordering_by_tax_code(api_as, officer):
    codes = [valid_tax_code(seed) for seed in (900, 901, 902)]
    facilities = [FacilityFactory(tax_code=code) for code in codes]
    expected = [f.pk for f in sorted(facilities, key=lambda f: f.tax_code)]

    response = api_as(officer).get(URL, {"ordering": "tax_code"})

    assert ids(response) == expected


def test_facility_ordering_by_province_name(api_as, officer):
    vinh_long = FacilityFactory(ward=Ward.objects.get(code=PHU_KHUONG), name="A")
    ha_noi = FacilityFactory(ward=Ward.objects.get(code=BA_DINH), name="B")

    response = api_as(officer).get(URL, {"ordering": "province"})

    # "Thành phố Hà Nội" sorts before "Tỉnh Vĩnh Long".
    assert ids(response) == [ha_noi.pk, vinh_long.pk]


def test_facility_ordering_by_unlisted_field_is_ignored(api_as, officer):
    b, a = FacilityFactory(name="B"), FacilityFactory(name="A")

    response = api_as(officer).get(URL, {"ordering": "representative_name"})

    assert response.status_code == 200
    assert ids(response) == [a.pk, b.pk]


def test_facility_list_is_paginated(api_as, officer):
    FacilityFactory.create_batch(27)

    first = api_as(officer).get(URL)
    second = api_as(officer).get(URL, {"page": 2})

    assert first.json()["count"] == 27
    assert len(first.json()["results"]) == 25
    assert first.json()["next"] == "http://testserver/api/v1/facilities/?page=2"
    assert len(second.json()["results"]) == 2
    assert second.json()["next"] is None


# --- query count: the list must not grow with the number of facilities ---------------------


def count_list_queries(user):
    client = APIClient()
    # A fresh user object, so that each measurement also pays for reading the role.
    client.force_authenticate(User.objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return response.json()["count"], len(queries)


def test_facility_list_query_count_is_constant_for_officer(officer):
    FacilityFactory()
    count_one, queries_one = count_list_queries(officer)
    FacilityFactory.create_batch(2, ward=Ward.objects.get(code=BA_DINH))
    count_three, queries_three = count_list_queries(officer)

    assert (count_one, count_three) == (1, 3)
    assert queries_three == queries_one


def test_facility_list_query_count_is_constant_for_applicant(applicant):
    FacilityMemberFactory(user=applicant)
    count_one, queries_one = count_list_queries(applicant)
    FacilityMemberFactory(user=applicant)
    FacilityMemberFactory(user=applicant, facility__ward=Ward.objects.get(code=BA_DINH))
    count_three, queries_three = count_list_queries(applicant)

    assert (count_one, count_three) == (1, 3)
    assert queries_three == queries_one
