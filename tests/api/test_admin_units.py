import pytest

from core.models import Ward

pytestmark = pytest.mark.django_db

PROVINCES_URL = "/api/v1/provinces/"
WARDS_URL = "/api/v1/wards/"


def test_provinces_lists_all_34_without_pagination(api_client):
    response = api_client.get(PROVINCES_URL)

    assert response.status_code == 200
    data = response.json()
    assert len(data) == 34
    assert {"code": "86", "name": "Tỉnh Vĩnh Long", "short_name": "Vĩnh Long"} in data
    assert len({province["code"] for province in data}) == 34


@pytest.mark.parametrize("persona", ["anonymous", "applicant", "judge", "officer"])
def test_provinces_open_to_everyone(api_as, personas, persona):
    response = api_as(personas[persona]).get(PROVINCES_URL)

    assert response.status_code == 200


def test_wards_of_a_province_all_belong_to_it(api_client):
    response = api_client.get(WARDS_URL, {"province": "86"})

    assert response.status_code == 200
    data = response.json()
    assert len(data) == Ward.objects.filter(province_id="86").count() == 124
    assert {ward["province"] for ward in data} == {"86"}
    assert {
        "code": "28756",
        "name": "Phường Phú Khương",
        "short_name": "Phú Khương",
        "kind": "ward",
        "province": "86",
    } in data


def test_wards_without_province_is_a_field_error(api_client):
    response = api_client.get(WARDS_URL)

    assert response.status_code == 400
    assert list(response.data) == ["province"]
    assert response.data["province"][0].code == "required"


def test_wards_of_unknown_province_is_a_field_error(api_client):
    response = api_client.get(WARDS_URL, {"province": "99"})

    assert response.status_code == 400
    assert list(response.data) == ["province"]
    assert response.data["province"][0].code == "invalid_choice"


@pytest.mark.parametrize("persona", ["anonymous", "applicant", "manager"])
def test_wards_open_to_everyone(api_as, personas, persona):
    response = api_as(personas[persona]).get(WARDS_URL, {"province": "01"})

    assert response.status_code == 200
    assert len(response.json()) == Ward.objects.filter(province_id="01").count()
