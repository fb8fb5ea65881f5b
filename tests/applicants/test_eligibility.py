import datetime

import pytest

from applicants.eligibility import is_rural_industrial_facility
from core.models import Ward
from tests.factories import FacilityFactory, ward_in

BEFORE = datetime.date(2025, 10, 14)
FROM = datetime.date(2025, 10, 15)


@pytest.mark.django_db
def test_eligibility_commune_facility_qualifies_on_both_sides_of_nd235():
    facility = FacilityFactory(ward=ward_in("86", Ward.Kind.COMMUNE))
    assert bool(is_rural_industrial_facility(facility, on=BEFORE)) is True
    assert bool(is_rural_industrial_facility(facility, on=FROM)) is True


@pytest.mark.django_db
def test_eligibility_urban_ward_facility_fails_before_nd235_with_reason():
    ward = ward_in("86", Ward.Kind.WARD)
    facility = FacilityFactory(ward=ward)
    result = is_rural_industrial_facility(facility, on=BEFORE)
    assert result.eligible is False
    assert result.legal_basis == "Nghị định 45/2012/NĐ-CP"
    assert len(result.reasons) == 1
    assert ward.name in result.reasons[0]


@pytest.mark.django_db
def test_eligibility_urban_ward_facility_qualifies_from_nd235():
    facility = FacilityFactory(ward=ward_in("86", Ward.Kind.WARD))
    result = is_rural_industrial_facility(facility, on=FROM)
    assert result.eligible is True
    assert result.reasons == []
    assert "235/2025" in result.legal_basis


@pytest.mark.django_db
def test_eligibility_urban_ward_in_craft_village_qualifies_before_nd235():
    facility = FacilityFactory(
        ward=ward_in("86", Ward.Kind.WARD), craft_village="Làng nghề kẹo dừa"
    )
    assert is_rural_industrial_facility(facility, on=BEFORE).eligible is True


@pytest.mark.django_db
def test_eligibility_special_zone_qualifies_before_nd235():
    facility = FacilityFactory(ward=Ward.objects.filter(kind=Ward.Kind.SPECIAL_ZONE).first())
    assert is_rural_industrial_facility(facility, on=BEFORE).eligible is True


@pytest.mark.django_db
def test_eligibility_unknown_legal_form_fails():
    facility = FacilityFactory.build(legal_form="state_enterprise", ward=ward_in())
    result = is_rural_industrial_facility(facility, on=FROM)
    assert result.eligible is False
    assert len(result.reasons) == 1


@pytest.mark.django_db
def test_eligibility_before_any_rule_fails():
    facility = FacilityFactory()
    assert is_rural_industrial_facility(facility, on=datetime.date(2010, 1, 1)).eligible is False


@pytest.mark.django_db
def test_eligibility_urban_ward_facility_qualifies_before_the_2025_units_existed():
    """On 1 March 2024 "Phường Sơn Đông" did not exist yet (it was "xã Sơn Đông"): the rule
    cannot tell a ward from a commune before 1 July 2025 and leaves the place to the officer."""
    facility = FacilityFactory(ward=ward_in("86", Ward.Kind.WARD))

    assert is_rural_industrial_facility(facility, on=datetime.date(2024, 3, 1)).eligible is True
    assert is_rural_industrial_facility(facility, on=datetime.date(2025, 6, 30)).eligible is True
    assert is_rural_industrial_facility(facility, on=datetime.date(2025, 7, 1)).eligible is False
