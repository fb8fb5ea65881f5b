"""Who may do what in award rounds. Pages, API and workflows ask these predicates; what a
round's phase allows comes from its flags (AwardRound.phase)."""

from applicants.rules import is_member
from awards import judging_rules
from awards.models import AwardRound, Entry, PanelMember, PanelRole, ScoreSheet
from core.roles import Role, has_role, is_staff_role, role_of

ROUND_MANAGERS = (Role.OFFICER, Role.ADMIN)


def can_manage_rounds(user) -> bool:
    return has_role(user, *ROUND_MANAGERS)


def can_view_round(user, award_round: AwardRound) -> bool:
    """Staff see every round; any other signed-in user the public ones (open for registration,
    or with published results)."""
    return is_staff_role(user) or (user.is_authenticated and award_round.phase.public)


def is_entry_member(user, entry: Entry) -> bool:
    return role_of(user) == Role.APPLICANT and is_member(user, entry.facility)


def can_view_entry(user, entry: Entry) -> bool:
    return is_staff_role(user) or is_entry_member(user, entry)


def dossier_phase_open(entry: Entry) -> bool:
    """Whether the round's phase lets the facility change this dossier: a draft is completed
    while the round accepts entries; a returned dossier while the center still screens."""
    phase = entry.round.phase
    if entry.state == Entry.State.DRAFT:
        return phase.accepts_entries
    if entry.state == Entry.State.RETURNED:
        return phase.screens
    return False


def can_edit_entry(user, entry: Entry) -> bool:
    """Only the facility edits its dossier, only while it is a draft or returned, and only
    while the round is still in the phase for it."""
    return dossier_phase_open(entry) and is_entry_member(user, entry)


def can_screen_entries(user) -> bool:
    return has_role(user, *ROUND_MANAGERS)


# ---- Judging (issue 8): judges' access to an entry's dossier ---------------------------------


def can_judge_entry(user, entry: Entry) -> bool:
    """A judge assigned the entry (a sheet of theirs that is not void), or the secretary of the
    panel that judges it, who has answered the round's conflict-of-interest declaration: they
    see the entry's dossier (by its voting code; the facility only where the round allows)."""
    if role_of(user) != Role.JUDGE:
        return False
    sheets = ScoreSheet.objects.filter(entry=entry).exclude(state=ScoreSheet.State.VOID)
    seated = (
        sheets.filter(judge=user).exists()
        or PanelMember.objects.filter(
            judge=user,
            role=PanelRole.SECRETARY,
            panel__in=sheets.values("panel"),
        ).exists()
    )
    return seated and judging_rules.has_declared(user, entry.round)
