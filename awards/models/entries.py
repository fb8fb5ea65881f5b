"""Entries: a product a facility registers for a round (Mẫu 01 and Mẫu 02).

The entry's state machine is declared in awards/workflows/entries.py and attached there.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.models import Facility
from awards.models.rounds import AwardRound, ProductGroup
from core.models import DerivedFieldsMixin


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
