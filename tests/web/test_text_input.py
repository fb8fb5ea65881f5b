"""What the page forms store of the text people send: NFC, without zero-width and control
characters, multi-line fields keeping their line breaks; a value of invisible characters only is
blank; long free text is limited to 10,000 characters (core.models.LongTextField)."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import translation

from applicants.models import Facility
from awards.models import CriteriaTemplate, Entry, ProductGroup
from core.models import LONG_TEXT_MAX

# An invisible-only value is cleaned to an empty one before the form field's own checks
# (core.forms.clean_text_inputs), so the field's "required" message answers.
BLANK = "Trường này là bắt buộc."


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def too_long_message(length: int) -> str:
    """Django's message for a text over LONG_TEXT_MAX, from its Vietnamese catalogue."""

    def message(language):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            MaxLengthValidator(LONG_TEXT_MAX)("a" * length)
        with translation.override(language):
            return caught.value.messages[0]

    vietnamese = message("vi")
    assert vietnamese != message("en")
    return vietnamese


# A name as a phone may send it: decomposed, with a zero-width space, a soft hyphen and a
# control character typed or pasted in.
SENT_NAME = nfd("Cơ sở\u200b Kẹo dừa\x07 Phú\u00ad Hưng")
STORED_NAME = "Cơ sở Kẹo dừa Phú Hưng"


# ---- Facilities ---------------------------------------------------------------------------


def test_facility_create_page_stores_a_decomposed_name_composed_and_clean(
    client_as, officer, facility_form_data
):
    assert not unicodedata.is_normalized("NFC", SENT_NAME)

    response = client_as(officer).post(
        reverse("applicants:create"),
        facility_form_data(
            name=SENT_NAME,
            representative_name=nfd("Nguyễn\u2060 Thị Lan"),
            address_line="Ấp 3\tPhú Hưng",
        ),
    )

    assert response.status_code == 302
    facility = Facility.objects.get()
    assert facility.name == STORED_NAME
    assert facility.representative_name == "Nguyễn Thị Lan"
    assert facility.address_line == "Ấp 3 Phú Hưng"
    assert (facility.name_folded, facility.representative_folded) == (
        "co so keo dua phu hung",
        "nguyen thi lan",
    )


def test_facility_create_page_keeps_line_breaks_of_multiline_fields(
    client_as, officer, facility_form_data
):
    client_as(officer).post(
        reverse("applicants:create"),
        facility_form_data(
            main_products=nfd("Kẹo dừa\r\nBánh tráng\ufeff\r\nBánh pía"),
            old_address="Ấp Phú Thạnh\r\nxã Tân Phú\rhuyện Châu Thành",
        ),
    )

    facility = Facility.objects.get()
    assert facility.main_products == "Kẹo dừa\nBánh tráng\nBánh pía"
    assert facility.old_address == "Ấp Phú Thạnh\nxã Tân Phú\nhuyện Châu Thành"
    assert facility.products_folded == "keo dua banh trang banh pia"


def test_facility_edit_page_stores_the_name_composed_and_clean(
    client_as, applicant, facility, facility_form_data
):
    data = facility_form_data(
        name=SENT_NAME,
        tax_code=facility.tax_code,
        province=facility.province_id,
        ward=facility.ward_id,
    )

    response = client_as(applicant).post(reverse("applicants:edit", args=[facility.pk]), data)

    assert response.status_code == 302
    facility.refresh_from_db()
    assert facility.name == STORED_NAME


@pytest.mark.parametrize(
    "invisible", ["\u200b", "\u200b\u200c\u200d", "\ufeff\u2060", "\u00ad", "\x07\x1b"]
)
def test_facility_create_page_name_of_invisible_characters_only_is_blank(
    client_as, officer, facility_form_data, invisible
):
    response = client_as(officer).post(
        reverse("applicants:create"), facility_form_data(name=invisible)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [BLANK]}
    assert Facility.objects.count() == 0


def test_facility_create_page_representative_of_invisible_characters_only_is_blank(
    client_as, officer, facility_form_data
):
    response = client_as(officer).post(
        reverse("applicants:create"), facility_form_data(representative_name="\u200b\u00ad")
    )

    assert response.context["form"].errors == {"representative_name": [BLANK]}
    assert Facility.objects.count() == 0


@pytest.mark.parametrize("field", ["main_products", "old_address"])
def test_facility_create_page_long_text_of_10001_characters_is_refused(
    client_as, officer, facility_form_data, field
):
    response = client_as(officer).post(
        reverse("applicants:create"), facility_form_data(**{field: "a" * (LONG_TEXT_MAX + 1)})
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [too_long_message(LONG_TEXT_MAX + 1)]}
    assert Facility.objects.count() == 0


@pytest.mark.parametrize("field", ["main_products", "old_address"])
def test_facility_create_page_long_text_of_10000_characters_is_accepted(
    client_as, officer, facility_form_data, field
):
    text = "ễ" * LONG_TEXT_MAX

    response = client_as(officer).post(
        reverse("applicants:create"), facility_form_data(**{field: text})
    )

    assert response.status_code == 302
    assert getattr(Facility.objects.get(), field) == text


def test_facility_edit_page_long_text_of_10001_characters_is_refused(
    client_as, applicant, facility, facility_form_data
):
    before = facility.main_products
    data = facility_form_data(
        main_products="a" * (LONG_TEXT_MAX + 1),
        tax_code=facility.tax_code,
        province=facility.province_id,
        ward=facility.ward_id,
    )

    response = client_as(applicant).post(reverse("applicants:edit", args=[facility.pk]), data)

    assert response.context["form"].errors == {
        "main_products": [too_long_message(LONG_TEXT_MAX + 1)]
    }
    facility.refresh_from_db()
    assert facility.main_products == before


# ---- Entries ------------------------------------------------------------------------------


def entry_form_data(entry, **overrides):
    data = {
        "product_name": entry.product_name,
        "product_group": entry.product_group_id,
        "features": entry.features,
        "materials": entry.materials,
        "production_process": entry.production_process,
        "markets": entry.markets,
        "price": entry.price,
        "quality_standards": "",
        "awards_received": "",
    }
    data.update(overrides)
    return data


def test_entry_page_stores_product_name_and_description_composed_and_clean(
    client_as, applicant, entry
):
    data = entry_form_data(
        entry,
        product_name=nfd("Kẹo\u200b dừa\x07 sáp"),
        features=nfd("Kẹo dẻo\u00ad\r\nĐóng gói 400 g"),
        materials="Dừa\u200d khô\r\nĐường mía",
        price=nfd("35.000 đ/hộp\ufeff"),
    )

    response = client_as(applicant).post(reverse("awards:entry-update", args=[entry.pk]), data)

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.product_name == "Kẹo dừa sáp"
    assert entry.features == "Kẹo dẻo\nĐóng gói 400 g"
    assert entry.materials == "Dừa khô\nĐường mía"
    assert entry.price == "35.000 đ/hộp"
    assert (entry.product_key, entry.product_folded) == ("kẹo dừa sáp", "keo dua sap")


def test_entry_register_page_stores_the_product_name_composed_and_clean(
    client_as, applicant, facility, award_round
):
    response = client_as(applicant).post(
        reverse("awards:entry-register", args=[award_round.pk]),
        {
            "facility": facility.pk,
            "product_name": nfd("Bánh\u200b pía\x1b sầu riêng"),
            "product_group": ProductGroup.objects.get(code=2).pk,
        },
    )

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert entry.product_name == "Bánh pía sầu riêng"


def test_entry_page_product_name_of_invisible_characters_only_is_blank(client_as, applicant, entry):
    name = entry.product_name
    data = entry_form_data(entry, product_name="\u200b\u2060")

    response = client_as(applicant).post(reverse("awards:entry-update", args=[entry.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"product_name": [BLANK]}
    entry.refresh_from_db()
    assert entry.product_name == name


def test_entry_register_page_product_name_of_invisible_characters_only_is_blank(
    client_as, applicant, facility, award_round
):
    response = client_as(applicant).post(
        reverse("awards:entry-register", args=[award_round.pk]),
        {
            "facility": facility.pk,
            "product_name": "\ufeff\u00ad",
            "product_group": ProductGroup.objects.get(code=2).pk,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"product_name": [BLANK]}
    assert Entry.objects.count() == 0


DESCRIPTION_LONG_FIELDS = [
    "features",
    "materials",
    "production_process",
    "markets",
    "quality_standards",
    "awards_received",
]


@pytest.mark.parametrize("field", DESCRIPTION_LONG_FIELDS)
def test_entry_page_description_of_10001_characters_is_refused(client_as, applicant, entry, field):
    before = getattr(entry, field)
    data = entry_form_data(entry, **{field: "a" * (LONG_TEXT_MAX + 1)})

    response = client_as(applicant).post(reverse("awards:entry-update", args=[entry.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [too_long_message(LONG_TEXT_MAX + 1)]}
    entry.refresh_from_db()
    assert getattr(entry, field) == before


@pytest.mark.parametrize("field", DESCRIPTION_LONG_FIELDS)
def test_entry_page_description_of_10000_characters_is_accepted(client_as, applicant, entry, field):
    text = "Đ" * LONG_TEXT_MAX
    data = entry_form_data(entry, **{field: text})

    response = client_as(applicant).post(reverse("awards:entry-update", args=[entry.pk]), data)

    assert response.status_code == 302
    entry.refresh_from_db()
    assert getattr(entry, field) == text


# ---- Criteria templates -------------------------------------------------------------------


def template_data(**overrides):
    data = {
        "name": "Tiêu chí cấp tỉnh 2027",
        "description": "",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-code": "1",
        "criteria-0-text": "Tính mới, sáng tạo",
        "criteria-0-max_points": "100",
        "criteria-0-parent": "",
    }
    data.update(overrides)
    return data


def test_criteria_template_page_description_of_10001_characters_is_refused(client_as, officer):
    response = client_as(officer).post(
        reverse("awards:template-create"), template_data(description="a" * (LONG_TEXT_MAX + 1))
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"description": [too_long_message(LONG_TEXT_MAX + 1)]}
    assert not CriteriaTemplate.objects.filter(name="Tiêu chí cấp tỉnh 2027").exists()


def test_criteria_template_page_description_of_10000_characters_is_accepted(client_as, officer):
    text = "ư" * LONG_TEXT_MAX

    response = client_as(officer).post(
        reverse("awards:template-create"), template_data(description=text)
    )

    assert response.status_code == 302
    assert CriteriaTemplate.objects.get(name="Tiêu chí cấp tỉnh 2027").description == text


# ---- Screening ----------------------------------------------------------------------------


# Known gap, outside the files this change may touch: the checklist's reason fields
# (awards.forms.screening.ScreeningForm) have no max_length and awards.services.record_screening
# stores with update_or_create, which runs no full_clean, so nothing checks the limit.
def test_screening_page_reason_of_10001_characters_is_refused(client_as, officer, submitted_entry):
    response = client_as(officer).post(
        reverse("awards:entry-screening", args=[submitted_entry.pk]),
        {
            "met_made_by_facility": "no",
            "reason_made_by_facility": "a" * (LONG_TEXT_MAX + 1),
            "action": "save",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reason_made_by_facility": [too_long_message(LONG_TEXT_MAX + 1)]
    }
    assert submitted_entry.screening_checks.count() == 0


def test_screening_page_reason_of_10000_characters_is_accepted(client_as, officer, submitted_entry):
    text = "ạ" * LONG_TEXT_MAX

    response = client_as(officer).post(
        reverse("awards:entry-screening", args=[submitted_entry.pk]),
        {"met_made_by_facility": "no", "reason_made_by_facility": text, "action": "save"},
    )

    assert response.status_code == 302
    assert submitted_entry.screening_checks.get().reason == text


def test_screening_page_stores_the_reason_composed_and_clean(client_as, officer, submitted_entry):
    client_as(officer).post(
        reverse("awards:entry-screening", args=[submitted_entry.pk]),
        {
            "met_made_by_facility": "no",
            "reason_made_by_facility": nfd("Mua lại\u200b của cơ sở khác\x07"),
            "action": "save",
        },
    )

    assert submitted_entry.screening_checks.get().reason == "Mua lại của cơ sở khác"
