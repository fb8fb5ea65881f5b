"""`?ordering=name` in the API sorts by the Vietnamese sort key (api.ordering with the viewsets'
`ordering_keys`), not by the database's collation or code points."""

import random

import pytest

from tests.factories import EntryFactory, FacilityFactory

FACILITIES = "/api/v1/facilities/"
ENTRIES = "/api/v1/entries/"
VIETNAMESE_ORDER = ["Anh Thư", "Ấp Bắc", "Dương Minh", "Đông Hải"]


def names(response, key="name"):
    assert response.status_code == 200
    return [item[key] for item in response.json()["results"]]


def ids(response):
    return [item["id"] for item in response.json()["results"]]


def test_example_order_differs_from_code_point_and_casefold_order():
    assert sorted(VIETNAMESE_ORDER) == ["Anh Thư", "Dương Minh", "Đông Hải", "Ấp Bắc"]
    assert sorted(VIETNAMESE_ORDER, key=str.casefold) == sorted(VIETNAMESE_ORDER)
    assert sorted(VIETNAMESE_ORDER) != VIETNAMESE_ORDER


@pytest.fixture
def shuffled():
    order = list(VIETNAMESE_ORDER)
    random.Random(2026).shuffle(order)
    assert order != VIETNAMESE_ORDER
    return order


def test_facility_ordering_by_name_is_vietnamese(api_as, officer, shuffled):
    for name in shuffled:
        FacilityFactory(name=name)

    response = api_as(officer).get(FACILITIES, {"ordering": "name"})

    assert names(response) == VIETNAMESE_ORDER


def test_facility_ordering_by_name_descending_is_the_reverse(api_as, officer, shuffled):
    for name in shuffled:
        FacilityFactory(name=name)

    response = api_as(officer).get(FACILITIES, {"ordering": "-name"})

    assert names(response) == list(reversed(VIETNAMESE_ORDER))


def test_facility_ordering_by_name_breaks_ties_by_id(api_as, officer):
    first, second = FacilityFactory(name="Đông Hải"), FacilityFactory(name="ĐÔNG HẢI")
    assert first.sort_name == second.sort_name

    ascending = api_as(officer).get(FACILITIES, {"ordering": "name"})
    descending = api_as(officer).get(FACILITIES, {"ordering": "-name"})

    assert ids(ascending) == ids(descending) == [first.pk, second.pk]


def test_entry_ordering_by_product_name_is_vietnamese(api_as, officer, award_round, shuffled):
    for name in shuffled:
        EntryFactory(round=award_round, product_name=name)

    ascending = api_as(officer).get(ENTRIES, {"ordering": "product_name"})
    descending = api_as(officer).get(ENTRIES, {"ordering": "-product_name"})

    assert names(ascending, "product_name") == VIETNAMESE_ORDER
    assert names(descending, "product_name") == list(reversed(VIETNAMESE_ORDER))


def test_entry_ordering_by_facility_name_is_vietnamese(api_as, officer, award_round, shuffled):
    for name in shuffled:
        EntryFactory(round=award_round, facility=FacilityFactory(name=name))

    response = api_as(officer).get(ENTRIES, {"ordering": "facility__name"})

    assert [item["facility"]["name"] for item in response.json()["results"]] == VIETNAMESE_ORDER
