"""Who may do what in judging: panel seats and what a judge may see. Pages, API, services and
the score sheet's workflow ask these predicates."""

from awards.models import (
    AwardRound,
    ConflictDeclaration,
    Panel,
    PanelMember,
    PanelRole,
    RoundCriterion,
    ScoreSheet,
)
from core.roles import Role, has_role, role_of


def _seat(user, panel: Panel) -> str | None:
    """The user's role on the panel, None without a seat (cached per user and panel: a page
    asks several times)."""
    if not getattr(user, "is_authenticated", False) or role_of(user) != Role.JUDGE:
        return None
    cache = user.__dict__.setdefault("_panel_seats", {})
    if panel.pk not in cache:
        seats = PanelMember.objects.filter(panel=panel, judge=user)
        cache[panel.pk] = seats.values_list("role", flat=True).first()
    return cache[panel.pk]


def is_chair(user, panel: Panel) -> bool:
    return _seat(user, panel) == PanelRole.CHAIR


def is_secretary(user, panel: Panel) -> bool:
    return _seat(user, panel) == PanelRole.SECRETARY


def is_sheet_judge(user, sheet: ScoreSheet) -> bool:
    return getattr(user, "pk", None) == sheet.judge_id and has_role(user, Role.JUDGE)


def has_declared(user, award_round: AwardRound) -> bool:
    """Whether the judge has answered the round's conflict-of-interest declaration: until then
    they see no entry's details."""
    return ConflictDeclaration.objects.filter(round=award_round, judge=user).exists()


def sees_identity(award_round: AwardRound) -> bool:
    """Judges see the facility's name, tax code, address and contacts only when the round
    allows it (otherwise the voting code, the group and the product dossier)."""
    return award_round.judges_see_identity


def sees_other_scores(award_round: AwardRound) -> bool:
    """Judges see other judges' scores only once the round is finalized, or before when the
    round allows it."""
    return award_round.phase.final or award_round.judges_see_other_scores


def unscored_criteria(sheet: ScoreSheet) -> list[RoundCriterion]:
    """The criteria the sheet must score (the round's criteria without sub-criteria) that it
    has no points for yet, in the sheet's order."""
    scored = set(sheet.scores.values_list("criterion_id", flat=True))
    return [c for c in scored_criteria(sheet.round) if c.pk not in scored]


def scored_criteria(award_round: AwardRound) -> list[RoundCriterion]:
    """The criteria a sheet gives points to: those without sub-criteria (a parent's points are
    the sum of its children's), in the order of the official sheet."""
    criteria = list(award_round.criteria.order_by("position", "id"))
    parents = {c.parent_id for c in criteria if c.parent_id}
    by_parent: dict = {}
    for criterion in criteria:
        by_parent.setdefault(criterion.parent_id, []).append(criterion)
    ordered = []

    def walk(parent_id):
        for criterion in by_parent.get(parent_id, []):
            if criterion.pk in parents:
                walk(criterion.pk)
            else:
                ordered.append(criterion)

    walk(None)
    return ordered
