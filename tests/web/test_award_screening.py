"""The officer's entry pages: a round's entry list (filters, counts per group and state, bulk
actions) and the screening page of one entry."""

import pytest
from django.urls import reverse

from awards.models import Entry, ProductGroup, ScreeningCheck, ScreeningCondition
from core.models import Province
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    complete_dossier,
    ward_in,
)

E = Entry.State
CONDITIONS = ScreeningCondition.values


def entries_url(award_round, **params):
    from urllib.parse import urlencode

    url = reverse("awards:round-entries", args=[award_round.pk])
    return url + ("?" + urlencode(params) if params else "")


def group(code):
    return ProductGroup.objects.get(code=code)


# ---- Entry list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 403),
        ("other_applicant", 403),
        ("judge", 403),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_entry_list_access(persona, expected, personas, client_as, entry):
    assert client_as(personas[persona]).get(entries_url(entry.round)).status_code == expected


def test_entry_list_of_a_draft_round_not_found_for_applicant(client_as, applicant, draft_round):
    assert client_as(applicant).get(entries_url(draft_round)).status_code == 404


def test_entry_list_counts_per_group_and_state(client_as, officer, award_round):
    for code, state in [(1, "draft"), (1, "submitted"), (1, "submitted"), (2, "eligible")]:
        EntryFactory(round=award_round, product_group=group(code), state=state)
    EntryFactory(product_group=group(1), state="submitted")  # another round's

    counts = client_as(officer).get(entries_url(award_round)).context["counts"]

    states = [value for value, _label in counts["states"]]
    assert states == [
        "draft",
        "submitted",
        "returned",
        "eligible",
        "ineligible",
        "withdrawn",
        "recognized",
        "not_recognized",
    ]
    table = {
        row["group"].code: ([n for _s, n in row["cells"]], row["total"]) for row in counts["rows"]
    }
    assert table == {
        1: ([1, 2, 0, 0, 0, 0, 0, 0], 3),
        2: ([0, 0, 0, 1, 0, 0, 0, 0], 1),
        3: ([0, 0, 0, 0, 0, 0, 0, 0], 0),
        4: ([0, 0, 0, 0, 0, 0, 0, 0], 0),
    }
    assert [n for _s, n in counts["totals"]] == [1, 2, 0, 1, 0, 0, 0, 0]
    assert counts["total"] == 4


def test_entry_list_counts_ignore_the_filters(client_as, officer, award_round):
    EntryFactory(round=award_round, product_group=group(1))
    EntryFactory(round=award_round, product_group=group(2))

    response = client_as(officer).get(entries_url(award_round, group=group(1).pk))

    assert response.context["counts"]["total"] == 2
    assert response.context["page_obj"].paginator.count == 1


@pytest.fixture
def spread(award_round):
    hanoi = ward_in("01")
    return {
        "keo": EntryFactory(
            round=award_round,
            product_name="Kẹo dừa Bến Tre",
            product_group=group(2),
            state="submitted",
            facility=FacilityFactory(name="Cơ sở Thanh Long"),
        ),
        "may": EntryFactory(
            round=award_round,
            product_name="Máy bóc vỏ dừa",
            product_group=group(3),
            facility=FacilityFactory(name="Cơ khí Bình Minh"),
        ),
        "lua": EntryFactory(
            round=award_round,
            product_name="Khăn lụa",
            product_group=group(1),
            state="eligible",
            facility=FacilityFactory(name="Lụa Vạn Phúc", ward=hanoi),
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": 3}, ["may"]),
        ({"state": "submitted"}, ["keo"]),
        ({"search": "dừa"}, ["keo", "may"]),
        ({"search": "Bình Minh"}, ["may"]),
        ({"province": "01"}, ["lua"]),
        ({"province": "86", "state": "draft"}, ["may"]),
    ],
)
def test_entry_list_filters(params, expected, client_as, officer, award_round, spread):
    if "group" in params:
        params["group"] = group(params["group"]).pk
    if "province" in params:
        params["province"] = Province.objects.get(pk=params["province"]).pk

    response = client_as(officer).get(entries_url(award_round, **params))

    assert {e.pk for e in response.context["page_obj"]} == {spread[k].pk for k in expected}


def test_entry_list_paginates(client_as, officer, award_round):
    for _ in range(27):
        EntryFactory(round=award_round)

    response = client_as(officer).get(entries_url(award_round, page=2))

    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"]) == 2


def test_entry_list_manager_has_no_bulk_actions(client_as, manager, award_round, spread):
    response = client_as(manager).get(entries_url(award_round))

    assert response.context["can_screen"] is False
    assert response.context["bulk_form"] is None
    assert 'id="bulk-form"' not in response.text


def test_entry_list_officer_may_select_only_submitted_entries(
    client_as, officer, award_round, spread
):
    response = client_as(officer).get(entries_url(award_round))

    assert 'id="bulk-form"' in response.text
    assert f'id="select-{spread["keo"].pk}"' in response.text
    assert f'id="select-{spread["may"].pk}"' not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_entry_list_query_count_constant(
    count, client_as, officer, award_round, django_assert_num_queries
):
    for n in range(count):
        EntryFactory(round=award_round, product_group=group(n % 4 + 1), state="submitted")
    client = client_as(officer)
    url = entries_url(award_round)

    # Session, user, role, organisation, the bell's unread count; the round, its groups (for
    # the counts and for the filter's options), the provinces (options); the counts; the
    # page's count and its rows.
    with django_assert_num_queries(12):
        response = client.get(url)

    assert len(response.context["page_obj"]) == count


# ---- Bulk actions -------------------------------------------------------------------------


def bulk_url(award_round):
    return reverse("awards:entries-bulk", args=[award_round.pk])


@pytest.fixture
def two_submitted(award_round, officer):
    entries = [
        EntryFactory(round=award_round, state="submitted"),
        EntryFactory(round=award_round, state="submitted"),
    ]
    return entries


def test_bulk_eligible_moves_every_selected_entry(client_as, officer, award_round, two_submitted):
    response = client_as(officer).post(
        bulk_url(award_round) + "?state=submitted",
        {"entries": [e.pk for e in two_submitted], "to": "eligible"},
    )

    assert response.status_code == 302
    assert response.url == entries_url(award_round, state="submitted")
    states = [(e.state, bool(e.voting_code)) for e in Entry.objects.order_by("pk")]
    assert states == [(E.ELIGIBLE, True), (E.ELIGIBLE, True)]
    assert ScreeningCheck.objects.filter(passed=True).count() == 2 * len(CONDITIONS)


def test_bulk_returned_keeps_the_note_for_each_facility(
    client_as, officer, award_round, two_submitted
):
    client_as(officer).post(
        bulk_url(award_round),
        {"entries": [e.pk for e in two_submitted], "to": "returned", "note": "Bổ sung Mẫu 01."},
    )

    assert list(Entry.objects.values_list("state", "state_reason")) == [
        (E.RETURNED, "Bổ sung Mẫu 01."),
        (E.RETURNED, "Bổ sung Mẫu 01."),
    ]


def test_bulk_is_all_or_nothing_and_names_the_refused_entry(
    client_as, officer, award_round, two_submitted
):
    draft = EntryFactory(round=award_round, product_name="Bánh pía chưa nộp")

    response = client_as(officer).post(
        bulk_url(award_round),
        {"entries": [two_submitted[0].pk, draft.pk, two_submitted[1].pk], "to": "eligible"},
    )

    assert response.status_code == 200
    # Said in words, not as "cannot go from … to …".
    assert response.context["bulk_errors"] == [
        (draft, ["Hiện ở trạng thái “Bản nháp”.", "Chỉ thẩm tra hồ sơ đã nộp."])
    ]
    assert 'id="bulk-errors"' in response.text
    assert sorted(Entry.objects.values_list("state", flat=True)) == [
        "draft",
        "submitted",
        "submitted",
    ]
    assert ScreeningCheck.objects.count() == 0
    assert Entry.objects.exclude(voting_code=None).count() == 0
    # The selection is kept for another try.
    assert response.context["selected"] == {str(e.pk) for e in [*two_submitted, draft]}


def test_bulk_returned_without_a_note_refuses_every_entry(
    client_as, officer, award_round, two_submitted
):
    response = client_as(officer).post(
        bulk_url(award_round), {"entries": [e.pk for e in two_submitted], "to": "returned"}
    )

    # One note for the selection: its error is on the note field, once.
    assert response.context["bulk_errors"] == []
    assert response.context["bulk_form"].errors == {"note": ["Hãy ghi nội dung cơ sở cần bổ sung."]}
    assert 'id="id_note_error"' in response.text
    assert set(Entry.objects.values_list("state", flat=True)) == {"submitted"}


def test_bulk_address_opened_directly_leads_back_to_the_list(client_as, officer, award_round):
    response = client_as(officer).get(bulk_url(award_round) + "?page=2&state=submitted")

    assert response.status_code == 302
    assert response.url == entries_url(award_round, page=2, state="submitted")


def test_bulk_without_a_selection_shows_the_error(client_as, officer, award_round, two_submitted):
    response = client_as(officer).post(bulk_url(award_round), {"to": "eligible"})

    assert response.status_code == 200
    assert list(response.context["bulk_form"].errors) == ["entries"]


def test_bulk_with_another_round_s_entry_refused(client_as, officer, award_round, two_submitted):
    elsewhere = EntryFactory(state="submitted")

    response = client_as(officer).post(
        bulk_url(award_round), {"entries": [two_submitted[0].pk, elsewhere.pk], "to": "eligible"}
    )

    assert list(response.context["bulk_form"].errors) == ["entries"]
    assert set(Entry.objects.values_list("state", flat=True)) == {"submitted"}


@pytest.mark.parametrize("persona", ["manager", "applicant"])
def test_bulk_by_others_forbidden(persona, personas, client_as, award_round, two_submitted):
    response = client_as(personas[persona]).post(
        bulk_url(award_round), {"entries": [e.pk for e in two_submitted], "to": "eligible"}
    )

    assert response.status_code == 403
    assert set(Entry.objects.values_list("state", flat=True)) == {"submitted"}


# ---- Screening page -----------------------------------------------------------------------


def screening_url(entry):
    return reverse("awards:entry-screening", args=[entry.pk])


def checklist(met=True, **overrides):
    """POST data of the checklist: every condition met (or not), with overrides."""
    data = {}
    for condition in CONDITIONS:
        data[f"met_{condition}"] = "yes" if met else "no"
        data[f"reason_{condition}"] = ""
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("applicant", 403),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 403),
        ("admin", 200),
        ("anonymous", 302),
    ],
)
def test_screening_page_access(persona, expected, personas, client_as, submitted_entry):
    assert client_as(personas[persona]).get(screening_url(submitted_entry)).status_code == expected


def test_screening_page_shows_the_dossier_and_the_checklist(client_as, officer, submitted_entry):
    response = client_as(officer).get(screening_url(submitted_entry))

    context = response.context
    assert context["open_for_screening"] is True
    assert len(context["photos"]) == 3
    assert len(context["documents"]) == 3
    assert [condition for condition, _met, _reason in context["form"].rows()] == list(
        ScreeningCondition
    )
    for condition in CONDITIONS:
        assert f'name="met_{condition}"' in response.text
        assert f'name="reason_{condition}"' in response.text
    assert 'id="screening-decide"' in response.text


def test_screening_eligible_with_the_checklist(client_as, officer, submitted_entry):
    response = client_as(officer).post(
        screening_url(submitted_entry), {**checklist(), "decision": "eligible", "action": "decide"}
    )

    submitted_entry.refresh_from_db()
    assert response.status_code == 302
    assert response.url == entries_url(submitted_entry.round)
    assert submitted_entry.state == E.ELIGIBLE
    assert submitted_entry.voting_code == "T2026-2-001"
    checks = ScreeningCheck.objects.filter(entry=submitted_entry)
    assert sorted(checks.values_list("condition", flat=True)) == sorted(CONDITIONS)
    assert set(checks.values_list("passed", "checked_by")) == {(True, officer.pk)}


def test_screening_eligible_with_a_condition_not_met_refused(client_as, officer, submitted_entry):
    data = checklist(met_mass_producible="no", reason_mass_producible="Sản phẩm đơn chiếc")

    response = client_as(officer).post(
        screening_url(submitted_entry), {**data, "decision": "eligible", "action": "decide"}
    )

    submitted_entry.refresh_from_db()
    assert response.status_code == 200
    assert submitted_entry.state == E.SUBMITTED
    assert len(response.context["form"].non_field_errors()) == 1
    assert ScreeningCheck.objects.count() == 0  # the checklist is rolled back with the decision


def test_screening_not_met_without_a_reason_shows_the_error_at_the_condition(
    client_as, officer, submitted_entry
):
    response = client_as(officer).post(
        screening_url(submitted_entry),
        {**checklist(met_no_ip_infringement="no"), "action": "save"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason_no_ip_infringement"]
    assert ScreeningCheck.objects.count() == 0


def test_screening_ineligible_with_a_reason(client_as, officer, submitted_entry):
    data = checklist(met_made_by_facility="no", reason_made_by_facility="Hàng mua lại")

    client_as(officer).post(
        screening_url(submitted_entry),
        {**data, "decision": "ineligible", "note": "Không tự sản xuất.", "action": "decide"},
    )

    submitted_entry.refresh_from_db()
    assert (submitted_entry.state, submitted_entry.state_reason) == (
        E.INELIGIBLE,
        "Không tự sản xuất.",
    )
    failed = ScreeningCheck.objects.get(passed=False)
    assert (failed.condition, failed.reason) == ("made_by_facility", "Hàng mua lại")


def test_screening_returned_without_saying_what_to_complete_refused(
    client_as, officer, submitted_entry
):
    response = client_as(officer).post(
        screening_url(submitted_entry), {"decision": "returned", "action": "decide"}
    )

    submitted_entry.refresh_from_db()
    assert submitted_entry.state == E.SUBMITTED
    assert response.context["form"].errors["note"] == ["Hãy ghi nội dung cơ sở cần bổ sung."]


def test_screening_returned_with_what_to_complete(client_as, officer, submitted_entry):
    client_as(officer).post(
        screening_url(submitted_entry),
        {"decision": "returned", "note": "Bổ sung giấy chứng nhận ATTP.", "action": "decide"},
    )

    submitted_entry.refresh_from_db()
    assert (submitted_entry.state, submitted_entry.state_reason) == (
        E.RETURNED,
        "Bổ sung giấy chứng nhận ATTP.",
    )


def test_screening_decide_without_a_decision_shows_the_error(client_as, officer, submitted_entry):
    response = client_as(officer).post(
        screening_url(submitted_entry), {**checklist(), "action": "decide"}
    )

    assert list(response.context["form"].errors) == ["decision"]
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == E.SUBMITTED


def test_screening_save_keeps_the_checklist_and_the_state(client_as, officer, submitted_entry):
    client = client_as(officer)
    data = checklist(met_meets_standards="no", reason_meets_standards="Thiếu công bố chất lượng")
    del data["met_meets_market_demand"]  # not answered yet

    response = client.post(screening_url(submitted_entry), {**data, "action": "save"})

    submitted_entry.refresh_from_db()
    assert response.status_code == 302
    assert submitted_entry.state == E.SUBMITTED
    saved = dict(ScreeningCheck.objects.values_list("condition", "passed"))
    assert len(saved) == len(CONDITIONS) - 1
    assert saved["meets_standards"] is False
    # The page starts from what was recorded.
    form = client.get(screening_url(submitted_entry)).context["form"]
    assert form["met_meets_standards"].value() == "no"
    assert form["reason_meets_standards"].value() == "Thiếu công bố chất lượng"


def test_screening_save_with_nothing_answered_shows_the_error(client_as, officer, submitted_entry):
    response = client_as(officer).post(screening_url(submitted_entry), {"action": "save"})

    assert response.status_code == 200
    assert len(response.context["form"].non_field_errors()) == 1
    assert ScreeningCheck.objects.count() == 0


def test_screening_page_of_an_entry_not_submitted_is_closed(client_as, officer, complete_entry):
    client = client_as(officer)

    page = client.get(screening_url(complete_entry))
    response = client.post(
        screening_url(complete_entry), {**checklist(), "decision": "eligible", "action": "decide"}
    )

    assert page.context["open_for_screening"] is False
    assert 'id="screening-form"' not in page.text
    # A page left open while the entry moved on: sent back to it as it is now, with why.
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert [str(m) for m in follow.context["messages"]] == [
        "Hiện ở trạng thái “Bản nháp”. Chỉ thẩm tra hồ sơ đã nộp."
    ]
    complete_entry.refresh_from_db()
    assert complete_entry.state == E.DRAFT


def test_screened_entry_shows_its_checklist_to_staff(client_as, officer, submitted_entry):
    client = client_as(officer)
    client.post(
        screening_url(submitted_entry), {**checklist(), "decision": "eligible", "action": "decide"}
    )

    page = client.get(reverse("awards:entry-detail", args=[submitted_entry.pk]))

    assert len(page.context["checks"]) == len(CONDITIONS)
    assert 'id="screening-checks"' in page.text


def test_screening_in_a_round_past_screening_refused(client_as, officer, facility):
    award_round = AwardRoundFactory()
    entry = EntryFactory(round=award_round, facility=facility, state="submitted")
    complete_dossier(entry)
    type(award_round).objects.filter(pk=award_round.pk).update(state="judging")

    response = client_as(officer).post(
        screening_url(entry), {**checklist(), "decision": "eligible", "action": "decide"}
    )

    entry.refresh_from_db()
    assert entry.state == E.SUBMITTED
    assert len(response.context["form"].non_field_errors()) == 1


def test_entry_list_writes_ids_unlocalized_so_a_large_id_can_be_selected(
    client_as, officer, award_round
):
    """Pages are in Vietnamese with thousand separators: a bare {{ entry.pk }} would write
    12345 as "12.345", which the bulk form would then send back as an unknown entry."""
    entry = EntryFactory(pk=12345, round=award_round, state="submitted")
    client = client_as(officer)

    page = client.get(entries_url(award_round))
    response = client.post(
        bulk_url(award_round), {"entries": ["12345"], "to": "returned", "note": "Bổ sung"}
    )

    assert 'value="12345" id="select-12345"' in page.text
    assert 'data-entry="12345"' in page.text
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == "returned"
