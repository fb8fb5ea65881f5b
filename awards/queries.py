"""Permission-aware querysets of rounds and entries."""

from django.db.models import QuerySet

from awards.models import AwardRound, Entry
from core.roles import Role, is_staff_role, role_of


def rounds_visible_to(user) -> QuerySet[AwardRound]:
    """Staff see every round; any other signed-in user sees rounds open for registration and
    published ones."""
    rounds = AwardRound.objects.prefetch_related("product_groups")
    if is_staff_role(user):
        return rounds
    if user.is_authenticated:
        return rounds.filter(state__in=AwardRound.states_where(public=True))
    return rounds.none()


def entries_visible_to(user) -> QuerySet[Entry]:
    """Staff see every entry; an applicant sees their facilities' entries; judges see none
    here (they will see their assigned entries, by voting code, through the judging pages)."""
    entries = Entry.objects.select_related(
        "round", "facility", "facility__province", "facility__ward", "product_group"
    )
    if is_staff_role(user):
        return entries
    if role_of(user) == Role.APPLICANT:
        return entries.filter(facility__memberships__user=user).distinct()
    return entries.none()


# ---- Judging (issue 8): scoring ------------------------------------------------------------


def sheets_visible_to(user) -> QuerySet:
    """The score sheets a user may open. Staff: all. A judge: their own, and on a panel they
    chair or keep the records of (the secretary enters paper sheets), the panel's sheets —
    only in rounds whose conflict-of-interest declaration they have answered (until then a
    judge sees no entry). Whose scores a chair reads is awards.judging_rules.sees_other_scores
    (the sheet's representation leaves them out). Others: none."""
    from django.db.models import Exists, OuterRef, Q

    from awards.models import ConflictDeclaration, PanelMember, PanelRole, ScoreSheet

    sheets = ScoreSheet.objects.select_related(
        "round", "panel", "entry", "entry__product_group", "judge", "entered_by"
    )
    if is_staff_role(user):
        return sheets
    if role_of(user) != Role.JUDGE:
        return sheets.none()
    keeps_panel = PanelMember.objects.filter(
        judge=user, role__in=(PanelRole.CHAIR, PanelRole.SECRETARY)
    ).values("panel_id")
    declared = ConflictDeclaration.objects.filter(round=OuterRef("round_id"), judge=user)
    return sheets.filter(Q(judge=user) | Q(panel_id__in=keeps_panel), Exists(declared))


def judge_entries(user, award_round: AwardRound) -> QuerySet[Entry]:
    """The entries of the round the judge holds a sheet for that is not void."""
    from awards.models import ScoreSheet

    held = (
        ScoreSheet.objects.filter(round=award_round, judge=user)
        .exclude(state=ScoreSheet.State.VOID)
        .values("entry_id")
    )
    return Entry.objects.filter(round=award_round, pk__in=held).select_related("product_group")
