"""Search on the officers' pages matches the folded names (core.text.fold), on SQLite and
PostgreSQL alike: the facility registry (/facilities/?search=…) by name, representative, main
products and tax code; a round's entry list by product, facility and voting code. The registry
lists facilities in Vietnamese dictionary order."""

import unicodedata
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.factories import AwardRoundFactory, EntryFactory, FacilityFactory


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def facility_list(client, **params):
    response = client.get(reverse("applicants:list") + "?" + urlencode(params))
    assert response.status_code == 200
    return [facility.pk for facility in response.context["page_obj"]]


@pytest.fixture
def registry(db):
    """Facilities that each match one kind of search (and none share a product)."""
    return {
        "keo": FacilityFactory(name="Cơ sở Kẹo dừa Phú Hưng", main_products="Kẹo dừa sáp"),
        "do_da": FacilityFactory(name="Đồ da Thành Công", main_products="Túi xách, ví"),
        "lan": FacilityFactory(
            name="Cơ sở Mỹ Lồng", representative_name="Nguyễn Thị Lan", main_products="Nem"
        ),
        "pia": FacilityFactory(
            name="Hợp tác xã Tân Lộc", main_products="Bánh pía sầu riêng\nLạp xưởng tươi"
        ),
    }


def expect(registry, *keys):
    return sorted((registry[key] for key in keys), key=lambda f: (f.sort_name, f.pk))


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("keo dua", ["keo"]),
        ("KẸO DỪA", ["keo"]),
        ("Kẹo Dừa", ["keo"]),
        (nfd("kẹo dừa"), ["keo"]),
        ("  kẹo   dừa ", ["keo"]),
        ("kẹo\u200b dừa", ["keo"]),
        ("do da", ["do_da"]),
        ("đồ da", ["do_da"]),
        ("ĐỒ DA", ["do_da"]),
        ("nguyen thi lan", ["lan"]),
        ("Nguyễn Thị Lan", ["lan"]),
        ("banh pia", ["pia"]),
        ("lạp xưởng", ["pia"]),
        ("thanh cong", ["do_da"]),
        ("không có", []),
    ],
)
def test_facility_list_search_matches_folded_names(client_as, officer, registry, search, expected):
    found = facility_list(client_as(officer), search=search)

    assert found == [facility.pk for facility in expect(registry, *expected)]


def test_facility_list_search_matches_the_tax_code(client_as, officer, registry):
    wanted = registry["pia"]

    found = facility_list(client_as(officer), search=wanted.tax_code)

    assert found == [wanted.pk]


@pytest.mark.parametrize("search", ["   ", "\u200b", "\u00ad\u2060"])
def test_facility_list_search_that_folds_to_nothing_filters_nothing(
    client_as, officer, registry, search
):
    found = facility_list(client_as(officer), search=search)

    assert found == [f.pk for f in expect(registry, "keo", "do_da", "lan", "pia")]


def test_facility_list_search_combines_with_the_other_filters(client_as, officer, registry):
    FacilityFactory(name="Kẹo dừa Bến Tre", main_products="Kẹo", legal_form="cooperative")

    found = facility_list(client_as(officer), search="keo dua", legal_form="small_enterprise")

    assert found == [registry["keo"].pk]


def test_facility_list_search_field_says_what_it_matches(client_as, officer, registry):
    response = client_as(officer).get(reverse("applicants:list"))

    label = response.context["filter"].form.fields["search"].label
    assert label == "Tên cơ sở, người đại diện, sản phẩm hoặc mã số thuế"


def test_facility_list_is_in_vietnamese_dictionary_order(client_as, officer):
    names = ["Đông Hải", "Dương Minh", "Ấp Bắc", "Anh Thư"]
    by_name = {name: FacilityFactory(name=name) for name in names}
    expected = ["Anh Thư", "Ấp Bắc", "Dương Minh", "Đông Hải"]
    # Code points (and a plain casefold) would put "Ấp Bắc" last.
    assert sorted(names) != expected
    assert sorted(names, key=str.casefold) != expected

    found = facility_list(client_as(officer))

    assert found == [by_name[name].pk for name in expected]


# ---- A round's entries --------------------------------------------------------------------


@pytest.fixture
def round_entries(db):
    award_round = AwardRoundFactory()
    entries = {
        "keo": EntryFactory(
            round=award_round,
            product_name="Kẹo dừa sáp",
            facility=FacilityFactory(name="Cơ sở Phú Hưng", main_products=""),
        ),
        "tui": EntryFactory(
            round=award_round,
            product_name="Túi xách da bò",
            facility=FacilityFactory(name="Đồ da Thành Công", main_products=""),
        ),
        "banh": EntryFactory(
            round=award_round,
            product_name="Bánh tráng Mỹ Lồng",
            state="eligible",
            voting_code="T2026-2-001",
            facility=FacilityFactory(name="Hợp tác xã Mỹ Lồng", main_products=""),
        ),
    }
    # The same product in another round is not on this round's list.
    EntryFactory(product_name="Kẹo dừa sáp", facility=entries["keo"].facility)
    return award_round, entries


ENTRY_SEARCHES = [
    ("keo dua", ["keo"]),
    ("KẸO DỪA", ["keo"]),
    ("Kẹo Dừa", ["keo"]),
    (nfd("kẹo dừa"), ["keo"]),
    ("do da", ["tui"]),
    ("đồ da", ["tui"]),
    ("phu hung", ["keo"]),
    ("banh trang", ["banh"]),
    ("t2026-2-0", ["banh"]),
    ("T2026-2-001", ["banh"]),
    ("t2026-3", []),
]


@pytest.mark.parametrize(("search", "expected"), ENTRY_SEARCHES)
def test_round_entry_list_search_matches_product_facility_and_voting_code(
    client_as, officer, round_entries, search, expected
):
    award_round, entries = round_entries

    response = client_as(officer).get(
        reverse("awards:round-entries", args=[award_round.pk]) + "?" + urlencode({"search": search})
    )

    assert response.status_code == 200
    found = sorted(entry.pk for entry in response.context["page_obj"])
    assert found == sorted(entries[key].pk for key in expected)


@pytest.mark.parametrize("search", ["   ", "\u200b"])
def test_round_entry_list_search_that_folds_to_nothing_filters_nothing(
    client_as, officer, round_entries, search
):
    award_round, entries = round_entries

    response = client_as(officer).get(
        reverse("awards:round-entries", args=[award_round.pk]) + "?" + urlencode({"search": search})
    )

    found = sorted(entry.pk for entry in response.context["page_obj"])
    assert found == sorted(entry.pk for entry in entries.values())
