"""Screening: the checklist, the decision on one entry, and decisions on many at once."""

import datetime
import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards import rules
from awards.models import AwardRound, Entry, ScreeningCheck, ScreeningCondition
from awards.workflows.entries import SCREENING_DECISIONS
from core.activity import Action, log_activity
from core.clock import moment_of
from core.models import LONG_TEXT_MAX
from core.text import clean_text
from core.workflow import TransitionConflict, lock_with_parents, transition
from notifications.services import emails_together


def record_screening(
    *,
    actor,
    entry: Entry,
    checks: dict[str, tuple[bool, str]],
    expected: str | None = None,
    on: datetime.date | None = None,
) -> Entry:
    """Tick or fail conditions of the checklist: {condition: (met, reason)}. `expected`: the
    state the caller saw (TransitionConflict if the entry has moved on since)."""
    if not rules.can_screen_entries(actor):
        raise PermissionDenied(_("Only extension officers screen entries."))
    errors = {}
    # Stored as every text is (core.text.clean_text): an invisible-only reason is no reason.
    checks = {
        condition: (passed, clean_text(reason, multiline=True).strip())
        for condition, (passed, reason) in checks.items()
    }
    for condition, (passed, reason) in checks.items():
        if condition not in ScreeningCondition.values:
            errors[condition] = [_("Unknown condition.")]
        elif not passed and not reason:
            errors[condition] = [_("A failed condition needs a reason.")]
        elif len(reason) > LONG_TEXT_MAX:
            errors[condition] = [
                _("Write at most %(limit)d characters (this reason has %(count)d).")
                % {"limit": LONG_TEXT_MAX, "count": len(reason)}
            ]
    if errors:
        raise ValidationError(errors)
    when = moment_of(on)
    with transaction.atomic():
        # The stored states count, not the caller's copy: the round, then the entry, locked in
        # the order every change of an entry takes them.
        locked = lock_with_parents(Entry, entry.pk)
        state, award_round = locked.state, locked.round
        if expected is not None and state != expected:
            raise TransitionConflict(
                _("This was changed meanwhile: it is now “%(state)s”. Reload and try again.")
                % {"state": Entry.State(state).label},
                state=state,
            )
        if state != Entry.State.SUBMITTED:
            raise ValidationError(_("Only a submitted entry is screened."))
        if not award_round.phase.screens:
            raise ValidationError(
                _("Entries are screened only while the round is in registration or screening.")
            )
        for condition, (passed, reason) in checks.items():
            ScreeningCheck.objects.update_or_create(
                entry=entry,
                condition=condition,
                defaults={
                    "passed": passed,
                    "reason": reason,
                    "checked_by": actor,
                    "checked_at": when.at,
                },
            )
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=entry,
            after={"screening": {c: p for c, (p, _r) in checks.items()}},
            at=when.at,
        )
    return entry


def screen_entry(
    *,
    actor,
    entry: Entry,
    decision: str,
    note: str = "",
    checks: dict[str, tuple[bool, str]] | None = None,
    expected: str | None = None,
    on: datetime.date | None = None,
) -> Entry:
    """Record the checklist (if given) and decide: eligible, ineligible or returned (the state
    the decision leads to; each is a transition of awards/workflows/entries.py)."""
    if decision not in SCREENING_DECISIONS:
        raise ValidationError(
            {
                "decision": ValidationError(
                    _("A screening decides eligible, ineligible or returned."), code="invalid"
                )
            }
        )
    try:
        with transaction.atomic():
            if checks:
                record_screening(actor=actor, entry=entry, checks=checks, expected=expected, on=on)
            return transition(
                entry,
                action=SCREENING_DECISIONS[decision],
                expected=expected,
                actor=actor,
                note=note,
                on=on,
            )
    except ValidationError as error:
        # The step is chosen by the decision: a refusal of the step is about `decision`.
        if hasattr(error, "error_dict") and "action" in error.error_dict:
            error.error_dict["decision"] = error.error_dict.pop("action")
        raise


def bulk_transition(
    *,
    actor,
    entries: list[Entry],
    action: str | None = None,
    to: str | None = None,
    note: str = "",
    on: datetime.date | None = None,
) -> list[Entry]:
    """Make one step (by name, or by the state it leads to) on many entries at once, all or
    nothing: if any one is refused, none moves and the error lists each refused entry (by its
    id) with its reasons, and under `note` what the note lacks (one note for all).

    Declaring entries eligible in bulk ticks the conditions nobody has checked yet as met: the
    officer asserts them for the whole selection. A condition already recorded as not met stays
    so, and that entry is refused.
    """
    if not rules.can_screen_entries(actor):
        raise PermissionDenied(_("Only extension officers screen entries."))
    entries = list(entries)
    eligible = to == Entry.State.ELIGIBLE or action == SCREENING_DECISIONS[Entry.State.ELIGIBLE]
    if eligible:
        # Voting codes are numbered in screening order; a selection usually comes in
        # registration order, which a judge could map back to facilities. Shuffle it.
        random.SystemRandom().shuffle(entries)
    moved, errors, note_errors = [], {}, []
    # Each entry's step tells its facility once committed: the e-mails go out together after.
    with emails_together(), transaction.atomic():
        # The selection's rounds first, all of them, in one order: each entry's transition locks
        # its round again (already held), and two bulk actions over the same rounds never wait
        # for each other in a circle (a selection may span rounds and is shuffled).
        round_ids = sorted({entry.round_id for entry in entries})
        list(AwardRound.objects.select_for_update().filter(pk__in=round_ids).order_by("pk"))
        for entry in entries:
            try:
                with transaction.atomic():
                    if eligible and entry.state == Entry.State.SUBMITTED:
                        checked = set(entry.screening_checks.values_list("condition", flat=True))
                        unchecked = [c for c in ScreeningCondition.values if c not in checked]
                        if unchecked:
                            record_screening(
                                actor=actor,
                                entry=entry,
                                checks={c: (True, "") for c in unchecked},
                                on=on,
                            )
                    moved.append(
                        transition(entry, action=action, to=to, actor=actor, note=note, on=on)
                    )
            except ValidationError as error:
                messages = _refusal(error, note_errors)
                if messages:
                    errors[str(entry.pk)] = messages
            except PermissionDenied as error:
                errors[str(entry.pk)] = [str(error)]
        if note_errors:
            # One note for the whole selection: its error is the note's, said once, not
            # repeated for every entry.
            errors["note"] = note_errors
        if errors:
            raise ValidationError(errors)
    return moved


def _refusal(error: ValidationError, note_errors: list[str]) -> list[str]:
    """An entry's refusal, without what it says about the note (added to `note_errors`)."""
    if not hasattr(error, "error_dict"):
        return error.messages
    messages = []
    for key, errors in error.error_dict.items():
        for message in ValidationError(errors).messages:
            if key != "note":
                messages.append(message)
            elif message not in note_errors:
                note_errors.append(message)
    return messages
