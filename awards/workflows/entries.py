"""The entry's state machine: submitting, screening decisions, withdrawing.

Attached to the model as `Entry.workflow`; core.workflow.transition is the only way to move an
entry. Its guards read the entry's round (is registration open, is the round screening), so the
round's row is locked first (`locks=("round",)`): a round changing phase and one of its entries
changing state queue on the round, and each sees what the other committed.
"""

from contextvars import ContextVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import dossier, notifications, rules
from awards.models import LEVEL_LETTERS, Entry, ScreeningCondition
from awards.workflows.rounds import officers
from core.formatting import format_date
from core.roles import Role
from core.workflow import Change, Transition, Workflow, by_roles

E = Entry.State


def facility_member(user, entry: Entry) -> bool:
    return rules.is_entry_member(user, entry)


def registration_window_open(entry: Entry, change: Change) -> list[str]:
    award_round = entry.round
    if not award_round.phase.accepts_entries:
        return [_("The round is not open for registration.")]
    if not award_round.accepts_registrations(on=change.on):
        return [
            _("Registration is open from %(opens)s to %(closes)s.")
            % {
                "opens": format_date(award_round.registration_opens),
                "closes": format_date(award_round.registration_closes),
            }
        ]
    return []


def round_screens(entry: Entry, change: Change) -> list[str]:
    if not entry.round.phase.screens:
        return [_("Entries are screened only while the round is in registration or screening.")]
    return []


def round_before_judging(entry: Entry, change: Change) -> list[str]:
    if entry.round.phase.settings_frozen:
        return [_("An entry can no longer be withdrawn once judging has started.")]
    return []


def dossier_complete(entry: Entry, change: Change) -> list[str]:
    return dossier.missing_for_submission(entry)


def checklist_all_met(entry: Entry, change: Change) -> list[str]:
    checks = {c.condition: c.passed for c in entry.screening_checks.all()}
    return [
        _("Condition not ticked as met: %s.") % condition.label
        for condition in ScreeningCondition
        if checks.get(condition.value) is not True
    ]


def mark_submitted(entry: Entry, change: Change) -> None:
    entry.submitted_at = change.at
    entry.state_reason = ""


def keep_reason(entry: Entry, change: Change) -> None:
    entry.state_reason = change.note


def assign_voting_code(entry: Entry, change: Change) -> None:
    """T2026-1-007: level letter, year, product group, sequence within the group.

    The sequence follows screening order, which says nothing about the facility. The round's
    row is locked (the workflow's `locks`), so two officers screening two entries of one group
    at the same moment queue and never take the same number.
    """
    award_round = entry.round
    prefix = f"{LEVEL_LETTERS[award_round.level]}{award_round.year}-{entry.product_group.code}-"
    codes = Entry.objects.filter(round=award_round, voting_code__startswith=prefix)
    used = [int(code.rsplit("-", 1)[1]) for code in codes.values_list("voting_code", flat=True)]
    sequence = max(used, default=0) + 1
    entry.voting_code = f"{prefix}{sequence:03d}"
    entry.state_reason = ""


# The round whose finalize step is running in this context (awards.services.results
# .settle_entries sets it): recognising an entry is a part of finalizing its round, never a
# step of its own, so outside it nobody may make it (no button, no API call offers it).
FINALIZING: ContextVar[int | None] = ContextVar("finalizing_round", default=None)


def finalizing_manager(user, entry: Entry) -> bool:
    return FINALIZING.get() == entry.round_id and by_roles(Role.MANAGER)(user, entry)


def round_deliberating(entry: Entry, change: Change) -> list[str]:
    """Recognition is decided while the round deliberates: by its finalize step, which makes
    these entry steps inside its own transaction (the round's row is still deliberating there;
    its new state is written after its effects)."""
    phase = entry.round.phase
    if not phase.results_visible or phase.final:
        return [_("Entries are recognised only when a deliberating round is finalized.")]
    return []


# A screening decision is taken on a submitted dossier; an entry can be withdrawn until judging.
SCREENABLE = (E.SUBMITTED,)
WITHDRAWABLE = (E.DRAFT, E.SUBMITTED, E.RETURNED, E.ELIGIBLE)
SUBMIT_CONFIRMATION = gettext_lazy(
    "Submit the dossier? It can no longer be changed unless the center returns it for completion."
)

Entry.workflow = Workflow(
    state_field="state",
    locks=("round",),
    transitions=[
        Transition(
            "submit",
            (E.DRAFT,),
            E.SUBMITTED,
            facility_member,
            label=gettext_lazy("Submit the dossier"),
            done=gettext_lazy("This dossier was submitted"),
            confirm=SUBMIT_CONFIRMATION,
            requires=(registration_window_open, dossier_complete),
            effects=(mark_submitted,),
        ),
        Transition(
            "resubmit",
            (E.RETURNED,),
            E.SUBMITTED,
            facility_member,
            label=gettext_lazy("Submit the completed dossier"),
            done=gettext_lazy("This dossier was submitted again"),
            confirm=SUBMIT_CONFIRMATION,
            requires=(round_screens, dossier_complete),
            effects=(mark_submitted,),
        ),
        Transition(
            "declare_eligible",
            SCREENABLE,
            E.ELIGIBLE,
            officers,
            label=gettext_lazy("Eligible: screened in, a voting code is given"),
            done=gettext_lazy("This entry was declared eligible"),
            requires=(round_screens, checklist_all_met),
            effects=(assign_voting_code,),
            after_commit=(notifications.entry_eligible,),
        ),
        Transition(
            "return_for_completion",
            SCREENABLE,
            E.RETURNED,
            officers,
            label=gettext_lazy("Returned: the facility completes the dossier"),
            done=gettext_lazy("This dossier was returned for completion"),
            requires=(round_screens,),
            needs_note=gettext_lazy("Say what the facility must complete."),
            effects=(keep_reason,),
            after_commit=(notifications.entry_returned,),
        ),
        Transition(
            "declare_ineligible",
            SCREENABLE,
            E.INELIGIBLE,
            officers,
            label=gettext_lazy("Ineligible"),
            done=gettext_lazy("This entry was declared ineligible"),
            confirm=gettext_lazy(
                "Declare the entry ineligible? The facility reads the reason; the entry takes "
                "no further part in the round."
            ),
            requires=(round_screens,),
            needs_note=gettext_lazy("Give the reason the entry is ineligible."),
            effects=(keep_reason,),
            after_commit=(notifications.entry_ineligible,),
        ),
        # Two ways to one state: the facility withdraws its own entry, or the center records a
        # withdrawal the facility asked for in writing (a letter, a message to the officer).
        Transition(
            "withdraw",
            WITHDRAWABLE,
            E.WITHDRAWN,
            facility_member,
            label=gettext_lazy("Withdraw the entry"),
            done=gettext_lazy("This entry was withdrawn"),
            confirm=gettext_lazy("Withdraw this entry from the round? This cannot be undone."),
            requires=(round_before_judging,),
            effects=(keep_reason,),
        ),
        Transition(
            "withdraw_on_request",
            WITHDRAWABLE,
            E.WITHDRAWN,
            officers,
            label=gettext_lazy("Withdraw at the facility's request"),
            done=gettext_lazy("This entry was withdrawn at the facility's request"),
            confirm=gettext_lazy(
                "Withdraw this entry at the facility's request? This cannot be undone; the "
                "facility reads the note."
            ),
            requires=(round_before_judging,),
            needs_note=gettext_lazy(
                "Say how the facility asked to withdraw (its letter or message, and its date)."
            ),
            effects=(keep_reason,),
        ),
        # Issue 8 (results): made by the round's finalize step (awards.services.results
        # .settle_entries), inside its transaction, never offered as buttons.
        Transition(
            "recognize",
            (E.ELIGIBLE,),
            E.RECOGNIZED,
            finalizing_manager,
            label=gettext_lazy("Recognise"),
            done=gettext_lazy("This entry was recognised"),
            requires=(round_deliberating,),
        ),
        Transition(
            "not_recognize",
            (E.ELIGIBLE,),
            E.NOT_RECOGNIZED,
            finalizing_manager,
            label=gettext_lazy("Not recognised"),
            done=gettext_lazy("This entry was not recognised"),
            requires=(round_deliberating,),
        ),
    ],
)

# The steps the round's finalization makes on its entries; never offered on the entry's page.
FINALIZE_STEPS = ("recognize", "not_recognize")

# The decisions a screening takes, by the state each leads to (the API's and the form's
# `decision`), and the transition that makes it.
SCREENING_DECISIONS = {
    E.ELIGIBLE: "declare_eligible",
    E.RETURNED: "return_for_completion",
    E.INELIGIBLE: "declare_ineligible",
}


def screening_decision_choices() -> list[tuple[str, str]]:
    """(decision, label) for a form: the labels are the transitions' own."""
    return [
        (decision, Entry.workflow.get(name).label) for decision, name in SCREENING_DECISIONS.items()
    ]
