"""The score sheet's state machine: submitting, reopening, voiding.

Attached to the model as `ScoreSheet.workflow`; core.workflow.transition is the only way to move
a sheet. Its guards read the round (is it still judging?), so the round's row is locked first
(`locks=("round",)`): a sheet being submitted and the round leaving judging queue on the round,
and a sheet can never be submitted once the round has left judging, even by a request that
started before. Saving scores (awards.services.scoring) takes the same locks.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import judging_rules
from awards.models import ScoreSheet
from awards.workflows.rounds import officers
from core.workflow import Change, Transition, Workflow

S = ScoreSheet.State


def round_judging(sheet: ScoreSheet, change: Change) -> list[str]:
    if not sheet.round.phase.scores:
        return [_("Score sheets change only while the round is judging.")]
    return []


def judge_declared(sheet: ScoreSheet, change: Change) -> list[str]:
    """A sheet is submitted only once its judge has answered the round's conflict-of-interest
    declaration (a paper sheet entered by the secretary too)."""
    if not judging_rules.has_declared(sheet.judge, sheet.round):
        return [_("The judge has not answered this round's conflict-of-interest declaration.")]
    return []


def round_not_final(sheet: ScoreSheet, change: Change) -> list[str]:
    """Once the results are decided, nothing they were computed from changes: not even a late
    conflict voids a sheet."""
    if sheet.round.phase.final:
        return [_("The results of this round are final: its score sheets no longer change.")]
    return []


def not_void(sheet: ScoreSheet, change: Change) -> list[str]:
    """A void sheet (its judge declared a conflict) never moves again: it stays in the
    history, out of the results. The steps' sources already leave it out; this says it."""
    if sheet.state == S.VOID:
        return [_("This sheet is void: its judge declared a conflict of interest.")]
    return []


def every_criterion_scored(sheet: ScoreSheet, change: Change) -> list[str]:
    missing = judging_rules.unscored_criteria(sheet)
    if missing:
        return [
            _("Give points for every criterion; missing: %(codes)s.")
            % {"codes": ", ".join(criterion.code for criterion in missing)}
        ]
    return []


def judge_or_secretary(user, sheet: ScoreSheet) -> bool:
    """The judge submits their own sheet; the panel's secretary submits a paper sheet they
    entered on the judge's behalf."""
    return sheet.judge_id == getattr(user, "pk", None) or judging_rules.is_secretary(
        user, sheet.panel
    )


def panel_chair(user, sheet: ScoreSheet) -> bool:
    return judging_rules.is_chair(user, sheet.panel)


def mark_submitted(sheet: ScoreSheet, change: Change) -> None:
    sheet.submitted_at = change.at


def clear_submitted(sheet: ScoreSheet, change: Change) -> None:
    sheet.submitted_at = None


def notify_reopened(sheet: ScoreSheet, change: Change) -> None:
    from awards import notifications

    notifications.sheet_reopened(sheet, change)


def notify_if_panel_complete(sheet: ScoreSheet, change: Change) -> None:
    from awards import notifications

    notifications.panel_sheets_in(sheet, change)


REOPEN_NOTE = gettext_lazy("Say why the sheet is reopened: the judge reads it.")

ScoreSheet.workflow = Workflow(
    state_field="state",
    locks=("round",),
    transitions=[
        Transition(
            "submit",
            (S.DRAFT,),
            S.SUBMITTED,
            judge_or_secretary,
            label=gettext_lazy("Submit the score sheet"),
            confirm=gettext_lazy(
                "Submit this score sheet? It can then only be reopened by the panel's chair or "
                "an officer."
            ),
            done=gettext_lazy("This score sheet was submitted"),
            requires=(not_void, round_judging, judge_declared, every_criterion_scored),
            effects=(mark_submitted,),
            after_commit=(notify_if_panel_complete,),
        ),
        Transition(
            "reopen_by_chair",
            (S.SUBMITTED,),
            S.DRAFT,
            panel_chair,
            label=gettext_lazy("Reopen the sheet (chair)"),
            done=gettext_lazy("This score sheet was reopened"),
            requires=(not_void, round_judging),
            needs_note=REOPEN_NOTE,
            effects=(clear_submitted,),
            after_commit=(notify_reopened,),
        ),
        Transition(
            "reopen_by_officer",
            (S.SUBMITTED,),
            S.DRAFT,
            officers,
            label=gettext_lazy("Reopen the sheet"),
            done=gettext_lazy("This score sheet was reopened"),
            requires=(not_void, round_judging),
            needs_note=REOPEN_NOTE,
            effects=(clear_submitted,),
            after_commit=(notify_reopened,),
        ),
        # Made by awards.services.judging.declare_conflict (the judge declaring a conflict with
        # the entry's facility, in the same transaction), never offered as a button.
        Transition(
            "void",
            (S.DRAFT, S.SUBMITTED),
            S.VOID,
            judging_rules.is_sheet_judge,
            label=gettext_lazy("Void the sheet (conflict of interest)"),
            requires=(not_void, round_not_final),
            done=gettext_lazy("This score sheet was voided: its judge declared a conflict"),
            needs_note=gettext_lazy("Say what the conflict of interest is."),
        ),
    ],
)
