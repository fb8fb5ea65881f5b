"""DRF permission classes that map a view's action to the project's predicates.

The predicates themselves live in core.roles and applicants.rules, shared with the web pages;
the services ask them again, so a permission class only makes the API refuse before it parses a
request body.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from applicants import rules
from core.roles import roles_creatable_by


class CanManageUsers(BasePermission):
    """Officers and admins (any role that may create accounts) list, read and create users."""

    def has_permission(self, request, view) -> bool:
        return bool(roles_creatable_by(request.user))


class FacilityPermission(BasePermission):
    """Who sees a facility is decided by the queryset (applicants.queries); this class decides
    who may create, edit and delete one."""

    def has_permission(self, request, view) -> bool:
        if view.action == "create":
            return rules.can_create_facility(request.user)
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if view.action == "destroy":
            return rules.can_delete_facility(request.user, obj)
        return rules.can_edit_facility(request.user, obj)
