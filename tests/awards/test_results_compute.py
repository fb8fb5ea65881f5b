"""awards.results.compute_results against a small round computed by hand."""

import statistics
from decimal import Decimal

import pytest
from django.utils import translation

from awards.models import ProductGroup, RoundCriterion
from awards.results import compute_results
from core.roles import Role
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    PanelFactory,
    ScoreSheetFactory,
    UserFactory,
    give_scores,
)

pytestmark = pytest.mark.django_db

D = Decimal


def scored_round(award_round=None):
    """A deliberating round, three judges (J1 lenient, J3 severe) and one more (J4) whose only
    sheet is void. Entries by voting code:

        code      group J1              J2              J3             mean
        T-1-001   1     35 35 9 9 = 88  30 30 8 8 = 76  25 25 6 6 = 62  75.33
        T-2-001   2     36 30 8 8 = 82  30 30 8 8 = 76  30 30 8 8 = 76  78.00 (tie, c1 32)
        T-2-002   2     30 36 8 8 = 82  30 30 8 8 = 76  30 30 8 8 = 76  78.00 (tie, c1 30)
        T-2-003   2     30 30 5 5 = 70  (same)          (same)          70.00 (tie, code)
        T-2-004   2     30 30 5 5 = 70  (same)          (same)          70.00
        T-2-005   2     20 20 5 5 = 50  35 35 9 9 = 88  30 30 8 8 = 76  71.33 spread 38, + void
        T-2-006   2     30 30 5 5 = 70  30 30 5 5 = 70  draft           under the minimum
        T-2-007   2     20 20 5 5 = 50  25 25 5 5 = 60  30 30 5 5 = 70  60.00 fails
    """
    award_round = award_round or AwardRoundFactory(state="deliberation")
    panel = PanelFactory(round=award_round)
    judges = [UserFactory(role=Role.JUDGE) for _ in range(4)]
    groups = {g.code: g for g in ProductGroup.objects.all()}
    table = {
        "T2026-1-001": (1, [[35, 35, 9, 9], [30, 30, 8, 8], [25, 25, 6, 6]]),
        "T2026-2-001": (2, [[36, 30, 8, 8], [30, 30, 8, 8], [30, 30, 8, 8]]),
        "T2026-2-002": (2, [[30, 36, 8, 8], [30, 30, 8, 8], [30, 30, 8, 8]]),
        "T2026-2-003": (2, [[30, 30, 5, 5]] * 3),
        "T2026-2-004": (2, [[30, 30, 5, 5]] * 3),
        "T2026-2-005": (2, [[20, 20, 5, 5], [35, 35, 9, 9], [30, 30, 8, 8]]),
        "T2026-2-006": (2, [[30, 30, 5, 5], [30, 30, 5, 5], None]),
        "T2026-2-007": (2, [[20, 20, 5, 5], [25, 25, 5, 5], [30, 30, 5, 5]]),
    }
    entries = {}
    for code, (group, sheets) in table.items():
        entry = EntryFactory(
            round=award_round, state="eligible", voting_code=code, product_group=groups[group]
        )
        entries[code] = entry
        for judge, points in zip(judges, sheets, strict=False):
            sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
            if points is None:
                give_scores(sheet, [30, 30, 5, 5])  # a draft: never counted
            else:
                give_scores(sheet, points, submit=True)
    void = ScoreSheetFactory(panel=panel, entry=entries["T2026-2-005"], judge=judges[3])
    give_scores(void, [0, 0, 0, 0], submit=True)
    void.state = "void"
    void.save()
    return award_round, entries, judges


def test_results_equal_the_hand_computed_table():
    award_round, _entries, _judges = scored_round()

    results = compute_results(award_round)
    table = [
        (
            r.voting_code,
            r.sheets,
            str(r.mean),
            " ".join(str(r.criterion_means[c]) for c in "1234") if r.has_result else None,
            str(r.spread),
            r.disagreement,
            r.rank_in_group,
            r.rank_overall,
            r.passes,
            r.has_result,
        )
        for r in results.rows
    ]

    assert table == [
        ("T2026-2-001", 3, "78.00", "32.00 30.00 8.00 8.00", "6.00", False, 1, 1, True, True),
        ("T2026-2-002", 3, "78.00", "30.00 32.00 8.00 8.00", "6.00", False, 2, 2, True, True),
        ("T2026-1-001", 3, "75.33", "30.00 30.00 7.67 7.67", "26.00", True, 1, 3, True, True),
        ("T2026-2-005", 3, "71.33", "28.33 28.33 7.33 7.33", "38.00", True, 3, 4, True, True),
        ("T2026-2-003", 3, "70.00", "30.00 30.00 5.00 5.00", "0.00", False, 4, 5, True, True),
        ("T2026-2-004", 3, "70.00", "30.00 30.00 5.00 5.00", "0.00", False, 5, 6, True, True),
        ("T2026-2-007", 3, "60.00", "25.00 25.00 5.00 5.00", "20.00", False, 6, 7, False, True),
        ("T2026-2-006", 2, "None", None, "None", False, None, None, False, False),
    ]


def test_results_standard_deviation_is_the_population_one():
    award_round, _entries, _judges = scored_round()

    rows = {r.voting_code: r for r in compute_results(award_round).rows}

    # pstdev(88, 76, 62) = 10.6248…; pstdev(82, 76, 76) = 2.8284…
    assert rows["T2026-1-001"].stdev == D("10.62")
    assert rows["T2026-2-001"].stdev == D("2.83")
    assert rows["T2026-2-003"].stdev == D("0.00")


def test_results_normalised_score_moves_entries_of_a_lenient_and_a_severe_judge():
    award_round, _entries, _judges = scored_round()
    sheets = {  # each judge's submitted totals, by entry (the draft and the void left out)
        "T2026-1-001": (88, 76, 62),
        "T2026-2-001": (82, 76, 76),
        "T2026-2-002": (82, 76, 76),
        "T2026-2-003": (70, 70, 70),
        "T2026-2-004": (70, 70, 70),
        "T2026-2-005": (50, 88, 76),
        "T2026-2-006": (70, 70),
        "T2026-2-007": (50, 60, 70),
    }
    by_judge = [[s[j] for s in sheets.values() if len(s) > j] for j in range(3)]
    everything = [total for s in sheets.values() for total in s]
    scale_mean, scale_sd = statistics.fmean(everything), statistics.pstdev(everything)

    def expected(totals):
        z = [
            (t - statistics.fmean(by_judge[j])) / statistics.pstdev(by_judge[j])
            for j, t in enumerate(totals)
        ]
        return D(str(round(scale_mean + scale_sd * statistics.fmean(z), 2)))

    rows = {r.voting_code: r for r in compute_results(award_round).rows}

    assert rows["T2026-1-001"].normalized == expected(sheets["T2026-1-001"])
    assert rows["T2026-2-005"].normalized == expected(sheets["T2026-2-005"])
    # The official mean is untouched.
    assert rows["T2026-2-005"].mean == D("71.33")
    # A lenient judge's 88 counts less than a severe judge's: the normalised scores differ
    # from the means where the judges disagree.
    assert rows["T2026-1-001"].normalized != rows["T2026-1-001"].mean


def test_results_judge_without_spread_contributes_zero():
    award_round = AwardRoundFactory(state="deliberation", min_score_sheets=1)
    panel = PanelFactory(round=award_round)
    flat, varied = UserFactory(role=Role.JUDGE), UserFactory(role=Role.JUDGE)
    a = EntryFactory(round=award_round, state="eligible", voting_code="T2026-2-001")
    b = EntryFactory(round=award_round, state="eligible", voting_code="T2026-2-002")
    for entry, points in ((a, [30, 30, 5, 5]), (b, [35, 35, 5, 5])):
        give_scores(
            ScoreSheetFactory(panel=panel, entry=entry, judge=flat), [30, 30, 5, 5], submit=True
        )
        give_scores(ScoreSheetFactory(panel=panel, entry=entry, judge=varied), points, submit=True)

    rows = {r.voting_code: r for r in compute_results(award_round).rows}

    # totals 70, 70 (flat: z 0, 0) and 70, 80 (varied: z −1, +1); scale mean 72.5, sd 4.33
    assert rows["T2026-2-001"].normalized == D("70.33")
    assert rows["T2026-2-002"].normalized == D("74.67")


def test_results_parent_criterion_is_the_sum_of_its_children():
    award_round = AwardRoundFactory(state="deliberation", min_score_sheets=1)
    first = RoundCriterion.objects.get(round=award_round, code="1")
    RoundCriterion.objects.create(
        round=award_round, parent=first, code="1a", text="a", max_points=20, position=1
    )
    RoundCriterion.objects.create(
        round=award_round, parent=first, code="1b", text="b", max_points=20, position=2
    )
    panel = PanelFactory(round=award_round)
    entry = EntryFactory(round=award_round, state="eligible", voting_code="T2026-2-001")
    for points in ([15, 12.5, 30, 8, 9], [10, 10, 30, 8, 9]):
        sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=UserFactory(role=Role.JUDGE))
        give_scores(sheet, points, submit=True)

    results = compute_results(award_round)
    (row,) = results.rows

    assert [c.code for c in results.criteria] == ["1", "2", "3", "4"]
    assert row.criterion_means == {"1": D("23.75"), "2": D("30.00"), "3": D("8.00"), "4": D("9.00")}
    assert row.mean == D("70.75")


def test_results_tie_rule_is_said_in_words():
    award_round, _entries, _judges = scored_round()

    with translation.override("en"):
        rule = compute_results(award_round).tie_rule

    assert "criterion 1." in rule and "criterion 2." in rule and "voting code" in rule


def _entries_with_three_sheets(award_round, panel, judges, count, start):
    for n in range(count):
        entry = EntryFactory(
            round=award_round, state="eligible", voting_code=f"T2026-2-{start + n:03d}"
        )
        for judge in judges:
            give_scores(
                ScoreSheetFactory(panel=panel, entry=entry, judge=judge),
                [30, 30, 8, 8],
                submit=True,
            )


def test_results_query_count_does_not_grow_with_entries(django_assert_num_queries):
    award_round = AwardRoundFactory(state="deliberation")
    panel = PanelFactory(round=award_round)
    judges = [UserFactory(role=Role.JUDGE) for _ in range(3)]
    _entries_with_three_sheets(award_round, panel, judges, 1, 1)
    with django_assert_num_queries(5):
        assert len(compute_results(award_round).rows) == 1
    _entries_with_three_sheets(award_round, panel, judges, 5, 2)
    with django_assert_num_queries(5):
        assert len(compute_results(award_round).rows) == 6
