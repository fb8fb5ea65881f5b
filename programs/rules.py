"""Who may do what with plans and proposals. Pages, API and the workflow ask these predicates."""

from applicants.rules import is_member
from core.roles import Role, has_role, is_staff_role, role_of
from programs.models import EDITABLE, Proposal

# Officers run plans, appraisal and the steps after approval; admins may too.
PROGRAM_OFFICERS = (Role.OFFICER, Role.ADMIN)
# Managers approve, reject and close; admins stand in for them.
PROGRAM_MANAGERS = (Role.MANAGER, Role.ADMIN)


def can_manage_plans(user) -> bool:
    return has_role(user, *PROGRAM_OFFICERS)


def can_edit_rules(user) -> bool:
    """Support rules and activities are reference data: officers and admins keep them."""
    return has_role(user, *PROGRAM_OFFICERS)


def can_apply(user) -> bool:
    """A facility's member applies for support; officers enter proposals for the center."""
    return role_of(user) == Role.APPLICANT or has_role(user, *PROGRAM_OFFICERS)


def is_proposal_member(user, proposal: Proposal) -> bool:
    """A member of one of the proposal's beneficiary facilities."""
    if role_of(user) != Role.APPLICANT:
        return False
    return any(is_member(user, facility) for facility in proposal.beneficiaries.all())


def can_view_proposal(user, proposal: Proposal) -> bool:
    return is_staff_role(user) or is_proposal_member(user, proposal)


def can_edit_proposal(user, proposal: Proposal) -> bool:
    """What the proposal says (lines, items, documents) changes only while it is a draft or
    returned: by its facility, or by an officer entering it."""
    if proposal.state not in EDITABLE:
        return False
    return is_proposal_member(user, proposal) or has_role(user, *PROGRAM_OFFICERS)


def can_record_money(user, proposal: Proposal) -> bool:
    return has_role(user, *PROGRAM_OFFICERS)


def can_record_acceptance(user, proposal: Proposal) -> bool:
    return has_role(user, *PROGRAM_OFFICERS) and proposal.state == Proposal.State.IN_PROGRESS


def can_see_opinions(user) -> bool:
    """The council's individual opinions are for staff; a facility never sees them."""
    return is_staff_role(user)
