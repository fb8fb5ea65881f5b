"""Who may create, edit and delete facilities in the API (applicants.rules, asked again by the
services)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from applicants import rules


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
