import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applicants import services
from applicants.models import Facility, FacilityMember, LegalForm
from core.activity import history_of
from core.models import Ward
from tests.factories import FacilityFactory, valid_tax_code, ward_in
from tests.web.conftest import other_province_ward


def list_url(**params):
    from urllib.parse import urlencode

    return reverse("applicants:list") + ("?" + urlencode(params) if params else "")


# --- list ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "manager", "admin"])
def test_facility_list_shows_all_facilities_to_staff(
    persona, personas, client_as, facility, other_facility
):
    response = client_as(personas[persona]).get(list_url())

    assert response.status_code == 200
    expected = sorted([facility, other_facility], key=lambda f: (f.name, f.pk))
    assert list(response.context["page_obj"]) == expected
    assert response.context["page_obj"].paginator.count == 2


def test_facility_list_redirects_applicant_home(client_as, applicant, facility):
    response = client_as(applicant).get(list_url())

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_facility_list_forbidden_for_judge(client_as, judge, facility):
    assert client_as(judge).get(list_url()).status_code == 403


def test_facility_list_redirects_anonymous_to_login(client, facility):
    response = client.get(list_url())

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=" + reverse("applicants:list")


@pytest.fixture
def spread(db):
    """Three facilities that differ in province, ward, legal form, craft village and name."""
    hanoi = other_province_ward()
    return {
        "keo": FacilityFactory(name="Kẹo dừa Thanh Long", craft_village="Làng nghề kẹo dừa"),
        "may": FacilityFactory(
            name="Cơ khí Bình Minh",
            legal_form=LegalForm.COOPERATIVE,
            ward=ward_in("86", kind=Ward.Kind.WARD),
        ),
        "lua": FacilityFactory(name="Lụa Vạn Phúc", ward=hanoi, craft_village="Làng lụa"),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "01"}, ["lua"]),
        ({"legal_form": "cooperative"}, ["may"]),
        ({"craft_village": "kẹo"}, ["keo"]),
        ({"search": "bình minh"}, ["may"]),
        ({"search": "Lụa"}, ["lua"]),
        ({"province": "86", "craft_village": "làng"}, ["keo"]),
    ],
)
def test_facility_list_filters_by_field(params, expected, client_as, officer, spread):
    response = client_as(officer).get(list_url(**params))

    assert [f.pk for f in response.context["page_obj"]] == [spread[key].pk for key in expected]
    assert response.context["page_obj"].paginator.count == len(expected)


def test_facility_list_filters_by_tax_code(client_as, officer, spread):
    response = client_as(officer).get(list_url(search=spread["may"].tax_code))

    assert list(response.context["page_obj"]) == [spread["may"]]


def test_facility_list_filters_by_ward(client_as, officer, spread):
    ward = spread["may"].ward

    response = client_as(officer).get(list_url(province="86", ward=ward.pk))

    assert list(response.context["page_obj"]) == [spread["may"]]


def test_facility_list_ward_choices_follow_chosen_province(client_as, officer, spread):
    response = client_as(officer).get(list_url(province="01"))

    wards = response.context["filter"].form.fields["ward"].queryset
    assert wards.count() == Ward.objects.filter(province="01").count()
    assert set(wards.values_list("province", flat=True)) == {"01"}


def test_facility_list_without_province_lists_no_ward(client_as, officer, spread):
    response = client_as(officer).get(list_url())

    assert response.context["filter"].form.fields["ward"].queryset.count() == 0


def test_facility_list_empty_state_when_nothing_matches(client_as, officer, spread):
    response = client_as(officer).get(list_url(search="không có"))

    assert response.context["page_obj"].paginator.count == 0
    assert 'id="facility-empty"' in response.text


def test_facility_list_paginates_by_25(client_as, officer):
    FacilityFactory.create_batch(26)

    first = client_as(officer).get(list_url())
    second = client_as(officer).get(list_url(page=2))

    assert len(first.context["page_obj"]) == 25
    assert len(second.context["page_obj"]) == 1
    assert first.context["page_obj"].paginator.count == 26
    assert 'id="facility-count">26</span>' in first.text
    assert 'href="?page=2"' in first.text


def test_facility_list_page_links_keep_the_filters(client_as, officer):
    FacilityFactory.create_batch(26, craft_village="Làng nghề")

    response = client_as(officer).get(list_url(craft_village="Làng"))

    assert 'href="?craft_village=L%C3%A0ng&amp;page=2"' in response.text


def test_facility_list_query_count_does_not_grow(client_as, officer):
    client = client_as(officer)
    FacilityFactory()
    client.get(list_url())  # warm caches (content types, role)
    with CaptureQueriesContext(connection) as one:
        client.get(list_url())
    FacilityFactory.create_batch(2)
    with CaptureQueriesContext(connection) as three:
        client.get(list_url())

    assert len(three) == len(one)


# --- detail ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["applicant", "officer", "manager", "admin"])
def test_facility_detail_visible_to_member_and_staff(persona, personas, client_as, facility):
    response = client_as(personas[persona]).get(reverse("applicants:detail", args=[facility.pk]))

    assert response.status_code == 200
    assert response.context["facility"] == facility


@pytest.mark.parametrize("persona", ["other_applicant", "judge"])
def test_facility_detail_404_for_others(persona, personas, client_as, facility):
    response = client_as(personas[persona]).get(reverse("applicants:detail", args=[facility.pk]))

    assert response.status_code == 404


def test_facility_detail_redirects_anonymous_to_login(client, facility):
    url = reverse("applicants:detail", args=[facility.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=" + url


def test_facility_detail_404_for_unknown_pk(client_as, officer):
    assert client_as(officer).get(reverse("applicants:detail", args=[999999])).status_code == 404


def test_facility_detail_shows_dates_as_dd_mm_yyyy(client_as, applicant, facility):
    Facility.objects.filter(pk=facility.pk).update(
        business_registration_date=datetime.date(2020, 3, 5), founded_year=2005, workers=1200
    )

    response = client_as(applicant).get(reverse("applicants:detail", args=[facility.pk]))

    assert '<dd class="col-sm-7" id="registration-date">05/03/2020</dd>' in response.text
    assert '<dd class="col-sm-7">2005</dd>' in response.text
    assert '<dd class="col-sm-7">1.200</dd>' in response.text


def test_facility_detail_shows_eligibility(client_as, applicant, facility):
    response = client_as(applicant).get(reverse("applicants:detail", args=[facility.pk]))

    eligibility = response.context["eligibility"]
    assert eligibility.eligible is True
    assert eligibility.legal_basis == (
        "Nghị định 45/2012/NĐ-CP, sửa đổi bởi Nghị định 235/2025/NĐ-CP"
    )
    assert "Nghị định 45/2012/NĐ-CP, sửa đổi bởi Nghị định 235/2025/NĐ-CP" in response.text


def test_facility_detail_shows_reasons_when_not_eligible(client_as, applicant, facility):
    # No form can choose a legal form outside the list; the database can, e.g. an old import.
    Facility.objects.filter(pk=facility.pk).update(legal_form="state_enterprise")

    response = client_as(applicant).get(reverse("applicants:detail", args=[facility.pk]))

    eligibility = response.context["eligibility"]
    assert eligibility.eligible is False
    assert len(eligibility.reasons) == 1
    assert f"<li>{eligibility.reasons[0]}</li>" in response.text


def test_facility_update_is_in_history_for_officer_not_applicant(
    client_as, applicant, officer, facility
):
    old_name = facility.name
    services.update_facility(actor=applicant, facility=facility, data={"name": "Tên mới"})
    url = reverse("applicants:detail", args=[facility.pk])

    as_officer = client_as(officer).get(url)
    officer_history = as_officer.context["history"]
    as_applicant = client_as(applicant).get(url)

    assert len(officer_history) == 1
    assert officer_history[0]["log"].action == "updated"
    assert officer_history[0]["log"].actor == applicant
    assert [change[1:] for change in officer_history[0]["changes"]] == [(old_name, "Tên mới")]
    assert 'id="history"' in as_officer.text
    assert as_applicant.context["show_history"] is False
    assert "history" not in as_applicant.context
    assert 'id="history"' not in as_applicant.text


def test_facility_history_shows_names_for_ward_codes(client_as, officer, facility):
    new_ward = ward_in("86", kind=Ward.Kind.WARD)
    services.update_facility(actor=officer, facility=facility, data={"ward": new_ward})

    response = client_as(officer).get(reverse("applicants:detail", args=[facility.pk]))

    changes = response.context["history"][0]["changes"]
    assert [change[1:] for change in changes] == [(facility.ward.name, new_ward.name)]


# --- edit ------------------------------------------------------------------------------------


def _form_data_of(facility, facility_form_data, **overrides):
    """The form as the facility's own values would fill it, changed by `overrides`."""
    current = {
        "tax_code": facility.tax_code,
        "province": facility.province_id,
        "ward": facility.ward_id,
    }
    return facility_form_data(**{**current, **overrides})


@pytest.mark.parametrize("persona", ["applicant", "officer", "admin"])
def test_facility_edit_saves_for_member_officer_admin(
    persona, personas, client_as, facility, facility_form_data
):
    url = reverse("applicants:edit", args=[facility.pk])
    client = client_as(personas[persona])

    page = client.get(url)
    response = client.post(url, _form_data_of(facility, facility_form_data, name="Tên mới"))

    assert page.status_code == 200
    assert response.status_code == 302
    assert response.url == reverse("applicants:detail", args=[facility.pk])
    facility.refresh_from_db()
    assert facility.name == "Tên mới"
    assert facility.business_registration_date == datetime.date(2020, 3, 15)
    assert history_of(facility).get().actor == personas[persona]


def test_facility_edit_forbidden_for_manager(client_as, manager, facility, facility_form_data):
    url = reverse("applicants:edit", args=[facility.pk])
    client = client_as(manager)

    assert client.get(url).status_code == 403
    assert client.post(url, _form_data_of(facility, facility_form_data)).status_code == 403


@pytest.mark.parametrize("persona", ["other_applicant", "judge"])
def test_facility_edit_404_for_others(persona, personas, client_as, facility, facility_form_data):
    url = reverse("applicants:edit", args=[facility.pk])
    client = client_as(personas[persona])

    assert client.get(url).status_code == 404
    assert client.post(url, _form_data_of(facility, facility_form_data)).status_code == 404
    facility.refresh_from_db()
    assert facility.name != "Cơ sở bánh tráng Mỹ Lồng"


def test_facility_edit_redirects_anonymous_to_login(client, facility):
    url = reverse("applicants:edit", args=[facility.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=" + url


def test_facility_edit_form_shows_current_values(client_as, applicant, facility):
    Facility.objects.filter(pk=facility.pk).update(
        business_registration_date=datetime.date(2019, 12, 1)
    )

    response = client_as(applicant).get(reverse("applicants:edit", args=[facility.pk]))

    form = response.context["form"]
    assert form["name"].value() == facility.name
    assert 'value="01/12/2019"' in response.text
    wards = form.fields["ward"].queryset
    assert wards.count() == Ward.objects.filter(province=facility.province).count()


def test_facility_edit_ward_of_another_province_is_a_ward_error(
    client_as, applicant, facility, facility_form_data
):
    data = _form_data_of(facility, facility_form_data, ward=other_province_ward().pk)

    response = client_as(applicant).post(reverse("applicants:edit", args=[facility.pk]), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"ward"}
    assert history_of(facility).count() == 0


def test_facility_edit_missing_tax_code_for_enterprise_is_an_error(
    client_as, officer, facility, facility_form_data
):
    data = _form_data_of(facility, facility_form_data, legal_form="small_enterprise", tax_code="")

    response = client_as(officer).post(reverse("applicants:edit", args=[facility.pk]), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"tax_code"}


def test_facility_edit_without_changes_writes_no_log(client_as, officer, facility):
    url = reverse("applicants:edit", args=[facility.pk])
    client = client_as(officer)
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: v for k, v in data.items() if v is not False}

    response = client.post(url, data)

    assert response.status_code == 302
    assert history_of(facility).count() == 0


# --- create ----------------------------------------------------------------------------------


def test_facility_create_by_applicant_makes_them_member(client_as, applicant, facility_form_data):
    response = client_as(applicant).post(reverse("applicants:create"), facility_form_data())

    created = Facility.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("applicants:detail", args=[created.pk])
    assert list(FacilityMember.objects.values_list("user", flat=True)) == [applicant.pk]
    assert history_of(created).get().action == "created"


def test_facility_create_by_officer_adds_no_member(client_as, officer, facility_form_data):
    response = client_as(officer).post(reverse("applicants:create"), facility_form_data())

    assert response.status_code == 302
    assert Facility.objects.count() == 1
    assert FacilityMember.objects.count() == 0


@pytest.mark.parametrize("persona", ["manager", "judge"])
def test_facility_create_forbidden_for_manager_and_judge(
    persona, personas, client_as, facility_form_data
):
    client = client_as(personas[persona])

    assert client.get(reverse("applicants:create")).status_code == 403
    assert client.post(reverse("applicants:create"), facility_form_data()).status_code == 403
    assert Facility.objects.count() == 0


def test_facility_create_household_without_tax_code(client_as, applicant, facility_form_data):
    data = facility_form_data(legal_form="household_business", tax_code="")

    response = client_as(applicant).post(reverse("applicants:create"), data)

    assert response.status_code == 302
    assert Facility.objects.get().tax_code is None


def test_facility_create_normalises_branch_tax_code(client_as, officer, facility_form_data):
    data = facility_form_data(tax_code=f"{valid_tax_code(5)} 001")

    client_as(officer).post(reverse("applicants:create"), data)

    assert Facility.objects.get().tax_code == f"{valid_tax_code(5)}-001"
