"""Sort keys (core.text.sort_key) fit their columns for every name a field allows — on
PostgreSQL a key longer than its varchar would make the save fail — and the administrative
units keep dictionary order."""

import pytest

from applicants.models import Facility
from awards.models import Entry
from core.models import Province, Ward
from core.text import sort_key
from tests.factories import EntryFactory, FacilityFactory

SORT_NAME_LENGTH = Facility._meta.get_field("sort_name").max_length
PRODUCT_SORT_LENGTH = Entry._meta.get_field("product_sort").max_length
FACILITY_NAME_LENGTH = Facility._meta.get_field("name").max_length
PRODUCT_NAME_LENGTH = Entry._meta.get_field("product_name").max_length


def test_column_lengths_are_the_ones_the_keys_are_laid_out_for():
    assert (FACILITY_NAME_LENGTH, SORT_NAME_LENGTH) == (255, 1100)
    assert (PRODUCT_NAME_LENGTH, PRODUCT_SORT_LENGTH) == (300, 1201)
    # Four digits a character and the separator: a name of one-character letters fits whole.
    assert len(sort_key("ễ" * FACILITY_NAME_LENGTH)) == 1021
    assert len(sort_key("ễ" * PRODUCT_NAME_LENGTH)) == PRODUCT_SORT_LENGTH


def widest(length: int, pattern: str) -> str:
    return (pattern * length)[:length]


WIDE_NAMES = {
    "ễ repeated": "ễ",
    "letters, digits and punctuation": "Đồ da 2026, (ễ)! ",
    "ß casefolds to two letters": "ß",
    "ﬃ casefolds to three letters": "ﬃ",
    "a mix that grows": "ßﬃĐễ9",
}


@pytest.mark.parametrize("pattern", WIDE_NAMES.values(), ids=WIDE_NAMES.keys())
def test_facility_with_the_longest_name_saves_with_a_key_that_fits(db, pattern):
    name = widest(FACILITY_NAME_LENGTH, pattern)
    assert len(name) == FACILITY_NAME_LENGTH

    facility = FacilityFactory(name=name)

    stored = Facility.objects.get(pk=facility.pk)
    assert stored.name == name
    assert len(stored.sort_name) <= SORT_NAME_LENGTH
    assert stored.sort_name == sort_key(name)[:SORT_NAME_LENGTH]


def test_facility_with_the_longest_name_is_created_through_the_api(api_as, officer):
    name = widest(FACILITY_NAME_LENGTH, "ßﬃĐễ9")
    body = {
        "name": name,
        "legal_form": "household_business",
        "representative_name": "Lê Thị Mai",
        "province": "86",
        "ward": "28756",
    }

    response = api_as(officer).post("/api/v1/facilities/", body, format="json")

    assert response.status_code == 201
    assert Facility.objects.get().name == name


def test_facility_rename_to_the_longest_name_keeps_the_key_in_its_column(db):
    facility = FacilityFactory(name="An")
    facility.name = widest(FACILITY_NAME_LENGTH, "ﬃ")

    facility.save(update_fields=["name"])

    stored = Facility.objects.get(pk=facility.pk)
    assert stored.sort_name == sort_key(facility.name)[:SORT_NAME_LENGTH]


def test_facilities_with_keys_cut_to_the_column_still_sort_by_their_letters(db):
    """Two names whose keys are longer than the column and differ early sort by that letter."""
    later = FacilityFactory(name="ß" + widest(FACILITY_NAME_LENGTH - 1, "ﬃ"))
    earlier = FacilityFactory(name="ß" * 2 + widest(FACILITY_NAME_LENGTH - 2, "ﬃ"))
    # "sss…" against "ssf…": f (not a Vietnamese letter) sorts after every letter.
    assert len(sort_key(later.name)) > SORT_NAME_LENGTH

    assert list(Facility.objects.values_list("pk", flat=True)) == [earlier.pk, later.pk]


@pytest.mark.parametrize("pattern", WIDE_NAMES.values(), ids=WIDE_NAMES.keys())
def test_entry_with_the_longest_product_name_saves_with_a_key_that_fits(db, pattern):
    name = widest(PRODUCT_NAME_LENGTH, pattern)

    entry = EntryFactory(product_name=name)

    stored = Entry.objects.get(pk=entry.pk)
    assert stored.product_name == name
    assert len(stored.product_sort) <= PRODUCT_SORT_LENGTH
    assert stored.product_sort == sort_key(name)[:PRODUCT_SORT_LENGTH]


def test_entry_renamed_to_the_longest_name_through_the_api(api_as, applicant, entry):
    name = widest(PRODUCT_NAME_LENGTH, "Kẹo dừa ßﬃ ")

    response = api_as(applicant).patch(
        f"/api/v1/entries/{entry.pk}/", {"product_name": name}, format="json"
    )

    assert response.status_code == 200
    entry.refresh_from_db()
    assert (entry.product_name, entry.product_sort) == (name, sort_key(name)[:PRODUCT_SORT_LENGTH])


# ---- Administrative units -----------------------------------------------------------------


def test_provinces_are_in_dictionary_order(db):
    names = list(Province.objects.values_list("short_name", flat=True))

    assert len(names) == 34
    assert names == sorted(names, key=sort_key)
    # C, then the Đ provinces, then G: code points would put every Đ after Vĩnh Long.
    assert names[2:11] == [
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Đà Nẵng",
        "Đắk Lắk",
        "Điện Biên",
        "Đồng Nai",
        "Đồng Tháp",
        "Gia Lai",
    ]
    assert sorted(names)[-6:] == [
        "Vĩnh Long",
        "Điện Biên",
        "Đà Nẵng",
        "Đắk Lắk",
        "Đồng Nai",
        "Đồng Tháp",
    ]


def test_provinces_in_the_api_are_in_dictionary_order(api_as, officer):
    response = api_as(officer).get("/api/v1/provinces/")

    rows = response.json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [row["code"] for row in rows] == list(Province.objects.values_list("code", flat=True))


def test_wards_of_a_province_are_in_dictionary_order(db):
    names = list(Ward.objects.filter(province="86").values_list("short_name", flat=True))

    assert names == sorted(names, key=sort_key)
    # "Duyên Hải" (D) before the Đ wards, and those before G.
    d_and_dd = [name for name in names if name[0] in "DĐ"]
    assert d_and_dd[0] == "Duyên Hải"
    assert names.index("Đồng Khởi") < names.index("Giao Long")


def test_admin_unit_keys_fit_their_columns(db):
    length = Ward._meta.get_field("sort_name").max_length

    assert max(len(key) for key in Ward.objects.values_list("sort_name", flat=True)) <= length
    assert all(
        ward.sort_name == sort_key(ward.short_name) for ward in Ward.objects.filter(province="86")
    )
