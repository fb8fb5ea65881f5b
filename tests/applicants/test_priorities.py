"""The facility fields the priority rules need (TT 46/2012/TT-BCT: exporter, more than half local
raw materials; NĐ 235/2025/NĐ-CP: an artisan at the facility): set on the facility form and in
the API, shown on the facility's page, and filtering the registry on the page and in the API."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from applicants.models import Facility
from core.activity import history_of
from tests.factories import FacilityFactory
from tests.web.conftest import facility_form_data, other_province_ward

__all__ = ["facility_form_data"]  # the page tests' fixture, used here too

PRIORITIES = ["exporter", "local_materials_over_half", "has_artisan"]
LABELS = {
    "exporter": "Có sản phẩm xuất khẩu",
    "local_materials_over_half": "Sử dụng trên 50% nguyên liệu tại chỗ",
    "has_artisan": "Có nghệ nhân làm việc tại cơ sở",
}
FACILITIES = "/api/v1/facilities/"


def priorities_of(facility) -> dict:
    facility.refresh_from_db()
    return {name: getattr(facility, name) for name in PRIORITIES}


# ---- The facility form --------------------------------------------------------------------


def test_facility_form_offers_the_priority_fields_with_their_labels(client_as, officer):
    response = client_as(officer).get(reverse("applicants:create"))

    form = response.context["form"]
    assert {name: form.fields[name].label for name in PRIORITIES} == LABELS
    for name in PRIORITIES:
        assert (
            f'<input type="checkbox" name="{name}" class="form-check-input" id="id_{name}">'
        ) in response.text


def test_facility_create_page_saves_the_priority_fields(client_as, officer, facility_form_data):
    data = facility_form_data(exporter="on", has_artisan="on")

    response = client_as(officer).post(reverse("applicants:create"), data)

    assert response.status_code == 302
    assert priorities_of(Facility.objects.get()) == {
        "exporter": True,
        "local_materials_over_half": False,
        "has_artisan": True,
    }


def test_facility_edit_page_shows_and_changes_the_priority_fields(
    client_as, applicant, facility, facility_form_data
):
    Facility.objects.filter(pk=facility.pk).update(exporter=True, has_artisan=True)
    url = reverse("applicants:edit", args=[facility.pk])
    client = client_as(applicant)

    page = client.get(url)
    data = facility_form_data(
        tax_code=facility.tax_code,
        province=facility.province_id,
        ward=facility.ward_id,
        local_materials_over_half="on",
    )  # exporter and has_artisan left unticked
    response = client.post(url, data)

    assert [page.context["form"][name].value() for name in PRIORITIES] == [True, False, True]
    assert response.status_code == 302
    assert priorities_of(facility) == {
        "exporter": False,
        "local_materials_over_half": True,
        "has_artisan": False,
    }


def test_register_page_saves_the_priority_fields(client, facility_form_data):
    password = "Keo-dua-Ben-Tre-2026"
    data = {
        "username": "keodua",
        "full_name": "Lê Thị Mai",
        "account_email": "mai@example.vn",
        "password1": password,
        "password2": password,
        **facility_form_data(local_materials_over_half="on"),
    }

    response = client.post(reverse("register"), data)

    assert response.status_code == 302
    assert priorities_of(Facility.objects.get()) == {
        "exporter": False,
        "local_materials_over_half": True,
        "has_artisan": False,
    }


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        (
            {"exporter": True},
            {"exporter": "Có", "local_materials_over_half": "Không", "has_artisan": "Không"},
        ),
        (
            {"local_materials_over_half": True, "has_artisan": True},
            {"exporter": "Không", "local_materials_over_half": "Có", "has_artisan": "Có"},
        ),
    ],
)
def test_facility_page_shows_the_priority_fields(client_as, applicant, facility, values, shown):
    Facility.objects.filter(pk=facility.pk).update(**values)

    response = client_as(applicant).get(reverse("applicants:detail", args=[facility.pk]))

    exporter = LABELS["exporter"]
    local = LABELS["local_materials_over_half"]
    artisan = LABELS["has_artisan"]
    assert (
        f'<dt class="col-sm-5">{exporter}</dt>'
        f'<dd class="col-sm-7" id="facility-exporter">{shown["exporter"]}</dd>'
    ) in response.text
    assert (
        f'<dt class="col-sm-5">{local}</dt>'
        f'<dd class="col-sm-7">{shown["local_materials_over_half"]}</dd>'
    ) in response.text
    assert (
        f'<dt class="col-sm-5">{artisan}</dt><dd class="col-sm-7">{shown["has_artisan"]}</dd>'
    ) in response.text


# ---- The API ------------------------------------------------------------------------------


def facility_body(**overrides):
    body = {
        "name": "Cơ sở đồ da Thành Công",
        "legal_form": "household_business",
        "representative_name": "Lê Văn Công",
        "province": "86",
        "ward": "28756",
    }
    body.update(overrides)
    return body


def test_api_create_saves_the_priority_fields(api_as, officer):
    body = facility_body(exporter=True, local_materials_over_half=True)

    response = api_as(officer).post(FACILITIES, body, format="json")

    assert response.status_code == 201
    assert {name: response.json()[name] for name in PRIORITIES} == {
        "exporter": True,
        "local_materials_over_half": True,
        "has_artisan": False,
    }
    assert priorities_of(Facility.objects.get()) == {
        name: response.json()[name] for name in PRIORITIES
    }


def test_api_create_without_the_priority_fields_leaves_them_off(api_as, officer):
    response = api_as(officer).post(FACILITIES, facility_body(), format="json")

    assert priorities_of(Facility.objects.get(pk=response.json()["id"])) == dict.fromkeys(
        PRIORITIES, False
    )


def test_api_patch_changes_one_priority_field(api_as, applicant, facility):
    Facility.objects.filter(pk=facility.pk).update(exporter=True, has_artisan=True)

    response = api_as(applicant).patch(
        f"{FACILITIES}{facility.pk}/", {"has_artisan": False}, format="json"
    )

    assert response.status_code == 200
    assert priorities_of(facility) == {
        "exporter": True,
        "local_materials_over_half": False,
        "has_artisan": False,
    }


def test_api_patch_of_a_priority_field_is_logged(api_as, officer, facility):
    api_as(officer).patch(f"{FACILITIES}{facility.pk}/", {"exporter": True}, format="json")

    log = history_of(facility).get(action="updated")
    assert (log.before, log.after) == ({"exporter": False}, {"exporter": True})


def test_api_priority_field_of_the_wrong_type_is_a_field_error(api_as, officer, facility):
    response = api_as(officer).patch(
        f"{FACILITIES}{facility.pk}/", {"exporter": "có lẽ"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.data) == ["exporter"]
    assert response.data["exporter"][0].code == "invalid"


# ---- The registry filters -----------------------------------------------------------------


@pytest.fixture
def registry(db):
    """Facilities with different priorities, in two provinces and two legal forms."""
    return {
        "exporter": FacilityFactory(name="An Phú xuất khẩu", exporter=True),
        "exporter_artisan": FacilityFactory(
            name="Bình Minh xuất khẩu", exporter=True, has_artisan=True, legal_form="cooperative"
        ),
        "local": FacilityFactory(name="Cẩm Tú", local_materials_over_half=True),
        "artisan_hanoi": FacilityFactory(
            name="Đông Hà Nội", has_artisan=True, ward=other_province_ward()
        ),
        "none": FacilityFactory(name="Giồng Trôm"),
    }


REGISTRY_FILTERS = [
    ({"exporter": "true"}, ["exporter", "exporter_artisan"]),
    ({"exporter": "false"}, ["local", "artisan_hanoi", "none"]),
    ({"local_materials_over_half": "true"}, ["local"]),
    ({"has_artisan": "true"}, ["exporter_artisan", "artisan_hanoi"]),
    ({"has_artisan": "false"}, ["exporter", "local", "none"]),
    ({"exporter": "true", "has_artisan": "true"}, ["exporter_artisan"]),
    ({"exporter": "false", "has_artisan": "false"}, ["local", "none"]),
    ({"has_artisan": "true", "province": "86"}, ["exporter_artisan"]),
    ({"exporter": "true", "legal_form": "cooperative"}, ["exporter_artisan"]),
    ({"exporter": "true", "search": "an phu"}, ["exporter"]),
    ({"exporter": ""}, ["exporter", "exporter_artisan", "local", "artisan_hanoi", "none"]),
]


@pytest.mark.parametrize(("params", "expected"), REGISTRY_FILTERS)
def test_registry_page_filters_by_priorities(client_as, officer, registry, params, expected):
    response = client_as(officer).get(reverse("applicants:list") + "?" + urlencode(params))

    assert response.status_code == 200
    assert [f.pk for f in response.context["page_obj"]] == [registry[key].pk for key in expected]


@pytest.mark.parametrize(("params", "expected"), REGISTRY_FILTERS)
def test_api_filters_by_priorities(api_as, officer, registry, params, expected):
    response = api_as(officer).get(FACILITIES, params)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [
        registry[key].pk for key in expected
    ]


def test_registry_page_priority_filters_offer_any_yes_and_no(client_as, officer, registry):
    response = client_as(officer).get(reverse("applicants:list") + "?exporter=true")

    form = response.context["filter"].form
    for name in PRIORITIES:
        assert form.fields[name].label == LABELS[name]
        assert [value for value, _label in form.fields[name].widget.choices] == [
            "",
            "true",
            "false",
        ]
        assert [label for _value, label in form.fields[name].widget.choices][1:] == ["Có", "Không"]
    assert response.context["priority_filtered"] is True
    assert '<details class="priority-filters" id="priority-filters" open>' in response.text
