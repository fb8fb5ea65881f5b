"""What an officer should know before deciding on a proposal: a beneficiary supported for the
same activity in recent years, a beneficiary that fails the eligibility rule, dates outside the
plan's year, and a plan whose envelope this proposal would exceed. Warnings inform; they never
block a step."""

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.eligibility import is_rural_industrial_facility
from core.formatting import format_vnd
from programs.models import FUNDED, BudgetLine, Proposal
from programs.money import extension_asked


def warnings_for(proposal: Proposal) -> list[str]:
    found = []
    years = settings.PROGRAM_REPEAT_SUPPORT_YEARS
    year = proposal.plan.year
    day = timezone.localdate(proposal.submitted_at) if proposal.submitted_at else None
    for facility in proposal.beneficiaries.all():
        earlier = (
            Proposal.objects.filter(
                beneficiaries=facility,
                activity=proposal.activity_id,
                state__in=FUNDED,
                plan__year__gte=year - years,
                plan__year__lte=year,
            )
            .exclude(pk=proposal.pk)
            .order_by("-plan__year")
            .first()
        )
        if earlier is not None:
            found.append(
                _(
                    "%(facility)s was supported for this activity in %(year)s (%(code)s), within "
                    "the last %(years)d years."
                )
                % {
                    "facility": facility.name,
                    "year": earlier.plan.year,
                    "code": earlier.code,
                    "years": years,
                }
            )
        eligibility = is_rural_industrial_facility(facility, on=day)
        if not eligibility:
            found.append(
                _("%(facility)s does not meet the eligibility rule: %(reasons)s")
                % {"facility": facility.name, "reasons": " ".join(map(str, eligibility.reasons))}
            )
    outside = [d for d in (proposal.starts_on, proposal.ends_on) if d and d.year != year]
    if outside:
        found.append(_("The dates fall outside the plan's year %(year)s.") % {"year": year})
    over = envelope_excess(proposal)
    if over > 0:
        found.append(
            _("With this proposal the plan exceeds its envelope of %(budget)s by %(over)s.")
            % {"budget": format_vnd(proposal.plan.budget), "over": format_vnd(over)}
        )
    return found


def envelope_excess(proposal: Proposal) -> int:
    """How far the plan's approved funding plus this proposal's (if not yet counted) goes over
    the plan's envelope; 0 or less when it fits."""
    plan = proposal.plan
    committed = (
        Proposal.objects.filter(plan=plan, state__in=FUNDED)
        .exclude(pk=proposal.pk)
        .aggregate(total=Sum("approved_funding"))["total"]
        or 0
    )
    own = proposal.approved_funding if proposal.state in FUNDED else extension_asked(proposal)
    return committed + own - plan.budget


def plan_funding(plan) -> dict[str, int]:
    """The plan's extension funding: approved (committed) and asked by proposals still being
    decided, against its envelope."""
    approved = (
        Proposal.objects.filter(plan=plan, state__in=FUNDED).aggregate(
            total=Sum("approved_funding")
        )["total"]
        or 0
    )
    pending = (
        BudgetLine.objects.filter(
            proposal__plan=plan, proposal__state__in=("submitted", "appraisal")
        ).aggregate(total=Sum("extension_share"))["total"]
        or 0
    )
    return {
        "budget": plan.budget,
        "approved": approved,
        "pending": pending,
        "over": max(approved - plan.budget, 0),
    }
