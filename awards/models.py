"""Product award rounds (bình chọn sản phẩm CNNT tiêu biểu, TT 26/2014/TT-BCT as amended).

The state machines (which transitions exist, who makes them, what they require) are declared
in awards/workflows.py and attached to the models there.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import Facility
from core.models import DerivedFieldsMixin


class Level(models.TextChoices):
    COMMUNE = "commune", _("Commune level")
    PROVINCE = "province", _("Province level")
    REGION = "region", _("Regional level")
    NATION = "nation", _("National level")


# The first letter of a voting code says the level (Xã, Tỉnh, Khu vực, Quốc gia).
LEVEL_LETTERS = {
    Level.COMMUNE: "X",
    Level.PROVINCE: "T",
    Level.REGION: "K",
    Level.NATION: "Q",
}


class ProductGroup(models.Model):
    """One of the official product groups; seeded with the four of TT 26/2014."""

    code = models.PositiveSmallIntegerField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class CriteriaTemplate(models.Model):
    """A reusable scoring sheet: ordered criteria, optionally split into sub-criteria."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default for new rounds"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("criteria template")
        verbose_name_plural = _("criteria templates")

    def __str__(self) -> str:
        return self.name


class CriterionBase(models.Model):
    """A criterion with code, text and maximum points; a child is a sub-criterion."""

    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("criterion"))
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"


class TemplateCriterion(CriterionBase):
    template = models.ForeignKey(
        CriteriaTemplate, on_delete=models.CASCADE, related_name="criteria"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )

    class Meta(CriterionBase.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="template_criterion_code"),
        ]


class AwardRound(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REGISTRATION = "registration", _("Registration open")
        SCREENING = "screening", _("Screening")
        JUDGING = "judging", _("Judging")
        DELIBERATION = "deliberation", _("Deliberation")
        FINALIZED = "finalized", _("Finalized")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    organiser_name = models.CharField(_("organiser"), max_length=300)
    product_groups = models.ManyToManyField(
        ProductGroup, related_name="rounds", verbose_name=_("product groups open")
    )
    criteria_template = models.ForeignKey(
        CriteriaTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        verbose_name=_("criteria template"),
    )
    registration_opens = models.DateField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateField(_("registration closes"), null=True, blank=True)
    judging_ends = models.DateField(_("judging ends"), null=True, blank=True)
    pass_score = models.DecimalField(
        _("pass score"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("70.0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    min_score_sheets = models.PositiveSmallIntegerField(
        _("minimum score sheets per entry"), default=3, validators=[MinValueValidator(1)]
    )
    judges_see_identity = models.BooleanField(
        _("judges see the facility's identity"), default=False
    )
    judges_see_other_scores = models.BooleanField(
        _("judges see other judges' scores before the round is finalized"), default=False
    )
    nominee_quota = models.PositiveSmallIntegerField(
        _("nominees to the next level"), null=True, blank=True
    )
    next_round = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="previous_rounds",
        verbose_name=_("next-level round"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")

    def __str__(self) -> str:
        return self.title

    def window_contains(self, day: datetime.date) -> bool:
        """Whether `day` lies in the registration window (False while a date is missing)."""
        opens, closes = self.registration_opens, self.registration_closes
        return opens is not None and closes is not None and opens <= day <= closes

    def accepts_registrations(self, on: datetime.date | None = None) -> bool:
        """Registration is open: the round is in that state and `on` (today) is in its window."""
        return self.state == self.State.REGISTRATION and self.window_contains(
            on or timezone.localdate()
        )

    def clean(self):
        errors = {}
        if self.state != self.State.DRAFT:
            # Registration opened with these dates; a started round never loses them.
            for name in ("registration_opens", "registration_closes", "judging_ends"):
                if getattr(self, name) is None:
                    errors[name] = _("A round that has started keeps its dates.")
        opens, closes, ends = self.registration_opens, self.registration_closes, self.judging_ends
        if opens and closes and closes < opens:
            errors["registration_closes"] = _("Registration cannot close before it opens.")
        if closes and ends and ends < closes:
            errors["judging_ends"] = _("Judging cannot end before registration closes.")
        if self.next_round_id and self.next_round_id == self.pk:
            errors["next_round"] = _("A round cannot nominate to itself.")
        if errors:
            raise ValidationError(errors)


class RoundCriterion(CriterionBase):
    """The round's own copy of its criteria, taken when the round leaves draft: editing the
    template afterwards never changes a round that has started."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )

    class Meta(CriterionBase.Meta):
        verbose_name = _("round criterion")
        verbose_name_plural = _("round criteria")
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="round_criterion_code"),
        ]


def product_key(name: str) -> str:
    return " ".join((name or "").split()).casefold()


class Entry(DerivedFieldsMixin, models.Model):
    """A product registered by a facility for a round (Mẫu 01 and Mẫu 02)."""

    derived_fields = {"product_key": ("product_name", product_key)}

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for completion")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Ineligible")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    round = models.ForeignKey(
        AwardRound, on_delete=models.PROTECT, related_name="entries", verbose_name=_("round")
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="entries", verbose_name=_("facility")
    )
    product_name = models.CharField(_("product name"), max_length=300)
    # The name folded (case, spacing) by save(): "at most once per product name in a round" must
    # not depend on the database's idea of lower case (SQLite's LOWER() is ASCII-only).
    product_key = models.CharField(max_length=300, editable=False)
    product_group = models.ForeignKey(
        ProductGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("product group")
    )
    is_product_set = models.BooleanField(_("product set"), default=False)
    # Mẫu 02: the product description.
    features = models.TextField(_("features and technical specifications"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    production_process = models.TextField(_("production process and capacity"), blank=True)
    markets = models.TextField(_("markets and sales"), blank=True)
    price = models.CharField(_("price"), max_length=200, blank=True)
    quality_standards = models.TextField(_("quality standards applied"), blank=True)
    awards_received = models.TextField(_("awards received"), blank=True)

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # What the facility must read: why the entry was returned or found ineligible.
    state_reason = models.TextField(_("reason"), blank=True)
    # Mã số bình chọn, given when the entry is screened in; unique in its round. NULL until
    # then, so entries without a code never collide in the unique constraint.
    voting_code = models.CharField(  # noqa: DJ001
        _("voting code"), max_length=30, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["round", "product_group__code", "voting_code", "id"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "voting_code"], name="entry_voting_code_unique_in_round"
            ),
            models.UniqueConstraint(
                fields=["round", "facility", "product_key"],
                name="entry_product_once_per_facility_and_round",
                violation_error_message=_(
                    "This facility already registered a product with this name in this round."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.product_name

    def clean(self):
        # Before validate_constraints, which checks the folded name.
        self.refresh_derived_fields()

    @property
    def is_editable(self) -> bool:
        """The facility edits its dossier only before submitting or after it was returned."""
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class Attachment(models.Model):
    """A file of an entry's dossier. Stored privately, downloaded through a permission check."""

    class Kind(models.TextChoices):
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
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ScreeningCondition(models.TextChoices):
    """The eligibility conditions of TT 26/2014 (domain.md §4) that screening checks."""

    MADE_BY_FACILITY = "made_by_facility", _("Made by the registering facility itself")
    NO_IP_INFRINGEMENT = "no_ip_infringement", _("Does not infringe intellectual property")
    MEETS_STANDARDS = (
        "meets_standards",
        _("Meets the standards on quality, labour safety, food safety and environment"),
    )
    MASS_PRODUCIBLE = "mass_producible", _("Can be mass-produced (not a one-off piece)")
    MEETS_MARKET_DEMAND = "meets_market_demand", _("Meets market demand")
    DOSSIER_COMPLETE = "dossier_complete", _("The dossier is complete and valid")


class ScreeningCheck(models.Model):
    """One ticked or failed condition of an entry's screening checklist."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="screening_checks")
    condition = models.CharField(_("condition"), max_length=40, choices=ScreeningCondition.choices)
    passed = models.BooleanField(_("met"))
    reason = models.TextField(_("reason"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), auto_now=True)

    class Meta:
        ordering = ["entry", "condition"]
        verbose_name = _("screening check")
        verbose_name_plural = _("screening checks")
        constraints = [
            models.UniqueConstraint(fields=["entry", "condition"], name="screening_check_once"),
            models.CheckConstraint(
                condition=models.Q(passed=True) | ~models.Q(reason=""),
                name="screening_check_failed_has_reason",
                violation_error_message=_("A failed condition needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.condition}: {self.passed}"
