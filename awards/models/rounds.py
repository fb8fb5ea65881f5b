"""Award rounds and the official product groups (TT 26/2014/TT-BCT as amended).

The round's state machine is declared in awards/workflows/rounds.py and attached there.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
        "awards.CriteriaTemplate",
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
