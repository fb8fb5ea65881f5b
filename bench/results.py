"""results: awards.results.compute_results for a round of 2,000 entries × 9 judges × the official
4 criteria, against one hand-written SQL aggregate over the same tables giving the same means.

Targets: the product takes at most 2 times the baseline's time (paired ratio), and a round of
8,000 entries takes at most 4.5 times a round of 2,000 (it grows with the data, never with a
query per entry); the product's means, per entry and per criterion, equal the baseline's.

The baseline is what one would write by hand to get the official figures: one GROUP BY over the
submitted sheets joined to their scores, pivoting the four criteria with CASE, answering per
entry the number of sheets, the sum of the totals and each criterion's sum of points (the means
follow by one division each). The product answers more (the standard deviation, the spread, the
normalised score, the ranks, whether it passes, the entries with no result), in a few aggregate
queries; the ratio says what that costs.

The data is built with bulk_create: one panel of nine judges, every entry scored by all nine
(every sheet submitted except one in 200 left as a draft and one in 300 voided), points in
steps of 0.5 spread so that totals differ and ties happen.
"""

import contextlib
import gc
import time
from decimal import Decimal
from fractions import Fraction

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.models import (
    Entry,
    PanelMember,
    ProductGroup,
    RoundCriterion,
    Score,
    ScoreSheet,
)
from awards.results import compute_results, rounded
from bench.harness import (
    Check,
    Result,
    database_description,
    interleaved,
    ms,
    paired_ratio,
    throwaway_database,
)
from core.roles import Role
from tests.factories import AwardRoundFactory, FacilityFactory, PanelFactory, UserFactory

NAME = "results"
TARGET = 2.0
GROWTH_TARGET = 4.5
SMALL, LARGE = 2_000, 8_000
JUDGES = 9
FACILITIES = 200
WARMUP, SAMPLES = 3, 15
LARGE_SAMPLES = 9

BASELINE_SQL = """
SELECT s.entry_id,
       COUNT(DISTINCT s.id),
       SUM(CASE WHEN p.criterion_id = %s THEN s.total END),
       SUM(CASE WHEN p.criterion_id = %s THEN p.points END),
       SUM(CASE WHEN p.criterion_id = %s THEN p.points END),
       SUM(CASE WHEN p.criterion_id = %s THEN p.points END),
       SUM(CASE WHEN p.criterion_id = %s THEN p.points END)
FROM awards_scoresheet s
JOIN awards_score p ON p.sheet_id = s.id
WHERE s.round_id = %s AND s.state = 'submitted'
GROUP BY s.entry_id
"""


def build_round(entries: int, facilities: list, judges: list, year: int):
    """A deliberating round of `entries` entries, all scored by the nine `judges`."""
    award_round = AwardRoundFactory(
        state="deliberation", year=year, title=f"Bình chọn cấp tỉnh {year}"
    )
    panel = PanelFactory(round=award_round)
    PanelMember.objects.bulk_create(
        PanelMember(panel=panel, judge=judge, role="chair" if n == 0 else "member")
        for n, judge in enumerate(judges)
    )
    groups = list(ProductGroup.objects.order_by("code"))
    rows = []
    for n in range(entries):
        group = groups[n % 4]
        entry = Entry(
            round=award_round,
            facility=facilities[n % len(facilities)],
            product_name=f"Sản phẩm tiêu biểu số {n}",
            product_group=group,
            features="Sản phẩm thủ công, đóng gói 400 g.",
            materials="Nguyên liệu địa phương.",
            production_process="Sản xuất thủ công.",
            markets="Trong tỉnh.",
            state=Entry.State.ELIGIBLE,
            voting_code=f"T{year}-{group.code}-{n:04d}",
        )
        entry.refresh_derived_fields()
        rows.append(entry)
    Entry.objects.bulk_create(rows, batch_size=1000)
    entry_ids = list(
        Entry.objects.filter(round=award_round).order_by("id").values_list("id", flat=True)
    )
    criteria = list(RoundCriterion.objects.filter(round=award_round).order_by("position"))
    now = timezone.now()
    sheets = []
    points_of = {}
    for e, entry_id in enumerate(entry_ids):
        for j, judge in enumerate(judges):
            k = e * JUDGES + j
            # 40, 40, 10, 10 at most; steps of 0.5; a judge's leniency shifts them.
            points = (
                Decimal(20 + (e * 7 + j * 3) % 40) / 2 + Decimal(j % 3) * 2,
                Decimal(30 + (e * 11 + j * 5) % 50) / 2,
                Decimal(8 + (e + j) % 12) / 2,
                Decimal(10 + (e * 3 + j) % 10) / 2,
            )
            state = "submitted"
            if k % 200 == 7:
                state = "draft"
            elif k % 300 == 11:
                state = "void"
            sheets.append(
                ScoreSheet(
                    round=award_round,
                    panel=panel,
                    entry_id=entry_id,
                    judge=judge,
                    state=state,
                    total=sum(points),
                    submitted_at=now if state == "submitted" else None,
                )
            )
            points_of[(entry_id, judge.pk)] = points
    ScoreSheet.objects.bulk_create(sheets, batch_size=2000)
    sheet_ids = ScoreSheet.objects.filter(round=award_round).values_list(
        "id", "entry_id", "judge_id"
    )
    scores = [
        Score(sheet_id=sheet_id, criterion=criterion, points=value)
        for sheet_id, entry_id, judge_id in sheet_ids
        for criterion, value in zip(criteria, points_of[(entry_id, judge_id)], strict=True)
    ]
    Score.objects.bulk_create(scores, batch_size=5000)
    return award_round, criteria


def baseline(award_round, criteria):
    """{entry id: (sheets, mean, (criterion means…))} from one SQL aggregate."""
    first = criteria[0].pk
    params = [first, *(c.pk for c in criteria), award_round.pk]
    with connection.cursor() as cursor:
        cursor.execute(BASELINE_SQL, params)
        rows = cursor.fetchall()
    answer = {}
    for entry_id, count, total_sum, *criterion_sums in rows:
        answer[entry_id] = (
            count,
            rounded(Fraction(Decimal(str(total_sum))) / count),
            tuple(rounded(Fraction(Decimal(str(s))) / count) for s in criterion_sums),
        )
    return answer


def product(award_round):
    return compute_results(award_round)


def product_means(results, criteria) -> dict:
    codes = [c.code for c in criteria]
    return {
        row.entry_id: (row.sheets, row.mean, tuple(row.criterion_means[c] for c in codes))
        for row in results.rows
        if row.sheets
    }


@contextlib.contextmanager
def collector_off():
    """As timeit does: the garbage collector off while timing (after a full collection), so
    that when a collection happens to land is not part of the figure. The growth is also
    measured with it on, and printed."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def run() -> Result:
    with throwaway_database():
        judges = [UserFactory(role=Role.JUDGE) for _ in range(JUDGES)]
        facilities = [FacilityFactory() for _ in range(FACILITIES)]
        started = time.monotonic()
        small, small_criteria = build_round(SMALL, facilities, judges, 2026)
        large, _large_criteria = build_round(LARGE, facilities, judges, 2024)
        built = time.monotonic() - started

        same = product_means(product(small), small_criteria) == baseline(small, small_criteria)
        with CaptureQueriesContext(connection) as captured:
            product(small)
        queries = len(captured)

        with collector_off():
            product_times, baseline_times = interleaved(
                lambda: product(small),
                lambda: baseline(small, small_criteria),
                warmup=WARMUP,
                samples=SAMPLES,
            )
            small_times, large_times = interleaved(
                lambda: product(small), lambda: product(large), warmup=1, samples=LARGE_SAMPLES
            )
        growth = paired_ratio(large_times, small_times)
        small_on, large_on = interleaved(
            lambda: product(small), lambda: product(large), warmup=1, samples=LARGE_SAMPLES
        )
        growth_on = paired_ratio(large_on, small_on)
        database = database_description()

    return Result(
        name=NAME,
        ratio=paired_ratio(product_times, baseline_times),
        op="<=",
        target=TARGET,
        figures={
            "product": f"{ms(product_times)}: compute_results, {SMALL:,} entries × {JUDGES} "
            f"judges × 4 criteria ({queries} queries)",
            "baseline": f"{ms(baseline_times)}: one hand-written SQL aggregate",
            f"{LARGE:,} entries": f"{ms(large_times)}; {growth:.2f} × {SMALL:,} "
            f"(target <= {GROWTH_TARGET})",
            "samples": f"{SAMPLES} of each, interleaved, after {WARMUP} warm-ups; "
            "ratio: the median of the pairs' ratios; garbage collector off while timing "
            f"(as timeit); with it on, {LARGE:,} entries took {growth_on:.2f} × {SMALL:,}",
            "data": f"built in {built:.0f} s with bulk_create",
            "database": database,
        },
        checks=[
            Check(
                "the product's means equal the baseline's",
                same,
                "per entry: sheets, mean, the four criterion means",
            ),
            Check(
                f"{LARGE:,} entries take at most {GROWTH_TARGET} × {SMALL:,}",
                round(growth, 2) <= GROWTH_TARGET,
                f"{growth:.2f} ×",
            ),
        ],
    )
