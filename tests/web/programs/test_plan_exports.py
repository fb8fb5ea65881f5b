"""The plan page offers the plan's lists to staff, and each downloads as the API serves it."""

import pytest
from django.urls import reverse

from tests.programs.world import make_plan

pytestmark = pytest.mark.django_db

LISTS = ("proposals", "equipment", "payments")


@pytest.mark.parametrize("persona", ["officer", "manager", "admin"])
def test_staff_download_each_list_from_the_plan_page(persona, personas, client_as):
    plan = make_plan()
    client = client_as(personas[persona])
    page = client.get(reverse("programs:plan-detail", args=[plan.pk])).content.decode()
    for name in LISTS:
        url = reverse(f"programs:plan-export-{name}", args=[plan.pk])
        assert f'id="plan-export-{name}" href="{url}"' in page
        answer = client.get(url)
        assert answer.status_code == 200
        assert answer["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )


def test_a_facility_gets_no_list(applicant, client_as):
    plan = make_plan()
    client = client_as(applicant)
    for name in LISTS:
        url = reverse(f"programs:plan-export-{name}", args=[plan.pk])
        assert client.get(url).status_code == 403
