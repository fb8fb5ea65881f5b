"""Award rounds: creating, changing and deleting them. Their state changes go through
core.workflow.transition (awards/workflows/rounds.py)."""

import copy
import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards import rules
from awards.models import (
    AwardRound,
    CriteriaTemplate,
    ProductGroup,
)
from awards.services.common import set_fields
from core.activity import Action, log_activity, log_changes, snapshot
from core.clock import moment_of

ROUND_FIELDS = [
    "title",
    "year",
    "level",
    "organiser_name",
    "criteria_template",
    "registration_opens",
    "registration_closes",
    "judging_ends",
    "pass_score",
    "min_score_sheets",
    "judges_see_identity",
    "judges_see_other_scores",
    "judges_per_entry",
    "disagreement_spread",
    "nominee_quota",
    "next_round",
]


def create_round(
    *, actor, data: dict[str, Any], product_groups=None, on: datetime.date | None = None
) -> AwardRound:
    """A new round in draft; the four official groups are open unless others are given. `on`:
    the day it was created, for a round of a past year (core.clock)."""
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(_("Only extension officers create award rounds."))
    when = moment_of(on)
    award_round = AwardRound(created_at=when.at)
    _apply(award_round, data)
    with transaction.atomic():
        award_round.save()
        groups = ProductGroup.objects.all() if product_groups is None else product_groups
        award_round.product_groups.set(groups)
        log_activity(
            actor=actor,
            action=Action.CREATED,
            target=award_round,
            after={**snapshot(award_round), "product_groups": _group_codes(award_round)},
            at=when.at,
        )
    return award_round


def update_round(
    *, actor, award_round: AwardRound, data: dict[str, Any], product_groups=None
) -> AwardRound:
    """Change a round's settings, as far as its phase allows: level, year, criteria and open
    groups are fixed once registration opens; the judging settings and the dates once judging
    starts; nothing once the results are final. Every refused field is reported at once."""
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(_("Only extension officers change award rounds."))
    with transaction.atomic():
        current = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        before = _apply(current, data, product_groups)
        current.save()
        if product_groups is not None:
            current.product_groups.set(product_groups)
        after = {**snapshot(current), "product_groups": _group_codes(current)}
        log_changes(actor=actor, target=current, before=before, after=after)
    return current


def check_round(
    data: dict[str, Any], *, award_round: AwardRound | None = None, product_groups=None, exclude=()
) -> None:
    """The checks create_round (`award_round` None) or update_round make, writing nothing: a
    form runs them in its own validation, on the fields it could parse (`exclude` names those it
    refused), so that every error shows in one pass. Raises ValidationError keyed by field."""
    candidate = AwardRound() if award_round is None else copy.copy(award_round)
    _apply(candidate, data, product_groups, exclude)


def _apply(award_round: AwardRound, data: dict[str, Any], product_groups=None, exclude=()):
    """Set `data` on the round (a new one, or the stored one, locked) and check it as its
    phase allows; what it was before (None for a new round), for the log."""
    if award_round.pk is None:
        set_fields(award_round, data, ROUND_FIELDS)
        if award_round.criteria_template is None:
            default = CriteriaTemplate.objects.filter(is_default=True).first()
            award_round.criteria_template = default
        award_round.full_clean(exclude=list(exclude) or None)
        return None
    if award_round.phase.final:
        raise ValidationError(_("A finalized round can no longer be changed."), code="fixed")
    before = {**snapshot(award_round), "product_groups": _group_codes(award_round)}
    set_fields(award_round, data, ROUND_FIELDS)
    after = snapshot(award_round)
    if product_groups is not None:
        after["product_groups"] = sorted(group.code for group in product_groups)
    # Voting codes carry the level and year, the level decides the documents submitted
    # dossiers had to hold, entries were registered for these criteria and groups, and
    # judges score under the judging settings and dates: the phase fixes them.
    errors = {
        name: ValidationError(reason, code="fixed")
        for name, reason in award_round.fixed_fields().items()
        if name in after and after[name] != before[name]
    }
    if errors:
        raise ValidationError(errors)
    award_round.full_clean(exclude=list(exclude) or None)
    return before


def delete_round(*, actor, award_round: AwardRound) -> None:
    """A round created by mistake is deleted while it is a draft: no facility has seen it and
    no entry refers to it. Afterwards it is part of the record and stays."""
    if not rules.can_manage_rounds(actor):
        raise PermissionDenied(_("Only extension officers delete award rounds."))
    with transaction.atomic():
        current = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if current.phase.opened or current.entries.exists():
            raise ValidationError(
                _("Only a draft round without entries can be deleted."), code="protected"
            )
        log_activity(
            actor=actor,
            action=Action.DELETED,
            target=current,
            before={**snapshot(current), "product_groups": _group_codes(current)},
        )
        current.delete()


def _group_codes(award_round: AwardRound) -> list[int]:
    return sorted(award_round.product_groups.values_list("code", flat=True))
