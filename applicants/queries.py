"""Permission-aware querysets of facilities."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from applicants.models import Facility
from core.roles import Role, is_staff_role, role_of


def facilities_visible_to(user) -> QuerySet[Facility]:
    """Staff see every facility; an applicant sees their own; everyone else sees none."""
    facilities = Facility.objects.select_related("province", "ward")
    if is_staff_role(user):
        return facilities
    if role_of(user) == Role.APPLICANT:
        return facilities.filter(memberships__user=user).distinct()
    return facilities.none()


def facility_accounts(facilities) -> QuerySet:
    """The active applicant accounts that act for these facilities (a facility or several):
    whom a notification about their dossier or proposal is sent to."""
    if isinstance(facilities, Facility):
        facilities = [facilities]
    return (
        get_user_model()
        .objects.filter(
            facility_memberships__facility__in=facilities,
            groups__name=Role.APPLICANT,
            is_active=True,
        )
        .distinct()
    )
