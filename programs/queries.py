"""Permission-aware querysets of plans and proposals."""

from django.db.models import QuerySet

from core.roles import Role, is_staff_role, role_of
from programs.models import Plan, Proposal


def proposals_visible_to(user) -> QuerySet[Proposal]:
    """Staff see every proposal; an applicant those of its facilities; nobody else any."""
    proposals = Proposal.objects.select_related("plan", "activity", "province", "ward")
    if is_staff_role(user):
        return proposals
    if role_of(user) == Role.APPLICANT:
        return proposals.filter(beneficiaries__memberships__user=user).distinct()
    return proposals.none()


def plans_visible_to(user) -> QuerySet[Plan]:
    """Plans are the center's working documents: staff see them; a facility applies to those
    taking proposals."""
    if is_staff_role(user):
        return Plan.objects.all()
    if role_of(user) == Role.APPLICANT:
        return Plan.objects.filter(state=Plan.State.DRAFT)
    return Plan.objects.none()
