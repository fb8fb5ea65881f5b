import re

from django.urls import reverse

from core.models import Ward
from core.text import sort_key

OPTION_VALUE = re.compile(r'<option value="([^"]*)">')


def test_ward_options_lists_only_wards_of_the_province_in_dictionary_order(client, db):
    response = client.get(reverse("applicants:ward-options"), {"province": "86"})

    wards = sorted(Ward.objects.filter(province="86"), key=lambda w: sort_key(w.short_name))
    expected = [ward.pk for ward in wards]
    assert response.status_code == 200
    assert OPTION_VALUE.findall(response.text) == ["", *expected]
    assert len(expected) == 124


def test_ward_options_without_province_has_only_the_empty_option(client, db):
    response = client.get(reverse("applicants:ward-options"))

    assert OPTION_VALUE.findall(response.text) == [""]


def test_ward_options_unknown_province_has_only_the_empty_option(client, db):
    response = client.get(reverse("applicants:ward-options"), {"province": "99"})

    assert OPTION_VALUE.findall(response.text) == [""]


def test_ward_options_is_public_and_get_only(client, db):
    url = reverse("applicants:ward-options")

    assert url == "/facilities/wards/"
    assert client.get(url, {"province": "01"}).status_code == 200
    assert client.post(url, {"province": "01"}).status_code == 405


def test_facility_form_province_select_asks_for_wards(client_as, applicant):
    response = client_as(applicant).get(reverse("applicants:create"))

    assert 'hx-get="/facilities/wards/"' in response.text
    assert 'hx-target="#id_ward"' in response.text
