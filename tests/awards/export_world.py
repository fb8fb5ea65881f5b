"""A small finalized round with recognised entries, for the tests of the official lists."""

import datetime

from awards.models import Certificate, ProductGroup
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    give_scores,
)


def _entry(award_round, panel, judges, code, product, group_code, points, facility=None):
    entry = EntryFactory(
        round=award_round,
        product_name=product,
        product_group=ProductGroup.objects.get(code=group_code),
        facility=facility or FacilityFactory(),
        state="eligible",
        voting_code=code,
    )
    for judge, values in zip(judges, points, strict=True):
        give_scores(ScoreSheetFactory(panel=panel, entry=entry, judge=judge), values, submit=True)
    return entry


def recognized_round(judge, chair):
    """A finalized blind 2024 round: three entries scored by `judge` and `chair`, two of them
    recognised with certificates (groups 1 and 2), one not."""
    award_round = AwardRoundFactory(state="judging", year=2024, judges_see_identity=False)
    panel = PanelFactory(round=award_round)
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge, role="member")
    judges = (judge, chair)
    facility = FacilityFactory(name="Cơ sở kẹo dừa Bí Mật")
    entries = {
        "T2024-2-001": _entry(
            award_round,
            panel,
            judges,
            "T2024-2-001",
            "Kẹo dừa sáp",
            2,
            ([30, 20, 15, 15], [32, 20, 16, 15]),
            facility,
        ),
        "T2024-1-002": _entry(
            award_round,
            panel,
            judges,
            "T2024-1-002",
            '=HYPERLINK("http://x","y")',
            1,
            ([30, 20, 15, 10], [30, 20, 15, 10]),
        ),
        "T2024-2-003": _entry(
            award_round,
            panel,
            judges,
            "T2024-2-003",
            "Bánh phồng",
            2,
            ([20, 10, 10, 10], [20, 10, 10, 10]),
        ),
    }
    recognised = ("T2024-2-001", "T2024-1-002")
    for sequence, code in enumerate(recognised, start=1):
        entry = entries[code]
        entry.state = "recognized"
        entry.save(update_fields=["state"])
        Certificate.objects.create(
            round=award_round,
            entry=entry,
            number=f"{sequence:02d}/2024/GCN",
            year=2024,
            sequence=sequence,
            issued_on=datetime.date(2024, 12, 1),
            valid_until=datetime.date(2027, 12, 1),
        )
    award_round.state = "finalized"
    award_round.save(update_fields=["state"])
    return award_round
