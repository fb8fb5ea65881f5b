"""Results: what the officer proposes to recognise, the certificates the finalized round
issues, and the nominations to the next level.

The scores themselves are never copied here: a round's results are computed from its submitted
sheets (awards.results), and once the round is finalized nothing they are computed from changes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models.entries import Entry
from awards.models.rounds import AwardRound
from core.models import CleanTextMixin, LongTextField


class Recognition(CleanTextMixin, models.Model):
    """The officer's proposal for one passing entry: recognised, or left out with a reason.
    The proposal is complete when every passing entry of the round has its row (and none is
    for an entry that does not pass): the manager then finalizes on it."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="recognitions")
    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, related_name="recognition")
    recognized = models.BooleanField(_("proposed for recognition"))
    reason = LongTextField(_("reason for leaving out"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)

    class Meta:
        ordering = ["round", "entry"]
        verbose_name = _("recognition proposal")
        verbose_name_plural = _("recognition proposals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recognized=True) | ~models.Q(reason=""),
                name="recognition_left_out_has_reason",
                violation_error_message=_("Say why a passing entry is left out."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.recognized}"


class Certificate(models.Model):
    """The recognition certificate (giấy chứng nhận) of a recognised entry, issued when the
    round is finalized. `number` is written in the organisation's format
    (core.Organisation.certificate_number_format) from the year and `sequence`, which counts
    the certificates of that year."""

    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="certificates")
    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, related_name="certificate")
    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))

    class Meta:
        ordering = ["year", "sequence"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="certificate_sequence"),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("issued_on")),
                name="certificate_valid_after_issue",
                violation_error_message=_("A certificate is valid from its issue date on."),
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Nomination(CleanTextMixin, models.Model):
    """A recognised entry backed for the next level, by the decision recorded. `next_entry` is
    the draft entry made for it in the next-level round, when that round is in the system."""

    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="nominations")
    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, related_name="nomination")
    decision_number = models.CharField(_("decision number"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    next_entry = models.OneToOneField(
        Entry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominated_from",
        verbose_name=_("entry in the next-level round"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nominated_at = models.DateTimeField(_("nominated"), default=timezone.now)

    class Meta:
        ordering = ["round", "entry"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self) -> str:
        return f"{self.entry} → {self.decision_number}"
