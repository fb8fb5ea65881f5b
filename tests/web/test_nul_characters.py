"""A NUL character in a query string or a page's form is refused with a 400, never a 500
(PostgreSQL cannot compare a text holding one; core.middleware.NulCharacterMiddleware)."""

import pytest
from django.urls import reverse

NUL_REFUSED = "Yêu cầu có ký tự không được phép (NUL)."


@pytest.mark.parametrize(
    "query", ["province=%00", "province=86%00", "ward=%00", "search=k%00eo", "page=1%00"]
)
def test_facility_list_with_nul_in_the_query_is_a_bad_request(client_as, officer, query):
    response = client_as(officer).get(f"{reverse('applicants:list')}?{query}")

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.text  # templates/400.html


def test_public_ward_options_with_nul_is_a_bad_request(client):
    response = client.get(f"{reverse('applicants:ward-options')}?province=8%00")

    assert response.status_code == 400


def test_page_form_with_nul_in_a_select_is_a_bad_request(client_as, applicant, facility):
    response = client_as(applicant).post(
        reverse("applicants:edit", args=[facility.pk]), {"name": "Cơ sở", "ward": "\x00"}
    )

    assert response.status_code == 400
    facility.refresh_from_db()
    assert facility.name != "Cơ sở"


def test_api_with_nul_in_the_query_answers_json_400(api_as, officer):
    response = api_as(officer).get("/api/v1/wards/?province=8%00")

    assert response.status_code == 400
    assert response.json() == {"detail": NUL_REFUSED}
