"""?page_size= on the paginated lists (api.pagination): chosen by the client, at most 100, the
default (REST_FRAMEWORK["PAGE_SIZE"], 25) when it is not a positive integer."""

import pytest

from tests.factories import EntryFactory, FacilityFactory

ROWS = 101  # one more than the largest page


@pytest.fixture
def entries(award_round):
    facilities = FacilityFactory.create_batch(4)
    return [EntryFactory(round=award_round, facility=facilities[n % 4]) for n in range(ROWS)]


@pytest.fixture
def facilities(db):
    return FacilityFactory.create_batch(ROWS)


@pytest.fixture(params=["/api/v1/entries/", "/api/v1/facilities/"])
def url(request):
    """Each list, with its 101 rows."""
    request.getfixturevalue("entries" if "entries" in request.param else "facilities")
    return request.param


def test_page_size_chooses_the_number_of_rows(api_as, officer, url):
    data = api_as(officer).get(url, {"page_size": 10}).json()

    assert data["count"] == ROWS
    assert len(data["results"]) == 10
    assert data["next"] == f"http://testserver{url}?page=2&page_size=10"


def test_page_size_carries_to_the_next_page(api_as, officer, url):
    client = api_as(officer)
    first = client.get(url, {"page_size": 10}).json()["results"]
    second = client.get(url, {"page_size": 10, "page": 2}).json()["results"]
    both = client.get(url, {"page_size": 20}).json()["results"]

    assert [row["id"] for row in first + second] == [row["id"] for row in both]


def test_page_size_above_the_maximum_gives_100_rows(api_as, officer, url):
    data = api_as(officer).get(url, {"page_size": 500}).json()

    assert data["count"] == ROWS
    assert len(data["results"]) == 100
    assert data["next"] == f"http://testserver{url}?page=2&page_size=500"


@pytest.mark.parametrize("page_size", ["abc", "0", "-5", ""])
def test_page_size_not_a_positive_integer_gives_the_default(api_as, officer, url, page_size):
    response = api_as(officer).get(url, {"page_size": page_size})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 25


def test_without_page_size_the_default_is_25(api_as, officer, url):
    data = api_as(officer).get(url).json()

    assert len(data["results"]) == 25
    assert data["next"] == f"http://testserver{url}?page=2"
