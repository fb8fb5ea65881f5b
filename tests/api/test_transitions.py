"""POST …/{id}/transition/ and GET …/{id}/history/ (api.workflow), on rounds and entries:
every step allowed and refused (wrong state, wrong role, missing requirement)."""

import datetime

import pytest

from api.exceptions import exception_handler
from awards.models import AwardRound, CriteriaTemplate, Entry, ScreeningCondition
from core.activity import history_of
from core.workflow import TransitionConflict
from tests.factories import AwardRoundFactory, EntryFactory

ALL_MET = {c: {"passed": True, "reason": ""} for c in ScreeningCondition.values}


def round_url(award_round, action):
    return f"/api/v1/rounds/{award_round.pk}/{action}/"


def entry_url(entry, action):
    return f"/api/v1/entries/{entry.pk}/{action}/"


def targets(response):
    return [t["to"] for t in response.json()["available_transitions"]]


# ---- Rounds: allowed ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "admin"])
def test_round_open_registration_by_officer_or_admin_copies_criteria(
    api_as, personas, draft_round, persona
):
    response = api_as(personas[persona]).post(
        round_url(draft_round, "transition"), {"to": "registration"}, format="json"
    )

    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "registration"
    assert [c["code"] for c in data["criteria"]] == ["1", "2", "3", "4"]
    assert [c["max_points"] for c in data["criteria"]] == ["40.0", "40.0", "10.0", "10.0"]
    assert targets(response) == ["screening"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("registration", "screening"),
        ("screening", "judging"),
        ("judging", "deliberation"),
        ("finalized", "published"),
    ],
)
def test_round_transition_by_officer_moves_it(api_as, officer, source, target):
    award_round = AwardRoundFactory(state=source)
    if source == "screening":
        # Judging (issue 8): starting it needs an eligible entry and its panel.
        from tests.factories import ready_for_judging

        ready_for_judging(award_round)

    # Closing registration before its deadline (the factory's is 20 days on) takes a note.
    response = api_as(officer).post(
        round_url(award_round, "transition"),
        {"to": target, "note": "Theo kế hoạch của Sở"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["state"] == target
    award_round.refresh_from_db()
    assert award_round.state == target


@pytest.mark.parametrize("decision_date", ["20/12/2026", "2026-12-20"])
def test_round_finalize_by_manager_with_decision_records_it(api_as, manager, decision_date):
    award_round = AwardRoundFactory(state="deliberation")

    response = api_as(manager).post(
        round_url(award_round, "transition"),
        {"to": "finalized", "decision_number": "123/QĐ-SCT", "decision_date": decision_date},
        format="json",
    )

    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "finalized"
    assert data["decision_number"] == "123/QĐ-SCT"
    assert data["decision_date"] == "2026-12-20"


# ---- Rounds: refused ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        # A draft round is not visible to them at all.
        ("applicant", 404),
        ("judge", 404),
        ("manager", 403),
        ("anonymous", 401),
    ],
)
def test_round_open_registration_refused_to_other_roles(
    api_as, personas, draft_round, persona, expected_status
):
    response = api_as(personas[persona]).post(
        round_url(draft_round, "transition"), {"to": "registration"}, format="json"
    )

    assert response.status_code == expected_status
    draft_round.refresh_from_db()
    assert draft_round.state == "draft"


@pytest.mark.parametrize("persona", ["applicant", "judge", "manager"])
def test_round_close_registration_refused_to_non_officers(api_as, personas, award_round, persona):
    response = api_as(personas[persona]).post(
        round_url(award_round, "transition"), {"to": "screening"}, format="json"
    )

    assert response.status_code == 403
    award_round.refresh_from_db()
    assert award_round.state == "registration"


@pytest.mark.parametrize("persona", ["officer", "admin"])
def test_round_finalize_refused_to_officer_and_admin(api_as, personas, persona):
    award_round = AwardRoundFactory(state="deliberation")

    response = api_as(personas[persona]).post(
        round_url(award_round, "transition"),
        {"to": "finalized", "decision_number": "123/QĐ-SCT", "decision_date": "20/12/2026"},
        format="json",
    )

    assert response.status_code == 403
    award_round.refresh_from_db()
    assert award_round.state == "deliberation"


def test_round_finalize_without_decision_is_refused(api_as, manager):
    award_round = AwardRoundFactory(state="deliberation")

    response = api_as(manager).post(
        round_url(award_round, "transition"), {"to": "finalized"}, format="json"
    )

    assert response.status_code == 400
    assert sorted(response.json()) == ["decision_date", "decision_number"]
    assert response.data["decision_number"][0].code == "required"
    assert response.data["decision_date"][0].code == "required"
    award_round.refresh_from_db()
    assert award_round.state == "deliberation"


def test_round_finalize_with_number_but_no_date_is_refused(api_as, manager):
    award_round = AwardRoundFactory(state="deliberation")

    response = api_as(manager).post(
        round_url(award_round, "transition"),
        {"to": "finalized", "decision_number": "123/QĐ-SCT"},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["decision_date"]


def test_round_finalize_with_unreadable_date_is_refused(api_as, manager):
    award_round = AwardRoundFactory(state="deliberation")

    response = api_as(manager).post(
        round_url(award_round, "transition"),
        {"to": "finalized", "decision_number": "1/QĐ", "decision_date": "32/12/2026"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["decision_date"]
    assert response.data["decision_date"][0].code == "invalid"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("draft", "screening"),
        ("draft", "published"),
        ("registration", "judging"),
        ("registration", "draft"),
        ("published", "draft"),
    ],
)
def test_round_transition_from_wrong_state_is_refused(api_as, officer, source, target):
    award_round = AwardRoundFactory(state=source)

    response = api_as(officer).post(
        round_url(award_round, "transition"), {"to": target}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["to"]
    assert response.data["to"][0].code == "invalid_transition"
    award_round.refresh_from_db()
    assert award_round.state == source


def test_round_transition_to_unknown_state_is_refused(api_as, officer, draft_round):
    response = api_as(officer).post(
        round_url(draft_round, "transition"), {"to": "archived"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["to"]
    assert response.data["to"][0].code == "invalid_choice"


def test_round_transition_to_unknown_action_is_refused(api_as, officer, draft_round):
    response = api_as(officer).post(
        round_url(draft_round, "transition"), {"action": "archive"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["action"]
    assert response.data["action"][0].code == "invalid_choice"


def test_round_transition_without_target_is_refused(api_as, officer, draft_round):
    response = api_as(officer).post(round_url(draft_round, "transition"), {}, format="json")

    assert response.status_code == 400
    assert response.data["action"][0].code == "required"


def test_round_transition_with_both_action_and_target_is_refused(api_as, officer, draft_round):
    response = api_as(officer).post(
        round_url(draft_round, "transition"),
        {"action": "open_registration", "to": "registration"},
        format="json",
    )

    assert response.status_code == 400
    assert response.data["action"][0].code == "required"
    draft_round.refresh_from_db()
    assert draft_round.state == "draft"


def test_round_open_registration_without_dates_lists_each_missing_date(api_as, officer):
    award_round = AwardRoundFactory(
        state="draft", registration_opens=None, registration_closes=None, judging_ends=None
    )

    response = api_as(officer).post(
        round_url(award_round, "transition"), {"to": "registration"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["requirements"]
    assert len(response.json()["requirements"]) == 3
    assert {m.code for m in response.data["requirements"]} == {"requirement_missing"}
    award_round.refresh_from_db()
    assert award_round.state == "draft"
    assert award_round.criteria.count() == 0


def test_round_open_registration_without_template_is_refused(api_as, officer):
    award_round = AwardRoundFactory(state="draft", criteria_template=None)

    response = api_as(officer).post(
        round_url(award_round, "transition"), {"to": "registration"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["requirements"]
    assert len(response.json()["requirements"]) == 1


def test_round_open_registration_with_empty_template_is_refused(api_as, officer):
    empty = CriteriaTemplate.objects.create(name="Chưa có tiêu chí")
    award_round = AwardRoundFactory(state="draft", criteria_template=empty)

    response = api_as(officer).post(
        round_url(award_round, "transition"), {"to": "registration"}, format="json"
    )

    assert response.status_code == 400
    assert len(response.json()["requirements"]) == 1


def test_round_open_registration_without_groups_is_refused(api_as, officer, draft_round):
    draft_round.product_groups.clear()

    response = api_as(officer).post(
        round_url(draft_round, "transition"), {"to": "registration"}, format="json"
    )

    assert response.status_code == 400
    assert len(response.json()["requirements"]) == 1


# ---- Rounds: available transitions and history -------------------------------------------


@pytest.mark.parametrize(
    ("state", "persona", "expected"),
    [
        ("draft", "officer", ["registration"]),
        ("draft", "manager", []),
        ("registration", "applicant", []),
        ("registration", "admin", ["screening"]),
        ("deliberation", "officer", []),
        ("deliberation", "manager", ["finalized"]),
        ("published", "officer", []),
    ],
)
def test_round_available_transitions_by_role(api_as, personas, state, persona, expected):
    award_round = AwardRoundFactory(state=state)

    response = api_as(personas[persona]).get(f"/api/v1/rounds/{award_round.pk}/")

    assert response.status_code == 200
    assert targets(response) == expected
    assert all(t["label"] for t in response.json()["available_transitions"])


def test_round_history_lists_transitions_newest_first_with_decision(api_as, officer, manager):
    award_round = AwardRoundFactory(state="judging")
    api_as(officer).post(
        round_url(award_round, "transition"),
        {"to": "deliberation", "note": "Đã chấm xong"},
        format="json",
    )
    api_as(manager).post(
        round_url(award_round, "transition"),
        {"to": "finalized", "decision_number": "45/QĐ-SCT", "decision_date": "05/01/2027"},
        format="json",
    )

    response = api_as(officer).get(round_url(award_round, "history"))

    assert response.status_code == 200
    rows = response.json()
    # The decision the finalizing effect recorded is logged before and after, in the same row.
    assert [(r["before"], r["after"]) for r in rows] == [
        (
            {"state": "deliberation", "decision_number": "", "decision_date": None},
            {"state": "finalized", "decision_number": "45/QĐ-SCT", "decision_date": "2027-01-05"},
        ),
        ({"state": "judging"}, {"state": "deliberation"}),
    ]
    assert [r["action"] for r in rows] == ["transition", "transition"]
    assert [r["transition"] for r in rows] == ["finalize", "end_judging"]
    assert rows[0]["actor"] == {"id": manager.pk, "name": manager.full_name}
    assert rows[0]["decision_number"] == "45/QĐ-SCT"
    assert rows[0]["decision_date"] == "2027-01-05"
    assert rows[1]["note"] == "Đã chấm xong"
    assert rows[1]["decision_number"] == ""
    assert rows[1]["decision_date"] is None
    assert sorted(rows[0]) == [
        "action",
        "action_label",
        "actor",
        "after",
        "before",
        "decision_date",
        "decision_number",
        "id",
        "note",
        "time",
        "transition",
    ]


def test_round_history_of_a_refused_transition_is_empty(api_as, officer):
    award_round = AwardRoundFactory(state="draft", criteria_template=None)
    api_as(officer).post(round_url(award_round, "transition"), {"to": "registration"})

    response = api_as(officer).get(round_url(award_round, "history"))

    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [("applicant", 404), ("judge", 404), ("manager", 200), ("anonymous", 401)],
)
def test_round_history_of_draft_by_role(api_as, personas, draft_round, persona, expected_status):
    response = api_as(personas[persona]).get(round_url(draft_round, "history"))

    assert response.status_code == expected_status


def test_transition_conflict_answers_409_with_its_code_and_the_current_state():
    response = exception_handler(TransitionConflict("changed meanwhile", state="screening"), {})

    assert response.status_code == 409
    assert response.data == {"detail": "changed meanwhile", "state": "screening"}
    assert response.data["detail"].code == "conflict"


# ---- Entries: allowed -----------------------------------------------------------------------


def test_entry_submit_by_member_with_complete_dossier(api_as, applicant, complete_entry):
    response = api_as(applicant).post(
        entry_url(complete_entry, "transition"), {"to": "submitted"}, format="json"
    )

    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "submitted"
    assert data["submitted_at"] is not None
    assert data["missing"] is None
    assert targets(response) == ["withdrawn"]


def test_entry_screened_eligible_by_officer_once_checklist_complete(
    api_as, officer, submitted_entry
):
    api_as(officer).post(entry_url(submitted_entry, "screening"), {"checks": ALL_MET}, "json")

    response = api_as(officer).post(
        entry_url(submitted_entry, "transition"), {"to": "eligible"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["state"] == "eligible"
    assert response.json()["voting_code"] == "T2026-2-001"


@pytest.mark.parametrize("target", ["ineligible", "returned"])
def test_entry_screened_out_by_officer_with_reason(api_as, officer, submitted_entry, target):
    response = api_as(officer).post(
        entry_url(submitted_entry, "transition"),
        {"to": target, "note": "Thiếu giấy chứng nhận ATTP"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["state"] == target
    assert response.json()["state_reason"] == "Thiếu giấy chứng nhận ATTP"
    assert response.json()["voting_code"] is None


def test_entry_returned_is_resubmitted_by_member(api_as, officer, applicant, submitted_entry):
    api_as(officer).post(
        entry_url(submitted_entry, "transition"),
        {"to": "returned", "note": "Bổ sung ảnh"},
        format="json",
    )

    response = api_as(applicant).post(
        entry_url(submitted_entry, "transition"), {"to": "submitted"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    assert response.json()["state_reason"] == ""


@pytest.mark.parametrize("fixture", ["entry", "submitted_entry"])
def test_entry_withdraw_by_member_before_judging(api_as, applicant, request, fixture):
    entry = request.getfixturevalue(fixture)

    response = api_as(applicant).post(
        entry_url(entry, "transition"), {"to": "withdrawn"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["state"] == "withdrawn"
    assert targets(response) == []


# ---- Entries: refused -----------------------------------------------------------------------


def test_entry_submit_with_missing_photos_lists_what_is_missing(api_as, applicant, entry):
    missing = api_as(applicant).get(f"/api/v1/entries/{entry.pk}/").json()["missing"]

    response = api_as(applicant).post(
        entry_url(entry, "transition"), {"to": "submitted"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["requirements"]
    # Three photos, then the three documents of a provincial round.
    assert len(response.json()["requirements"]) == 4
    assert response.json()["requirements"] == missing
    entry.refresh_from_db()
    assert entry.state == "draft"


def test_entry_submit_with_empty_field_lists_it(api_as, applicant, complete_entry):
    Entry.objects.filter(pk=complete_entry.pk).update(markets="")

    response = api_as(applicant).post(
        entry_url(complete_entry, "transition"), {"to": "submitted"}, format="json"
    )

    assert response.status_code == 400
    assert len(response.json()["requirements"]) == 1


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [("other_applicant", 404), ("judge", 404), ("officer", 403), ("admin", 403)],
)
def test_entry_submit_by_non_member_is_refused(
    api_as, personas, complete_entry, persona, expected_status
):
    response = api_as(personas[persona]).post(
        entry_url(complete_entry, "transition"), {"to": "submitted"}, format="json"
    )

    assert response.status_code == expected_status
    complete_entry.refresh_from_db()
    assert complete_entry.state == "draft"


def test_entry_submit_after_registration_closed_is_refused(api_as, applicant, complete_entry):
    AwardRound.objects.filter(pk=complete_entry.round_id).update(
        registration_opens=datetime.date(2019, 12, 1), registration_closes=datetime.date(2020, 1, 1)
    )

    response = api_as(applicant).post(
        entry_url(complete_entry, "transition"), {"to": "submitted"}, format="json"
    )

    assert response.status_code == 400
    assert len(response.json()["requirements"]) == 1


def test_entry_eligible_without_complete_checklist_is_refused(api_as, officer, submitted_entry):
    checks = {**ALL_MET, "mass_producible": {"passed": False, "reason": "Chỉ làm thủ công 1 cái"}}
    del checks["dossier_complete"]
    api_as(officer).post(entry_url(submitted_entry, "screening"), {"checks": checks}, "json")

    response = api_as(officer).post(
        entry_url(submitted_entry, "transition"), {"to": "eligible"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["requirements"]
    # One failed, one not ticked.
    assert len(response.json()["requirements"]) == 2
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == "submitted"
    assert submitted_entry.voting_code is None


@pytest.mark.parametrize("target", ["ineligible", "returned"])
def test_entry_screened_out_without_note_is_refused(api_as, officer, submitted_entry, target):
    response = api_as(officer).post(
        entry_url(submitted_entry, "transition"), {"to": target, "note": "  "}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["note"]
    assert len(response.json()["note"]) == 1


@pytest.mark.parametrize("target", ["eligible", "ineligible", "returned"])
def test_entry_screening_decision_by_member_is_refused(api_as, applicant, submitted_entry, target):
    response = api_as(applicant).post(
        entry_url(submitted_entry, "transition"), {"to": target, "note": "x"}, format="json"
    )

    assert response.status_code == 403


def test_entry_eligible_from_draft_is_refused(api_as, officer, complete_entry):
    response = api_as(officer).post(
        entry_url(complete_entry, "transition"), {"to": "eligible"}, format="json"
    )

    assert response.status_code == 400
    assert response.data["to"][0].code == "invalid_transition"


@pytest.mark.parametrize("round_state", ["judging", "deliberation", "published"])
def test_entry_withdraw_once_round_is_judging_is_refused(
    api_as, applicant, submitted_entry, round_state
):
    AwardRound.objects.filter(pk=submitted_entry.round_id).update(state=round_state)

    response = api_as(applicant).post(
        entry_url(submitted_entry, "transition"), {"to": "withdrawn"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["requirements"]
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == "submitted"


def test_entry_withdrawn_cannot_be_withdrawn_again(api_as, applicant, entry):
    api_as(applicant).post(entry_url(entry, "transition"), {"to": "withdrawn"}, format="json")

    response = api_as(applicant).post(
        entry_url(entry, "transition"), {"to": "withdrawn"}, format="json"
    )

    assert response.status_code == 400
    assert response.data["to"][0].code == "invalid_transition"


# ---- Entries: history -----------------------------------------------------------------------


def test_entry_history_lists_submission_and_screening(api_as, applicant, officer, complete_entry):
    api_as(applicant).post(entry_url(complete_entry, "transition"), {"to": "submitted"}, "json")
    api_as(officer).post(
        entry_url(complete_entry, "transition"),
        {"to": "returned", "note": "Bổ sung ảnh"},
        format="json",
    )

    response = api_as(officer).get(entry_url(complete_entry, "history"))

    assert response.status_code == 200
    rows = [r for r in response.json() if r["action"] == "transition"]
    submitted_at = Entry.objects.get(pk=complete_entry.pk).submitted_at.isoformat()
    # Each row carries what the step's effects changed: the reason, the submission time.
    assert [(r["transition"], r["before"], r["after"]) for r in rows] == [
        (
            "return_for_completion",
            {"state": "submitted", "state_reason": ""},
            {"state": "returned", "state_reason": "Bổ sung ảnh"},
        ),
        (
            "submit",
            {"state": "draft", "submitted_at": None},
            {"state": "submitted", "submitted_at": submitted_at},
        ),
    ]
    assert rows[0]["actor"]["id"] == officer.pk
    assert rows[0]["note"] == "Bổ sung ảnh"
    assert rows[1]["actor"]["id"] == applicant.pk
    # The facility follows the same two steps and the reason, without the staff's names.
    facility_rows = api_as(applicant).get(entry_url(complete_entry, "history")).json()
    assert [(r["after"]["state"], r["note"], r["actor"]) for r in facility_rows] == [
        ("returned", "Bổ sung ảnh", None),
        ("submitted", "", None),
    ]


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("anonymous", 401),
    ],
)
def test_entry_history_by_role(api_as, personas, entry, persona, expected_status):
    response = api_as(personas[persona]).get(entry_url(entry, "history"))

    assert response.status_code == expected_status


# ---- Named steps, two ways to one state, stale clients ----------------------------------------


def test_entry_transition_by_action_name(api_as, officer, submitted_entry):
    response = api_as(officer).post(
        entry_url(submitted_entry, "transition"),
        {"action": "return_for_completion", "note": "Bổ sung Mẫu 01"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["state"] == "returned"
    assert response.json()["state_reason"] == "Bổ sung Mẫu 01"


def test_entry_to_withdrawn_is_each_actors_own_step(api_as, applicant, officer, entry):
    """Two steps lead to "withdrawn": the facility's own, and the officer's at the facility's
    request. `to` finds the one each actor may make."""
    other = EntryFactory(round=entry.round, facility=entry.facility)

    by_facility = api_as(applicant).post(
        entry_url(entry, "transition"), {"to": "withdrawn"}, format="json"
    )
    by_officer_without_note = api_as(officer).post(
        entry_url(other, "transition"), {"to": "withdrawn"}, format="json"
    )
    by_officer = api_as(officer).post(
        entry_url(other, "transition"),
        {"to": "withdrawn", "note": "Công văn số 12/CV ngày 02/12/2026"},
        format="json",
    )

    assert by_facility.status_code == 200
    assert by_officer_without_note.status_code == 400
    assert by_officer_without_note.json() == {
        "note": ["Hãy ghi rõ cơ sở đã đề nghị rút như thế nào (văn bản hoặc tin nhắn và ngày gửi)."]
    }
    assert by_officer.status_code == 200
    steps = {
        e.pk: history_of(e).get(action="transition").transition
        for e in Entry.objects.filter(pk__in=[entry.pk, other.pk])
    }
    assert steps == {entry.pk: "withdraw", other.pk: "withdraw_on_request"}


def test_entry_step_of_another_actor_is_forbidden(api_as, applicant, entry):
    response = api_as(applicant).post(
        entry_url(entry, "transition"),
        {"action": "withdraw_on_request", "note": "…"},
        format="json",
    )

    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.state == "draft"


def test_entry_available_transitions_carry_label_and_confirmation(
    api_as, applicant, complete_entry
):
    data = api_as(applicant).get(f"/api/v1/entries/{complete_entry.pk}/").json()

    assert data["available_transitions"] == [
        {
            "action": "submit",
            "to": "submitted",
            "label": "Nộp hồ sơ",
            "confirm": "Nộp hồ sơ? Sau khi nộp, hồ sơ không thể sửa trừ khi Trung tâm trả lại "
            "để bổ sung.",
            "blocked": [],
            "note_required": "",
        },
        {
            "action": "withdraw",
            "to": "withdrawn",
            "label": "Rút hồ sơ đăng ký",
            "confirm": "Rút sản phẩm này khỏi đợt bình chọn? Không thể hoàn tác.",
            "blocked": [],
            "note_required": "",
        },
    ]


def test_stale_client_gets_409_with_the_current_state(api_as, applicant, officer, submitted_entry):
    """The facility's page still showed the entry as submitted; the center returned it."""
    api_as(officer).post(
        entry_url(submitted_entry, "transition"),
        {"action": "return_for_completion", "note": "Bổ sung ảnh"},
        format="json",
    )

    response = api_as(applicant).post(
        entry_url(submitted_entry, "transition"),
        {"action": "withdraw", "from": "submitted"},
        format="json",
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Dữ liệu vừa được thay đổi: trạng thái hiện tại là “Trả lại để bổ sung”. "
        "Hãy tải lại trang và thử lại.",
        "state": "returned",
    }
    submitted_entry.refresh_from_db()
    assert submitted_entry.state == "returned"


def test_client_that_saw_the_current_state_moves_it(api_as, officer, submitted_entry):
    response = api_as(officer).post(
        entry_url(submitted_entry, "transition"),
        {"to": "returned", "from": "submitted", "note": "Bổ sung ảnh"},
        format="json",
    )

    assert response.status_code == 200


def test_bulk_transition_by_action_name(api_as, officer, submitted_entry):
    response = api_as(officer).post(
        "/api/v1/entries/bulk-transition/",
        {"ids": [submitted_entry.pk], "action": "return_for_completion", "note": "Bổ sung"},
        format="json",
    )

    assert response.status_code == 200
    assert [row["state"] for row in response.json()] == ["returned"]
