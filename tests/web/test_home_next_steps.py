"""Each role's home page says what to do next, in a number of queries that does not grow with
the entries or rounds listed."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.workflow import transition
from tests.factories import (
    AttachmentFactory,
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    FacilityMemberFactory,
    complete_dossier,
)


def today():
    return timezone.localdate()


def dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.text))


def step_for(response, entry):
    [step] = [s for s in response.context["steps"] if s.entry.pk == entry.pk]
    return step


# ---- The facility ----------------------------------------------------------------------------


def test_applicant_draft_lists_what_is_missing_and_the_deadline(client_as, applicant, entry):
    AttachmentFactory(entry=entry, kind="photo")

    response = client_as(applicant).get(reverse("home"))

    step = step_for(response, entry)
    assert step.next_step == "Hãy bổ sung hồ sơ (còn thiếu 4 mục), rồi nộp."
    assert step.missing == [
        "Thêm ít nhất 3 ảnh sản phẩm (hiện có 1).",
        "Đính kèm tài liệu “Phiếu đăng ký (Mẫu 01)”.",
        "Đính kèm tài liệu “Bản thuyết minh sản phẩm (Mẫu 02)”.",
        "Đính kèm tài liệu “Bản sao giấy chứng nhận đăng ký kinh doanh”.",
    ]
    closes = entry.round.registration_closes
    assert step.deadline == f"Hạn đăng ký: ngày {dmy(closes)} (còn 20 ngày)."
    page = text_of(response)
    assert "Thêm ít nhất 3 ảnh sản phẩm (hiện có 1)." in page
    assert f"Hạn đăng ký: ngày {dmy(closes)} (còn 20 ngày)." in page
    assert f'href="{reverse("awards:entry-detail", args=[entry.pk])}"' in response.text


def test_applicant_complete_draft_is_told_to_submit(client_as, applicant, complete_entry):
    response = client_as(applicant).get(reverse("home"))

    step = step_for(response, complete_entry)
    assert step.missing == []
    assert step.next_step == "Hồ sơ đã đủ: hãy nộp trước khi hết hạn đăng ký."


def test_applicant_draft_of_a_closed_registration_says_so(client_as, applicant, facility):
    award_round = AwardRoundFactory(
        registration_opens=today() - datetime.timedelta(days=30),
        registration_closes=today() - datetime.timedelta(days=2),
    )
    entry = EntryFactory(round=award_round, facility=facility)

    response = client_as(applicant).get(reverse("home"))

    step = step_for(response, entry)
    assert step.next_step == "Đăng ký đã kết thúc: hồ sơ đang soạn này không còn nộp được."
    closed = dmy(award_round.registration_closes)
    assert step.deadline == f"Đăng ký đã kết thúc ngày {closed}."


def test_applicant_returned_entry_shows_the_reason(client_as, applicant, officer, submitted_entry):
    transition(
        submitted_entry,
        action="return_for_completion",
        actor=officer,
        note="Ảnh chụp mờ, xin gửi lại ảnh rõ hơn.",
    )

    response = client_as(applicant).get(reverse("home"))

    step = step_for(response, submitted_entry)
    assert step.next_step == "Trung tâm đã trả lại hồ sơ: hãy bổ sung rồi nộp lại."
    assert step.reason == "Ảnh chụp mờ, xin gửi lại ảnh rõ hơn."
    assert "Ảnh chụp mờ, xin gửi lại ảnh rõ hơn." in text_of(response)


def test_applicant_submitted_entry_is_being_screened(client_as, applicant, submitted_entry):
    response = client_as(applicant).get(reverse("home"))

    step = step_for(response, submitted_entry)
    assert step.next_step == f"Đã nộp ngày {dmy(today())}: Trung tâm đang thẩm tra hồ sơ."


def test_applicant_sees_open_rounds_not_entered(client_as, applicant, entry):
    other = AwardRoundFactory(registration_closes=today() + datetime.timedelta(days=5))
    AwardRoundFactory(state="draft")
    AwardRoundFactory(
        registration_opens=today() + datetime.timedelta(days=3),
        registration_closes=today() + datetime.timedelta(days=40),
    )

    response = client_as(applicant).get(reverse("home"))

    assert [r for r, _ in response.context["open_rounds"]] == [other]
    [(_, closes)] = response.context["open_rounds"]
    assert closes == f"ngày {dmy(other.registration_closes)} (còn 5 ngày)"
    assert f'href="{reverse("awards:entry-register", args=[other.pk])}"' in response.text
    assert f'href="{reverse("awards:entry-register", args=[entry.round.pk])}"' not in (
        response.text
    )


def test_applicant_without_entries_sees_first_time_words(client_as, applicant, facility):
    response = client_as(applicant).get(reverse("home"))

    page = text_of(response)
    assert 'id="home-entries-empty"' in response.text
    assert "Bạn chưa đăng ký sản phẩm nào trong các đợt đang diễn ra." in page
    assert 'id="home-open-rounds-empty"' in response.text


def test_applicant_without_facility_is_told_to_register_it(client_as, applicant):
    response = client_as(applicant).get(reverse("home"))

    assert "Trước hết hãy đăng ký cơ sở" in text_of(response)


def test_applicant_does_not_see_other_facilities_entries(client_as, applicant, entry):
    EntryFactory(round=entry.round)

    response = client_as(applicant).get(reverse("home"))

    assert [s.entry for s in response.context["steps"]] == [entry]


def _applicant_entries(facility, count):
    for _ in range(count):
        entry = EntryFactory(round=AwardRoundFactory(), facility=facility)
        AttachmentFactory(entry=entry, kind="photo")
        complete_dossier(EntryFactory(round=AwardRoundFactory(), facility=facility))


def test_applicant_home_queries_do_not_grow_with_entries(
    client_as, applicant, facility, django_assert_max_num_queries
):
    client = client_as(applicant)
    _applicant_entries(facility, 2)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(reverse("home")).context["steps"]) == 4

    _applicant_entries(facility, 2)
    second = FacilityFactory()
    FacilityMemberFactory(facility=second, user=applicant)
    _applicant_entries(second, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("home")).context["steps"]) == 12


# ---- The center ------------------------------------------------------------------------------


def _round_with_dossiers(submitted=2, returned=1, drafts=1, **round_fields):
    award_round = AwardRoundFactory(**round_fields)
    for state, count in (("submitted", submitted), ("returned", returned), ("draft", drafts)):
        for _ in range(count):
            EntryFactory(round=award_round, state=state)
    return award_round


@pytest.mark.parametrize("persona", ["officer", "admin"])
def test_officer_sees_waiting_and_returned_dossiers_per_round(persona, personas, client_as):
    award_round = _round_with_dossiers(submitted=2, returned=1, drafts=3)
    AwardRoundFactory(state="draft")  # not in progress
    AwardRoundFactory(state="published")  # decided

    response = client_as(personas[persona]).get(reverse("home"))

    [item] = response.context["rounds_in_progress"]
    assert item.round == award_round
    assert (item.waiting, item.returned, item.counts["draft"]) == (2, 1, 3)
    closes = dmy(award_round.registration_closes)
    assert item.deadline == f"Hạn đăng ký: ngày {closes} (còn 20 ngày)."
    entries_url = reverse("awards:round-entries", args=[award_round.pk])
    assert f'<a href="{entries_url}?state=submitted" data-count="submitted">2</a>' in (
        response.text
    )
    assert f'<a href="{entries_url}?state=returned" data-count="returned">1</a>' in response.text
    assert 'id="home-decisions"' not in response.text


def test_officer_is_told_to_close_a_registration_past_its_date(client_as, officer):
    award_round = _round_with_dossiers(
        registration_opens=today() - datetime.timedelta(days=40),
        registration_closes=today() - datetime.timedelta(days=1),
    )

    response = client_as(officer).get(reverse("home"))

    [item] = response.context["rounds_in_progress"]
    closed = dmy(award_round.registration_closes)
    assert item.deadline == (
        f"Hạn đăng ký đã qua ngày {closed}: hãy kết thúc đăng ký để bắt đầu thẩm tra."
    )


def test_screening_round_shows_the_end_of_judging(client_as, officer):
    award_round = _round_with_dossiers(state="screening")

    response = client_as(officer).get(reverse("home"))

    [item] = response.context["rounds_in_progress"]
    ends = dmy(award_round.judging_ends)
    assert item.deadline == f"Hạn kết thúc chấm: ngày {ends} (còn 60 ngày)."


def test_officer_without_rounds_sees_first_time_words(client_as, officer):
    response = client_as(officer).get(reverse("home"))

    assert 'id="home-rounds-empty"' in response.text
    assert "Hãy tạo một đợt và mở đăng ký" in text_of(response)


def test_manager_sees_rounds_waiting_to_be_finalized(client_as, manager):
    deliberating = _round_with_dossiers(state="deliberation", submitted=0, returned=0)
    _round_with_dossiers(state="judging")

    response = client_as(manager).get(reverse("home"))

    assert [item.round for item in response.context["to_finalize"]] == [deliberating]
    detail = reverse("awards:round-detail", args=[deliberating.pk])
    assert f'<a class="btn btn-primary btn-sm" href="{detail}">Xem và chốt kết quả</a>' in (
        response.text
    )
    assert len(response.context["rounds_in_progress"]) == 2


def test_manager_with_nothing_to_decide_is_told_so(client_as, manager):
    response = client_as(manager).get(reverse("home"))

    assert 'id="home-decisions-empty"' in response.text
    assert "Không có việc nào đang chờ bạn quyết định." in text_of(response)


def test_center_home_queries_do_not_grow_with_rounds(
    client_as, officer, django_assert_max_num_queries
):
    client = client_as(officer)
    for _ in range(2):
        _round_with_dossiers()
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(reverse("home")).context["rounds_in_progress"]) == 2

    for state in ("registration", "screening", "judging", "deliberation"):
        _round_with_dossiers(state=state)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("home")).context["rounds_in_progress"]) == 6


# ---- The judge -------------------------------------------------------------------------------


def test_judge_without_a_panel_is_told_there_is_nothing_to_score(client_as, judge):
    response = client_as(judge).get(reverse("home"))

    page = text_of(response)
    assert response.context["items"] == []
    assert "Bạn chưa là thành viên hội đồng của vòng bình chọn nào" in page
