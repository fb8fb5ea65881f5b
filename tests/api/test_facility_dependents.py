import pytest

from applicants.models import Facility


@pytest.mark.django_db
def test_facility_delete_with_an_entry_answers_409_and_keeps_it(api_as, admin_user, entry):
    response = api_as(admin_user).delete(f"/api/v1/facilities/{entry.facility_id}/")
    assert response.status_code == 409
    assert response.json()["detail"]
    assert Facility.objects.filter(pk=entry.facility_id).exists()
