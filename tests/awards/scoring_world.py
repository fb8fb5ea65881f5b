"""A small judging round for the scoring tests: one panel (chair `chair`, member `judge`,
secretary made here), the official four criteria, eligible entries, sheets."""

from dataclasses import dataclass

from awards.models import ConflictDeclaration, RoundCriterion
from core.roles import Role
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    UserFactory,
)


@dataclass
class Judging:
    round: object
    panel: object
    judge: object
    chair: object
    secretary: object
    entry: object
    sheet: object
    chair_sheet: object


def make_judging(judge, chair, *, declared=True, facility=None, **round_fields) -> Judging:
    award_round = AwardRoundFactory(state="judging", **round_fields)
    panel = PanelFactory(round=award_round, name="Hội đồng cấp tỉnh")
    secretary = UserFactory(username=f"thuky{award_round.pk}", role=Role.JUDGE)
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge, role="member")
    PanelMemberFactory(panel=panel, judge=secretary, role="secretary")
    if declared:
        for user in (judge, chair, secretary):
            ConflictDeclaration.objects.create(round=award_round, judge=user)
    entry = EntryFactory(
        round=award_round,
        facility=facility or FacilityFactory(name="Cơ sở kẹo dừa Bí Mật"),
        product_name="Kẹo dừa sáp",
        state="eligible",
    )
    sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    chair_sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=chair)
    return Judging(award_round, panel, judge, chair, secretary, entry, sheet, chair_sheet)


def split_first_criterion(award_round) -> tuple:
    """Give criterion "1" (40 points) two sub-criteria, 1.1 (25) and 1.2 (15)."""
    parent = award_round.criteria.get(code="1")
    a = RoundCriterion.objects.create(
        round=award_round, parent=parent, code="1.1", text="Thị trường", max_points=25, position=1
    )
    b = RoundCriterion.objects.create(
        round=award_round, parent=parent, code="1.2", text="Sản xuất", max_points=15, position=2
    )
    return parent, a, b


FULL = [
    {"criterion": "1", "points": "35.5", "note": "Thị trường tốt"},
    {"criterion": "2", "points": "30"},
    {"criterion": "3", "points": "8"},
    {"criterion": "4", "points": "7.5"},
]
