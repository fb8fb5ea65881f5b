"""Steps that cannot be undone ask first, in Chromium: closing registration early shows the
confirmation with the numbers and needs a note; bulk screening selects all, confirms with the
count, and a reload after it does not send the decision again."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import AwardRound, Entry
from core.activity import Action
from core.models import ActivityLog
from tests.factories import PASSWORD, AwardRoundFactory, EntryFactory


def csp_violations(console_messages) -> list[str]:
    return [text for text in console_messages if "Content Security Policy" in text]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_closing_registration_early_confirms_with_the_numbers_and_needs_a_note(
    page, console_messages, log_in, officer
):
    today = timezone.localdate()
    closes = today + datetime.timedelta(days=45)
    award_round = AwardRoundFactory(registration_closes=closes)
    EntryFactory.create_batch(3, round=award_round)
    EntryFactory(round=award_round, state="submitted")
    log_in(page, officer.username, PASSWORD)
    page.goto(f"/awards/rounds/{award_round.pk}/")
    button = page.locator("#transition-close_registration")
    dialog = page.locator("#confirm-dialog")
    expected = (
        f"Đóng đăng ký sớm 6 tuần so với hạn {closes:%d/%m/%Y}; "
        "3 hồ sơ đang soạn sẽ không được nộp."
    )
    # Without JavaScript a checkbox would ask; with it, the dialog does.
    expect(page.locator("[data-confirm-check]")).to_have_count(0)

    # Cancel leaves the round as it was, and focus goes back to the button.
    button.click()
    expect(dialog).to_be_visible()
    expect(page.locator("#confirm-dialog-text")).to_have_text(expected)
    expect(page.locator("#confirm-dialog-ok")).to_have_text("Kết thúc đăng ký, bắt đầu thẩm tra")
    expect(page.locator("#confirm-dialog-cancel")).to_be_focused()
    page.click("#confirm-dialog-cancel")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    # Escape closes it too.
    button.click()
    expect(page.locator("#confirm-dialog-cancel")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    award_round.refresh_from_db()
    assert award_round.state == AwardRound.State.REGISTRATION

    # Confirmed without a note: refused, the error on the note field.
    button.click()
    page.click("#confirm-dialog-ok")
    expect(page).to_have_url(re.compile(rf"/awards/rounds/{award_round.pk}/transition/$"))
    note_error = page.locator("#id_close_registration_note_error")
    expect(note_error).to_have_text(f"Hãy ghi lý do đóng đăng ký trước hạn {closes:%d/%m/%Y}.")
    award_round.refresh_from_db()
    assert award_round.state == AwardRound.State.REGISTRATION

    # With the note, confirmed: the round moves on.
    page.fill("#id_close_registration_note", "Theo kế hoạch của Sở Công Thương.")
    page.click("#transition-close_registration")
    expect(page.locator("#confirm-dialog-text")).to_have_text(expected)
    page.click("#confirm-dialog-ok")
    expect(page).to_have_url(re.compile(rf"/awards/rounds/{award_round.pk}/$"))
    expect(page.locator("#round-state .state-badge")).to_have_attribute("data-state", "screening")
    award_round.refresh_from_db()
    assert award_round.state == AwardRound.State.SCREENING
    log = ActivityLog.objects.filter(transition="close_registration").get()
    assert log.note == "Theo kế hoạch của Sở Công Thương."
    assert csp_violations(console_messages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bulk_screening_selects_all_confirms_the_count_and_reload_sends_nothing(
    page, console_messages, log_in, officer
):
    award_round = AwardRoundFactory()
    submitted = EntryFactory.create_batch(3, round=award_round, state="submitted")
    EntryFactory(round=award_round)  # a draft: not selectable
    log_in(page, officer.username, PASSWORD)
    page.goto(f"/awards/rounds/{award_round.pk}/entries/?state=submitted")

    select_all = page.locator("#select-all")
    expect(select_all).to_be_visible()
    expect(select_all).to_have_accessible_name("Chọn mọi hồ sơ đã nộp trên trang này")
    select_all.check()
    for entry in submitted:
        expect(page.locator(f"#select-{entry.pk}")).to_be_checked()
    page.uncheck(f"#select-{submitted[0].pk}")
    assert select_all.evaluate("box => box.indeterminate") is True
    page.check(f"#select-{submitted[0].pk}")
    expect(select_all).to_be_checked()

    # Returned without a note: the error is on the note field.
    page.select_option("#id_to", "returned")
    page.click("#bulk-submit")
    expect(page.locator("#confirm-dialog-text")).to_have_text(
        "Quyết định cho 3 hồ sơ: Trả lại: cơ sở bổ sung hồ sơ"
    )
    page.click("#confirm-dialog-ok")
    expect(page).to_have_url(re.compile(rf"/awards/rounds/{award_round.pk}/entries/bulk/"))
    expect(page.locator("#id_note_error")).to_have_text("Hãy ghi nội dung cơ sở cần bổ sung.")
    assert set(Entry.objects.values_list("state", flat=True)) == {"submitted", "draft"}

    # The selection was kept; with the note, confirmed.
    page.fill("#id_note", "Bổ sung giấy chứng nhận an toàn thực phẩm.")
    page.click("#bulk-submit")
    page.click("#confirm-dialog-ok")
    expect(page).to_have_url(
        re.compile(rf"/awards/rounds/{award_round.pk}/entries/\?state=submitted$")
    )
    expect(page.locator(".messages")).to_contain_text("3 sản phẩm")
    returned = Entry.objects.filter(state=Entry.State.RETURNED).count()
    assert returned == 3

    # Post/Redirect/Get: a reload asks for the list again, it does not post the decision.
    methods = []
    page.on("request", lambda request: methods.append(request.method))
    page.reload()
    page.wait_for_load_state()
    assert methods and "POST" not in methods
    logs = ActivityLog.objects.filter(action=Action.TRANSITION, transition="return_for_completion")
    assert logs.count() == 3
    assert csp_violations(console_messages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_javascript_a_step_takes_the_checkbox_and_the_button(
    browser, live_server, log_in, officer
):
    """No script, no dialog: the required "I have read this" checkbox next to the confirmation
    text makes the step two actions, never one click."""
    award_round = AwardRoundFactory(state="draft")
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, officer.username, PASSWORD)
        page.goto(f"/awards/rounds/{award_round.pk}/")
        expect(page.locator("#confirm-open_registration")).to_contain_text("Mở đăng ký từ")

        page.click("#transition-open_registration")
        page.wait_for_timeout(500)
        assert page.url.endswith(f"/awards/rounds/{award_round.pk}/")
        award_round.refresh_from_db()
        assert award_round.state == AwardRound.State.DRAFT

        page.check("#confirm-check-open_registration")
        page.click("#transition-open_registration")
        expect(page.locator("#round-state .state-badge")).to_have_attribute(
            "data-state", "registration"
        )
        award_round.refresh_from_db()
        assert award_round.state == AwardRound.State.REGISTRATION
    finally:
        context.close()
