"""Entries: a product a facility registers for a round (Mẫu 01 and Mẫu 02).

The entry's state machine is declared in awards/workflows/entries.py and attached there.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import Facility
from awards.models.rounds import AwardRound, ProductGroup
from core.models import CleanTextMixin, DerivedFieldsMixin, LongTextField
from core.text import fold, same_name_key, sort_key


@dataclass(frozen=True)
class DescriptionField:
    """A field of the product description (Mẫu 02). `required`: it must be filled before the
    dossier is submitted."""

    name: str
    required: bool


# Mẫu 02 (bản thuyết minh sản phẩm, TT 14/2018/TT-BCT), in the order of the official form:
# declared once for the service, the form, the serializer, the dossier check and the pages.
DESCRIPTION = (
    DescriptionField("features", required=True),
    DescriptionField("materials", required=True),
    DescriptionField("production_process", required=True),
    DescriptionField("markets", required=True),
    DescriptionField("price", required=False),
    DescriptionField("quality_standards", required=False),
    DescriptionField("awards_received", required=False),
)
DESCRIPTION_FIELDS = tuple(field.name for field in DESCRIPTION)
# What the facility writes of its entry: the product, then its description.
ENTRY_FIELDS = ("product_name", "product_group", "is_product_set", *DESCRIPTION_FIELDS)


def product_key(name: str) -> str:
    """The name as "at most once per product name in a round" compares it
    (core.text.same_name_key: a decomposed or invisible-character variant is the same name)."""
    return same_name_key(name)


class EntryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for completion")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # When the round is finalized, every eligible entry becomes one of these two.
    RECOGNIZED = "recognized", _("Recognised")
    NOT_RECOGNIZED = "not_recognized", _("Not recognised")


# An entry that was screened in: it has a voting code and takes part in judging and results.
SCREENED_IN = (EntryState.ELIGIBLE, EntryState.RECOGNIZED, EntryState.NOT_RECOGNIZED)


class Entry(CleanTextMixin, DerivedFieldsMixin, models.Model):
    """A product registered by a facility for a round (Mẫu 01 and Mẫu 02)."""

    derived_fields = {
        "product_key": ("product_name", product_key),
        "product_folded": ("product_name", fold),
        "product_sort": ("product_name", sort_key),
    }

    State = EntryState

    round = models.ForeignKey(
        AwardRound, on_delete=models.PROTECT, related_name="entries", verbose_name=_("round")
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="entries", verbose_name=_("facility")
    )
    product_name = models.CharField(_("product name"), max_length=300)
    # Kept by save(), the same on every database (SQLite's LOWER() is ASCII-only): the name as
    # "at most once per product name in a round" compares it, and the name as it is searched.
    product_key = models.TextField(editable=False)
    product_folded = models.TextField(editable=False, default="")
    # core.text.sort_key(product_name): lists sort in Vietnamese dictionary order.
    product_sort = models.CharField(max_length=1201, editable=False, default="")
    product_group = models.ForeignKey(
        ProductGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("product group")
    )
    is_product_set = models.BooleanField(_("product set"), default=False)
    # Mẫu 02: the product description (DESCRIPTION above).
    features = LongTextField(_("features and technical specifications"), blank=True)
    materials = LongTextField(_("materials"), blank=True)
    production_process = LongTextField(_("production process and capacity"), blank=True)
    markets = LongTextField(_("markets and sales"), blank=True)
    price = models.CharField(_("price"), max_length=200, blank=True)
    quality_standards = LongTextField(_("quality standards applied"), blank=True)
    awards_received = LongTextField(_("awards received"), blank=True)

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # What the facility must read: why the entry was returned or found ineligible.
    state_reason = LongTextField(_("reason"), blank=True)
    # Mã số bình chọn, given when the entry is screened in; unique in its round. NULL until
    # then, so entries without a code never collide in the unique constraint.
    voting_code = models.CharField(  # noqa: DJ001
        _("voting code"), max_length=30, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Not auto_now_add: an entry of a past round is registered on its day (core.clock).
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        # Entries without a voting code last, on every database (SQLite sorts NULL first,
        # PostgreSQL last).
        ordering = [
            "round",
            "product_group__code",
            models.F("voting_code").asc(nulls_last=True),
            "id",
        ]
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
            models.CheckConstraint(
                condition=models.Q(state__in=EntryState.values),
                name="entry_state_valid",
                violation_error_message=_("Unknown state."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=SCREENED_IN) | models.Q(voting_code__isnull=False),
                name="entry_eligible_has_voting_code",
                violation_error_message=_("An eligible entry has a voting code."),
            ),
        ]

    def __str__(self) -> str:
        return self.product_name

    def clean(self):
        # Before validate_constraints, which checks the folded name.
        self.refresh_derived_fields()
