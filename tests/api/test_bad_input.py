"""The API under bad input: numbers beyond 64 bits, ids that no row can have, addresses that
match no route. Each answers 400 or 404 in JSON, never a 500."""

import pytest

from awards.models import Entry
from tests.factories import EntryFactory

BEYOND_64_BITS = "99999999999999999999"
TOO_LARGE = "Giá trị phải nhỏ hơn hoặc bằng 9223372036854775807."
NOT_FOUND = {"detail": "Không tìm thấy."}


@pytest.mark.parametrize("name", ["round", "facility", "product_group", "group"])
def test_entry_filter_beyond_64_bits_answers_400(api_as, officer, entry, name):
    response = api_as(officer).get("/api/v1/entries/", {name: BEYOND_64_BITS})

    assert response.status_code == 400
    assert response.json() == {name: [TOO_LARGE]}


def test_entry_filter_below_64_bits_answers_400(api_as, officer, entry):
    response = api_as(officer).get("/api/v1/entries/", {"round": "-" + BEYOND_64_BITS})

    assert response.status_code == 400
    assert response.json() == {"round": ["Giá trị phải lớn hơn hoặc bằng -9223372036854775808."]}


def test_round_filter_year_beyond_64_bits_answers_400(api_as, officer, award_round):
    response = api_as(officer).get("/api/v1/rounds/", {"year": BEYOND_64_BITS})

    assert response.status_code == 400
    assert response.json() == {"year": [TOO_LARGE]}


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/facilities/", "province"),
        ("/api/v1/facilities/", "ward"),
        ("/api/v1/wards/", "province"),
    ],
)
def test_model_choice_filter_beyond_64_bits_answers_400(api_as, officer, url, name):
    response = api_as(officer).get(url, {name: BEYOND_64_BITS})

    assert response.status_code == 400
    assert list(response.json()) == [name]


@pytest.mark.parametrize(
    "path",
    [
        "entries/{big}/",
        "entries/{big}/history/",
        "entries/{big}/transition/",
        "entries/{big}/attachments/",
        "entries/{entry}/attachments/{big}/",
        "entries/{entry}/attachments/{big}/file/",
        "entries/{entry}/attachments/{big}/thumbnail/",
        "rounds/{big}/",
        "facilities/{big}/",
        "users/{big}/",
        "criteria-templates/{big}/",
        "entries/-1/",
        "entries/0/",
        "entries/abc/",
        "no-such-thing/",
    ],
)
def test_address_matching_no_row_answers_json_404(api_as, admin_user, entry, path):
    url = "/api/v1/" + path.format(big=BEYOND_64_BITS, entry=entry.pk)

    response = api_as(admin_user).get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


def test_post_to_an_address_matching_no_route_answers_json_404(api_as, admin_user):
    response = api_as(admin_user).post(f"/api/v1/entries/{BEYOND_64_BITS}/screening/", {})

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_address_without_trailing_slash_still_redirects(api_as, admin_user):
    response = api_as(admin_user).get("/api/v1/entries")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/entries/"


def test_bulk_transition_id_beyond_64_bits_answers_400(api_as, officer, award_round):
    submitted = EntryFactory(round=award_round, state="submitted")

    response = api_as(officer).post(
        "/api/v1/entries/bulk-transition/",
        {"ids": [submitted.pk, 2**63], "to": "eligible"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"ids": {"1": [TOO_LARGE]}}
    assert Entry.objects.get().state == "submitted"


def test_bulk_transition_id_zero_answers_400(api_as, officer):
    response = api_as(officer).post(
        "/api/v1/entries/bulk-transition/", {"ids": [0], "to": "eligible"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"ids": {"0": ["Giá trị phải lớn hơn hoặc bằng 1."]}}


def test_every_api_route_with_an_id_takes_a_64_bit_id():
    from api.urls import urlpatterns

    routes = [str(pattern.pattern) for pattern in urlpatterns]
    with_ids = [route for route in routes if "pk>" in route]

    assert with_ids
    assert [route for route in with_ids if "<id:" not in route] == []
