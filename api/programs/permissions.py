"""Permission classes of the programme API: they map a view's action to programs.rules, which
the services ask again, so a permission class only makes the API refuse before it parses a
body. Who sees a row is programs.queries; transitions are checked by the workflows."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.roles import is_staff_role
from programs import rules


class ReferencePermission(BasePermission):
    """Activities and support rules: read by anyone signed in (a facility reads the rates it
    applies under), written by officers and administrators."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return rules.can_edit_rules(request.user)


class PlanPermission(BasePermission):
    """Plans: who sees one is programs.queries.plans_visible_to; officers draw them up."""

    def has_permission(self, request, view) -> bool:
        if view.action in ("create", "update", "partial_update"):
            return rules.can_manage_plans(request.user)
        return True


class ProposalPermission(BasePermission):
    """Proposals: a facility's member or an officer draws one up (the service checks the
    facility); editing is programs.rules.can_edit_proposal, asked by the service under the
    proposal's lock (its state may change meanwhile)."""

    def has_permission(self, request, view) -> bool:
        if view.action == "create":
            return rules.can_apply(request.user)
        return True


class StaffOnly(BasePermission):
    """Appraisal councils are the center's: a facility never sees them (nor the opinions)."""

    def has_permission(self, request, view) -> bool:
        return is_staff_role(request.user)
