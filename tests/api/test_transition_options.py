"""The API's answers about steps: `available_transitions` carries each step's confirmation with
its numbers, what blocks it and whether it needs a note; a missing note is an error on `note`."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AwardRoundFactory, EntryFactory

pytestmark = pytest.mark.django_db


def detail(award_round) -> str:
    return f"/api/v1/rounds/{award_round.pk}/"


def test_close_registration_before_its_deadline_without_note_is_refused_on_note(
    api_as, officer, award_round
):
    response = api_as(officer).post(
        f"{detail(award_round)}transition/", {"action": "close_registration"}, format="json"
    )

    closes = award_round.registration_closes
    assert response.status_code == 400
    assert response.json() == {"note": [f"Hãy ghi lý do đóng đăng ký trước hạn {closes:%d/%m/%Y}."]}
    award_round.refresh_from_db()
    assert award_round.state == "registration"


def test_round_in_registration_offers_closing_with_numbers_and_its_note_rule(api_as, officer):
    today = timezone.localdate()
    closes = today + datetime.timedelta(days=45)
    award_round = AwardRoundFactory(registration_closes=closes)
    EntryFactory.create_batch(2, round=award_round)

    data = api_as(officer).get(detail(award_round)).json()

    assert data["available_transitions"] == [
        {
            "action": "close_registration",
            "to": "screening",
            "label": "Kết thúc đăng ký, bắt đầu thẩm tra",
            "confirm": f"Đóng đăng ký sớm 6 tuần so với hạn {closes:%d/%m/%Y}; "
            "2 hồ sơ đang soạn sẽ không được nộp.",
            "blocked": [],
            "note_required": f"Hãy ghi lý do đóng đăng ký trước hạn {closes:%d/%m/%Y}.",
        }
    ]


def test_start_judging_is_answered_blocked_while_dossiers_wait(api_as, officer):
    award_round = AwardRoundFactory(state="screening")
    EntryFactory(round=award_round, state="submitted")
    EntryFactory(round=award_round, state="eligible")

    [step] = api_as(officer).get(detail(award_round)).json()["available_transitions"]

    assert step["action"] == "start_judging"
    assert step["blocked"] == ["Còn 1 hồ sơ đã nộp chưa được thẩm tra."]
    assert step["confirm"].startswith("Bắt đầu chấm điểm với 1 hồ sơ đủ điều kiện? Không thể")
    assert step["note_required"] == ""


def test_open_registration_is_answered_blocked_without_its_settings(api_as, officer):
    award_round = AwardRoundFactory(state="draft", criteria_template=None)

    [step] = api_as(officer).get(detail(award_round)).json()["available_transitions"]

    assert step["blocked"] == ["Hãy chọn bộ tiêu chí đã có ít nhất một tiêu chí."]


def test_round_list_leaves_out_the_steps_that_count_per_round(api_as, officer, award_round):
    item = api_as(officer).get("/api/v1/rounds/").json()["results"][0]

    assert "available_transitions" not in item
    assert item["id"] == award_round.pk
