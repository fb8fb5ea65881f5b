import pytest

from core.models import Province, Ward
from tests.factories import FacilityFactory


@pytest.mark.django_db
def test_admin_units_loaded_by_migration():
    assert Province.objects.count() == 34
    assert Ward.objects.count() == 3321


@pytest.mark.django_db
def test_facility_factory_builds_a_valid_facility():
    facility = FacilityFactory()
    facility.full_clean()
