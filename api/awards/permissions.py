"""Permission classes of the award API: they map a view's action to awards.rules, which the
services ask again, so a permission class only makes the API refuse before it parses a body."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from awards import rules as award_rules
from core.roles import Role, has_role, is_staff_role


class RoundPermission(BasePermission):
    """Who sees a round is awards.queries.rounds_visible_to; officers and administrators create
    and change rounds. Transitions are checked by the round's workflow."""

    def has_permission(self, request, view) -> bool:
        if view.action in ("create", "update", "partial_update", "destroy"):
            return award_rules.can_manage_rounds(request.user)
        return True


class CriteriaTemplatePermission(BasePermission):
    """Staff read criteria templates; officers and administrators write them."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return is_staff_role(request.user)
        return award_rules.can_manage_rounds(request.user)


class EntryPermission(BasePermission):
    """Who sees an entry is awards.queries.entries_visible_to. Only an applicant registers one
    (awards.services.register_entry then checks they are a member of the facility); only the
    facility edits its dossier, while it is editable; only officers and administrators screen
    (awards.rules.can_screen_entries, asked again by the services). Transitions are checked by
    the workflow."""

    def has_permission(self, request, view) -> bool:
        if view.action == "create":
            return has_role(request.user, Role.APPLICANT)
        if view.action in ("screening", "bulk_transition"):
            return award_rules.can_screen_entries(request.user)
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if view.action in ("update", "partial_update"):
            return award_rules.can_edit_entry(request.user, obj)
        return True
