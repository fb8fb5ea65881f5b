"""The round's state machine: every transition, who makes it, what it needs.

Attached to the model as `AwardRound.workflow`; core.workflow.transition is the only way to
move a round."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    award_round.save(update_fields=["decision_number", "decision_date", "updated_at"])


officers = by_roles(Role.OFFICER, Role.ADMIN)

AwardRound.workflow = Workflow(
    state_field="state",
    transitions=[
        Transition(
            (R.DRAFT,),
            R.REGISTRATION,
            officers,
            requires=(round_ready_for_registration,),
            effects=(copy_criteria,),
        ),
        Transition((R.REGISTRATION,), R.SCREENING, officers),
        Transition((R.SCREENING,), R.JUDGING, officers, requires=(all_entries_screened,)),
        Transition((R.JUDGING,), R.DELIBERATION, officers),
        Transition(
            (R.DELIBERATION,),
            R.FINALIZED,
            by_roles(Role.MANAGER),
            effects=(record_decision,),
            needs_decision=True,
        ),
        Transition((R.FINALIZED,), R.PUBLISHED, officers),
    ],
)
