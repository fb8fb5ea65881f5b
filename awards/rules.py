"""Who may do what in award rounds. Pages, API and workflows ask these predicates."""

from applicants.rules import is_member
from awards.models import AwardRound, Entry
from core.roles import Role, has_role, is_staff_role, role_of

ROUND_MANAGERS = (Role.OFFICER, Role.ADMIN)
# Rounds an applicant (or a judge) may see: open for registration, or with published results.
PUBLIC_ROUND_STATES = (AwardRound.State.REGISTRATION, AwardRound.State.PUBLISHED)


def can_manage_rounds(user) -> bool:
    return has_role(user, *ROUND_MANAGERS)


def can_view_round(user, award_round: AwardRound) -> bool:
    return is_staff_role(user) or (
        user.is_authenticated and award_round.state in PUBLIC_ROUND_STATES
    )


def is_entry_member(user, entry: Entry) -> bool:
    return role_of(user) == Role.APPLICANT and is_member(user, entry.facility)


def can_view_entry(user, entry: Entry) -> bool:
    return is_staff_role(user) or is_entry_member(user, entry)


# Round states in which a dossier may still change: a draft is completed while registration
# is open; a returned dossier is completed while the center is still screening.
DRAFT_EDITABLE_ROUND_STATES = (AwardRound.State.REGISTRATION,)
SCREENING_ROUND_STATES = (AwardRound.State.REGISTRATION, AwardRound.State.SCREENING)


def can_edit_entry(user, entry: Entry) -> bool:
    """Only the facility edits its dossier, only while it is a draft or returned, and only
    while the round is still in the phase for it."""
    if entry.state == Entry.State.DRAFT:
        phase_open = entry.round.state in DRAFT_EDITABLE_ROUND_STATES
    elif entry.state == Entry.State.RETURNED:
        phase_open = entry.round.state in SCREENING_ROUND_STATES
    else:
        return False
    return phase_open and is_entry_member(user, entry)


def can_screen_entries(user) -> bool:
    return has_role(user, *ROUND_MANAGERS)
