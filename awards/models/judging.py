"""Judging: the panels of a round, the judges' conflicts of interest, and the score sheets
(Phụ lục 4, TT 26/2014/TT-BCT) with one score per criterion.

A score sheet is one judge's sheet for one entry; it exists from the moment the judge is
assigned the entry (an assignment *is* a sheet, empty and in draft). The sheet's state machine
is declared in awards/workflows/sheets.py and attached there.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.models import Facility
from awards.models.criteria import RoundCriterion
from awards.models.entries import Entry
from awards.models.rounds import AwardRound, ProductGroup
from core.models import CleanTextMixin, LongTextField

# Points are given in steps of half a point.
POINTS_STEP = Decimal("0.5")


class PanelRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


# Who scores: the chair and the members. The secretary keeps the council's records and may
# enter a judge's paper sheet on their behalf, but gives no score of their own.
SCORING_ROLES = (PanelRole.CHAIR, PanelRole.MEMBER)


class Panel(CleanTextMixin, models.Model):
    """A judging panel (hội đồng / ban giám khảo) of a round, for some of its product groups.
    In one round a product group is judged by one panel (awards.services.judging checks it,
    under the round's lock): an entry's panel is the one of its group."""

    round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="panels", verbose_name=_("round")
    )
    name = models.CharField(_("name"), max_length=200)
    product_groups = models.ManyToManyField(
        ProductGroup, related_name="panels", verbose_name=_("product groups judged")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["round", "name", "id"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"],
                name="panel_name_unique_in_round",
                violation_error_message=_("This round already has a panel with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PanelMember(models.Model):
    """A judge's seat on a panel. A judge may sit on several panels; a panel has one chair."""

    Role = PanelRole

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="panel_seats",
        verbose_name=_("judge"),
    )
    role = models.CharField(
        _("role on the panel"), max_length=20, choices=PanelRole.choices, default=PanelRole.MEMBER
    )

    class Meta:
        ordering = ["panel", "role", "id"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "judge"],
                name="panel_member_once",
                violation_error_message=_("This judge already sits on this panel."),
            ),
            models.UniqueConstraint(
                fields=["panel"],
                condition=models.Q(role="chair"),
                name="panel_one_chair",
                violation_error_message=_("A panel has one chair."),
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=PanelRole.values),
                name="panel_member_role_valid",
                violation_error_message=_("Unknown role."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.panel}: {self.judge} ({self.role})"

    @property
    def scores(self) -> bool:
        return self.role in SCORING_ROLES


class ConflictDeclaration(models.Model):
    """A judge has answered the conflict-of-interest declaration for a round: with the conflicts
    listed (Conflict rows), or with none. Until then the judge sees no entry's details."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="declarations")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflict_declarations"
    )
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        ordering = ["round", "judge"]
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(fields=["round", "judge"], name="declaration_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.judge_id}"


class Conflict(CleanTextMixin, models.Model):
    """A conflict of interest a judge declared with a facility, in a round. The judge is never
    assigned the facility's entries; a sheet they already had for one is voided."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("judge"),
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="conflicts", verbose_name=_("facility")
    )
    reason = LongTextField(_("reason"))
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        ordering = ["round", "judge", "id"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "judge", "facility"],
                name="conflict_once",
                violation_error_message=_("You already declared a conflict with this facility."),
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="conflict_has_reason",
                violation_error_message=_("Say what the conflict of interest is."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge} – {self.facility}"


class SheetState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    # Set aside: the judge declared a conflict with the entry's facility. Kept, with its
    # history, but never counted in the results.
    VOID = "void", _("Void (conflict of interest)")


class ScoreSheet(CleanTextMixin, models.Model):
    """One judge's score sheet for one entry: the assignment of the entry to the judge, and
    then their scores. `total` is the sum of the scores given, kept by the service that writes
    the scores, in the same transaction (results average it in one aggregate query)."""

    State = SheetState

    # The entry's round, kept here so that the workflow locks the round's row first (every
    # change that reads the round's phase queues on it) and results filter one table.
    round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="score_sheets", verbose_name=_("round")
    )
    panel = models.ForeignKey(
        Panel, on_delete=models.PROTECT, related_name="score_sheets", verbose_name=_("panel")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="score_sheets", verbose_name=_("entry")
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="score_sheets",
        verbose_name=_("judge"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=SheetState.choices, default=SheetState.DRAFT
    )
    comment = LongTextField(_("comment"), blank=True)
    total = models.DecimalField(
        _("total"), max_digits=5, decimal_places=1, default=Decimal("0"), editable=False
    )
    # Who wrote the scores when it was not the judge: the panel's secretary entering the
    # judge's paper sheet. Empty when the judge entered them.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Not auto_now_add: a past round is judged on its day (core.clock).
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["round", "entry", "judge", "id"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        indexes = [models.Index(fields=["round", "state"], name="sheet_round_state")]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "judge"],
                name="sheet_once_per_judge_and_entry",
                violation_error_message=_("This judge is already assigned this entry."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=SheetState.values),
                name="sheet_state_valid",
                violation_error_message=_("Unknown state."),
            ),
            models.CheckConstraint(
                condition=models.Q(total__gte=0),
                name="sheet_total_not_negative",
                violation_error_message=_("A total is never negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} – {self.judge}"


class Score(CleanTextMixin, models.Model):
    """The points a sheet gives one criterion of the round's copy: a criterion without
    sub-criteria (a parent's points are the sum of its children's, never stored)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        RoundCriterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    points = models.DecimalField(_("points"), max_digits=4, decimal_places=1)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["sheet", "criterion__position", "criterion_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(points__gte=0),
                name="score_points_not_negative",
                violation_error_message=_("Points are never negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"
