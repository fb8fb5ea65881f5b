"""The facility sees the notification of a returned dossier: the bell's count, the list with
the reason and the link to the dossier, and the e-mail in the outbox."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from awards import services
from awards.models import Entry
from notifications.models import Notification
from tests.factories import PASSWORD

REASON = "Bổ sung ảnh chụp bao bì và giấy chứng nhận an toàn thực phẩm còn hiệu lực."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_facility_sees_the_returned_dossier_in_the_bell_and_the_email_in_the_outbox(
    page, console_messages, log_in, settings, applicant, officer, submitted_entry
):
    settings.SITE_URL = "https://khuyencong.example.gov.vn"
    # The officer returns the dossier; the notification is written once the step commits.
    services.screen_entry(
        actor=officer, entry=submitted_entry, decision=Entry.State.RETURNED, note=REASON
    )
    entry_url = reverse("awards:entry-detail", args=[submitted_entry.pk])

    log_in(page, applicant.username, PASSWORD)

    bell = page.locator("#notification-bell")
    expect(bell.locator("#notification-count")).to_have_text("1")
    expect(bell.locator("#notification-count-text")).to_have_text("1 thông báo chưa đọc")
    bell.click()
    page.wait_for_url(re.compile(r"/notifications/$"))

    notification = Notification.objects.get(recipient=applicant)
    item = page.locator(f"#notification-{notification.pk}")
    expect(item).to_have_class(re.compile(r"\bnotification-unread\b"))
    expect(item).to_contain_text(f"Hồ sơ được trả lại để bổ sung: “{submitted_entry.product_name}”")
    expect(item).to_contain_text(f"Nội dung cần bổ sung: {REASON}")
    expect(item.locator(f"#notification-link-{notification.pk}")).to_have_attribute(
        "href", entry_url
    )

    # Opening it marks it read and leads to the dossier.
    item.locator(f"#notification-open-{notification.pk}").click()
    page.wait_for_url(re.compile(rf"{re.escape(entry_url)}$"))
    expect(page.locator("#notification-count")).to_have_count(0)
    expect(page.locator("#notification-count-text")).to_have_text(
        "Thông báo, không có thông báo chưa đọc"
    )
    notification.refresh_from_db()
    assert notification.read_at is not None

    (message,) = mail.outbox
    assert message.to == [applicant.email]
    assert message.subject == notification.title
    assert REASON in message.body
    assert f"https://khuyencong.example.gov.vn{entry_url}" in message.body
    assert [m for m in console_messages if m.startswith(("error", "pageerror"))] == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_a_phone_the_bell_shows_beside_the_menu_button(
    page, log_in, applicant, officer, submitted_entry
):
    """Below the lg breakpoint the menu is collapsed: the unread count must not hide in it."""
    services.screen_entry(
        actor=officer, entry=submitted_entry, decision=Entry.State.RETURNED, note=REASON
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, applicant.username, PASSWORD)

    expect(page.locator("#main-nav")).not_to_be_visible()
    bell = page.locator("#notification-bell-compact")
    expect(bell).to_be_visible()
    expect(bell.locator("#notification-count-compact")).to_have_text("1")
    expect(page.locator("#notification-bell")).not_to_be_visible()
    bell.click()
    page.wait_for_url(re.compile(r"/notifications/$"))

    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("#notification-bell")).to_be_visible()
    expect(page.locator("#notification-bell-compact")).not_to_be_visible()
