"""Entries: a facility registers a product and edits its dossier (the fields of
awards.models.ENTRY_FIELDS). Submitting and withdrawing are transitions
(awards/workflows/entries.py)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from applicants.eligibility import is_rural_industrial_facility
from applicants.models import Facility
from applicants.rules import is_member
from awards import rules
from awards.models import ENTRY_FIELDS, AwardRound, Entry
from awards.services.common import set_fields
from core.activity import Action, log_activity, log_changes, snapshot
from core.clock import moment_of
from core.roles import Role, role_of
from core.workflow import lock_with_parents


def register_entry(
    *,
    actor,
    award_round: AwardRound,
    facility: Facility,
    data: dict[str, Any],
    on: datetime.date | None = None,
) -> Entry:
    """A facility registers a product: only in the registration window, for an open group, if
    the facility is eligible, once per product name. `on`: the day it registers (today unless a
    past round is being recorded, core.clock); the window and the eligibility rule are read on
    that day."""
    if not (role_of(actor) == Role.APPLICANT and is_member(actor, facility)):
        raise PermissionDenied(_("Only a member of the facility registers its products."))
    when = moment_of(on)
    try:
        with transaction.atomic():
            # The round's row is locked: it cannot close registration meanwhile.
            locked_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
            entry = _validated_registration(actor, locked_round, facility, data, when)
            entry.save()
            log_activity(
                actor=actor, action=Action.CREATED, target=entry, after=snapshot(entry), at=when.at
            )
    except IntegrityError:
        # Two registrations of the same product raced past full_clean.
        raise ValidationError(
            {"product_name": _("This facility already registered this product in this round.")}
        ) from None
    return entry


def _validated_registration(actor, award_round, facility, data, when) -> Entry:
    errors: dict[str, list[str]] = {}
    if not award_round.accepts_registrations(on=when.day):
        errors.setdefault("round", []).append(_("This round is not open for registration."))
    eligibility = is_rural_industrial_facility(facility, on=when.day)
    if not eligibility:
        errors.setdefault("facility", []).extend(
            [_("The facility is not a rural industrial facility."), *eligibility.reasons]
        )
    entry = Entry(round=award_round, facility=facility, created_by=actor, created_at=when.at)
    set_fields(entry, data, ENTRY_FIELDS)
    group = data.get("product_group")
    if group is not None and not award_round.product_groups.filter(pk=group.pk).exists():
        errors.setdefault("product_group", []).append(
            _("This product group is not open in this round.")
        )
    try:
        entry.full_clean()
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors.setdefault("product_name" if key == "__all__" else key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return entry


def update_entry(*, actor, entry: Entry, data: dict[str, Any]) -> Entry:
    """The facility edits its dossier while it is a draft or returned (and the round's phase is
    the one for it: the round's row is locked first, as the workflow does)."""
    with transaction.atomic():
        current = lock_with_parents(Entry, entry.pk)
        locked_round = current.round
        if not rules.can_edit_entry(actor, current):
            raise PermissionDenied(_("This entry cannot be edited now."))
        errors = {}
        group = data.get("product_group")
        if group is not None and not locked_round.product_groups.filter(pk=group.pk).exists():
            errors["product_group"] = [_("This product group is not open in this round.")]
        before = snapshot(current)
        set_fields(current, data, ENTRY_FIELDS)
        try:
            current.full_clean()
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                errors.setdefault("product_name" if key == "__all__" else key, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        if log_changes(actor=actor, target=current, before=before, after=snapshot(current)):
            current.save()
    return current
