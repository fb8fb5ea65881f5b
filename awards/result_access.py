"""Who reads a round's results, and what a facility reads of its entries' results once the
round is published (issue 8: results). The results themselves are awards.results."""

from django.db.models import Count, Sum

from awards.models import (
    SCREENED_IN,
    AwardRound,
    Certificate,
    Entry,
    Nomination,
    PanelMember,
    PanelRole,
    ScoreSheet,
)
from awards.result_numbers import ratio, tenths
from core.roles import Role, is_staff_role, role_of


def published_outcomes(entries) -> dict[int, dict]:
    """What a facility reads of its entries once their round is published: {entry id: {"score",
    "has_result", "recognized", "certificate", "nomination"}} for the entries of published
    rounds among `entries`; the others are left out. A few queries for any number of entries:
    the score is the mean of the entry's submitted totals (the same rule as compute_results),
    never any judge's sheet."""
    published = AwardRound.states_where(public=True, final=True)
    chosen = [e for e in entries if e.round.state in published and e.state in SCREENED_IN]
    if not chosen:
        return {}
    ids = [e.pk for e in chosen]
    stats = {
        row["entry_id"]: row
        for row in ScoreSheet.objects.filter(entry_id__in=ids, state=ScoreSheet.State.SUBMITTED)
        .values("entry_id")
        .annotate(n=Count("id"), total_sum=Sum("total"))
        .order_by()
    }
    certificates = {c.entry_id: c for c in Certificate.objects.filter(entry_id__in=ids)}
    nominations = {n.entry_id: n for n in Nomination.objects.filter(entry_id__in=ids)}
    outcomes = {}
    for entry in chosen:
        row = stats.get(entry.pk)
        count = row["n"] if row else 0
        has_result = count > 0 and count >= entry.round.min_score_sheets
        outcomes[entry.pk] = {
            "has_result": has_result,
            "score": ratio(tenths(row["total_sum"]), 10 * count) if has_result else None,
            "recognized": entry.state == Entry.State.RECOGNIZED,
            "certificate": certificates.get(entry.pk),
            "nomination": nominations.get(entry.pk),
        }
    return outcomes


def chairs_in_round(user, award_round: AwardRound) -> bool:
    """Whether the user chairs a panel of the round (a judge with the chair's seat)."""
    if not getattr(user, "is_authenticated", False) or role_of(user) != Role.JUDGE:
        return False
    return PanelMember.objects.filter(
        panel__round=award_round, judge=user, role=PanelRole.CHAIR
    ).exists()


def can_view_results(user, award_round: AwardRound) -> bool:
    """The center's staff, and the chair of a panel of the round (without the facilities'
    names): whether they may read its results (shown once the phase makes them visible)."""
    return is_staff_role(user) or chairs_in_round(user, award_round)


def sees_facilities(user) -> bool:
    """Only staff read the facility of each result; a chair reads voting codes and products."""
    return is_staff_role(user)


def certificates_visible_to(user):
    """Staff see every certificate; an applicant their facilities' once the round is published;
    nobody else any."""
    certificates = Certificate.objects.select_related(
        "round", "entry", "entry__facility", "entry__product_group"
    ).order_by("-year", "sequence")
    if is_staff_role(user):
        return certificates
    if role_of(user) == Role.APPLICANT:
        return certificates.filter(
            entry__facility__memberships__user=user,
            round__state__in=AwardRound.states_where(public=True, final=True),
        ).distinct()
    return certificates.none()
