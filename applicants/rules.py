"""Who may do what with a facility. Both front ends (pages and API) ask these predicates."""

from applicants.models import Facility
from core.roles import Role, has_role, is_staff_role, role_of


def is_member(user, facility: Facility) -> bool:
    return (
        user.is_authenticated
        and facility.pk is not None
        and facility.memberships.filter(user=user).exists()
    )


def can_be_member(user) -> bool:
    """Only a facility (applicant) account acts for a facility."""
    return role_of(user) == Role.APPLICANT


def can_manage_members(user) -> bool:
    return has_role(user, Role.OFFICER, Role.ADMIN)


def can_create_facility(user) -> bool:
    return has_role(user, Role.APPLICANT, Role.OFFICER, Role.ADMIN)


def can_view_facility(user, facility: Facility) -> bool:
    return is_staff_role(user) or (role_of(user) == Role.APPLICANT and is_member(user, facility))


def can_edit_facility(user, facility: Facility) -> bool:
    if has_role(user, Role.OFFICER, Role.ADMIN):
        return True
    return role_of(user) == Role.APPLICANT and is_member(user, facility)


def can_delete_facility(user, facility: Facility) -> bool:
    return has_role(user, Role.ADMIN)


def can_see_facility_history(user, facility: Facility) -> bool:
    return is_staff_role(user)
