"""The round's steps ask with their numbers (awards/workflows/rounds.py), closing registration
before its deadline takes a note, and what blocks a step is said before it is offered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.models import AwardRound, CriteriaTemplate, ProductGroup
from core.workflow import transition
from tests.factories import AwardRoundFactory, EntryFactory

pytestmark = pytest.mark.django_db
R = AwardRound.State
TODAY = datetime.date(2026, 12, 1)
DEADLINE = datetime.date(2027, 1, 16)


def confirm(award_round, name, on=TODAY):
    return AwardRound.workflow.get(name).confirmation(award_round, on)


@pytest.fixture
def open_round():
    return AwardRoundFactory(
        registration_opens=datetime.date(2026, 11, 1), registration_closes=DEADLINE
    )


def test_close_registration_early_names_the_weeks_and_the_drafts(open_round):
    EntryFactory.create_batch(3, round=open_round)
    EntryFactory(round=open_round, state="submitted")

    assert confirm(open_round, "close_registration") == (
        "Đóng đăng ký sớm 6 tuần so với hạn 16/01/2027; 3 hồ sơ đang soạn sẽ không được nộp."
    )


def test_close_registration_days_early_counts_days(open_round):
    EntryFactory(round=open_round)

    assert confirm(open_round, "close_registration", on=DEADLINE - datetime.timedelta(days=9)) == (
        "Đóng đăng ký sớm 9 ngày so với hạn 16/01/2027; 1 hồ sơ đang soạn sẽ không được nộp."
    )


@pytest.mark.parametrize("day", [DEADLINE, DEADLINE + datetime.timedelta(days=3)])
def test_close_registration_on_or_after_the_deadline_is_worded_so(open_round, day):
    assert confirm(open_round, "close_registration", on=day) == (
        "Đóng đăng ký (hạn 16/01/2027) và bắt đầu thẩm tra; không còn hồ sơ nào đang soạn."
    )


def test_open_registration_names_the_window_groups_and_criteria():
    award_round = AwardRoundFactory(
        state="draft",
        registration_opens=datetime.date(2026, 12, 5),
        registration_closes=DEADLINE,
        groups=ProductGroup.objects.filter(code__in=[1, 2]),
    )
    criteria = CriteriaTemplate.objects.get(is_default=True).criteria.count()

    assert confirm(award_round, "open_registration").startswith(
        f"Mở đăng ký từ 05/12/2026 đến 16/01/2027 cho 2 nhóm sản phẩm với {criteria} tiêu chí?"
    )


def test_start_judging_names_the_eligible_and_the_returned_left_out():
    award_round = AwardRoundFactory(state="screening")
    EntryFactory.create_batch(2, round=award_round, state="eligible")
    EntryFactory(round=award_round, state="returned")
    EntryFactory(round=award_round, state="ineligible")

    assert confirm(award_round, "start_judging").startswith(
        "Bắt đầu chấm điểm với 2 hồ sơ đủ điều kiện? 1 hồ sơ bị trả lại chưa được nộp lại và "
        "sẽ không tham gia."
    )


def test_closing_registration_before_its_deadline_needs_a_note(open_round, officer):
    with pytest.raises(ValidationError) as caught:
        transition(open_round, action="close_registration", actor=officer, on=TODAY)

    assert caught.value.message_dict == {
        "note": ["Hãy ghi lý do đóng đăng ký trước hạn 16/01/2027."]
    }
    open_round.refresh_from_db()
    assert open_round.state == R.REGISTRATION


def test_closing_registration_early_with_a_note_moves_the_round(open_round, officer):
    moved = transition(
        open_round, action="close_registration", actor=officer, on=TODAY, note="Theo kế hoạch"
    )

    assert moved.state == R.SCREENING


@pytest.mark.parametrize("day", [DEADLINE, DEADLINE + datetime.timedelta(days=1)])
def test_closing_registration_from_its_deadline_on_needs_no_note(open_round, officer, day):
    assert transition(open_round, action="close_registration", actor=officer, on=day).state == (
        R.SCREENING
    )


def test_options_offer_close_registration_with_its_note_rule(open_round, officer):
    [option] = AwardRound.workflow.options(officer, open_round, on=TODAY)

    assert (option.step.name, option.blocked, option.note_required) == (
        "close_registration",
        [],
        "Hãy ghi lý do đóng đăng ký trước hạn 16/01/2027.",
    )
    assert option.confirm == confirm(open_round, "close_registration")


def test_options_block_start_judging_while_dossiers_wait_for_screening(officer):
    award_round = AwardRoundFactory(state="screening")
    EntryFactory.create_batch(2, round=award_round, state="submitted")

    [option] = AwardRound.workflow.options(officer, award_round)

    assert (option.step.name, option.blocked) == (
        "start_judging",
        ["Còn 2 hồ sơ đã nộp chưa được thẩm tra."],
    )


def test_options_block_open_registration_while_its_settings_are_missing(officer):
    award_round = AwardRoundFactory(
        state="draft", criteria_template=None, registration_opens=None, groups=[]
    )
    award_round.product_groups.clear()

    [option] = AwardRound.workflow.options(officer, award_round)

    assert option.step.name == "open_registration"
    assert len(option.blocked) == 3
    assert option.blocked[0] == "Hãy chọn bộ tiêu chí đã có ít nhất một tiêu chí."


def test_options_for_a_ready_round_block_nothing(officer):
    award_round = AwardRoundFactory(state="draft")

    assert [
        (o.step.name, o.blocked) for o in AwardRound.workflow.options(officer, award_round)
    ] == [("open_registration", [])]


def test_options_read_today_by_default(open_round, officer):
    [option] = AwardRound.workflow.options(officer, open_round)

    expected = confirm(open_round, "close_registration", on=timezone.localdate())
    assert option.confirm == expected


def test_start_judging_says_how_many_sheets_go_to_how_many_judges():
    """Two eligible entries, a panel of three scorers, one with a conflict with one entry's
    facility: 5 sheets for 3 judges."""
    from awards.models import Conflict
    from tests.factories import ready_for_judging

    award_round = AwardRoundFactory(state="screening")
    first, _second = EntryFactory.create_batch(2, round=award_round, state="eligible")
    panel = ready_for_judging(award_round)
    judge = panel.members.filter(role="member").first().judge
    Conflict.objects.create(
        round=award_round, judge=judge, facility=first.facility, reason="Người thân"
    )

    assert "5 phiếu chấm điểm được giao cho 3 giám khảo" in confirm(award_round, "start_judging")
