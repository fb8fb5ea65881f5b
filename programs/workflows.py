"""The state machines of plans and proposals, attached as `Plan.workflow` and
`Proposal.workflow`; core.workflow.transition is the only way to move either.

A proposal's guards read its plan (does it still take proposals), so the plan's row is locked
first (`locks=("plan",)`): a plan being approved and one of its proposals being submitted queue
on the plan. Payments lock the proposal's row the same way (programs.services.payments).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_vnd
from core.workflow import Change, Transition, Workflow, by_roles
from programs import notifications
from programs.models import OPEN, AcceptanceResult, ImplementingUnit, Plan, Proposal
from programs.money import extension_asked
from programs.rules import PROGRAM_MANAGERS, PROGRAM_OFFICERS, is_proposal_member
from programs.support import support_limit

S = Proposal.State
officers = by_roles(*PROGRAM_OFFICERS)
managers = by_roles(*PROGRAM_MANAGERS)


def facility_member(user, proposal: Proposal) -> bool:
    return is_proposal_member(user, proposal)


def facility_or_officer(user, proposal: Proposal) -> bool:
    """The facility submits its own proposal; an officer submits one the center drew up (or
    entered from paper)."""
    return facility_member(user, proposal) or officers(user, proposal)


# ---- requirements ----------------------------------------------------------------------------


def plan_takes_proposals(proposal: Proposal, change: Change) -> list[str]:
    if not proposal.plan.accepts_proposals:
        return [_("The plan “%s” is approved: it takes no more proposals.") % proposal.plan.title]
    return []


def dossier_complete(proposal: Proposal, change: Change) -> list[str]:
    missing = []
    if not proposal.objectives.strip():
        missing.append(_("Write the objectives."))
    if proposal.starts_on is None or proposal.ends_on is None:
        missing.append(_("Give the start and end dates."))
    beneficiaries = proposal.beneficiaries.count()
    if proposal.activity.has_equipment and beneficiaries != 1:
        missing.append(_("An equipment-support project has exactly one beneficiary facility."))
    elif proposal.implementing_unit == ImplementingUnit.FACILITY and not beneficiaries:
        missing.append(_("Name the beneficiary facility."))
    if (
        proposal.implementing_unit == ImplementingUnit.OTHER
        and not proposal.implementing_name.strip()
    ):
        missing.append(_("Name the implementing organisation."))
    if not proposal.budget_lines.exists():
        missing.append(_("Add the budget lines."))
    if proposal.activity.has_equipment and not proposal.equipment.exists():
        missing.append(_("List the equipment."))
    return missing


def within_support_limit(proposal: Proposal, change: Change) -> list[str]:
    """The funding asked against the rule in force on the day of submission."""
    limit = support_limit(proposal, on=change.on)
    return [limit.refusal()] if limit.exceeded else []


def accepted_items_checked(proposal: Proposal, change: Change) -> list[str]:
    missing = []
    if not proposal.acceptance_result:
        missing.append(_("Record the acceptance result."))
    elif proposal.acceptance_result == AcceptanceResult.FAILED:
        missing.append(_("The acceptance did not pass: the work cannot be accepted."))
    for item in proposal.equipment.all():
        if item.matches is None:
            missing.append(_("Check “%s” against the approved item.") % item.name)
        elif not item.matches and not item.mismatch_reason.strip():
            missing.append(_("Say why “%s” differs from the approved item.") % item.name)
    return missing


def settlement_recorded(proposal: Proposal, change: Change) -> list[str]:
    if not proposal.payments.filter(kind="settlement").exists():
        return [_("Record the settlement payment first.")]
    return []


def contract_recorded(proposal: Proposal, change: Change) -> list[str]:
    if proposal.contract_value is None:
        return [_("Give the contract value.")]
    return []


# ---- effects ---------------------------------------------------------------------------------


def mark_submitted(proposal: Proposal, change: Change) -> None:
    proposal.submitted_at = change.at
    proposal.state_reason = ""


def keep_reason(proposal: Proposal, change: Change) -> None:
    proposal.state_reason = change.note


def record_approval(proposal: Proposal, change: Change) -> None:
    """The plan commits to the funding asked when approved."""
    proposal.approved_funding = extension_asked(proposal)
    proposal.approval_number = change.decision_number
    proposal.approval_date = change.decision_date
    proposal.state_reason = ""


def record_contract(proposal: Proposal, change: Change) -> None:
    proposal.contract_number = change.decision_number
    proposal.contract_date = change.decision_date


def record_acceptance(proposal: Proposal, change: Change) -> None:
    proposal.acceptance_date = change.decision_date or change.on


def approval_confirmation(proposal: Proposal, on) -> str:
    return _(
        "Approve “%(title)s” into the plan with %(amount)s of extension funding? The facility is "
        "told."
    ) % {"title": proposal.title, "amount": format_vnd(extension_asked(proposal))}


Proposal.workflow = Workflow(
    state_field="state",
    locks=("plan",),
    transitions=[
        Transition(
            "submit",
            (S.DRAFT,),
            S.SUBMITTED,
            facility_or_officer,
            label=gettext_lazy("Submit the proposal"),
            done=gettext_lazy("This proposal was submitted"),
            confirm=gettext_lazy(
                "Submit the proposal? It can no longer be changed unless the center returns it."
            ),
            requires=(plan_takes_proposals, dossier_complete, within_support_limit),
            effects=(mark_submitted,),
        ),
        Transition(
            "resubmit",
            (S.RETURNED,),
            S.SUBMITTED,
            facility_or_officer,
            label=gettext_lazy("Submit the revised proposal"),
            done=gettext_lazy("This proposal was submitted again"),
            confirm=gettext_lazy("Submit the revised proposal to the center?"),
            requires=(dossier_complete, within_support_limit),
            effects=(mark_submitted,),
            after_commit=(notifications.proposal_resubmitted,),
        ),
        Transition(
            "start_appraisal",
            (S.SUBMITTED,),
            S.APPRAISAL,
            officers,
            label=gettext_lazy("Send to appraisal"),
            done=gettext_lazy("This proposal went to appraisal"),
        ),
        Transition(
            "return_for_revision",
            (S.SUBMITTED, S.APPRAISAL),
            S.RETURNED,
            officers,
            label=gettext_lazy("Return for revision"),
            done=gettext_lazy("This proposal was returned for revision"),
            needs_note=gettext_lazy("Say what the facility must revise."),
            effects=(keep_reason,),
            after_commit=(notifications.proposal_returned,),
        ),
        Transition(
            "approve",
            (S.APPRAISAL,),
            S.APPROVED,
            managers,
            label=gettext_lazy("Approve into the plan"),
            done=gettext_lazy("This proposal was approved"),
            confirm=approval_confirmation,
            needs_decision=True,
            effects=(record_approval,),
            after_commit=(notifications.proposal_approved,),
        ),
        Transition(
            "reject",
            (S.APPRAISAL,),
            S.REJECTED,
            managers,
            label=gettext_lazy("Reject"),
            done=gettext_lazy("This proposal was rejected"),
            confirm=gettext_lazy("Reject this proposal? This cannot be undone."),
            needs_note=gettext_lazy("Give the reason for the rejection."),
            effects=(keep_reason,),
            after_commit=(notifications.proposal_rejected,),
        ),
        Transition(
            "sign_contract",
            (S.APPROVED,),
            S.CONTRACTED,
            officers,
            label=gettext_lazy("Record the signed contract"),
            done=gettext_lazy("The contract of this proposal was recorded"),
            needs_decision=True,
            requires=(contract_recorded,),
            effects=(record_contract,),
        ),
        Transition(
            "start_work",
            (S.CONTRACTED,),
            S.IN_PROGRESS,
            officers,
            label=gettext_lazy("Start the work"),
            done=gettext_lazy("The work on this proposal started"),
        ),
        Transition(
            "accept",
            (S.IN_PROGRESS,),
            S.ACCEPTED,
            officers,
            label=gettext_lazy("Record the acceptance"),
            done=gettext_lazy("This proposal was accepted"),
            confirm=gettext_lazy(
                "Record the acceptance? The approved items can then no longer be changed."
            ),
            requires=(accepted_items_checked,),
            effects=(record_acceptance,),
        ),
        Transition(
            "settle",
            (S.ACCEPTED,),
            S.SETTLED,
            officers,
            label=gettext_lazy("Close the accounts (settled)"),
            done=gettext_lazy("This proposal was settled"),
            requires=(settlement_recorded,),
        ),
        Transition(
            "close",
            (S.SETTLED,),
            S.CLOSED,
            managers,
            label=gettext_lazy("Close the proposal"),
            done=gettext_lazy("This proposal was closed"),
        ),
        # Two ways to cancel: the facility its own proposal before appraisal, a manager any open
        # proposal, with the reason the facility reads.
        Transition(
            "withdraw",
            (S.DRAFT, S.SUBMITTED),
            S.CANCELLED,
            facility_member,
            label=gettext_lazy("Withdraw the proposal"),
            done=gettext_lazy("This proposal was withdrawn"),
            confirm=gettext_lazy("Withdraw this proposal? This cannot be undone."),
            effects=(keep_reason,),
        ),
        Transition(
            "cancel",
            OPEN,
            S.CANCELLED,
            managers,
            label=gettext_lazy("Cancel the proposal"),
            done=gettext_lazy("This proposal was cancelled"),
            confirm=gettext_lazy("Cancel this proposal? This cannot be undone."),
            needs_note=gettext_lazy("Give the reason for the cancellation."),
            effects=(keep_reason,),
            after_commit=(notifications.proposal_cancelled,),
        ),
    ],
)


def record_plan_approval(plan: Plan, change: Change) -> None:
    plan.decision_number = change.decision_number
    plan.decision_date = change.decision_date


Plan.workflow = Workflow(
    state_field="state",
    transitions=[
        Transition(
            "approve",
            (Plan.State.DRAFT,),
            Plan.State.APPROVED,
            managers,
            label=gettext_lazy("Approve the plan"),
            done=gettext_lazy("This plan was approved"),
            confirm=gettext_lazy(
                "Approve the plan? It then takes no more proposals; its approved proposals "
                "go ahead."
            ),
            needs_decision=True,
            effects=(record_plan_approval,),
        ),
    ],
)
