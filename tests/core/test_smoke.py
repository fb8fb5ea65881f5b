import pytest

from core.models import Province, Ward
from core.text import sort_key
from tests.factories import FacilityFactory


@pytest.mark.django_db
def test_admin_units_loaded_by_migration():
    assert Province.objects.count() == 34
    assert Ward.objects.count() == 3321


@pytest.mark.django_db
def test_facility_factory_builds_a_valid_facility():
    facility = FacilityFactory()
    facility.full_clean()


def test_sort_key_follows_the_vietnamese_alphabet():
    from core.text import sort_key

    names = [
        "Yên Bái",
        "Đồng Tháp",
        "Cần Thơ",
        "Điện Biên",
        "Cà Mau",
        "Dĩ An",
        "Cao Bằng",
        "Ea Súp",
    ]
    assert sorted(names, key=sort_key) == [
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Dĩ An",
        "Điện Biên",
        "Đồng Tháp",
        "Ea Súp",
        "Yên Bái",
    ]


def test_sort_key_orders_tones_after_letters():
    from core.text import sort_key

    assert sorted(["Má", "Ma", "Mà", "Mạ", "Mả", "Mã"], key=sort_key) == [
        "Ma",
        "Mà",
        "Mả",
        "Mã",
        "Má",
        "Mạ",
    ]


@pytest.mark.django_db
def test_provinces_listed_in_vietnamese_dictionary_order():
    names = list(Province.objects.values_list("short_name", flat=True))
    assert names.index("Đồng Tháp") < names.index("Gia Lai")
    assert names.index("Cao Bằng") < names.index("Cần Thơ") < names.index("Đà Nẵng")


@pytest.mark.django_db
def test_derived_sort_name_follows_a_partial_save():
    facility = FacilityFactory(name="Gốm")
    facility.name = "Đồ da"
    facility.save(update_fields=["name"])
    facility.refresh_from_db()
    assert facility.sort_name == sort_key("Đồ da")
    assert facility.name_folded == "do da"
