"""Entries: a facility registers a product and edits its dossier (the fields of
awards.models.ENTRY_FIELDS). Submitting and withdrawing are transitions
(awards/workflows/entries.py)."""

import copy
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
        current = _lock_editable(actor, entry)
        before = snapshot(current)
        errors = _apply(current, data)
        if errors:
            raise ValidationError(errors)
        _save_logged(actor, current, before)
    return current


def save_entry_draft(
    *, actor, entry: Entry, data: dict[str, Any]
) -> tuple[Entry, dict[str, list[str]]]:
    """The draft the entry's page saves as the facility types (autosave): what update_entry
    would accept of `data` is saved and logged as update_entry saves it; a field it would refuse
    keeps its stored value and comes back in the errors ({field: messages}) instead of refusing
    the rest. Permission and phase as update_entry (PermissionDenied)."""
    with transaction.atomic():
        current = _lock_editable(actor, entry)
        before = snapshot(current)
        pending = dict(data)
        refused: dict[str, list[str]] = {}
        errors = _apply(current, pending)
        while errors:
            refused.update(errors)
            if not set(errors) & set(pending):
                # Nothing left to drop (an error of the stored values themselves): save nothing.
                return lock_with_parents(Entry, entry.pk), refused
            pending = {name: value for name, value in pending.items() if name not in refused}
            # Back to the stored values (the lock is held), then only the fields still valid.
            current = lock_with_parents(Entry, entry.pk)
            errors = _apply(current, pending)
        _save_logged(actor, current, before)
    return current, refused


def check_entry(entry: Entry, data: dict[str, Any], *, exclude=()) -> None:
    """The checks update_entry makes, writing nothing: a form runs them in its own validation,
    on the fields it could parse (`exclude` names those it refused), so that every error shows
    in one pass. Raises ValidationError keyed by field. (Permission and phase are the view's.)"""
    errors = _apply(copy.copy(entry), data, exclude)
    if errors:
        raise ValidationError(errors)


def _lock_editable(actor, entry: Entry) -> Entry:
    current = lock_with_parents(Entry, entry.pk)
    if not rules.can_edit_entry(actor, current):
        raise PermissionDenied(_("This entry cannot be edited now."))
    return current


def _apply(current: Entry, data: dict[str, Any], exclude=()) -> dict[str, list[str]]:
    """Set `data` on the entry (locked, or a copy for check_entry) and check it, but not the
    fields in `exclude`; the errors by field (none: valid)."""
    errors: dict[str, list[str]] = {}
    group = data.get("product_group")
    if group is not None and not current.round.product_groups.filter(pk=group.pk).exists():
        errors["product_group"] = [_("This product group is not open in this round.")]
    set_fields(current, data, ENTRY_FIELDS)
    try:
        current.full_clean(exclude=list(exclude) or None)
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors.setdefault("product_name" if key == "__all__" else key, []).extend(messages)
    return errors


def _save_logged(actor, current: Entry, before: dict) -> None:
    if log_changes(actor=actor, target=current, before=before, after=snapshot(current)):
        current.save()
