"""Scoring criteria: reusable templates, and each round's own copy (Phụ lục 4, TT 26/2014)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models.rounds import AwardRound
from core.models import CleanTextMixin, LongTextField


class CriteriaTemplate(CleanTextMixin, models.Model):
    """A reusable scoring sheet: ordered criteria, optionally split into sub-criteria."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = LongTextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default for new rounds"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("criteria template")
        verbose_name_plural = _("criteria templates")

    def __str__(self) -> str:
        return self.name


class CriterionBase(CleanTextMixin, models.Model):
    """A criterion with code, text and maximum points; a child is a sub-criterion."""

    code = models.CharField(_("code"), max_length=20)
    text = LongTextField(_("criterion"), max_length=2000)
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_points__gt=0),
                name="%(class)s_max_points_positive",
                violation_error_message=_("The maximum points must be more than 0."),
            ),
        ]

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
            *CriterionBase.Meta.constraints,
            models.UniqueConstraint(fields=["template", "code"], name="template_criterion_code"),
        ]


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
            *CriterionBase.Meta.constraints,
            models.UniqueConstraint(fields=["round", "code"], name="round_criterion_code"),
        ]
