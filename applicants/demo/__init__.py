"""Demo data of the applicants app: 40 rural industrial facilities of tỉnh Vĩnh Long.

The new tỉnh Vĩnh Long (code 86) joins the former Bến Tre, Vĩnh Long and Trà Vinh provinces
(1 July 2025), so the facilities carry the trades of all three: coconut candy and coconut
products, rice paper and puffed rice cakes, mats and water-hyacinth handicrafts, red pottery,
bonsai, fish sauce, Khmer specialities and mechanical workshops. Wards are real commune-level
units of province 86; the old address gives the pre-reform commune and district.

Tax codes are written as their first nine digits and completed with the official check digit,
so every code is valid and the data stays deterministic. Enterprises registered in the former
provinces start with 13 (Bến Tre), 15 (Vĩnh Long) or 21 (Trà Vinh); a household business uses
its owner's personal code (8…) or has none yet.

Facilities are created through applicants.services.create_facility (validated with
Facility.full_clean and written to the activity log); what exists already is left alone, so a
facility edited in the app keeps its edits when `make run` seeds again.
"""

import datetime

from applicants.demo.facilities import FACILITIES, HOUSEHOLD, PROVINCE_CODE, DemoFacility
from applicants.models import Facility
from applicants.services import create_facility
from core.models import Ward

__all__ = ["FACILITIES", "seed_facilities"]


def _facility_data(item: DemoFacility, index: int, wards: dict[str, Ward]) -> dict:
    ward = wards[item.ward]
    has_registration = item.legal_form != HOUSEHOLD
    return {
        "name": item.name,
        "legal_form": item.legal_form,
        "tax_code": item.tax_code,
        # An enterprise's or cooperative's registration number is its tax code.
        "business_registration_number": item.tax_code if has_registration else "",
        # A stable, plausible date in the founding year (the data lists only the year).
        "business_registration_date": (
            datetime.date(item.founded, index % 12 + 1, index * 7 % 28 + 1)
            if has_registration
            else None
        ),
        "representative_name": item.representative,
        "representative_title": item.title,
        "phone": item.phone,
        "email": item.email,
        "address_line": item.address,
        "province": ward.province,
        "ward": ward,
        "old_address": item.old_address,
        "craft_village": item.craft_village,
        "sector": item.sector,
        "main_products": item.products,
        "workers": item.workers,
        "founded_year": item.founded,
        "woman_owned": item.woman,
        "ethnic_minority_owned": item.ethnic_minority,
    }


def _existing(item: DemoFacility) -> Facility | None:
    """The facility already seeded for `item`: by tax code when it has one, else by name."""
    if item.tax_head:
        return Facility.objects.filter(tax_code=item.tax_code).first()
    return Facility.objects.filter(name=item.name, ward__province_id=PROVINCE_CODE).first()


def seed_facilities(*, officer, members: dict[str, object]) -> tuple[int, int]:
    """Create the missing demo facilities; returns (created, kept).

    The officer registers them, except those with a demo member, which that member registers
    (create_facility makes an applicant who creates a facility its member).
    """
    wards = {
        ward.name: ward
        for ward in Ward.objects.filter(province_id=PROVINCE_CODE).select_related("province")
    }
    created = kept = 0
    for index, item in enumerate(FACILITIES):
        if _existing(item) is not None:
            kept += 1
            continue
        actor = members[item.member] if item.member else officer
        create_facility(actor=actor, data=_facility_data(item, index, wards))
        created += 1
    return created, kept
