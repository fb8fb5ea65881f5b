"""A facility registers a product at most once per round: names are compared by
core.text.same_name_key (Entry.product_key), through the service, the pages and the API, and
held by the database's unique constraint."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards.models import Entry, ProductGroup
from awards.services import register_entry, update_entry
from tests.factories import AwardRoundFactory, EntryFactory

DUPLICATE = "Cơ sở đã đăng ký sản phẩm có tên này trong đợt bình chọn."
ENTRIES = "/api/v1/entries/"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# Spellings of "Kẹo dừa" that are the same name: decomposed, with invisible characters (even
# between a decomposed letter and its mark), in another case, with other spacing.
VARIANTS = {
    "decomposed": nfd("Kẹo dừa"),
    "zero-width space": "Kẹo\u200b dừa",
    "word joiner and soft hyphen": "Kẹo\u2060 dừa\u00ad",
    "zero-width space inside a decomposed letter": "Ke\u200b\u0323o d\u200bừa",
    "upper case": "KẸO DỪA",
    "spacing": "  kẹo   dừa ",
}


@pytest.fixture
def keo_dua(award_round, facility):
    return EntryFactory(round=award_round, facility=facility, product_name="Kẹo dừa")


def entry_data(name):
    return {"product_name": name, "product_group": ProductGroup.objects.get(code=2)}


# ---- The service --------------------------------------------------------------------------


@pytest.mark.parametrize("name", VARIANTS.values(), ids=VARIANTS.keys())
def test_register_entry_refuses_a_variant_of_a_registered_name(
    applicant, facility, award_round, keo_dua, name
):
    with pytest.raises(ValidationError) as caught:
        register_entry(
            actor=applicant, award_round=award_round, facility=facility, data=entry_data(name)
        )

    assert caught.value.message_dict == {"product_name": [DUPLICATE]}
    assert list(Entry.objects.all()) == [keo_dua]


def test_register_entry_accepts_a_name_that_differs_only_by_a_tone_mark(
    applicant, facility, award_round, keo_dua
):
    """ "Kẹo dứa" is pineapple candy, "Kẹo dừa" coconut candy: the marks are what tell the two
    words apart, so the comparison keeps them (same_name_key folds case, spacing and invisible
    characters, never marks). A facility making both registers both."""
    entry = register_entry(
        actor=applicant, award_round=award_round, facility=facility, data=entry_data("Kẹo dứa")
    )

    assert entry.product_name == "Kẹo dứa"
    assert Entry.objects.count() == 2


def test_register_entry_accepts_the_same_name_for_another_facility(
    other_applicant, other_facility, award_round, keo_dua
):
    entry = register_entry(
        actor=other_applicant,
        award_round=award_round,
        facility=other_facility,
        data=entry_data("Kẹo dừa"),
    )

    assert (entry.facility, entry.product_name) == (other_facility, "Kẹo dừa")


def test_register_entry_accepts_the_same_name_in_another_round(applicant, facility, keo_dua):
    other_round = AwardRoundFactory()

    entry = register_entry(
        actor=applicant, award_round=other_round, facility=facility, data=entry_data("Kẹo dừa")
    )

    assert entry.round == other_round


@pytest.mark.parametrize("name", VARIANTS.values(), ids=VARIANTS.keys())
def test_update_entry_refuses_renaming_to_a_variant_of_another_entry(
    applicant, facility, award_round, keo_dua, name
):
    other = EntryFactory(round=award_round, facility=facility, product_name="Bánh pía")

    with pytest.raises(ValidationError) as caught:
        update_entry(actor=applicant, entry=other, data={"product_name": name})

    assert caught.value.message_dict == {"product_name": [DUPLICATE]}
    other.refresh_from_db()
    assert other.product_name == "Bánh pía"


def test_update_entry_accepts_its_own_name_in_another_spelling(applicant, keo_dua):
    updated = update_entry(actor=applicant, entry=keo_dua, data={"product_name": nfd("KẸO DỪA")})

    assert updated.product_name == "KẸO DỪA"
    assert updated.product_key == "kẹo dừa"


@pytest.mark.parametrize("name", [nfd("Kẹo dừa"), "Kẹo\u200b dừa", "KẸO DỪA"])
def test_database_refuses_a_variant_saved_without_validation(keo_dua, name):
    duplicate = Entry(
        round=keo_dua.round,
        facility=keo_dua.facility,
        product_name=name,
        product_group=keo_dua.product_group,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()  # no full_clean: save() derives product_key, the database refuses


# ---- The pages ----------------------------------------------------------------------------


def register_page(client, award_round, facility, name):
    return client.post(
        reverse("awards:entry-register", args=[award_round.pk]),
        {
            "facility": facility.pk,
            "product_name": name,
            "product_group": ProductGroup.objects.get(code=2).pk,
        },
    )


@pytest.mark.parametrize("name", VARIANTS.values(), ids=VARIANTS.keys())
def test_register_page_refuses_a_variant_of_a_registered_name(
    client_as, applicant, facility, award_round, keo_dua, name
):
    response = register_page(client_as(applicant), award_round, facility, name)

    assert response.status_code == 200
    assert response.context["form"].errors == {"product_name": [DUPLICATE]}
    assert Entry.objects.count() == 1


def test_register_page_accepts_kẹo_dứa_next_to_kẹo_dừa(
    client_as, applicant, facility, award_round, keo_dua
):
    """Marks tell products apart: pineapple candy (dứa) is not coconut candy (dừa)."""
    response = register_page(client_as(applicant), award_round, facility, "Kẹo dứa")

    assert response.status_code == 302
    assert sorted(Entry.objects.values_list("product_name", flat=True)) == ["Kẹo dứa", "Kẹo dừa"]


def test_register_page_accepts_the_same_name_for_another_facility(
    client_as, other_applicant, other_facility, award_round, keo_dua
):
    response = register_page(client_as(other_applicant), award_round, other_facility, "Kẹo dừa")

    assert response.status_code == 302
    assert Entry.objects.filter(facility=other_facility).get().product_name == "Kẹo dừa"


def test_entry_page_refuses_renaming_to_a_variant_of_another_entry(
    client_as, applicant, facility, award_round, keo_dua
):
    other = EntryFactory(round=award_round, facility=facility, product_name="Bánh pía")
    data = {
        "product_name": nfd("Kẹo\u200b dừa"),
        "product_group": other.product_group_id,
        "features": other.features,
        "materials": other.materials,
        "production_process": other.production_process,
        "markets": other.markets,
    }

    response = client_as(applicant).post(reverse("awards:entry-update", args=[other.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"product_name": [DUPLICATE]}
    other.refresh_from_db()
    assert other.product_name == "Bánh pía"


# ---- The API ------------------------------------------------------------------------------


def register_api(client, award_round, facility, name):
    return client.post(
        ENTRIES,
        {
            "round": award_round.pk,
            "facility": facility.pk,
            "product_name": name,
            "product_group": 2,
        },
        format="json",
    )


@pytest.mark.parametrize("name", VARIANTS.values(), ids=VARIANTS.keys())
def test_api_create_refuses_a_variant_of_a_registered_name(
    api_as, applicant, facility, award_round, keo_dua, name
):
    response = register_api(api_as(applicant), award_round, facility, name)

    assert response.status_code == 400
    assert response.json() == {"product_name": [DUPLICATE]}
    assert Entry.objects.count() == 1


def test_api_create_accepts_kẹo_dứa_next_to_kẹo_dừa(
    api_as, applicant, facility, award_round, keo_dua
):
    """Marks tell products apart: pineapple candy (dứa) is not coconut candy (dừa)."""
    response = register_api(api_as(applicant), award_round, facility, "Kẹo dứa")

    assert response.status_code == 201
    assert response.json()["product_name"] == "Kẹo dứa"


def test_api_create_accepts_the_same_name_for_another_facility(
    api_as, other_applicant, other_facility, award_round, keo_dua
):
    response = register_api(api_as(other_applicant), award_round, other_facility, "Kẹo dừa")

    assert response.status_code == 201
    assert response.json()["facility"] == {"id": other_facility.pk, "name": other_facility.name}


def test_api_patch_refuses_renaming_to_a_variant_of_another_entry(
    api_as, applicant, facility, award_round, keo_dua
):
    other = EntryFactory(round=award_round, facility=facility, product_name="Bánh pía")

    response = api_as(applicant).patch(
        f"{ENTRIES}{other.pk}/", {"product_name": "KẸO\u200c DỪA"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"product_name": [DUPLICATE]}
    other.refresh_from_db()
    assert other.product_name == "Bánh pía"
