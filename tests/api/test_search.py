"""Search in the API matches the folded names (core.text.fold), on SQLite and PostgreSQL alike:
GET /api/v1/facilities/?search=… by name, representative, main products and tax code;
GET /api/v1/entries/?search=… by product, facility and voting code."""

import unicodedata

import pytest

from tests.factories import AwardRoundFactory, EntryFactory, FacilityFactory

FACILITIES = "/api/v1/facilities/"
ENTRIES = "/api/v1/entries/"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def ids(response):
    assert response.status_code == 200
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def registry(db):
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
    return [f.pk for f in sorted((registry[k] for k in keys), key=lambda f: (f.sort_name, f.pk))]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("keo dua", ["keo"]),
        ("KẸO DỪA", ["keo"]),
        ("Kẹo Dừa", ["keo"]),
        (nfd("kẹo dừa"), ["keo"]),
        ("kẹo\ufeff  dừa", ["keo"]),
        ("do da", ["do_da"]),
        ("đồ da", ["do_da"]),
        (nfd("Đồ Da"), ["do_da"]),
        ("nguyen thi lan", ["lan"]),
        ("NGUYỄN THỊ LAN", ["lan"]),
        ("banh pia", ["pia"]),
        ("lạp xưởng", ["pia"]),
        ("không có", []),
    ],
)
def test_facility_search_matches_folded_names(api_as, officer, registry, search, expected):
    response = api_as(officer).get(FACILITIES, {"search": search})

    assert ids(response) == expect(registry, *expected)


def test_facility_search_matches_the_tax_code(api_as, officer, registry):
    wanted = registry["pia"]

    response = api_as(officer).get(FACILITIES, {"search": f" {wanted.tax_code} "})

    assert ids(response) == [wanted.pk]


@pytest.mark.parametrize("search", ["   ", "\u200b", "\u00ad\u2060"])
def test_facility_search_that_folds_to_nothing_filters_nothing(api_as, officer, registry, search):
    response = api_as(officer).get(FACILITIES, {"search": search})

    assert ids(response) == expect(registry, "keo", "do_da", "lan", "pia")


def test_facility_search_keeps_an_applicant_to_their_own(api_as, applicant, facility, registry):
    assert facility.main_products == "Kẹo dừa"

    response = api_as(applicant).get(FACILITIES, {"search": "keo dua"})

    assert ids(response) == [facility.pk]


# ---- Entries ------------------------------------------------------------------------------


@pytest.fixture
def entries(db):
    award_round = AwardRoundFactory()
    return {
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
        "other_round": EntryFactory(
            round=AwardRoundFactory(),
            product_name="Kẹo dừa lá dứa",
            facility=FacilityFactory(name="Cơ sở Bến Tre", main_products=""),
        ),
    }


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("keo dua", ["keo", "other_round"]),
        ("KẸO DỪA", ["keo", "other_round"]),
        ("Kẹo Dừa", ["keo", "other_round"]),
        (nfd("kẹo dừa"), ["keo", "other_round"]),
        ("keo dua sap", ["keo"]),
        ("do da", ["tui"]),
        ("đồ da", ["tui"]),
        ("phu hung", ["keo"]),
        ("ben tre", ["other_round"]),
        ("banh trang", ["banh"]),
        ("t2026-2-0", ["banh"]),
        ("T2026-2-001", ["banh"]),
        (" t2026-2-001 ", ["banh"]),
        ("t2026-3", []),
    ],
)
def test_entry_search_matches_product_facility_and_voting_code(
    api_as, officer, entries, search, expected
):
    response = api_as(officer).get(ENTRIES, {"search": search})

    assert sorted(ids(response)) == sorted(entries[key].pk for key in expected)


def test_entry_search_combines_with_the_round_filter(api_as, officer, entries):
    round_id = entries["keo"].round_id

    response = api_as(officer).get(ENTRIES, {"search": "keo dua", "round": round_id})

    assert ids(response) == [entries["keo"].pk]


@pytest.mark.parametrize("search", ["   ", "\u200b"])
def test_entry_search_that_folds_to_nothing_filters_nothing(api_as, officer, entries, search):
    response = api_as(officer).get(ENTRIES, {"search": search})

    assert sorted(ids(response)) == sorted(entry.pk for entry in entries.values())
