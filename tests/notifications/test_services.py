"""notifications.services: the rows, the e-mails, a mail server that is down, the retries, and
nothing at all from a transaction that rolls back."""

import datetime
import logging
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core.roles import Role
from core.workflow import transition
from notifications import services
from notifications.models import EmailStatus, Notification, NotificationPreferences
from tests.factories import UserFactory


@pytest.fixture
def dead_mail_server(settings):
    """The mailer points at a local port where nothing listens: every connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 2},
        }
    }
    return port


def age(row, minutes: int) -> None:
    """Move the row's last try `minutes` back, as if that long had passed."""
    Notification.objects.filter(pk=row.pk).update(
        email_attempted_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def tell(users, **kwargs):
    defaults = {"kind": "test", "title": "Hồ sơ được trả lại", "body": "Bổ sung ảnh.", "url": "/"}
    return services.deliver([u.pk for u in users], **{**defaults, **kwargs})


@pytest.mark.django_db
def test_deliver_writes_a_row_per_recipient_and_mails_those_who_keep_email_on():
    keeps, turned_off, no_address = UserFactory(), UserFactory(), UserFactory(email="")
    NotificationPreferences.objects.create(user=turned_off, email=False)

    rows = tell([keeps, turned_off, no_address])

    rows_now = Notification.objects.select_related("recipient")
    statuses = {n.recipient.username: n.email_status for n in rows_now}
    assert len(rows) == 3
    assert statuses == {
        keeps.username: EmailStatus.SENT,
        turned_off.username: EmailStatus.NOT_WANTED,
        no_address.username: EmailStatus.NOT_WANTED,
    }
    assert [message.to for message in mail.outbox] == [[keeps.email]]
    assert Notification.objects.get(recipient=keeps).email_sent_at is not None


@pytest.mark.django_db
def test_deliver_skips_inactive_accounts():
    inactive = UserFactory(is_active=False)

    assert tell([inactive]) == []
    assert Notification.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_deliver_without_email_tells_in_the_app_only():
    user = UserFactory()

    (row,) = tell([user], email=False)

    assert row.email_status == EmailStatus.NOT_WANTED
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_email_carries_the_text_and_absolute_links(settings):
    settings.SITE_URL = "https://khuyencong.example.gov.vn"
    user = UserFactory(full_name="Lê Thị Mai")

    tell(
        [user],
        title="Hồ sơ “Kẹo dừa” được trả lại\nđể bổ sung",
        body="Cần bổ sung: ảnh sản phẩm.",
        url="/awards/entries/7/",
    )

    (message,) = mail.outbox
    assert message.subject == "Hồ sơ “Kẹo dừa” được trả lại để bổ sung"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Xin chào Lê Thị Mai," in message.body
    assert "Cần bổ sung: ảnh sản phẩm." in message.body
    assert "https://khuyencong.example.gov.vn/awards/entries/7/" in message.body
    assert "https://khuyencong.example.gov.vn/notifications/preferences/" in message.body


@pytest.mark.django_db
def test_an_event_told_to_many_leaves_its_emails_to_the_command():
    users = [UserFactory() for _ in range(services.SEND_NOW_MAX + 1)]

    tell(users)

    assert mail.outbox == []
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"pending"}
    assert services.retry_emails() == (len(users), 0, 0)
    assert len(mail.outbox) == len(users)


@pytest.mark.django_db
def test_a_key_tells_each_recipient_once():
    user = UserFactory()

    first = tell([user], key="reminder:1")
    second = tell([user], key="reminder:1")
    other = tell([user], key="reminder:2")

    assert (len(first), len(second), len(other)) == (1, 0, 1)
    assert Notification.objects.filter(recipient=user).count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_mail_server_that_is_down_leaves_the_notification_and_logs(dead_mail_server, caplog):
    user = UserFactory()

    with caplog.at_level(logging.WARNING, logger="notifications.services"):
        (row,) = tell([user])

    row.refresh_from_db()
    assert row.email_status == EmailStatus.FAILED
    assert row.email_error.startswith("ConnectionRefusedError")
    assert row.email_attempts == 1
    assert services.unread_count(user) == 1
    assert "cannot connect to the mail server" in caplog.text


@pytest.mark.django_db
def test_the_retry_command_sends_what_failed_once_the_server_is_back(settings, dead_mail_server):
    user = UserFactory()
    (row,) = tell([user])
    working = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.MAILERS = working
    assert services.retry_emails() == (0, 0, 0)  # too soon after the failure
    age(row, 11)

    call_command("send_notification_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115

    row.refresh_from_db()
    assert row.email_status == EmailStatus.SENT
    assert row.email_attempts == 2
    assert row.email_error == ""
    assert [message.to for message in mail.outbox] == [[user.email]]


@pytest.mark.django_db
def test_the_retry_leaves_a_pending_email_another_sender_just_took_up():
    user = UserFactory()
    Notification.objects.create(
        recipient=user,
        kind="test",
        title="Đang gửi",
        email_status=EmailStatus.PENDING,
        email_attempted_at=timezone.now(),
    )
    stale = Notification.objects.create(
        recipient=user,
        kind="test",
        title="Bỏ dở",
        email_status=EmailStatus.PENDING,
        email_attempted_at=timezone.now() - datetime.timedelta(hours=1),
    )

    assert services.retry_emails() == (1, 0, 0)
    assert [message.subject for message in mail.outbox] == ["Bỏ dở"]
    stale.refresh_from_db()
    assert stale.email_status == EmailStatus.SENT


@pytest.mark.django_db
def test_the_retry_waits_longer_after_each_failure(dead_mail_server):
    user = UserFactory()
    (row,) = tell([user])
    age(row, 11)
    assert services.retry_emails() == (0, 1, 0)  # the second try

    age(row, 15)
    assert services.retry_emails() == (0, 0, 0)  # the third waits 20 minutes
    age(row, 21)
    assert services.retry_emails() == (0, 1, 0)


@pytest.mark.django_db
def test_the_retry_sends_nothing_to_who_turned_email_off_since(dead_mail_server, settings):
    user = UserFactory()
    (row,) = tell([user])
    age(row, 11)
    services.save_preferences(user=user, email=False, round_openings=False)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    assert services.retry_emails() == (0, 0, 1)
    row.refresh_from_db()
    assert row.email_status == EmailStatus.NOT_WANTED
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_retry_gives_up_after_the_last_attempt(dead_mail_server):
    user = UserFactory()
    (row,) = tell([user])

    results = []
    for attempts in range(1, services.MAX_EMAIL_ATTEMPTS + 1):
        age(row, attempts * 10 + 1)
        results.append(services.retry_emails())

    row.refresh_from_db()
    assert results == [(0, 1, 0)] * (services.MAX_EMAIL_ATTEMPTS - 1) + [(0, 0, 0)]
    assert row.email_attempts == services.MAX_EMAIL_ATTEMPTS
    assert row.email_status == EmailStatus.FAILED


@pytest.mark.django_db
def test_notify_waits_for_the_commit(django_capture_on_commit_callbacks):
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.notify([user], kind="test", title="Sau khi lưu")
        assert Notification.objects.count() == 0

    assert Notification.objects.get().title == "Sau khi lưu"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_notify_in_a_transaction_that_rolls_back_tells_nobody():
    user = UserFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify([user], kind="test", title="Không bao giờ")
        raise RuntimeError

    assert Notification.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_transition_writes_no_notification_and_sends_no_mail(
    submitted_entry, officer
):
    with pytest.raises(RuntimeError), transaction.atomic():
        transition(
            submitted_entry,
            action="return_for_completion",
            actor=officer,
            note="Thiếu ảnh sản phẩm.",
        )
        raise RuntimeError("a later step of the same request failed")

    submitted_entry.refresh_from_db()
    assert submitted_entry.state == "submitted"
    assert Notification.objects.count() == 0
    assert mail.outbox == []

    # The same step, committed, tells the facility.
    transition(submitted_entry, action="return_for_completion", actor=officer, note="Thiếu ảnh.")
    assert Notification.objects.filter(kind="entry_returned").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_mark_read_and_mark_all_read_touch_only_the_users_rows():
    user, other = UserFactory(), UserFactory(role=Role.APPLICANT)
    first, _second = tell([user]) + tell([user])
    (others,) = tell([other])

    services.mark_read(user=user, notification=first)
    read_at = Notification.objects.get(pk=first.pk).read_at
    services.mark_read(user=user, notification=first)

    assert Notification.objects.get(pk=first.pk).read_at == read_at
    assert services.unread_count(user) == 1
    assert services.mark_all_read(user=user) == 1
    assert services.unread_count(user) == 0
    assert services.unread_count(other) == 1
    assert Notification.objects.get(pk=others.pk).read_at is None
