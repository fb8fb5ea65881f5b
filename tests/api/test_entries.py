"""/api/v1/entries/: visibility per role, registration and editing through awards.services,
filters, a constant query count, screening and bulk transitions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localdate

from applicants.models import Facility
from awards.models import AwardRound, Entry, ProductGroup, ScreeningCheck, ScreeningCondition
from core.activity import Action
from core.models import ActivityLog, Ward
from core.workflow import transition
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    FacilityMemberFactory,
    complete_dossier,
    ward_in,
)

URL = "/api/v1/entries/"
ALL_MET = {c: {"passed": True, "reason": ""} for c in ScreeningCondition.values}


def detail_url(entry):
    return f"{URL}{entry.pk}/"


def ids(response):
    return [item["id"] for item in response.json()["results"]]


def entry_body(award_round, facility, **overrides):
    body = {
        "round": award_round.pk,
        "facility": facility.pk,
        "product_name": "Keo dua sau rieng Ben Tre",
        "product_group": 2,
        "is_product_set": False,
        "features": "Kẹo dừa dẻo, vị sầu riêng.",
        "materials": "Dừa khô, đường mía.",
        "production_process": "Nấu thủ công, 2 tấn/tháng.",
        "markets": "Trong tỉnh và TP Hồ Chí Minh.",
        "price": "35.000 đ/hộp",
        "quality_standards": "TCCS 01:2024",
        "awards_received": "",
    }
    body.update(overrides)
    return body


def submitted(entry, applicant):
    complete_dossier(entry)
    return transition(entry, to="submitted", actor=applicant)


# ---- visibility ------------------------------------------------------------------------------


@pytest.fixture
def two_entries(award_round, facility, other_facility):
    return {
        "entry": EntryFactory(round=award_round, facility=facility),
        "other_entry": EntryFactory(round=award_round, facility=other_facility),
    }


@pytest.mark.parametrize(
    ("persona", "expected_status", "visible"),
    [
        ("applicant", 200, ["entry"]),
        ("other_applicant", 200, ["other_entry"]),
        ("judge", 200, []),
        ("officer", 200, ["entry", "other_entry"]),
        ("manager", 200, ["entry", "other_entry"]),
        ("admin", 200, ["entry", "other_entry"]),
        ("anonymous", 401, None),
    ],
)
def test_entry_list_by_role(api_as, personas, two_entries, persona, expected_status, visible):
    response = api_as(personas[persona]).get(URL)

    assert response.status_code == expected_status
    if visible is not None:
        assert response.json()["count"] == len(visible)
        assert sorted(ids(response)) == sorted(two_entries[name].pk for name in visible)


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 401),
    ],
)
def test_entry_retrieve_by_role(api_as, personas, entry, persona, expected_status):
    response = api_as(personas[persona]).get(detail_url(entry))

    assert response.status_code == expected_status


def test_entry_list_shows_each_entry_once_to_a_member_of_two_facilities(api_as, applicant, entry):
    # The applicant is a member of the entry's facility and of another one.
    FacilityMemberFactory(user=applicant)

    response = api_as(applicant).get(URL)

    assert ids(response) == [entry.pk]


def test_entry_representation(api_as, applicant, entry, facility, award_round):
    response = api_as(applicant).get(detail_url(entry))

    data = response.json()
    assert sorted(data) == [
        "available_transitions",
        "awards_received",
        "created_at",
        "facility",
        "features",
        "id",
        "is_product_set",
        "markets",
        "materials",
        "missing",
        "price",
        "product_group",
        "product_group_name",
        "product_name",
        "production_process",
        "quality_standards",
        "round",
        "state",
        "state_label",
        "state_reason",
        "submitted_at",
        "updated_at",
        "voting_code",
    ]
    assert data["facility"] == {"id": facility.pk, "name": facility.name}
    assert data["round"] == {"id": award_round.pk, "title": award_round.title}
    assert data["product_group"] == 2
    assert data["product_group_name"] == "Chế biến nông, lâm, thủy sản và thực phẩm"
    assert data["state"] == "draft"
    assert data["state_reason"] == ""
    assert data["voting_code"] is None
    assert [t["to"] for t in data["available_transitions"]] == ["submitted", "withdrawn"]
    # Three photos and the three documents of a provincial round.
    assert len(data["missing"]) == 4


def test_entry_list_leaves_out_what_costs_a_query_per_entry(api_as, applicant, entry):
    item = api_as(applicant).get(URL).json()["results"][0]

    assert "available_transitions" not in item
    assert "missing" not in item
    assert item["facility"] == {"id": entry.facility.pk, "name": entry.facility.name}


def test_entry_complete_dossier_has_nothing_missing(api_as, applicant, complete_entry):
    response = api_as(applicant).get(detail_url(complete_entry))

    assert response.json()["missing"] == []


def test_entry_officer_sees_screening_transitions(api_as, officer, submitted_entry):
    response = api_as(officer).get(detail_url(submitted_entry))

    data = response.json()
    assert [(t["action"], t["to"]) for t in data["available_transitions"]] == [
        ("declare_eligible", "eligible"),
        ("return_for_completion", "returned"),
        ("declare_ineligible", "ineligible"),
        ("withdraw_on_request", "withdrawn"),
    ]
    labels = {t["action"]: (t["label"], t["confirm"]) for t in data["available_transitions"]}
    assert labels["return_for_completion"] == ("Trả lại: cơ sở bổ sung hồ sơ", "")
    assert labels["withdraw_on_request"][1].startswith("Rút sản phẩm này theo đề nghị của cơ sở?")
    assert data["missing"] is None


@pytest.mark.parametrize("persona", ["officer", "applicant"])
def test_entry_list_query_count_is_constant(
    api_as, personas, award_round, facility, django_assert_num_queries, persona
):
    def add_entry():
        entry = submitted(EntryFactory(round=award_round, facility=facility), personas["applicant"])
        ScreeningCheck.objects.create(entry=entry, condition="made_by_facility", passed=True)

    add_entry()
    client = api_as(personas[persona])
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).json()["count"] == 1
    add_entry()
    add_entry()

    with django_assert_num_queries(len(one)):
        response = client.get(URL)

    assert response.json()["count"] == 3
    checks = [len(e.get("screening_checks", [])) for e in response.json()["results"]]
    assert checks == ([1, 1, 1] if persona == "officer" else [0, 0, 0])


# ---- filters, search, ordering ---------------------------------------------------------------


@pytest.fixture
def spread(award_round, facility, other_facility):
    """Entries across rounds, groups, states and provinces."""
    ha_noi = FacilityFactory(
        name="Hợp tác xã mây tre đan Phú Vinh", ward=ward_in("01"), province_id="01"
    )
    other_round = AwardRoundFactory()
    return {
        "candy": EntryFactory(
            round=award_round, facility=facility, product_name="Kẹo dừa", product_group=group(2)
        ),
        "basket": EntryFactory(
            round=award_round, facility=ha_noi, product_name="Giỏ mây", product_group=group(1)
        ),
        "machine": EntryFactory(
            round=other_round,
            facility=other_facility,
            product_name="Máy bóc vỏ dừa",
            product_group=group(3),
            state="submitted",
        ),
    }


def group(code):
    return ProductGroup.objects.get(code=code)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"product_group": 1}, ["basket"]),
        ({"state": "submitted"}, ["machine"]),
        ({"province": "01"}, ["basket"]),
        ({"province": "86"}, ["candy", "machine"]),
        ({"search": "dừa"}, ["candy", "machine"]),
        ({"search": "Phú Vinh"}, ["basket"]),
        ({"search": "  "}, ["basket", "candy", "machine"]),
        ({"round": 0}, []),
    ],
)
def test_entry_list_filters(api_as, officer, spread, params, expected):
    response = api_as(officer).get(URL, params)

    assert response.status_code == 200
    assert sorted(ids(response)) == sorted(spread[name].pk for name in expected)


def test_entry_list_filters_by_round_and_facility(api_as, officer, spread):
    candy = spread["candy"]

    by_round = api_as(officer).get(URL, {"round": candy.round_id})
    by_facility = api_as(officer).get(URL, {"facility": candy.facility_id})

    assert sorted(ids(by_round)) == sorted([candy.pk, spread["basket"].pk])
    assert ids(by_facility) == [candy.pk]


def test_entry_list_filter_with_unknown_state_is_refused(api_as, officer):
    response = api_as(officer).get(URL, {"state": "lost"})

    assert response.status_code == 400
    assert list(response.json()) == ["state"]


def test_entry_list_orders_by_product_name(api_as, officer, spread):
    response = api_as(officer).get(URL, {"ordering": "-product_name"})

    assert [e["product_name"] for e in response.json()["results"]] == [
        "Máy bóc vỏ dừa",
        "Kẹo dừa",
        "Giỏ mây",
    ]


def test_entry_list_is_paginated(api_as, officer, award_round, facility):
    EntryFactory.create_batch(26, round=award_round, facility=facility)

    first = api_as(officer).get(URL).json()
    second = api_as(officer).get(URL, {"page": 2}).json()

    assert first["count"] == 26
    assert len(first["results"]) == 25
    assert len(second["results"]) == 1
    assert second["next"] is None


# ---- registration ----------------------------------------------------------------------------


def test_entry_register_by_member(api_as, applicant, award_round, facility):
    response = api_as(applicant).post(URL, entry_body(award_round, facility), format="json")

    assert response.status_code == 201
    data = response.json()
    entry = Entry.objects.get(pk=data["id"])
    assert data["state"] == "draft"
    assert data["round"] == {"id": award_round.pk, "title": award_round.title}
    assert data["facility"] == {"id": facility.pk, "name": facility.name}
    assert data["product_group"] == 2
    assert data["quality_standards"] == "TCCS 01:2024"
    assert len(data["missing"]) == 4
    assert entry.created_by == applicant
    assert ActivityLog.objects.filter(
        object_id=str(entry.pk), action=Action.CREATED, actor=applicant
    ).exists()


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("other_applicant", 400),  # the facility is not one of theirs: no such choice
        ("judge", 403),
        ("officer", 403),
        ("manager", 403),
        ("admin", 403),
        ("anonymous", 401),
    ],
)
def test_entry_register_by_non_member_is_refused(
    api_as, personas, award_round, facility, persona, expected_status
):
    response = api_as(personas[persona]).post(URL, entry_body(award_round, facility), format="json")

    assert response.status_code == expected_status
    assert Entry.objects.count() == 0


def test_entry_register_for_other_facility_names_the_facility(
    api_as, other_applicant, award_round, facility
):
    response = api_as(other_applicant).post(URL, entry_body(award_round, facility), format="json")

    assert list(response.json()) == ["facility"]
    assert response.data["facility"][0].code == "does_not_exist"


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(5, 20), (-20, -1)],
    ids=["not yet open", "already closed"],
)
def test_entry_register_outside_window_is_refused(api_as, applicant, facility, opens, closes):
    award_round = AwardRoundFactory(
        registration_opens=localdate() + datetime.timedelta(days=opens),
        registration_closes=localdate() + datetime.timedelta(days=closes),
    )

    response = api_as(applicant).post(URL, entry_body(award_round, facility), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["round"]
    assert Entry.objects.count() == 0


@pytest.mark.parametrize("state", ["draft", "screening", "judging"])
def test_entry_register_in_round_not_in_registration_is_refused(api_as, applicant, facility, state):
    award_round = AwardRoundFactory(state=state)

    response = api_as(applicant).post(URL, entry_body(award_round, facility), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["round"]


def test_entry_register_in_published_round_is_refused(api_as, applicant, facility):
    award_round = AwardRoundFactory(state="published")

    response = api_as(applicant).post(URL, entry_body(award_round, facility), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["round"]
    assert response.data["round"][0].code == "invalid"


def test_entry_register_for_closed_group_is_refused(api_as, applicant, facility):
    award_round = AwardRoundFactory(groups=ProductGroup.objects.filter(code__in=[1, 2]))

    response = api_as(applicant).post(
        URL, entry_body(award_round, facility, product_group=3), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["product_group"]


def test_entry_register_for_unknown_group_is_refused(api_as, applicant, award_round, facility):
    response = api_as(applicant).post(
        URL, entry_body(award_round, facility, product_group=7), format="json"
    )

    assert response.status_code == 400
    assert response.data["product_group"][0].code == "does_not_exist"


def test_entry_register_by_ineligible_facility_is_refused(api_as, applicant, award_round, facility):
    # A legal form the rule does not cover (only reachable by writing the row directly).
    Facility.objects.filter(pk=facility.pk).update(legal_form="state_enterprise")

    response = api_as(applicant).post(URL, entry_body(award_round, facility), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["facility"]
    # "Not a rural industrial facility", then the reason.
    assert len(response.json()["facility"]) == 2


def test_entry_register_by_facility_in_urban_ward_is_accepted(api_as, applicant, award_round):
    # Since 15/10/2025 (NĐ 235/2025) a facility in a phường qualifies too.
    urban = FacilityMemberFactory(
        user=applicant, facility__ward=ward_in(kind=Ward.Kind.WARD)
    ).facility

    response = api_as(applicant).post(URL, entry_body(award_round, urban), format="json")

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("first_name", "second_name"),
    [
        ("Keo dua sau rieng", "Keo dua sau rieng"),
        ("Keo dua sau rieng", "KEO DUA SAU RIENG"),
        ("Kẹo dừa sầu riêng", "KẸO DỪA SẦU RIÊNG"),
    ],
)
def test_entry_register_same_product_twice_is_refused(
    api_as, applicant, award_round, facility, first_name, second_name
):
    client = api_as(applicant)
    first = entry_body(award_round, facility, product_name=first_name)
    assert client.post(URL, first, format="json").status_code == 201

    response = client.post(
        URL, entry_body(award_round, facility, product_name=second_name), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["product_name"]
    assert Entry.objects.count() == 1


def test_entry_register_same_product_in_another_round_is_accepted(
    api_as, applicant, award_round, facility
):
    client = api_as(applicant)
    client.post(URL, entry_body(award_round, facility), format="json")

    response = client.post(URL, entry_body(AwardRoundFactory(), facility), format="json")

    assert response.status_code == 201


def test_entry_register_without_required_fields_lists_them(api_as, applicant):
    response = api_as(applicant).post(URL, {}, format="json")

    assert response.status_code == 400
    assert sorted(response.json()) == ["facility", "product_group", "product_name", "round"]


def test_entry_register_ignores_state_and_voting_code(api_as, applicant, award_round, facility):
    body = entry_body(award_round, facility, state="eligible", voting_code="T2026-2-001")

    response = api_as(applicant).post(URL, body, format="json")

    assert response.status_code == 201
    assert response.json()["state"] == "draft"
    assert response.json()["voting_code"] is None


# ---- editing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 403),
        ("manager", 403),
        ("admin", 403),
        ("anonymous", 401),
    ],
)
def test_entry_update_by_role(api_as, personas, entry, persona, expected_status):
    old_price = entry.price

    response = api_as(personas[persona]).patch(
        detail_url(entry), {"price": "40.000 đ/hộp"}, format="json"
    )

    assert response.status_code == expected_status
    entry.refresh_from_db()
    assert entry.price == ("40.000 đ/hộp" if expected_status == 200 else old_price)


def test_entry_update_logs_the_change(api_as, applicant, entry):
    response = api_as(applicant).patch(
        detail_url(entry), {"price": "40.000 đ/hộp", "product_group": 4}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["product_group"] == 4
    log = ActivityLog.objects.get(object_id=str(entry.pk), action=Action.UPDATED)
    assert log.before == {"price": "35.000 đ/hộp", "product_group": group(2).pk}
    assert log.after == {"price": "40.000 đ/hộp", "product_group": group(4).pk}


def test_entry_put_replaces_the_description(api_as, applicant, entry, award_round, facility):
    body = entry_body(award_round, facility, product_name="Kẹo dừa lá dứa")
    del body["round"], body["facility"]

    response = api_as(applicant).put(detail_url(entry), body, format="json")

    assert response.status_code == 200
    assert response.json()["product_name"] == "Kẹo dừa lá dứa"
    assert response.json()["quality_standards"] == "TCCS 01:2024"


def test_entry_update_cannot_move_it_to_another_round_or_facility(
    api_as, applicant, entry, other_facility
):
    old_round, old_facility = entry.round_id, entry.facility_id

    response = api_as(applicant).patch(
        detail_url(entry),
        {"round": AwardRoundFactory().pk, "facility": other_facility.pk},
        format="json",
    )

    assert response.status_code == 200
    entry.refresh_from_db()
    assert (entry.round_id, entry.facility_id) == (old_round, old_facility)


def test_entry_update_after_submission_is_refused(api_as, applicant, submitted_entry):
    response = api_as(applicant).patch(detail_url(submitted_entry), {"price": "1 đ"}, format="json")

    assert response.status_code == 403


def test_entry_update_after_return_is_accepted(api_as, applicant, officer, submitted_entry):
    transition(submitted_entry, to="returned", actor=officer, note="Bổ sung giá")

    response = api_as(applicant).patch(
        detail_url(submitted_entry), {"price": "38.000 đ/hộp"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["price"] == "38.000 đ/hộp"


def test_entry_update_to_closed_group_is_refused(api_as, applicant, facility):
    award_round = AwardRoundFactory(groups=ProductGroup.objects.filter(code__in=[1, 2]))
    entry = EntryFactory(round=award_round, facility=facility)

    response = api_as(applicant).patch(detail_url(entry), {"product_group": 3}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["product_group"]


def test_entry_update_to_a_name_already_registered_is_refused(
    api_as, applicant, entry, award_round, facility
):
    EntryFactory(round=award_round, facility=facility, product_name="Kẹo chuối")

    response = api_as(applicant).patch(
        detail_url(entry), {"product_name": "Kẹo chuối"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["product_name"]


@pytest.mark.parametrize("persona", ["applicant", "officer", "admin"])
def test_entry_delete_is_not_offered(api_as, personas, entry, persona):
    response = api_as(personas[persona]).delete(detail_url(entry))

    assert response.status_code == 405
    assert Entry.objects.filter(pk=entry.pk).exists()


# ---- screening -------------------------------------------------------------------------------


def screening_url(entry):
    return f"{detail_url(entry)}screening/"


def test_screening_records_checklist(api_as, officer, submitted_entry):
    checks = {
        "made_by_facility": {"passed": True},
        "mass_producible": {"passed": False, "reason": "Chỉ làm theo đơn đặt hàng"},
    }

    response = api_as(officer).post(screening_url(submitted_entry), {"checks": checks}, "json")

    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "submitted"
    assert [(c["condition"], c["passed"], c["reason"]) for c in data["screening_checks"]] == [
        ("made_by_facility", True, ""),
        ("mass_producible", False, "Chỉ làm theo đơn đặt hàng"),
    ]
    assert all(c["condition_label"] for c in data["screening_checks"])


def test_screening_with_decision_eligible_assigns_voting_code(api_as, officer, submitted_entry):
    response = api_as(officer).post(
        screening_url(submitted_entry), {"checks": ALL_MET, "decision": "eligible"}, "json"
    )

    assert response.status_code == 200
    assert response.json()["state"] == "eligible"
    assert response.json()["voting_code"] == "T2026-2-001"
    assert len(response.json()["screening_checks"]) == 6


def test_screening_voting_codes_follow_screening_order(
    api_as, officer, applicant, award_round, facility
):
    first = submitted(EntryFactory(round=award_round, facility=facility), applicant)
    second = submitted(EntryFactory(round=award_round, facility=facility), applicant)
    body = {"checks": ALL_MET, "decision": "eligible"}

    codes = [
        api_as(officer).post(screening_url(e), body, "json").json()["voting_code"]
        for e in (second, first)
    ]

    assert codes == ["T2026-2-001", "T2026-2-002"]


def test_screening_decision_eligible_with_incomplete_checklist_saves_nothing(
    api_as, officer, submitted_entry
):
    checks = {**ALL_MET, "meets_standards": {"passed": False, "reason": "Chưa có công bố"}}

    response = api_as(officer).post(
        screening_url(submitted_entry), {"checks": checks, "decision": "eligible"}, "json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["requirements"]
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == "submitted"
    # The checklist and the decision are one transaction.
    assert submitted_entry.screening_checks.count() == 0


def test_screening_decision_ineligible_keeps_the_reason(api_as, officer, submitted_entry):
    response = api_as(officer).post(
        screening_url(submitted_entry),
        {"decision": "ineligible", "note": "Sản phẩm nhập khẩu"},
        "json",
    )

    assert response.status_code == 200
    assert response.json()["state"] == "ineligible"
    assert response.json()["state_reason"] == "Sản phẩm nhập khẩu"


@pytest.mark.parametrize("decision", ["ineligible", "returned"])
def test_screening_decision_out_without_note_is_refused(api_as, officer, submitted_entry, decision):
    response = api_as(officer).post(screening_url(submitted_entry), {"decision": decision}, "json")

    assert response.status_code == 400
    # On the field the user writes it in.
    assert list(response.json()) == ["note"]


def test_screening_decision_the_entry_no_longer_allows_is_an_error_on_decision(
    api_as, officer, submitted_entry
):
    api_as(officer).post(
        screening_url(submitted_entry), {"decision": "returned", "note": "Bổ sung"}, "json"
    )

    response = api_as(officer).post(
        screening_url(submitted_entry), {"decision": "returned", "note": "Bổ sung"}, "json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["decision"]


def test_screening_from_a_stale_client_answers_409(api_as, officer, submitted_entry):
    api_as(officer).post(
        screening_url(submitted_entry), {"decision": "returned", "note": "Bổ sung"}, "json"
    )

    response = api_as(officer).post(
        screening_url(submitted_entry),
        {"checks": {"made_by_facility": {"passed": True}}, "from": "submitted"},
        "json",
    )

    assert response.status_code == 409
    assert response.json()["state"] == "returned"


def test_screening_with_unknown_decision_is_refused(api_as, officer, submitted_entry):
    response = api_as(officer).post(
        screening_url(submitted_entry), {"decision": "withdrawn"}, "json"
    )

    assert response.status_code == 400
    assert response.json() == {"decision": ["“withdrawn” không phải là lựa chọn hợp lệ."]}
    assert submitted_entry.screening_checks.count() == 0


def test_screening_failed_condition_without_reason_is_refused(api_as, officer, submitted_entry):
    checks = {"no_ip_infringement": {"passed": False, "reason": " "}}

    response = api_as(officer).post(screening_url(submitted_entry), {"checks": checks}, "json")

    assert response.status_code == 400
    assert list(response.json()) == ["no_ip_infringement"]
    assert submitted_entry.screening_checks.count() == 0


def test_screening_unknown_condition_is_refused(api_as, officer, submitted_entry):
    checks = {"looks_nice": {"passed": True}}

    response = api_as(officer).post(screening_url(submitted_entry), {"checks": checks}, "json")

    assert response.status_code == 400
    assert list(response.json()) == ["looks_nice"]


def test_screening_with_nothing_to_do_is_refused(api_as, officer, submitted_entry):
    response = api_as(officer).post(screening_url(submitted_entry), {}, "json")

    assert response.status_code == 400
    assert list(response.json()) == ["checks"]


def test_screening_of_a_draft_is_refused(api_as, officer, entry):
    response = api_as(officer).post(screening_url(entry), {"checks": ALL_MET}, "json")

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [("applicant", 403), ("other_applicant", 403), ("judge", 403), ("manager", 403)],
)
def test_screening_by_non_officer_is_refused(
    api_as, personas, submitted_entry, persona, expected_status
):
    response = api_as(personas[persona]).post(
        screening_url(submitted_entry), {"checks": ALL_MET, "decision": "eligible"}, "json"
    )

    assert response.status_code == expected_status
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == "submitted"
    assert submitted_entry.screening_checks.count() == 0


# ---- bulk transitions ------------------------------------------------------------------------

BULK_URL = f"{URL}bulk-transition/"


@pytest.fixture
def batch(award_round, facility, applicant):
    return [
        submitted(EntryFactory(round=award_round, facility=facility), applicant) for _ in range(3)
    ]


def test_bulk_eligible_moves_every_entry_and_ticks_checklists(api_as, officer, batch):
    response = api_as(officer).post(
        BULK_URL, {"ids": [e.pk for e in batch], "to": "eligible"}, format="json"
    )

    assert response.status_code == 200
    assert sorted(e["id"] for e in response.json()) == sorted(e.pk for e in batch)
    assert {e["state"] for e in response.json()} == {"eligible"}
    assert sorted(e["voting_code"] for e in response.json()) == [
        "T2026-2-001",
        "T2026-2-002",
        "T2026-2-003",
    ]
    assert ScreeningCheck.objects.filter(passed=True).count() == 3 * 6


def test_bulk_returned_keeps_the_note(api_as, officer, batch):
    response = api_as(officer).post(
        BULK_URL,
        {"ids": [e.pk for e in batch], "to": "returned", "note": "Bổ sung bản công bố"},
        format="json",
    )

    assert response.status_code == 200
    assert {e["state_reason"] for e in response.json()} == {"Bổ sung bản công bố"}


def test_bulk_with_one_refused_entry_moves_none(api_as, officer, batch, entry):
    ids_ = [e.pk for e in batch] + [entry.pk]

    response = api_as(officer).post(BULK_URL, {"ids": ids_, "to": "eligible"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [str(entry.pk)]
    assert len(response.json()[str(entry.pk)]) == 1
    assert set(Entry.objects.filter(pk__in=ids_).values_list("state", flat=True)) == {
        "submitted",
        "draft",
    }
    assert Entry.objects.exclude(voting_code=None).count() == 0
    assert ScreeningCheck.objects.count() == 0


def test_bulk_without_note_is_refused_on_the_note(api_as, officer, batch):
    """One note for the whole selection: its error is on `note`, once, not on every entry."""
    response = api_as(officer).post(
        BULK_URL, {"ids": [e.pk for e in batch], "to": "ineligible"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"note": ["Hãy ghi lý do sản phẩm không đủ điều kiện."]}
    assert set(Entry.objects.values_list("state", flat=True)) == {"submitted"}


def test_bulk_with_unknown_id_is_refused(api_as, officer, batch):
    response = api_as(officer).post(
        BULK_URL, {"ids": [batch[0].pk, 999999], "to": "eligible"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["ids"]
    batch[0].refresh_from_db()
    assert batch[0].state == "submitted"


def test_bulk_without_ids_is_refused(api_as, officer):
    response = api_as(officer).post(BULK_URL, {"ids": [], "to": "eligible"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["ids"]


@pytest.mark.parametrize("persona", ["applicant", "judge", "manager"])
def test_bulk_by_non_officer_is_refused(api_as, personas, batch, persona):
    response = api_as(personas[persona]).post(
        BULK_URL, {"ids": [e.pk for e in batch], "to": "withdrawn"}, format="json"
    )

    assert response.status_code == 403
    assert set(Entry.objects.values_list("state", flat=True)) == {"submitted"}


def test_bulk_in_round_being_judged_is_refused(api_as, officer, batch):
    AwardRound.objects.filter(pk=batch[0].round_id).update(state="judging")

    response = api_as(officer).post(
        BULK_URL, {"ids": [e.pk for e in batch], "to": "eligible"}, format="json"
    )

    assert response.status_code == 400
    assert sorted(response.json()) == sorted(str(e.pk) for e in batch)


def test_entry_screening_notes_shown_to_staff_not_to_the_facility(
    api_as, applicant, officer, submitted_entry
):
    from awards.services import record_screening

    record_screening(
        actor=officer,
        entry=submitted_entry,
        checks={"no_ip_infringement": (False, "Nghi sao chép mẫu")},
    )
    staff_view = api_as(officer).get(detail_url(submitted_entry)).json()
    facility_view = api_as(applicant).get(detail_url(submitted_entry)).json()

    assert [c["reason"] for c in staff_view["screening_checks"]] == ["Nghi sao chép mẫu"]
    assert "screening_checks" not in facility_view
    assert "screening_checks" not in api_as(applicant).get(URL).json()["results"][0]


def test_entry_history_for_the_facility_has_state_changes_only_without_names(
    api_as, applicant, officer, submitted_entry
):
    from awards.services import record_screening

    record_screening(actor=officer, entry=submitted_entry, checks={"made_by_facility": (True, "")})
    url = f"{detail_url(submitted_entry)}history/"
    staff_rows = api_as(officer).get(url).json()
    facility_rows = api_as(applicant).get(url).json()

    assert [r["action"] for r in staff_rows][:2] == ["updated", "transition"]
    assert [r["action"] for r in facility_rows] == ["transition"]
    assert facility_rows[0]["actor"] is None
    assert facility_rows[0]["after"] == {
        "state": "submitted",
        "submitted_at": submitted_entry.submitted_at.isoformat(),
    }
    assert facility_rows[0]["transition"] == "submit"
