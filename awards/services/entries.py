"""Entries: a facility registers a product and edits its dossier. Submitting and
withdrawing are transitions (awards/workflows/entries.py)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.eligibility import is_rural_industrial_facility
from applicants.models import Facility
from applicants.rules import is_member
from awards import rules
from awards.models import (
    AwardRound,
    Entry,
)
from awards.services.common import set_fields
from core.activity import Action, log_activity, log_changes, snapshot
from core.roles import Role, role_of

ENTRY_FIELDS = [
    "product_name",
    "product_group",
    "is_product_set",
    "features",
    "materials",
    "production_process",
    "markets",
    "price",
    "quality_standards",
    "awards_received",
]


def register_entry(
    *, actor, award_round: AwardRound, facility: Facility, data: dict[str, Any]
) -> Entry:
    """A facility registers a product: only in the registration window, for an open group, if
    the facility is eligible, once per product name."""
    if not (role_of(actor) == Role.APPLICANT and is_member(actor, facility)):
        raise PermissionDenied(_("Only a member of the facility registers its products."))
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not award_round.accepts_registrations(on=today):
        errors.setdefault("round", []).append(_("This round is not open for registration."))
    eligibility = is_rural_industrial_facility(facility, on=today)
    if not eligibility:
        errors.setdefault("facility", []).extend(
            [_("The facility is not a rural industrial facility."), *eligibility.reasons]
        )
    entry = Entry(round=award_round, facility=facility, created_by=actor)
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
    try:
        with transaction.atomic():
            entry.save()
            log_activity(actor=actor, action=Action.CREATED, target=entry, after=snapshot(entry))
    except IntegrityError:
        # Two registrations of the same product raced past full_clean.
        raise ValidationError(
            {"product_name": _("This facility already registered this product in this round.")}
        ) from None
    return entry


def update_entry(*, actor, entry: Entry, data: dict[str, Any]) -> Entry:
    """The facility edits its dossier while it is a draft or returned."""
    with transaction.atomic():
        current = Entry.objects.select_for_update().select_related("round").get(pk=entry.pk)
        if not rules.can_edit_entry(actor, current):
            raise PermissionDenied(_("This entry cannot be edited now."))
        group = data.get("product_group")
        if group is not None and not current.round.product_groups.filter(pk=group.pk).exists():
            raise ValidationError(
                {"product_group": _("This product group is not open in this round.")}
            )
        before = snapshot(current)
        set_fields(current, data, ENTRY_FIELDS)
        try:
            current.full_clean()
        except ValidationError as error:
            raise ValidationError(
                {
                    ("product_name" if key == "__all__" else key): messages
                    for key, messages in error.message_dict.items()
                }
            ) from None
        if log_changes(actor=actor, target=current, before=before, after=snapshot(current)):
            current.save()
    return current
