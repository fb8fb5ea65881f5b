"""Appraisal (thẩm định): a council of users gives each proposal an opinion, a score and a
comment; its conclusion ranks the appraised proposals for the plan. A facility never sees the
members' opinions (programs.rules)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import CleanTextMixin, LongTextField
from programs.models.plans import Plan
from programs.models.proposals import Proposal


class AppraisalCouncil(CleanTextMixin, models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="councils", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=300)
    decision_number = models.CharField(
        _("establishing decision number"), max_length=100, blank=True
    )
    decision_date = models.DateField(_("establishing decision date"), null=True, blank=True)
    proposals = models.ManyToManyField(
        Proposal, related_name="councils", blank=True, verbose_name=_("proposals appraised")
    )
    conclusion = LongTextField(_("conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("appraisal council")
        verbose_name_plural = _("appraisal councils")

    def __str__(self) -> str:
        return self.name


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class CouncilMember(models.Model):
    council = models.ForeignKey(AppraisalCouncil, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        _("role"), max_length=20, choices=CouncilRole.choices, default=CouncilRole.MEMBER
    )

    class Meta:
        ordering = ["council", "role", "id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                name="council_member_once",
                violation_error_message=_("This user is already on the council."),
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=models.Q(role=CouncilRole.CHAIR),
                name="council_one_chair",
                violation_error_message=_("The council already has a chair."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Verdict(models.TextChoices):
    AGREE = "agree", _("Agree")
    AGREE_WITH_CHANGES = "agree_with_changes", _("Agree with changes")
    DISAGREE = "disagree", _("Disagree")


class AppraisalOpinion(CleanTextMixin, models.Model):
    """One member's opinion of one proposal. The secretary does not give one."""

    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="opinions")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="opinions")
    verdict = models.CharField(_("opinion"), max_length=30, choices=Verdict.choices)
    score = models.PositiveSmallIntegerField(
        _("score (out of 100)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    comment = LongTextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["proposal", "member"]
        verbose_name = _("appraisal opinion")
        verbose_name_plural = _("appraisal opinions")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "proposal"],
                name="opinion_once_per_member_and_proposal",
                violation_error_message=_("This member already gave an opinion on this proposal."),
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="opinion_score_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_verdict_display()} ({self.score})"
