"""The pages under bad input: numbers beyond 64 bits in filters, bulk selections and addresses
answer the form's error or 404, never a 500."""

import pytest
from django.urls import Resolver404, resolve, reverse

from awards.models import Entry
from tests.factories import EntryFactory

BEYOND_64_BITS = "99999999999999999999"
TOO_LARGE = "Giá trị phải nhỏ hơn hoặc bằng 9223372036854775807."


@pytest.mark.parametrize("name", ["round", "facility", "group", "product_group"])
def test_entry_list_filter_beyond_64_bits_shows_the_error(client_as, officer, award_round, name):
    entry = EntryFactory(round=award_round)
    url = reverse("awards:round-entries", args=[award_round.pk])

    response = client_as(officer).get(url, {name: BEYOND_64_BITS})

    assert response.status_code == 200
    assert response.context["filter_form"].errors == {name: [TOO_LARGE]}
    # The other filters still apply; the refused one is left out.
    assert list(response.context["page_obj"]) == [entry]


def test_entry_list_group_beyond_64_bits_shows_the_error_at_the_field(
    client_as, officer, award_round
):
    url = reverse("awards:round-entries", args=[award_round.pk])

    response = client_as(officer).get(url, {"group": BEYOND_64_BITS})

    assert 'id="id_group_error"' in response.text
    assert TOO_LARGE in response.text


def test_bulk_entry_beyond_64_bits_is_refused(client_as, officer, award_round):
    submitted = EntryFactory(round=award_round, state="submitted")

    response = client_as(officer).post(
        reverse("awards:entries-bulk", args=[award_round.pk]),
        {"entries": [submitted.pk, str(2**63)], "to": "eligible"},
    )

    assert response.status_code == 200
    assert response.context["bulk_form"].errors == {
        "entries": [
            "Hãy chọn một lựa chọn hợp lệ. 9223372036854775808 không phải là một trong các "
            "lựa chọn khả thi."
        ]
    }
    assert Entry.objects.get().state == "submitted"


@pytest.mark.parametrize(
    "url",
    [
        f"/awards/rounds/{BEYOND_64_BITS}/",
        f"/awards/rounds/{BEYOND_64_BITS}/entries/",
        f"/awards/entries/{BEYOND_64_BITS}/",
        f"/awards/entries/{BEYOND_64_BITS}/screening/",
        f"/awards/attachments/{BEYOND_64_BITS}/",
        f"/awards/criteria-templates/{BEYOND_64_BITS}/edit/",
        f"/facilities/{BEYOND_64_BITS}/",
        "/awards/rounds/0/",
    ],
)
def test_page_of_an_id_beyond_64_bits_not_found(client_as, officer, url):
    response = client_as(officer).get(url)

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text


def test_template_copy_of_an_id_beyond_64_bits_starts_empty(client_as, officer):
    response = client_as(officer).get(reverse("awards:template-create"), {"from": BEYOND_64_BITS})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        f"/awards/rounds/{BEYOND_64_BITS}/",
        f"/awards/entries/{2**63}/",
        f"/facilities/{BEYOND_64_BITS}/edit/",
    ],
)
def test_page_address_of_an_id_beyond_64_bits_matches_no_route(url):
    with pytest.raises(Resolver404):
        resolve(url)


def test_page_address_of_the_largest_id_resolves():
    assert resolve(f"/awards/rounds/{2**63 - 1}/").kwargs == {"pk": 2**63 - 1}


def test_bad_request_page_is_vietnamese(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    body = "&".join(f"f{i}=1" for i in range(6))

    response = client.post(
        "/accounts/login/", body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert '<html lang="vi">' in response.text
    assert '<h1 class="h3">Yêu cầu không hợp lệ</h1>' in response.text


def test_bad_request_page_in_english_with_the_language_switch(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(
        "/accounts/login/",
        "&".join(f"f{i}=1" for i in range(6)),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert '<h1 class="h3">Bad request</h1>' in response.text
