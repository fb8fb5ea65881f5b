"""Plans, the activities they fund and the support rules that cap a proposal's funding.

The rules are dated rows, never constants: the national figures (TT 28/2018/TT-BTC) are seeded,
each province adds the levels its People's Council sets for the local fund, and a proposal's cap
is read from the rule in force on the day it is submitted (programs.support).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import CleanTextMixin, LongTextField


class FundSource(models.TextChoices):
    NATIONAL = "national", _("National extension fund")
    LOCAL = "local", _("Provincial extension fund")


# The prefix of a proposal's code (KCQG-2026-001, KCĐP-2026-007): the names the center uses.
FUND_CODES = {FundSource.NATIONAL: "KCQG", FundSource.LOCAL: "KCĐP"}


class Activity(CleanTextMixin, models.Model):
    """An extension activity (nội dung khuyến công): a reference table, seeded from the programme's
    contents and edited by admins. `has_equipment`: its proposals list equipment items and their
    support is computed from them (the equipment-support project)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    has_equipment = models.BooleanField(_("equipment-support project"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("extension activity")
        verbose_name_plural = _("extension activities")

    def __str__(self) -> str:
        return self.name


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Being drawn up")
    APPROVED = "approved", _("Approved")


class Plan(CleanTextMixin, models.Model):
    """A yearly extension plan (kế hoạch khuyến công) of one fund, with its budget envelope."""

    State = PlanState

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    fund_source = models.CharField(_("fund source"), max_length=20, choices=FundSource.choices)
    title = models.CharField(_("title"), max_length=300)
    budget = models.BigIntegerField(
        _("budget envelope (VND)"), validators=[MinValueValidator(0)], default=0
    )
    state = models.CharField(
        _("state"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT
    )
    decision_number = models.CharField(_("approval decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("approval decision date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "fund_source"]
        verbose_name = _("extension plan")
        verbose_name_plural = _("extension plans")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "fund_source"],
                name="plan_once_per_year_and_fund",
                violation_error_message=_("This fund already has a plan for this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="plan_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=PlanState.values), name="plan_state_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(state=PlanState.APPROVED)
                | (~models.Q(decision_number="") & models.Q(decision_date__isnull=False)),
                name="plan_approved_has_decision",
                violation_error_message=_("An approved plan has its decision number and date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def fund_code(self) -> str:
        return FUND_CODES[self.fund_source]

    @property
    def accepts_proposals(self) -> bool:
        """Proposals are submitted to a plan while it is being drawn up."""
        return self.state == PlanState.DRAFT


class SupportRule(CleanTextMixin, models.Model):
    """How much extension funding one activity of one fund may give, from `valid_from` to
    `valid_to` (open-ended when empty): at most `max_rate` % of the cost and at most `ceiling`
    VND, the ceiling multiplied by `line_multiplier` for a production line. A rate or a ceiling
    left empty does not cap. Rules of one fund and activity never overlap in time
    (programs.services.rules checks it under a lock)."""

    fund_source = models.CharField(_("fund source"), max_length=20, choices=FundSource.choices)
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="support_rules", verbose_name=_("activity")
    )
    max_rate = models.DecimalField(
        _("maximum rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    ceiling = models.BigIntegerField(
        _("ceiling (VND)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    line_multiplier = models.DecimalField(
        _("production-line multiplier"),
        max_digits=4,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    legal_basis = LongTextField(_("legal basis"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["fund_source", "activity__position", "valid_from"]
        verbose_name = _("support rule")
        verbose_name_plural = _("support rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="support_rule_dates_in_order",
                violation_error_message=_("The rule cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_rate__isnull=True)
                | (models.Q(max_rate__gte=0) & models.Q(max_rate__lte=100)),
                name="support_rule_rate_is_a_percentage",
                violation_error_message=_("The rate is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=models.Q(ceiling__isnull=True) | models.Q(ceiling__gte=0),
                name="support_rule_ceiling_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(line_multiplier__gte=1),
                name="support_rule_multiplier_at_least_one",
                violation_error_message=_("The production-line multiplier is at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} ({self.get_fund_source_display()}, {self.valid_from:%d/%m/%Y})"

    def in_force(self, on) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)
