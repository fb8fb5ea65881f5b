from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.text import clean_text
from core.validators import validate_certificate_format

# The most characters a free-text field (a description, a reason, a note) takes.
LONG_TEXT_MAX = 10_000


class LongTextField(models.TextField):
    """Free text with a limit (LONG_TEXT_MAX characters by default), checked by full_clean with
    Django's message and shown to forms and the API as the field's max_length."""

    def __init__(self, *args, max_length=LONG_TEXT_MAX, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        # A TextField's max_length is only a form hint in Django; this makes it a model rule.
        return [*super().validators, MaxLengthValidator(self.max_length)]


class CleanTextMixin:
    """Stores every text field in NFC without zero-width and control characters
    (core.text.clean_text), before validation and on every save: what a form, the API, the admin
    or a service writes is stored the same way, so a decomposed or invisible-character variant
    of a name is the same name."""

    def clean_text_fields(self) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    multiline = isinstance(field, models.TextField)
                    setattr(self, field.attname, clean_text(value, multiline=multiline))

    def clean_fields(self, exclude=None):
        self.clean_text_fields()
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs):
        self.clean_text_fields()
        super().save(*args, **kwargs)


class DerivedFieldsMixin:
    """Keeps fields computed from another field in step on every save.

    `derived_fields = {"sort_name": ("name", sort_key)}` sets sort_name = sort_key(name) before
    each save, and a save(update_fields=[…"name"…]) writes sort_name too. A derived value is cut
    to its column's max_length, so it never overflows it (sort keys are laid out to sort right
    when cut; see core.text.sort_key).
    """

    derived_fields: dict = {}

    def refresh_derived_fields(self) -> None:
        for target, (source, compute) in self.derived_fields.items():
            value = compute(getattr(self, source) or "")
            max_length = self._meta.get_field(target).max_length
            setattr(self, target, value[:max_length] if max_length else value)

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = {
                t for t, (source, _f) in self.derived_fields.items() if source in update_fields
            }
            kwargs["update_fields"] = {*update_fields, *extra}
        super().save(*args, **kwargs)


class User(CleanTextMixin, AbstractUser):
    """An account. Vietnamese names do not split into first/last well, so we keep one full name."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username


class Province(models.Model):
    """A province-level unit (tỉnh / thành phố) after the 2025 reform: 34 of them."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=100)
    # core.text.sort_key(short_name): dictionary order whatever the database's collation.
    sort_name = models.CharField(max_length=500, editable=False, db_index=True)

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Ward(models.Model):
    """A commune-level unit (xã, phường, đặc khu) after the 2025 reform: 3,321 of them."""

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Commune (xã)")
        WARD = "ward", _("Ward (phường)")
        SPECIAL_ZONE = "special_zone", _("Special zone (đặc khu)")

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="wards", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # core.text.sort_key(short_name): "Phường Đông Thành" sorts under D, not after X.
    sort_name = models.CharField(max_length=500, editable=False)

    class Meta:
        ordering = ["province_id", "sort_name"]
        verbose_name = _("commune-level unit")
        verbose_name_plural = _("commune-level units")

    def __str__(self) -> str:
        return self.name


class Organisation(CleanTextMixin, models.Model):
    """The organisation running this installation; one row. Its names head every page and document.

    Until the row is saved, `Organisation.current()` answers with the defaults from settings
    (ORG_* environment variables).
    """

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("province")
    )
    province_name = models.CharField(
        _("issuing authority"), max_length=200, help_text=_("e.g. UBND TỈNH VĨNH LONG")
    )
    department_name = models.CharField(
        _("department"), max_length=200, help_text=_("e.g. SỞ CÔNG THƯƠNG")
    )
    center_name = models.CharField(_("center"), max_length=200)
    # How a recognition certificate is numbered: {number} (the year's sequence, e.g. {number:02d}
    # for 07) and {year}. Checked by core.validators.validate_certificate_format.
    certificate_number_format = models.CharField(
        _("certificate number format"),
        max_length=60,
        default="{number:02d}/{year}/GCN-SCT",
        help_text=_(
            "{number} is the certificate's number in its year, {year} the year: e.g. "
            "{number:02d}/{year}/GCN-SCT gives 07/2024/GCN-SCT."
        ),
    )

    # The signature block under every official list (core.spreadsheets): "Vĩnh Long, ngày …",
    # the signer's title (GIÁM ĐỐC) and name. Blank leaves the line for the signer to write.
    signing_place = models.CharField(
        _("place of signing"), max_length=100, blank=True, help_text=_("e.g. Vĩnh Long")
    )
    signer_title = models.CharField(
        _("signer's title"), max_length=100, blank=True, help_text=_("e.g. GIÁM ĐỐC")
    )
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="organisation_single_row"),
        ]

    def __str__(self) -> str:
        return self.center_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self):
        # Checked where the organisation is edited (the admin's form calls clean()).
        super().clean()
        if self.certificate_number_format:
            try:
                validate_certificate_format(self.certificate_number_format)
            except ValidationError as error:
                raise ValidationError({"certificate_number_format": error}) from None

    @classmethod
    def current(cls) -> "Organisation":
        found = cls.objects.select_related("province").filter(pk=1).first()
        return found or cls(pk=1, **settings.ORGANISATION)


class ActivityLog(CleanTextMixin, models.Model):
    """One row per change to a domain object: who, what, when, before and after.

    Written by services in the same transaction as the change; never edited. A state change is
    a row with action "transition", the transition's name, and in before/after the state and
    every field its effects changed.
    """

    # Not auto_now_add: a change recorded for a past day (core.clock) is logged on that day.
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=50)
    # For a state change, the name of the workflow transition made (core.workflow).
    transition = models.CharField(_("step"), max_length=60, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    # Text so that any primary key type fits; the row outlives a deleted object.
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field whose value differs, in a stable order."""
        keys = sorted(set(self.before) | set(self.after))
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in keys
            if self.before.get(key) != self.after.get(key)
        ]


class ExportJob(models.Model):
    """A list too long to build during the request (issue 9): built by a background task
    (core.spreadsheets.tasks) into the private storage, downloadable by who asked and staff
    until expires_at. Every change of state goes through core.spreadsheets.jobs."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("requested by"),
    )
    identifier = models.CharField(_("list"), max_length=100)
    # The exporter's subject (an award round …) by label and pk, so the worker loads it again.
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    # The filters on screen, a QueryDict as {key: [values]}.
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True, max_length=300)
    file_name = models.CharField(max_length=200)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "running", "done", "failed"]),
                name="exportjob_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(rows_done__gte=0), name="exportjob_rows_done_nonnegative"
            ),
            # A finished job always has its file: the file is saved in the same step.
            models.CheckConstraint(
                condition=~models.Q(state="done") | ~models.Q(file=""),
                name="exportjob_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} #{self.pk} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and (now or timezone.now()) >= self.expires_at
