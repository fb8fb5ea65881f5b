"""The entry's state machine: submitting, screening decisions, withdrawing.

Attached to the model as `Entry.workflow`; core.workflow.transition is the only way to move an
entry."""

from django.utils import timezone
from django.utils.translation import gettext as _

from awards import dossier, rules
from awards.models import (
    LEVEL_LETTERS,
    AwardRound,
    Entry,
    ScreeningCondition,
)
from awards.workflows.rounds import officers
from core.workflow import Change, Transition, Workflow

R = AwardRound.State
E = Entry.State


def facility_member(user, entry: Entry) -> bool:
    return rules.is_entry_member(user, entry)


def registration_window_open(entry: Entry, change: Change) -> list[str]:
    award_round = entry.round
    if award_round.state != R.REGISTRATION:
        return [_("The round is not open for registration.")]
    if not award_round.accepts_registrations():
        return [
            _("Registration is open from %(opens)s to %(closes)s.")
            % {
                "opens": award_round.registration_opens.strftime("%d/%m/%Y"),
                "closes": award_round.registration_closes.strftime("%d/%m/%Y"),
            }
        ]
    return []


def round_in_screening(entry: Entry, change: Change) -> list[str]:
    if entry.round.state not in rules.SCREENING_ROUND_STATES:
        return [_("Entries are screened only while the round is in registration or screening.")]
    return []


def round_before_judging(entry: Entry, change: Change) -> list[str]:
    if entry.round.state not in (R.DRAFT, R.REGISTRATION, R.SCREENING):
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


def reason_given(entry: Entry, change: Change) -> list[str]:
    if change.note:
        return []
    if change.target == E.RETURNED:
        return [_("Say what the facility must complete.")]
    return [_("Give the reason the entry is ineligible.")]


def mark_submitted(entry: Entry, change: Change) -> None:
    entry.submitted_at = timezone.now()
    entry.state_reason = ""
    entry.save(update_fields=["submitted_at", "state_reason", "updated_at"])


def keep_reason(entry: Entry, change: Change) -> None:
    entry.state_reason = change.note
    entry.save(update_fields=["state_reason", "updated_at"])


def assign_voting_code(entry: Entry, change: Change) -> None:
    """T2026-1-007: level letter, year, product group, sequence within the group.

    The sequence follows screening order, which says nothing about the facility; the unique
    constraint on (round, voting_code) guards against two screenings taking the same number.
    """
    # Lock the round: two officers screening two entries of one group at the same moment would
    # otherwise both take the next number (and one would fail on the unique constraint).
    award_round = AwardRound.objects.select_for_update().get(pk=entry.round_id)
    prefix = f"{LEVEL_LETTERS[award_round.level]}{award_round.year}-{entry.product_group.code}-"
    codes = Entry.objects.filter(round=award_round, voting_code__startswith=prefix)
    used = [int(code.rsplit("-", 1)[1]) for code in codes.values_list("voting_code", flat=True)]
    sequence = max(used, default=0) + 1
    entry.voting_code = f"{prefix}{sequence:03d}"
    entry.state_reason = ""
    entry.save(update_fields=["voting_code", "state_reason", "updated_at"])


# A decision is taken on a submitted dossier.
SCREENABLE = (E.SUBMITTED,)

Entry.workflow = Workflow(
    state_field="state",
    transitions=[
        Transition(
            (E.DRAFT,),
            E.SUBMITTED,
            facility_member,
            requires=(registration_window_open, dossier_complete),
            effects=(mark_submitted,),
        ),
        Transition(
            (E.RETURNED,),
            E.SUBMITTED,
            facility_member,
            requires=(round_in_screening, dossier_complete),
            effects=(mark_submitted,),
        ),
        Transition(
            SCREENABLE,
            E.ELIGIBLE,
            officers,
            requires=(round_in_screening, checklist_all_met),
            effects=(assign_voting_code,),
        ),
        Transition(
            SCREENABLE,
            E.INELIGIBLE,
            officers,
            requires=(round_in_screening, reason_given),
            effects=(keep_reason,),
        ),
        Transition(
            SCREENABLE,
            E.RETURNED,
            officers,
            requires=(round_in_screening, reason_given),
            effects=(keep_reason,),
        ),
        Transition(
            (E.DRAFT, E.SUBMITTED, E.RETURNED, E.ELIGIBLE),
            E.WITHDRAWN,
            facility_member,
            requires=(round_before_judging,),
        ),
    ],
)
