"""Fixtures of the page tests."""

import pytest

from core.models import Ward
from tests.factories import valid_tax_code, ward_in


def other_province_ward() -> Ward:
    """A real ward of Hà Nội (01): outside the factories' default province, Vĩnh Long (86)."""
    return ward_in("01")


@pytest.fixture
def facility_form_data(db):
    """make(**overrides) -> the POST data of a valid facility form, in Vĩnh Long."""

    def make(**overrides):
        ward = ward_in("86")
        data = {
            "name": "Cơ sở bánh tráng Mỹ Lồng",
            "legal_form": "household_business",
            "tax_code": valid_tax_code(424242),
            "business_registration_number": "55A8001234",
            "business_registration_date": "15/03/2020",
            "representative_name": "Lê Thị Mai",
            "representative_title": "Chủ hộ",
            "phone": "0912 345 678",
            "email": "coso@example.vn",
            "address_line": "Ấp 3",
            "province": ward.province_id,
            "ward": ward.pk,
            "old_address": "",
            "craft_village": "Làng nghề bánh tráng Mỹ Lồng",
            "sector": "Chế biến thực phẩm",
            "main_products": "Bánh tráng",
            "workers": "12",
            "founded_year": "2005",
            "woman_owned": "on",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make
