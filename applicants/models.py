from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import CleanTextMixin, DerivedFieldsMixin, LongTextField, Province, Ward
from core.text import fold, sort_key
from core.validators import validate_phone, validate_tax_code


class LegalForm(models.TextChoices):
    """Legal forms of a rural industrial facility (NĐ 45/2012 as amended by NĐ 235/2025)."""

    MICRO_ENTERPRISE = "micro_enterprise", _("Micro enterprise")
    SMALL_ENTERPRISE = "small_enterprise", _("Small enterprise")
    MEDIUM_ENTERPRISE = "medium_enterprise", _("Medium enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    COOPERATIVE_UNION = "cooperative_union", _("Union of cooperatives")
    COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
    HOUSEHOLD_BUSINESS = "household_business", _("Household business")


class Facility(CleanTextMixin, DerivedFieldsMixin, models.Model):
    """A rural industrial facility (cơ sở công nghiệp nông thôn, CNNT)."""

    derived_fields = {
        "sort_name": ("name", sort_key),
        "name_folded": ("name", fold),
        "representative_folded": ("representative_name", fold),
        "products_folded": ("main_products", fold),
    }

    name = models.CharField(_("name"), max_length=255)
    # core.text.sort_key(name), kept by save(): lists sort in Vietnamese dictionary order.
    sort_name = models.CharField(max_length=1100, editable=False, db_index=True)
    # core.text.fold of the names people search: "keo dua" finds "Kẹo dừa" on every database
    # (SQLite's LIKE folds ASCII letters only).
    name_folded = models.TextField(editable=False, default="")
    representative_folded = models.TextField(editable=False, default="")
    products_folded = models.TextField(editable=False, default="")
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    # Canonical form from core.validators.normalize_tax_code. NULL (not "") when absent, which
    # only a household business may be: NULLs never collide, so a plain unique index holds and
    # a duplicate is reported on this field.
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_tax_code],
        error_messages={"unique": _("A facility with this tax code is already registered.")},
    )
    business_registration_number = models.CharField(
        _("business registration number"), max_length=50, blank=True
    )
    business_registration_date = models.DateField(
        _("business registration date"), null=True, blank=True
    )
    representative_name = models.CharField(_("representative"), max_length=150)
    representative_title = models.CharField(_("representative's title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)

    address_line = models.CharField(
        _("address"), max_length=255, blank=True, help_text=_("House number, street, hamlet (ấp).")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="facilities",
        verbose_name=_("commune / ward"),
    )
    old_address = LongTextField(
        _("old address"), blank=True, help_text=_("The address as written before the 2025 reform.")
    )
    craft_village = models.CharField(
        _("craft village"),
        max_length=200,
        blank=True,
        help_text=_("Name of the craft village (làng nghề) recognised by the province, if any."),
    )
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    main_products = LongTextField(_("main products"), blank=True)
    workers = models.PositiveIntegerField(_("number of workers"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    woman_owned = models.BooleanField(_("owned by a woman"), default=False)
    ethnic_minority_owned = models.BooleanField(
        _("owned by an ethnic-minority person"), default=False
    )
    # The priorities of TT 46/2012/TT-BCT (exporters, > 50% local raw materials; 50 or more
    # workers is `workers`) and NĐ 235/2025/NĐ-CP (artisans).
    exporter = models.BooleanField(_("exports its products"), default=False)
    local_materials_over_half = models.BooleanField(
        _("uses more than 50% local raw materials"), default=False
    )
    has_artisan = models.BooleanField(
        _("an artisan (nghệ nhân) works at the facility"), default=False
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["sort_name", "id"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(founded_year__isnull=True)
                | models.Q(founded_year__gte=1800, founded_year__lte=2100),
                name="facility_founded_year_range",
                violation_error_message=_("The year founded must lie between 1800 and 2100."),
            ),
            models.CheckConstraint(
                condition=models.Q(legal_form=LegalForm.HOUSEHOLD_BUSINESS)
                | models.Q(tax_code__isnull=False),
                name="facility_tax_code_required",
                violation_error_message=_(
                    "A tax code is required except for a household business."
                ),
            ),
        ]
        indexes = [models.Index(fields=["province", "ward"])]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        if not self.tax_code and self.legal_form != LegalForm.HOUSEHOLD_BUSINESS:
            errors["tax_code"] = _("A tax code is required except for a household business.")
        if self.ward_id and self.province_id and self.ward.province_id != self.province_id:
            errors["ward"] = _("This commune / ward is not in the chosen province.")
        if errors:
            raise ValidationError(errors)

    @property
    def full_address(self) -> str:
        parts = [self.address_line, self.ward.name, self.province.name]
        return ", ".join(part for part in parts if part)


class FacilityMember(models.Model):
    """Links an applicant account to a facility it may act for."""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("facility")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="facility_memberships",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("facility member")
        verbose_name_plural = _("facility members")
        constraints = [
            models.UniqueConstraint(fields=["facility", "user"], name="facility_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.facility}"
