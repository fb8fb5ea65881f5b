"""The files of an entry's dossier."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models.entries import Entry
from core.models import CleanTextMixin


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    REGISTRATION_FORM = "registration_form", _("Registration form (Mẫu 01)")
    DESCRIPTION = "description", _("Product description (Mẫu 02)")
    BUSINESS_REGISTRATION = "business_registration", _("Business registration copy")
    QUALITY_CERTIFICATE = "quality_certificate", _("Quality or food-safety certificate")
    AWARD_CERTIFICATE = "award_certificate", _("Award certificate")
    LOWER_LEVEL_DECISION = "lower_level_decision", _("Lower-level recognition decision")
    LOWER_LEVEL_CERTIFICATE = (
        "lower_level_certificate",
        _("Lower-level recognition certificate"),
    )
    OTHER = "other", _("Other")


class Attachment(CleanTextMixin, models.Model):
    """A file of an entry's dossier. Stored privately, downloaded through a permission check."""

    Kind = AttachmentKind

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="entries/%Y/")
    thumbnail = models.FileField(_("thumbnail"), upload_to="entries/%Y/thumbs/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Not auto_now_add: a file of a past round is uploaded on its day (core.clock).
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["kind", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AttachmentKind.values),
                name="attachment_kind_valid",
                violation_error_message=_("Unknown kind of file."),
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
