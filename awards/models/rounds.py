"""Award rounds and the official product groups (TT 26/2014/TT-BCT as amended).

The round's state machine is declared in awards/workflows/rounds.py and attached there.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import CleanTextMixin


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


@dataclass(frozen=True)
class Phase:
    """What a round's state allows. Rules, services, forms and views read these flags (through
    `AwardRound.phase` and `AwardRound.states_where`) instead of lists of states of their own."""

    # Registration has opened: level, year, criteria and open groups are fixed.
    opened: bool = False
    # Facilities register products and submit dossiers (inside the registration window).
    accepts_entries: bool = False
    # The center screens submitted dossiers; a returned dossier may be completed and resubmitted.
    screens: bool = False
    # Judges score the entries.
    scores: bool = False
    # Pass score, minimum sheets, blind-judging flags, dates and groups no longer change, and
    # entries can no longer be withdrawn.
    settings_frozen: bool = False
    # The results (scores, ranks) are shown to the center's staff.
    results_visible: bool = False
    # The results are decided: nothing of the round changes any more.
    final: bool = False
    # Every signed-in user sees the round (facilities: to register, or to read its results).
    public: bool = False


class ProductGroup(CleanTextMixin, models.Model):
    """One of the official product groups; seeded with the four of TT 26/2014."""

    code = models.PositiveSmallIntegerField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REGISTRATION = "registration", _("Registration open")
    SCREENING = "screening", _("Screening")
    JUDGING = "judging", _("Judging")
    DELIBERATION = "deliberation", _("Deliberation")
    FINALIZED = "finalized", _("Finalized")
    PUBLISHED = "published", _("Published")


class AwardRound(CleanTextMixin, models.Model):
    State = RoundState

    PHASES = {
        State.DRAFT: Phase(),
        State.REGISTRATION: Phase(opened=True, accepts_entries=True, screens=True, public=True),
        State.SCREENING: Phase(opened=True, screens=True),
        State.JUDGING: Phase(opened=True, scores=True, settings_frozen=True),
        State.DELIBERATION: Phase(opened=True, settings_frozen=True, results_visible=True),
        State.FINALIZED: Phase(opened=True, settings_frozen=True, results_visible=True, final=True),
        State.PUBLISHED: Phase(
            opened=True, settings_frozen=True, results_visible=True, final=True, public=True
        ),
    }
    # What `settings_frozen` freezes (level, year, criteria and groups are fixed even earlier,
    # from `opened` on).
    FROZEN_FROM_JUDGING = (
        "pass_score",
        "min_score_sheets",
        "judges_see_identity",
        "judges_see_other_scores",
        "judges_per_entry",
        "registration_opens",
        "registration_closes",
        "judging_ends",
    )
    FIXED_ONCE_OPENED = ("level", "year", "criteria_template")

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
    # Empty: every scoring member of the entry's panel scores it. A number: that many judges
    # per entry, the load spread evenly (awards.services.judging.assign_round).
    judges_per_entry = models.PositiveSmallIntegerField(
        _("judges per entry"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    # Results flag an entry whose highest and lowest judge's totals lie further apart.
    disagreement_spread = models.DecimalField(
        _("disagreement flag above a spread of"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("20.0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
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
    # Not auto_now_add: a past round is created on its day (core.clock).
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=RoundState.values),
                name="round_state_valid",
                violation_error_message=_("Unknown state."),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="round_year_range",
                violation_error_message=_("The year must lie between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=models.Q(pass_score__gte=0, pass_score__lte=100),
                name="round_pass_score_range",
                violation_error_message=_("The pass score lies between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=models.Q(judges_per_entry__isnull=True)
                | models.Q(judges_per_entry__gte=1),
                name="round_judges_per_entry_positive",
                violation_error_message=_("An entry needs at least one judge."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_score_sheets__gte=1),
                name="round_min_score_sheets_positive",
                violation_error_message=_("An entry needs at least one score sheet."),
            ),
            models.CheckConstraint(
                condition=models.Q(registration_opens__isnull=True)
                | models.Q(registration_closes__isnull=True)
                | models.Q(registration_closes__gte=models.F("registration_opens")),
                name="round_registration_dates_in_order",
                violation_error_message=_("Registration cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes__isnull=True)
                | models.Q(judging_ends__isnull=True)
                | models.Q(judging_ends__gte=models.F("registration_closes")),
                name="round_judging_ends_after_registration",
                violation_error_message=_("Judging cannot end before registration closes."),
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft")
                | models.Q(
                    registration_opens__isnull=False,
                    registration_closes__isnull=False,
                    judging_ends__isnull=False,
                ),
                name="round_started_has_dates",
                violation_error_message=_("A round that has started keeps its dates."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def phase(self) -> Phase:
        return self.PHASES[self.state]

    @classmethod
    def states_where(cls, **flags: bool) -> list[str]:
        """The states whose phase has every given flag as given: states_where(public=True)."""
        return [
            state
            for state, phase in cls.PHASES.items()
            if all(getattr(phase, name) == value for name, value in flags.items())
        ]

    def fixed_fields(self) -> dict[str, str]:
        """The settings this round's phase no longer lets change, each with why: what the
        settings form shows disabled and update_round refuses."""
        fixed = {}
        if self.phase.opened:
            reason = _("This is fixed once registration opens.")
            fixed.update(dict.fromkeys((*self.FIXED_ONCE_OPENED, "product_groups"), reason))
        if self.phase.settings_frozen:
            reason = _("This is fixed once judging starts.")
            fixed.update(dict.fromkeys(self.FROZEN_FROM_JUDGING, reason))
        return fixed

    def window_contains(self, day: datetime.date) -> bool:
        """Whether `day` lies in the registration window (False while a date is missing)."""
        opens, closes = self.registration_opens, self.registration_closes
        return opens is not None and closes is not None and opens <= day <= closes

    def accepts_registrations(self, on: datetime.date | None = None) -> bool:
        """Registration is open: the round's phase accepts entries and `on` (today) is in its
        window."""
        return self.phase.accepts_entries and self.window_contains(on or timezone.localdate())

    def clean(self):
        errors = {}
        # An unknown state is reported by clean_fields (and the database refuses it): no phase.
        phase = self.PHASES.get(self.state)
        if phase is not None and phase.opened:
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
