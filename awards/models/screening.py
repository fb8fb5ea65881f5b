"""Screening: the eligibility checklist an officer fills for each submitted entry."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models.entries import Entry
from core.models import CleanTextMixin, LongTextField


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


class ScreeningCheck(CleanTextMixin, models.Model):
    """One ticked or failed condition of an entry's screening checklist."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="screening_checks")
    condition = models.CharField(_("condition"), max_length=40, choices=ScreeningCondition.choices)
    passed = models.BooleanField(_("met"))
    reason = LongTextField(_("reason"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Set by the service (not auto_now): a past round is screened on its day (core.clock).
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)

    class Meta:
        ordering = ["entry", "condition"]
        verbose_name = _("screening check")
        verbose_name_plural = _("screening checks")
        constraints = [
            models.UniqueConstraint(fields=["entry", "condition"], name="screening_check_once"),
            models.CheckConstraint(
                condition=models.Q(condition__in=ScreeningCondition.values),
                name="screening_check_condition_valid",
                violation_error_message=_("Unknown condition."),
            ),
            models.CheckConstraint(
                condition=models.Q(passed=True) | ~models.Q(reason=""),
                name="screening_check_failed_has_reason",
                violation_error_message=_("A failed condition needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.condition}: {self.passed}"
