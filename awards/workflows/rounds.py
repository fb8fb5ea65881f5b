"""The round's state machine: every transition, who makes it, what it needs.

Attached to the model as `AwardRound.workflow`; core.workflow.transition is the only way to
move a round."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from awards import notifications
from awards.models import (
    AwardRound,
    Entry,
    RoundCriterion,
)
from core.roles import Role
from core.workflow import Change, Transition, Workflow, by_roles

R = AwardRound.State
E = Entry.State


def round_ready_for_registration(award_round: AwardRound, change: Change) -> list[str]:
    missing = []
    template = award_round.criteria_template
    if template is None or not template.criteria.exists():
        missing.append(_("Choose a criteria template that has criteria."))
    for name in ("registration_opens", "registration_closes", "judging_ends"):
        if getattr(award_round, name) is None:
            label = AwardRound._meta.get_field(name).verbose_name
            missing.append(_("Fill in “%s”.") % label)
    if not award_round.product_groups.exists():
        missing.append(_("Open at least one product group."))
    return missing


def copy_criteria(award_round: AwardRound, change: Change) -> None:
    """The round's own copy of its template, parents before children."""
    award_round.criteria.all().delete()
    copies = {}
    template_criteria = award_round.criteria_template.criteria.order_by(
        "parent_id", "position", "id"
    )
    for criterion in sorted(template_criteria, key=lambda c: c.parent_id is not None):
        copies[criterion.pk] = RoundCriterion.objects.create(
            round=award_round,
            parent=copies.get(criterion.parent_id),
            code=criterion.code,
            text=criterion.text,
            max_points=criterion.max_points,
            position=criterion.position,
        )


def all_entries_screened(award_round: AwardRound, change: Change) -> list[str]:
    """Judging starts on a screened list: no submitted dossier may still wait for a decision.
    Drafts and returned dossiers not submitted by then simply take no part."""
    waiting = award_round.entries.filter(state=Entry.State.SUBMITTED).count()
    if waiting:
        return [
            ngettext(
                "%(count)d submitted entry is still waiting to be screened.",
                "%(count)d submitted entries are still waiting to be screened.",
                waiting,
            )
            % {"count": waiting}
        ]
    return []


def record_decision(award_round: AwardRound, change: Change) -> None:
    award_round.decision_number = change.decision_number
    award_round.decision_date = change.decision_date


officers = by_roles(Role.OFFICER, Role.ADMIN)

AwardRound.workflow = Workflow(
    state_field="state",
    transitions=[
        Transition(
            "open_registration",
            (R.DRAFT,),
            R.REGISTRATION,
            officers,
            label=gettext_lazy("Open registration"),
            confirm=gettext_lazy(
                "Open registration? The round's criteria are copied from its template, and its "
                "level, year, criteria and product groups can no longer change."
            ),
            requires=(round_ready_for_registration,),
            effects=(copy_criteria,),
            after_commit=(notifications.round_opened,),
        ),
        Transition(
            "close_registration",
            (R.REGISTRATION,),
            R.SCREENING,
            officers,
            label=gettext_lazy("Close registration and start screening"),
            confirm=gettext_lazy(
                "Close registration? Facilities can no longer register products or submit "
                "drafts; returned dossiers can still be completed while screening lasts."
            ),
        ),
        Transition(
            "start_judging",
            (R.SCREENING,),
            R.JUDGING,
            officers,
            label=gettext_lazy("Start judging"),
            confirm=gettext_lazy(
                "Start judging? Returned dossiers can no longer be resubmitted, entries can no "
                "longer be withdrawn, and the pass score, the minimum number of score sheets, "
                "the blind-judging settings and the dates are fixed."
            ),
            requires=(all_entries_screened,),
        ),
        Transition(
            "end_judging",
            (R.JUDGING,),
            R.DELIBERATION,
            officers,
            label=gettext_lazy("End judging and deliberate"),
            confirm=gettext_lazy("End judging? Judges can no longer change their score sheets."),
        ),
        Transition(
            "finalize",
            (R.DELIBERATION,),
            R.FINALIZED,
            by_roles(Role.MANAGER),
            label=gettext_lazy("Finalize the results"),
            confirm=gettext_lazy(
                "Finalize the results with this decision? Nothing of the round can change "
                "afterwards."
            ),
            effects=(record_decision,),
            needs_decision=True,
        ),
        Transition(
            "publish",
            (R.FINALIZED,),
            R.PUBLISHED,
            officers,
            label=gettext_lazy("Publish the results"),
            confirm=gettext_lazy(
                "Publish the results? Every facility then sees its entries' results."
            ),
        ),
    ],
)
