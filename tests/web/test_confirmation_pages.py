"""The pages of steps that cannot be undone: a blocked step shown disabled with its reasons,
confirmations carried by the forms (static/js/confirm.js, and a checkbox without JavaScript),
closing registration early needing a note on the note field, stale pages answered in words,
and the registration link of a closed round."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardRound, Entry
from core.activity import history_of
from core.workflow import transition
from tests.factories import AwardRoundFactory, EntryFactory

pytestmark = pytest.mark.django_db
E = Entry.State


def round_url(award_round, name="awards:round-detail"):
    return reverse(name, args=[award_round.pk])


def entry_url(entry, name="awards:entry-detail"):
    return reverse(name, args=[entry.pk])


def local(log):
    return timezone.localtime(log.created_at)


# ---- The round page: blocked steps, confirmations, the note --------------------------------


def test_blocked_step_is_shown_disabled_with_its_reasons(client_as, officer):
    award_round = AwardRoundFactory(state="screening")
    EntryFactory.create_batch(2, round=award_round, state="submitted")

    response = client_as(officer).get(round_url(award_round))

    text = response.text
    button = re.search(r'<button[^>]*id="transition-start_judging"[^>]*>', text).group(0)
    assert 'type="button"' in button
    assert 'aria-disabled="true"' in button
    assert 'aria-describedby="blocked-start_judging"' in button
    reasons = re.search(r'id="blocked-start_judging">(.*?)</div>', text, re.S).group(1)
    assert "Còn 2 hồ sơ đã nộp chưa được thẩm tra." in reasons
    # Nothing to send: the step has no form.
    assert 'value="start_judging"' not in text


def test_offered_step_carries_its_confirmation_for_the_dialog_and_without_javascript(
    client_as, officer
):
    closes = timezone.localdate() + datetime.timedelta(days=45)
    award_round = AwardRoundFactory(registration_closes=closes)
    EntryFactory(round=award_round)

    text = client_as(officer).get(round_url(award_round)).text

    question = (
        f"Đóng đăng ký sớm 6 tuần so với hạn {closes:%d/%m/%Y}; "
        "1 hồ sơ đang soạn sẽ không được nộp."
    )
    assert f'data-confirm="{question}"' in text
    assert 'data-confirm-button="Kết thúc đăng ký, bắt đầu thẩm tra"' in text
    assert f'id="confirm-close_registration">{question}</p>' in text
    # Without JavaScript: a required checkbox, so the step is never one click.
    assert 'type="checkbox" required id="confirm-check-close_registration"' in text
    # The note is asked, with why, before it is refused.
    assert 'id="id_close_registration_note"' in text
    assert (
        f'id="id_close_registration_note_helptext">Hãy ghi lý do đóng đăng ký trước hạn '
        f"{closes:%d/%m/%Y}.</div>" in text
    )
    # The page holds the one dialog.
    assert 'id="confirm-dialog"' in text


def test_closing_registration_early_without_note_shows_the_error_on_the_note(
    client_as, officer, award_round
):
    response = client_as(officer).post(
        round_url(award_round, "awards:round-transition"),
        {"action": "close_registration", "from": "registration"},
    )

    closes = award_round.registration_closes
    assert response.status_code == 200
    assert response.context["failed_form"].errors == {
        "note": [f"Hãy ghi lý do đóng đăng ký trước hạn {closes:%d/%m/%Y}."]
    }
    assert 'id="id_close_registration_note_error"' in response.text
    award_round.refresh_from_db()
    assert award_round.state == AwardRound.State.REGISTRATION


def test_closing_registration_early_with_a_note_redirects(client_as, officer, award_round):
    response = client_as(officer).post(
        round_url(award_round, "awards:round-transition"),
        {"action": "close_registration", "from": "registration", "note": "Theo kế hoạch"},
    )

    assert response.status_code == 302
    assert response.url == round_url(award_round)
    award_round.refresh_from_db()
    assert award_round.state == AwardRound.State.SCREENING
    assert history_of(award_round).first().note == "Theo kế hoạch"


# ---- Stale pages say what happened --------------------------------------------------------


def test_submit_from_a_stale_tab_says_when_it_was_submitted(client_as, applicant, complete_entry):
    transition(complete_entry, action="submit", actor=applicant)
    submitted = local(history_of(complete_entry).first())

    response = client_as(applicant).post(
        entry_url(complete_entry, "awards:entry-submit"), {"from": "draft"}, follow=True
    )

    assert response.redirect_chain == [(entry_url(complete_entry), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"Hồ sơ này đã được nộp lúc {submitted:%H:%M} ngày {submitted:%d/%m/%Y}."
    ]


def test_screening_from_a_stale_page_names_who_decided_for_staff(
    client_as, officer, admin_user, applicant, submitted_entry
):
    transition(submitted_entry, action="return_for_completion", actor=admin_user, note="Ảnh mờ")
    transition(submitted_entry, action="resubmit", actor=applicant)
    resubmitted = local(history_of(submitted_entry).first())

    # The page was opened while the entry was returned; it is submitted again now.
    response = client_as(officer).post(
        reverse("awards:entry-screening", args=[submitted_entry.pk]),
        {"from": "returned", "decision": "ineligible", "note": "x", "action": "decide"},
        follow=True,
    )

    submitted_entry.refresh_from_db()
    assert submitted_entry.state == E.SUBMITTED
    assert [str(m) for m in response.context["messages"]] == [
        f"Hồ sơ này đã được nộp lại lúc {resubmitted:%H:%M} ngày {resubmitted:%d/%m/%Y} "
        f"({applicant.full_name})."
    ]


def test_withdraw_page_of_a_withdrawn_entry_says_when(client_as, applicant, entry):
    transition(entry, action="withdraw", actor=applicant)
    withdrawn = local(history_of(entry).first())

    response = client_as(applicant).get(entry_url(entry, "awards:entry-withdraw"))

    assert response.context["since"] == (
        f"Hồ sơ này đã được rút lúc {withdrawn:%H:%M} ngày {withdrawn:%d/%m/%Y}."
    )
    assert "Không thể rút hồ sơ này nữa." in response.text


def test_round_transition_from_a_stale_page_keeps_the_state_machine_out(
    client_as, officer, award_round
):
    transition(award_round, action="close_registration", actor=officer, note="Sớm")

    response = client_as(officer).post(
        round_url(award_round, "awards:round-transition"),
        {"action": "close_registration", "from": "registration", "note": "Sớm"},
        follow=True,
    )

    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Đợt bình chọn này đã được đóng đăng ký lúc ")
    assert "Không thể" not in message


# ---- The registration link of a closed round ----------------------------------------------


def test_register_link_of_a_round_closed_early_says_the_day_it_closed(
    client_as, applicant, facility, officer, award_round
):
    transition(award_round, action="close_registration", actor=officer, note="Đủ hồ sơ")
    today = timezone.localdate()

    response = client_as(applicant).get(round_url(award_round, "awards:entry-register"))

    assert response.status_code == 200
    assert response.context["closed_on"] == today
    assert (
        f"Đợt bình chọn “{award_round.title}” đã hết hạn đăng ký ngày {today:%d/%m/%Y}."
        in response.text
    )
    assert 'id="register-open-rounds"' in response.text


def test_register_link_of_a_judged_round_says_its_deadline(client_as, applicant, facility):
    closes = datetime.date(2026, 4, 30)
    award_round = AwardRoundFactory(
        state="judging",
        registration_opens=datetime.date(2026, 3, 1),
        registration_closes=closes,
        judging_ends=datetime.date(2026, 5, 31),
    )

    response = client_as(applicant).post(
        round_url(award_round, "awards:entry-register"), {"product_name": "Mắm"}
    )

    assert response.status_code == 200
    assert response.context["closed_on"] == closes
    assert Entry.objects.count() == 0


def test_register_link_of_a_draft_round_stays_unknown(client_as, applicant, facility):
    award_round = AwardRoundFactory(state="draft")

    response = client_as(applicant).get(round_url(award_round, "awards:entry-register"))

    assert response.status_code == 404


# ---- Bulk screening -----------------------------------------------------------------------


def test_entry_list_offers_select_all_and_a_confirmation_with_the_count(
    client_as, officer, award_round
):
    EntryFactory(round=award_round, state="submitted")

    text = client_as(officer).get(round_url(award_round, "awards:round-entries")).text

    assert (
        'type="checkbox" data-select-all="entries" id="select-all" '
        'aria-label="Chọn mọi hồ sơ đã nộp trên trang này" hidden' in text
    )
    assert 'data-confirm-count="entries" data-confirm-choice="to"' in text
    assert 'data-confirm-other="Quyết định cho {count} hồ sơ: {choice}"' in text
    assert 'id="bulk-confirm-check"' in text


def test_screening_decision_is_confirmed_with_the_chosen_decision(
    client_as, officer, submitted_entry
):
    text = client_as(officer).get(reverse("awards:entry-screening", args=[submitted_entry.pk])).text

    assert (
        'data-confirm="Ghi nhận quyết định “{choice}” cho '
        f'“{submitted_entry.product_name}”? Cơ sở sẽ được thông báo."' in text
    )
    assert 'data-confirm-choice="decision"' in text
    # Saving the checklist decides nothing: it does not ask.
    assert 'id="screening-save" data-confirm-skip' in text
