"""Every change to a facility goes through one of these functions.

Each runs in one transaction, validates with the model's own rules (Facility.full_clean: tax
code check digit, ward in province, uniqueness) and writes an activity-log row.
"""

import contextlib
import copy
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants import rules
from applicants.models import Facility, FacilityMember
from core.activity import Action, log_activity, log_changes, snapshot
from core.roles import Role, role_of
from core.services import create_user
from core.validators import normalize_phone, normalize_tax_code

# Fields a facility's own form and API may set (everything but bookkeeping).
EDITABLE_FIELDS = [
    "name",
    "legal_form",
    "tax_code",
    "business_registration_number",
    "business_registration_date",
    "representative_name",
    "representative_title",
    "phone",
    "email",
    "address_line",
    "province",
    "ward",
    "old_address",
    "craft_village",
    "sector",
    "main_products",
    "workers",
    "founded_year",
    "woman_owned",
    "ethnic_minority_owned",
    "exporter",
    "local_materials_over_half",
    "has_artisan",
]


def _apply(facility: Facility, data: dict[str, Any], exclude=()) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(facility, name, value)
    _normalize(facility)
    errors = {}
    try:
        facility.full_clean(exclude=list(exclude) or None)
    except ValidationError as error:
        errors.update(error.update_error_dict({}))
    if "legal_form" in exclude and not facility.tax_code:
        # Whether a tax code is required depends on the legal form, which the form refused:
        # asking for one now could be wrong (a household business needs none).
        errors.pop("tax_code", None)
    if "founded_year" not in exclude and "founded_year" not in errors:
        errors.update(_founding_year_errors(facility.founded_year))
    if errors:
        raise ValidationError(errors)


def _founding_year_errors(year: int | None) -> dict:
    """A facility cannot have been founded after this year (the model's range, 1800 to 2100,
    is what the database holds; this is the day's rule)."""
    this_year = timezone.localdate().year
    if year is not None and year > this_year:
        message = _("The year founded cannot be later than this year (%(year)d).")
        return {
            "founded_year": [
                ValidationError(message, code="future_year", params={"year": this_year})
            ]
        }
    return {}


def check_facility(data: dict[str, Any], *, facility: Facility | None = None, exclude=()) -> None:
    """The checks create_facility/update_facility make, writing nothing: a form runs them in
    its own validation (on the fields it could parse; `exclude` names those it refused) so
    that every error shows in one pass. Raises ValidationError keyed by field."""
    candidate = Facility() if facility is None else copy.copy(facility)
    _apply(candidate, data, exclude)


def _normalize(facility: Facility) -> None:
    """Store identifiers in their canonical form so uniqueness and search work on one spelling.
    Invalid values are left as they are; full_clean then reports them on their field."""
    for name, normalize in (("tax_code", normalize_tax_code), ("phone", normalize_phone)):
        value = (getattr(facility, name) or "").strip()
        if value:
            with contextlib.suppress(ValidationError):
                value = normalize(value)
        setattr(facility, name, value)
    facility.tax_code = facility.tax_code or None  # absent is NULL, see Facility.tax_code


def create_facility(*, actor, data: dict[str, Any]) -> Facility:
    """Create a facility. An applicant who creates one becomes its member."""
    if not rules.can_create_facility(actor):
        raise PermissionDenied(_("You may not register facilities."))
    facility = Facility()
    _apply(facility, data)
    with transaction.atomic():
        facility.save()
        if role_of(actor) == Role.APPLICANT:
            FacilityMember.objects.create(facility=facility, user=actor)
        log_activity(actor=actor, action=Action.CREATED, target=facility, after=snapshot(facility))
    return facility


def update_facility(*, actor, facility: Facility, data: dict[str, Any]) -> Facility:
    """Change a facility's profile; the log row keeps the fields before and after."""
    if not rules.can_edit_facility(actor, facility):
        raise PermissionDenied(_("You may not edit this facility."))
    with transaction.atomic():
        # Lock the row and start from what is stored, so two concurrent edits do not interleave.
        current = Facility.objects.select_for_update().get(pk=facility.pk)
        before = snapshot(current)
        _apply(current, data)
        if log_changes(actor=actor, target=current, before=before, after=snapshot(current)):
            current.save()
    return current


def delete_facility(*, actor, facility: Facility) -> None:
    """Only an administrator deletes, and only a facility nothing else depends on yet."""
    if not rules.can_delete_facility(actor, facility):
        raise PermissionDenied(_("Only an administrator may delete a facility."))
    try:
        with transaction.atomic():
            log_activity(
                actor=actor, action=Action.DELETED, target=facility, before=snapshot(facility)
            )
            facility.delete()
    except ProtectedError:
        raise ValidationError(
            _("This facility cannot be deleted: other records (entries, proposals) refer to it."),
            code="protected",
        ) from None


def register_facility(
    *,
    username: str,
    password: str,
    full_name: str,
    email: str,
    facility_data: dict[str, Any],
):
    """Self-registration: a new applicant account and its facility, in one step.

    Validates both before writing anything so that an error in either leaves nothing behind.
    Errors are keyed by field; the account's own email error is keyed "account_email".
    """
    facility = Facility()
    errors = {}
    try:
        _apply(facility, facility_data)
    except ValidationError as error:
        errors.update(error.error_dict)
    with transaction.atomic():
        try:
            user = create_user(
                actor=None,
                username=username,
                password=password,
                role=Role.APPLICANT,
                full_name=full_name,
                email=email,
            )
        except ValidationError as error:
            # The account's email is reported as "account_email": "email" is the facility's.
            account_errors = dict(error.error_dict)
            if "email" in account_errors:
                account_errors["account_email"] = account_errors.pop("email")
            errors.update(account_errors)
        if errors:
            raise ValidationError(errors)  # leaving the block rolls the account back
        facility.save()
        FacilityMember.objects.create(facility=facility, user=user)
        log_activity(
            actor=user,
            action=Action.CREATED,
            target=facility,
            after=snapshot(facility),
            note=_("Self-registration"),
        )
    return user, facility


def add_member(*, actor, facility: Facility, user) -> FacilityMember:
    """Let an applicant account act for a facility. Officers and administrators link accounts
    (a facility's own members do it only through self-registration); adding twice is a no-op."""
    if not rules.can_manage_members(actor):
        raise PermissionDenied(_("Only extension officers link accounts to facilities."))
    if not rules.can_be_member(user):
        raise ValidationError(
            {"user": _("Only a facility (applicant) account can be a member.")}, code="role"
        )
    with transaction.atomic():
        member, created = FacilityMember.objects.get_or_create(facility=facility, user=user)
        if created:
            log_activity(
                actor=actor,
                action=Action.UPDATED,
                target=facility,
                after={"member_added": user.username},
            )
    return member


def remove_member(*, actor, member: FacilityMember) -> None:
    """Unlink an account from a facility; the facility's log keeps who it was."""
    if not rules.can_manage_members(actor):
        raise PermissionDenied(_("Only extension officers link accounts to facilities."))
    with transaction.atomic():
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=member.facility,
            before={"member_removed": member.user.get_username()},
        )
        member.delete()
