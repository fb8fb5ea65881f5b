"""A notification per recipient (the in-app row, which is also the e-mail's outbox row), and
each user's preferences."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import CleanTextMixin, LongTextField


class EmailStatus(models.TextChoices):
    # E-mail turned off by the recipient, no address, or an event told in the app only.
    NOT_WANTED = "not_wanted", _("Not sent by e-mail")
    PENDING = "pending", _("E-mail waiting to be sent")
    SENT = "sent", _("E-mail sent")
    FAILED = "failed", _("E-mail failed")


class Notification(CleanTextMixin, models.Model):
    """What one user is told about one event: a short title, a body and the address of the
    object, in the site's language. The row is both what the bell counts and the e-mail's
    outbox: its e-mail status says whether the e-mail went out, and why not."""

    EmailStatus = EmailStatus

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # The event's code ("entry_returned", "round_opened"…): what a client may filter or group on.
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("notification title"), max_length=300)
    body = LongTextField(_("text"), blank=True)
    # The object's address on this site (a path: "/awards/entries/7/"); e-mails make it absolute.
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The object it is about, if any (the row outlives a deleted object, as the activity log's).
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    # Makes the notification once per recipient (a reminder: "registration_closing:7:2027-04-30"):
    # telling the same thing again is a no-op. Empty for events that happen once anyway.
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    email_status = models.CharField(
        _("e-mail"), max_length=20, choices=EmailStatus.choices, default=EmailStatus.NOT_WANTED
    )
    email_error = models.TextField(_("e-mail error"), blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    # When a sender last took the e-mail up: a sender claims the row by moving this forward
    # (a conditional UPDATE), so two senders never send one e-mail twice.
    email_attempted_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_status", "email_attempted_at"], name="notification_outbox"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="notification_key_once_per_recipient",
            ),
            models.CheckConstraint(
                condition=models.Q(email_status__in=EmailStatus.values),
                name="notification_email_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreferences(models.Model):
    """What a user wants to hear of, and how. A user without a row has the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    email = models.BooleanField(
        _("also send my notifications by e-mail"),
        default=True,
        help_text=_("To the e-mail address of your account. The bell shows them either way."),
    )
    round_openings = models.BooleanField(
        _("tell me when a round opens for registration in my province"),
        default=False,
        help_text=_("For the members of a facility: a notification when registration opens."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def of(cls, user) -> "NotificationPreferences":
        """The user's preferences: the stored row, or the defaults (not saved)."""
        found = cls.objects.filter(user=user).first()
        return found or cls(user=user)
