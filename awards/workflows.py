"""The state machines of rounds and entries: every transition, who makes it, what it needs.

Attached to the models as `AwardRound.workflow` and `Entry.workflow`; core.workflow.transition
is the only way to move either.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards import dossier, rules
from awards.models import (
    LEVEL_LETTERS,
    AwardRound,
    Entry,
    RoundCriterion,
    ScreeningCondition,
)
from core.roles import Role
from core.workflow import Change, Transition, Workflow, by_roles

R = AwardRound.State
E = Entry.State

# ---- Rounds -------------------------------------------------------------------------------


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

# ---- Entries ------------------------------------------------------------------------------


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
