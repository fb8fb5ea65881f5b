"""Telling people: the in-app notification and its e-mail, reading them, the preferences.

`notify(recipients, kind=…, title=…, body=…, url=…)` is what every app calls, from an
after-commit effect (core.workflow's `Transition.after_commit`) or a command. It never runs
inside a transaction that may roll back: called inside one, it waits for the commit
(`transaction.on_commit`), so a change that rolls back tells nobody anything.

Then, for each active recipient, one Notification row (the bell counts it), and an e-mail to
those who keep e-mail on and have an address. The rows are written first and committed; the
e-mails go out afterwards (for an event told to many, SEND_NOW_MAX, by the command instead:
the officer opening a round does not wait for hundreds of e-mails), over one connection to
the mail server with a short timeout (settings.MAILERS, EMAIL_TIMEOUT), so a slow or dead
server holds no database lock. Sending never raises: a failure is logged and recorded on the
row (`email_status` "failed" and the error), the in-app notification stays, and
`manage.py send_notification_emails` tries again.

Reading a notification is not a change of the product's data: it writes no activity-log row.
"""

import datetime
import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Organisation
from notifications.models import EmailStatus, Notification, NotificationPreferences

logger = logging.getLogger(__name__)

User = get_user_model()

# A sender that took an e-mail up and did not finish (a process that died) leaves it for this
# long before another sender may take it again.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
# A failed e-mail is tried this many times in all, then left as failed; after its n-th failure
# it waits n times RETRY_STEP before the next try (10, 20, 30, 40 minutes: a mail server down
# for an hour and a half still delivers).
MAX_EMAIL_ATTEMPTS = 5
RETRY_STEP = datetime.timedelta(minutes=10)
# What is kept of a mail server's error on the row.
ERROR_MAX = 1000
# An event told to more people than this (a round opening, to every facility that asked) is
# not mailed while the request that made it waits: its e-mails are left to
# `manage.py send_notification_emails` (cron, every few minutes).
SEND_NOW_MAX = 20


def site_language():
    """The language notifications are written in: the site's (Vietnamese), whoever's request
    made the event (an officer reading the site in English still tells the facility in
    Vietnamese)."""
    return translation.override(settings.LANGUAGE_CODE)


def absolute_url(path: str) -> str:
    """A path on this site as a full address, for e-mails (settings.SITE_URL)."""
    if not path or "://" in path:
        return path
    return f"{settings.SITE_URL}{path}"


# ---- Telling -------------------------------------------------------------------------------


def notify(
    recipients: Iterable,
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    target: models.Model | None = None,
    key: str = "",
    email: bool = True,
) -> None:
    """Tell each of `recipients` (users, or a queryset of them) about an event.

    `title` and `body` are the texts as the recipient reads them, written in the site's
    language (site_language()); `url` the path of the object; `target` the object itself;
    `key` makes it once per recipient (telling again is a no-op); `email=False` tells in the
    app only. Inside a transaction, it waits for the commit; it never raises because an e-mail
    could not be sent."""
    recipient_ids = sorted({user.pk for user in recipients})
    if not recipient_ids:
        return
    transaction.on_commit(
        partial(
            deliver,
            recipient_ids,
            kind=kind,
            title=str(title),
            body=str(body),
            url=url,
            target=target,
            key=key,
            email=email,
        ),
        robust=True,
    )


def deliver(
    recipient_ids: list,
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    target: models.Model | None = None,
    key: str = "",
    email: bool = True,
) -> list[Notification]:
    """Write the notifications and send their e-mails, now (notify calls it once committed).
    Returns the notifications written (none for a recipient who already had `key`)."""
    users = list(
        User.objects.filter(pk__in=recipient_ids, is_active=True)
        .select_related("notification_preferences")
        .order_by("pk")
    )
    send_now = len(users) <= SEND_NOW_MAX
    content_type = ContentType.objects.get_for_model(target) if target is not None else None
    now = timezone.now()
    created = []
    with transaction.atomic():
        for user in users:
            wants_email = email and _wants_email(user)
            row = Notification(
                recipient=user,
                kind=kind,
                title=title[: Notification._meta.get_field("title").max_length],
                body=body,
                url=url,
                content_type=content_type,
                object_id=str(target.pk) if target is not None else "",
                key=key,
                created_at=now,
                email_status=EmailStatus.PENDING if wants_email else EmailStatus.NOT_WANTED,
                # Written already taken up when this sender sends it (the command leaves it
                # alone), else for the command to take up.
                email_attempted_at=now if wants_email and send_now else None,
            )
            if key:
                if Notification.objects.filter(recipient=user, key=key).exists():
                    continue
                try:
                    # A savepoint: a concurrent sender that wrote the same key first wins.
                    with transaction.atomic():
                        row.save()
                except IntegrityError:
                    continue
            else:
                row.save()
            created.append(row)
    if send_now:
        pending = [row for row in created if row.email_status == EmailStatus.PENDING]
        held = getattr(_together, "rows", None)
        if held is not None:
            held.extend(pending)
        else:
            send_emails(pending)
    return created


# The e-mails held by emails_together() in this thread (None: none is open).
_together = threading.local()


@contextmanager
def emails_together():
    """One operation that tells many (a bulk screening: one event per entry) sends its e-mails
    together when it is done: over one connection to the mail server, or, past SEND_NOW_MAX,
    left to send_notification_emails — never one connection per event, each of which may wait
    EMAIL_TIMEOUT for a server that does not answer. The in-app rows are written as usual."""
    if getattr(_together, "rows", None) is not None:
        yield  # already inside one: the outer one sends
        return
    _together.rows = []
    try:
        yield
        rows = _together.rows
    finally:
        _together.rows = None
    if len(rows) <= SEND_NOW_MAX:
        send_emails(rows)
    else:
        # Taken up by this sender when written; handed back to the command instead.
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(email_attempted_at=None)


def _wants_email(user) -> bool:
    if not user.is_active or not user.email:
        return False
    try:
        return user.notification_preferences.email
    except NotificationPreferences.DoesNotExist:
        return NotificationPreferences._meta.get_field("email").default


# ---- E-mail --------------------------------------------------------------------------------


def send_emails(notifications: list[Notification]) -> tuple[int, int]:
    """Send the e-mails of these notifications (already taken up by the caller) over one
    connection; record each outcome on its row. Returns (sent, failed). Never raises."""
    if not notifications:
        return 0, 0
    with site_language():
        organisation = Organisation.current()
        messages = [(row, _message(row, organisation)) for row in notifications]
    try:
        connection = mailers.default
        connection.open()
    except Exception as error:  # the mail server is down, unreachable or refuses us
        logger.warning(
            "Notification e-mails not sent (%d): cannot connect to the mail server: %s",
            len(notifications),
            error,
        )
        for row in notifications:
            _record(row, error=error)
        return 0, len(notifications)
    sent = failed = 0
    try:
        for row, message in messages:
            try:
                connection.send_messages([message])
            except Exception as error:  # one refused address must not stop the others
                logger.warning(
                    "Notification %s: the e-mail to %s failed: %s", row.pk, message.to[0], error
                )
                _record(row, error=error)
                failed += 1
            else:
                _record(row)
                sent += 1
    finally:
        try:
            connection.close()
        except Exception as error:
            logger.warning("Closing the mail server connection failed: %s", error)
    return sent, failed


def _message(row: Notification, organisation) -> EmailMessage:
    context = {
        "notification": row,
        "recipient": row.recipient,
        "link": absolute_url(row.url),
        "list_link": absolute_url(reverse("notifications:list")),
        "preferences_link": absolute_url(reverse("notifications:preferences")),
        "organisation": organisation,
    }
    text = render_to_string("notifications/email.txt", context)
    subject = " ".join(row.title.split())  # a header is one line
    return EmailMessage(subject=subject, body=text, to=[row.recipient.email])


def _record(row: Notification, *, error: Exception | None = None) -> None:
    now = timezone.now()
    if error is None:
        values = {"email_status": EmailStatus.SENT, "email_sent_at": now, "email_error": ""}
    else:
        message = f"{type(error).__name__}: {error}"[:ERROR_MAX]
        values = {"email_status": EmailStatus.FAILED, "email_error": message}
    Notification.objects.filter(pk=row.pk).update(
        email_attempts=F("email_attempts") + 1, email_attempted_at=now, **values
    )
    row.email_status = values["email_status"]
    row.email_error = values.get("email_error", "")


def retry_emails(*, limit: int = 500) -> tuple[int, int, int]:
    """Send the e-mails that failed (fewer than MAX_EMAIL_ATTEMPTS tries, the last one at
    least RETRY_STEP times the tries ago) or are still pending
    with no sender on them (none took them up in the last CLAIM_TIMEOUT: the process that
    wrote them stopped first): `manage.py send_notification_emails`. A recipient who turned
    e-mail off since, or has no address now, is sent none. Returns (sent, failed, dropped)."""
    now = timezone.now()
    abandoned = Q(email_status=EmailStatus.PENDING) & (
        Q(email_attempted_at__isnull=True) | Q(email_attempted_at__lt=now - CLAIM_TIMEOUT)
    )
    due = Q()
    for attempts in range(1, MAX_EMAIL_ATTEMPTS):
        due |= Q(email_attempts=attempts, email_attempted_at__lt=now - attempts * RETRY_STEP)
    waiting = Notification.objects.filter(
        abandoned | Q(email_status=EmailStatus.FAILED) & due,
        email_attempts__lt=MAX_EMAIL_ATTEMPTS,
    )
    candidates = list(
        waiting.select_related("recipient", "recipient__notification_preferences").order_by(
            "created_at", "id"
        )[:limit]
    )
    claimed, dropped = [], 0
    for row in candidates:
        # Taken up with a conditional UPDATE (of two senders, one gets the row), as pending
        # with a fresh time: in flight, which no other sender takes for CLAIM_TIMEOUT.
        taken = Notification.objects.filter(
            pk=row.pk,
            email_status=row.email_status,
            email_attempted_at=row.email_attempted_at,
        ).update(email_status=EmailStatus.PENDING, email_attempted_at=now)
        if not taken:
            continue
        if not _wants_email(row.recipient):
            Notification.objects.filter(pk=row.pk).update(email_status=EmailStatus.NOT_WANTED)
            dropped += 1
            continue
        claimed.append(row)
    sent, failed = send_emails(claimed)
    return sent, failed, dropped


# ---- Reading -------------------------------------------------------------------------------


def notifications_of(user) -> models.QuerySet:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, notification: Notification) -> Notification:
    """Mark one of the user's notifications read (again: nothing changes)."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; how many were."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def save_preferences(*, user, email: bool, round_openings: bool) -> NotificationPreferences:
    preferences, _created = NotificationPreferences.objects.update_or_create(
        user=user, defaults={"email": email, "round_openings": round_openings}
    )
    return preferences


def round_opening_subscribers() -> models.QuerySet:
    """The active users who asked to hear when a round opens for registration (the app that
    runs rounds narrows them to its facilities' members)."""
    return User.objects.filter(is_active=True, notification_preferences__round_openings=True)
