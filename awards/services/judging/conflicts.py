"""Conflicts of interest: the judge's declaration (awards.services.judging)."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applicants.models import Facility
from awards.models import (
    SCREENED_IN,
    AwardRound,
    Conflict,
    ConflictDeclaration,
    Entry,
    ProductGroup,
    ScoreSheet,
)
from awards.services.judging.panels import judge_panels, lock_round
from core.activity import Action, log_activity
from core.clock import moment_of
from core.models import LONG_TEXT_MAX
from core.roles import Role, role_of
from core.text import clean_text
from core.workflow import transition

S = ScoreSheet.State
# The entries whose facility a judge may declare a conflict with: those taking part in the
# round (screened in), or still waiting to be screened.
DECLARABLE_ENTRY_STATES = (*SCREENED_IN, Entry.State.SUBMITTED)


# ---- Conflicts of interest ------------------------------------------------------------------


def declarable_facilities(judge, award_round: AwardRound):
    """The facilities a judge may declare a conflict with: those with an entry taking part in
    the round (or waiting to be screened) in a group one of the judge's panels judges, by
    name."""
    groups = ProductGroup.objects.filter(panels__in=judge_panels(judge, award_round))
    return (
        Facility.objects.filter(
            entries__round=award_round,
            entries__state__in=DECLARABLE_ENTRY_STATES,
            entries__product_group__in=groups,
        )
        .distinct()
        .order_by("sort_name", "id")
    )


def declare_conflicts(
    *,
    actor,
    award_round: AwardRound,
    conflicts: Sequence[tuple] = (),
    none: bool = False,
    on: datetime.date | None = None,
) -> ConflictDeclaration:
    """The judge's answer to the round's conflict-of-interest declaration: `conflicts`
    [(facility or its id, reason)], or `none`. More conflicts may be declared later, until the
    round is final; each voids the judge's sheets of that facility's entries (kept, with their
    history, never counted). Errors: "conflicts.<i>.facility", "conflicts.<i>.reason",
    "conflicts" (nothing declared), "none". `on`: the day of the declaration, for a round of a
    past year (core.clock)."""
    if role_of(actor) != Role.JUDGE or not judge_panels(actor, award_round).exists():
        raise PermissionDenied(
            _("Only a judge seated on a panel of this round declares conflicts of interest in it.")
        )
    conflicts = [
        (facility, clean_text(reason or "", multiline=True).strip())
        for facility, reason in conflicts
    ]
    with transaction.atomic():
        locked = lock_round(award_round.pk)
        if locked.phase.final:
            raise ValidationError(
                _("The results of this round are final: nothing more is declared."),
                code="fixed",
            )
        existing = ConflictDeclaration.objects.filter(round=locked, judge=actor).first()
        if none:
            if conflicts:
                raise ValidationError(
                    {
                        "none": [
                            _("Declare either your conflicts of interest or that you have none.")
                        ]
                    }
                )
            if existing is not None:
                if Conflict.objects.filter(round=locked, judge=actor).exists():
                    raise ValidationError(
                        {
                            "none": [
                                _(
                                    "You already declared conflicts of interest in this "
                                    "round: you cannot declare none."
                                )
                            ]
                        }
                    )
                return existing  # declared none already: nothing changes
            declaration = ConflictDeclaration.objects.create(
                round=locked, judge=actor, declared_at=moment_of(on).at
            )
            log_activity(
                actor=actor,
                action=Action.CREATED,
                target=declaration,
                after={"round": locked.pk, "judge": actor.pk, "none": True},
                at=declaration.declared_at,
            )
            return declaration
        if not conflicts:
            raise ValidationError(
                {
                    "conflicts": [
                        _(
                            "Choose the facilities you have a conflict of interest with, or "
                            "declare that you have none."
                        )
                    ]
                }
            )
        resolved = _check_conflicts(actor, locked, conflicts)
        now = moment_of(on).at
        if existing is None:
            declaration = ConflictDeclaration.objects.create(
                round=locked, judge=actor, declared_at=now
            )
        else:
            declaration = existing
        rows = Conflict.objects.bulk_create(
            Conflict(round=locked, judge=actor, facility=facility, reason=reason, declared_at=now)
            for facility, reason in resolved
        )
        voided = []
        for facility, reason in resolved:
            sheets = ScoreSheet.objects.filter(
                round=locked, judge=actor, entry__facility=facility
            ).exclude(state=S.VOID)
            for sheet in sheets.order_by("pk"):
                transition(sheet, action="void", actor=actor, note=reason, on=on)
                voided.append(sheet.pk)
        log_activity(
            actor=actor,
            action=Action.CREATED if existing is None else Action.UPDATED,
            target=declaration,
            after={
                "round": locked.pk,
                "judge": actor.pk,
                "conflicts": [{"facility": row.facility_id, "reason": row.reason} for row in rows],
                **({"voided_sheets": voided} if voided else {}),
            },
        )
    return declaration


def _check_conflicts(actor, award_round: AwardRound, conflicts) -> list[tuple[Facility, str]]:
    allowed = {f.pk: f for f in declarable_facilities(actor, award_round)}
    declared = set(
        Conflict.objects.filter(round=award_round, judge=actor).values_list(
            "facility_id", flat=True
        )
    )
    errors: dict = {}
    resolved, seen = [], set()
    for index, (facility, reason) in enumerate(conflicts):
        facility_id = getattr(facility, "pk", facility)
        try:
            facility_id = int(facility_id)
        except (TypeError, ValueError):
            facility_id = None
        if facility_id not in allowed:
            errors[f"conflicts.{index}.facility"] = [
                ValidationError(
                    _("This facility has no entry in the groups your panels judge."),
                    code="invalid",
                )
            ]
        elif facility_id in seen:
            errors[f"conflicts.{index}.facility"] = [
                ValidationError(_("This facility is listed twice."), code="duplicate")
            ]
        elif facility_id in declared:
            errors[f"conflicts.{index}.facility"] = [
                ValidationError(
                    _("You already declared a conflict with this facility."), code="unique"
                )
            ]
        if not reason:
            errors[f"conflicts.{index}.reason"] = [
                ValidationError(_("Say what the conflict of interest is."), code="required")
            ]
        elif len(reason) > LONG_TEXT_MAX:
            errors[f"conflicts.{index}.reason"] = [
                ValidationError(
                    _("Write at most %(limit)d characters (this reason has %(count)d).")
                    % {"limit": LONG_TEXT_MAX, "count": len(reason)},
                    code="max_length",
                )
            ]
        if facility_id in allowed:
            seen.add(facility_id)
            resolved.append((allowed[facility_id], reason))
    if errors:
        raise ValidationError(errors)
    return resolved
