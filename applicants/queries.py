"""Permission-aware querysets of facilities."""

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
