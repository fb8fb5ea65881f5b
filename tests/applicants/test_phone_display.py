"""The facility page shows the phone number in Vietnamese groups."""

import pytest
from django.urls import reverse

from tests.factories import FacilityFactory


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("02703822123", "0270 3822 123"), ("0912345678", "0912 345 678"), ("", "—")],
)
def test_facility_page_groups_the_phone(client_as, officer, stored, shown):
    facility = FacilityFactory(phone=stored)

    response = client_as(officer).get(reverse("applicants:detail", args=[facility.pk]))

    assert response.status_code == 200
    assert f'<dd class="col-sm-7 text-nowrap" id="facility-phone">{shown}</dd>' in response.text
