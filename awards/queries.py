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
