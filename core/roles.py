"""The one place that says what each role is.

A role is a Django group with one of these keys; the keys are the same in the API, fixtures and
code. A user has one role: the first of ROLE_PRECEDENCE among their groups (a superuser is an
admin).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Facility (applicant)")
    JUDGE = "judge", _("Judge")
    OFFICER = "officer", _("Extension officer")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Administrator")


ROLE_DESCRIPTIONS = {
    Role.APPLICANT: _(
        "A member of one or more rural industrial facilities: keeps their profile, registers "
        "products for award rounds and submits proposals."
    ),
    Role.JUDGE: _("A member of a judging panel: scores the entries assigned to them."),
    Role.OFFICER: _(
        "Staff of the extension center: sets up rounds and plans, screens dossiers, manages "
        "facilities, judges and applicants, and exports the official lists."
    ),
    Role.MANAGER: _("Head of the center or department: approves proposals and confirms results."),
    Role.ADMIN: _("System administrator: users, roles and reference data."),
}

# When a user is in several groups, the most powerful one is their role.
ROLE_PRECEDENCE = [Role.ADMIN, Role.MANAGER, Role.OFFICER, Role.JUDGE, Role.APPLICANT]

# Roles that see every facility (staff of the center).
STAFF_ROLES = frozenset({Role.OFFICER, Role.MANAGER, Role.ADMIN})

# Which roles each role may create accounts for (API /users/ and the admin pages).
CREATABLE_ROLES = {
    Role.ADMIN: frozenset(Role),
    Role.OFFICER: frozenset({Role.JUDGE, Role.APPLICANT}),
}


def role_of(user) -> Role | None:
    """The user's role, or None for an anonymous user or one without a role group."""
    if not user or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    # Cached per user object: pages ask several times per request.
    cached = getattr(user, "_role_cache", False)
    if cached is not False:
        return cached
    names = {group.name for group in user.groups.all()}
    role = next((r for r in ROLE_PRECEDENCE if r.value in names), None)
    user._role_cache = role
    return role


def has_role(user, *roles: Role) -> bool:
    return role_of(user) in roles


def is_staff_role(user) -> bool:
    return role_of(user) in STAFF_ROLES


def roles_creatable_by(user) -> frozenset[Role]:
    return CREATABLE_ROLES.get(role_of(user), frozenset())
