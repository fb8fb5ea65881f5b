"""A round's results, computed from its submitted score sheets (never stored: once the round is
finalized nothing they are computed from changes).

`compute_results(award_round)` answers one row per screened-in entry: the number of submitted
sheets, the mean of the judges' totals (the official score, điểm trung bình), the mean per
top-level criterion, the standard deviation and the spread of the totals with the disagreement
flag, an informative normalised score, the rank in the group and overall, and whether it
passes. Only submitted sheets count: a draft is not a score yet, and a void sheet (its judge
declared a conflict with the facility) is kept for the history and never counted.

It is a handful of aggregate queries whatever the number of entries (the entries; the round's
criteria; per entry: count, sum, sum of squares, highest and lowest total; per entry and
criterion: the sum and count of points; per judge: count, sum, sum of squares; the judges'
z-scores averaged per entry through one CASE over the judges). Sorting and ranking are done here
over those aggregated rows.

Arithmetic: points are given in steps of 0.5, so sums and sums of squares are exact on every
database (PostgreSQL's numeric, and SQLite's doubles, which hold multiples of 0.25 exactly at
these sizes); means and standard deviations are then computed in Python with Decimal and
Fraction, the same on SQLite and PostgreSQL, and rounded half-up to two places. The official
list prints one place; the API and the pages keep two, so that what the ranking compares shows.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Max,
    Min,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import (
    SCREENED_IN,
    AwardRound,
    Entry,
    ProductGroup,
    RoundCriterion,
    Score,
    ScoreSheet,
)
from awards.result_numbers import hundredths, population_stdev, ratio, rounded, tenths

# The standard deviation of an entry's totals is the population's (divided by n, not n − 1):
# the judges who scored the entry are all the judges whose spread we describe, not a sample
# from which to estimate judges at large; it is also defined (0) for an entry with one sheet.
STDEV_KIND = gettext_lazy(
    "Standard deviation: of the population of the entry's judges (divided by the number of "
    "sheets, not by one less): it describes these judges' totals, it does not estimate others'."
)
NORMALIZED_NOTE = gettext_lazy(
    "Normalised score (informative only, never the official score): each judge's totals as "
    "z-scores over that judge's submitted sheets in the round, averaged per entry and rescaled "
    "to the round's scale (the mean of every submitted total plus the z-score times their "
    "standard deviation). It shows where a lenient or a severe judge moved an entry; a judge "
    "whose totals do not vary counts as 0."
)


@dataclass(frozen=True, slots=True)
class FacilityRef:
    """The facility of a result, as the results show it (staff only): its id and name. Not the
    model instance: the results of thousands of entries read only these two columns."""

    pk: int
    name: str

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Criterion:
    """A top-level criterion of the round, as the results show it (a parent's points are the
    sum of its children's)."""

    code: str
    text: str
    max_points: Decimal
    position: int


@dataclass(slots=True)
class ResultRow:
    entry: Entry
    voting_code: str
    product_name: str
    facility: object
    group: object
    sheets: int
    has_result: bool
    mean: Decimal | None = None
    criterion_means: dict[str, Decimal] = field(default_factory=dict)
    stdev: Decimal | None = None
    spread: Decimal | None = None
    disagreement: bool = False
    normalized: Decimal | None = None
    rank_in_group: int | None = None
    rank_overall: int | None = None
    passes: bool = False
    # Exact values the ranking compares (the rounded ones above are what is shown): the sum of
    # the totals and of the first two criteria's points, in tenths of a point.
    rank_sums: tuple[int, ...] = ()

    @property
    def entry_id(self) -> int:
        return self.entry.pk

    @property
    def exact_mean(self) -> Fraction | None:
        """The mean unrounded, for comparisons."""
        if not self.rank_sums:
            return None
        n, total, *_rest = self.rank_sums
        return Fraction(total, 10 * n)


@dataclass
class RoundResults:
    award_round: AwardRound
    rows: list[ResultRow]
    criteria: list[Criterion]
    tie_rule: str
    stdev_kind: str = ""
    normalized_note: str = ""
    # The round's scale for the normalised score: the mean and the standard deviation of every
    # submitted total of the round.
    overall_mean: Decimal | None = None
    overall_stdev: Decimal | None = None

    @property
    def passing(self) -> list[ResultRow]:
        return [row for row in self.rows if row.passes]

    def row_for(self, entry_id) -> ResultRow | None:
        return next((row for row in self.rows if row.entry_id == entry_id), None)


def top_level_criteria(award_round: AwardRound) -> tuple[list[Criterion], dict[int, str]]:
    """The round's top-level criteria in the sheet's order, and for every scored criterion (one
    without sub-criteria) the code of the top-level criterion it belongs to."""
    criteria = list(RoundCriterion.objects.filter(round=award_round).order_by("position", "id"))
    parent_of = {c.pk: c.parent_id for c in criteria}
    by_pk = {c.pk: c for c in criteria}

    def top(pk):
        while parent_of[pk] is not None:
            pk = parent_of[pk]
        return by_pk[pk].code

    tops = [
        Criterion(c.code, c.text, c.max_points, c.position) for c in criteria if c.parent_id is None
    ]
    parents = set(parent_of.values())
    return tops, {c.pk: top(c.pk) for c in criteria if c.pk not in parents}


def tie_rule(criteria: list[Criterion]) -> str:
    """The ranking rule in words, naming the round's first two criteria."""
    names = [f"{c.code}. {c.text[:60]}" for c in criteria[:2]]
    if len(names) == 2:
        return _(
            "Ranked by the mean of the judges' totals, highest first; equal means by the mean of "
            "criterion %(first)s, then of criterion %(second)s, then by voting code (ascending)."
        ) % {"first": names[0], "second": names[1]}
    if names:
        return _(
            "Ranked by the mean of the judges' totals, highest first; equal means by the mean of "
            "criterion %(first)s, then by voting code (ascending)."
        ) % {"first": names[0]}
    return _(
        "Ranked by the mean of the judges' totals, highest first; equal means by voting code "
        "(ascending)."
    )


def compute_results(award_round: AwardRound) -> RoundResults:
    """The results of the round from its submitted sheets (see the module's docstring)."""
    criteria, top_of = top_level_criteria(award_round)
    groups = {group.pk: group for group in ProductGroup.objects.all()}
    entries = list(
        Entry.objects.filter(round=award_round, state__in=SCREENED_IN)
        .only(
            "id",
            "round_id",
            "facility_id",
            "product_name",
            "product_group_id",
            "state",
            "voting_code",
        )
        .annotate(facility_name=F("facility__name"))
        .order_by()  # ranked below; the others sorted by voting code
    )
    submitted = ScoreSheet.objects.filter(round=award_round, state=ScoreSheet.State.SUBMITTED)
    # Sums as plain numbers (no per-row Decimal conversion): read as tenths, exactly.
    number = FloatField()
    z, overall_mean, overall_stdev, scale = _judges_scale(submitted)

    # One GROUP BY entry over the submitted sheets' scores: the points of each top-level
    # criterion (its scored criteria's, a parent being the sum of its children) pivoted with one
    # CASE per top-level criterion; the sheet-level figures (count, squares of the totals,
    # z-scores) read once per sheet, on the row of its first scored criterion. A submitted sheet
    # scores every scored criterion (its workflow requires it, and a submitted sheet's scores
    # never change), so each sheet has that row, and its total is the sum of its points.
    leaves: dict[str, list[int]] = defaultdict(list)
    for pk, code in top_of.items():
        leaves[code].append(pk)
    once = {"criterion_id": min(top_of, default=None)}
    pivot = {
        f"c{n}": Sum(
            Case(When(criterion_id__in=leaves[c.code], then="points"), default=None),
            output_field=number,
        )
        for n, c in enumerate(criteria)
    }
    per_sheet = {
        "n": Sum(Case(When(**once, then=Value(1)), default=Value(0))),
        "square_sum": Sum(
            Case(When(**once, then=F("sheet__total") * F("sheet__total")), default=None),
            output_field=number,
        ),
        "highest": Max("sheet__total", output_field=number),
        "lowest": Min("sheet__total", output_field=number),
        "z_sum": Sum(Case(When(**once, then=z), default=None), output_field=number),
    }
    per_entry = {
        row[0]: row
        for row in Score.objects.filter(
            sheet__round=award_round, sheet__state=ScoreSheet.State.SUBMITTED
        )
        .values("sheet__entry_id")
        .annotate(**per_sheet, **pivot)
        .order_by()
        .values_list("sheet__entry_id", *per_sheet, *pivot)
    }
    mean_all = float(overall_mean) if overall_mean is not None else 0.0

    rows = []
    minimum = award_round.min_score_sheets
    spread_limit = tenths(award_round.disagreement_spread)
    pass_tenths = tenths(award_round.pass_score)
    codes = [c.code for c in criteria]
    # The group cached on each entry as select_related would (without a join per entry row).
    cache_group = Entry._meta.get_field("product_group").set_cached_value
    for entry in entries:
        group = groups[entry.product_group_id]
        cache_group(entry, group)
        stats = per_entry.get(entry.pk)
        count = stats[1] if stats else 0
        facility = FacilityRef(entry.facility_id, entry.facility_name)
        code = entry.voting_code or ""
        if not stats or count < minimum:
            rows.append(ResultRow(entry, code, entry.product_name, facility, group, count, False))
            continue
        _pk, n, square_sum, highest, lowest, z_sum, *points = stats
        sums = [round(value * 10) if value is not None else 0 for value in points]
        total = sum(sums)
        spread = round(highest * 10) - round(lowest * 10)
        per_sheet_tenths = 10 * n
        rows.append(
            ResultRow(
                entry,
                code,
                entry.product_name,
                facility,
                group,
                count,
                True,
                mean=ratio(total, per_sheet_tenths),
                criterion_means=dict(
                    zip(codes, [ratio(value, per_sheet_tenths) for value in sums], strict=True)
                ),
                stdev=population_stdev(n, total, hundredths(square_sum)),
                spread=Decimal(spread * 10).scaleb(-2),
                disagreement=spread > spread_limit,
                normalized=rounded(mean_all + scale * (float(z_sum or 0) / n)),
                passes=total >= pass_tenths * n,
                rank_sums=(n, total, *sums[:2]),
            )
        )

    ranked = _ranked([r for r in rows if r.has_result])
    in_group: dict[int, int] = defaultdict(int)
    for position, row in enumerate(ranked, start=1):
        row.rank_overall = position
        in_group[row.group.pk] += 1
        row.rank_in_group = in_group[row.group.pk]
    unranked = sorted(
        (r for r in rows if not r.has_result), key=lambda r: (r.voting_code, r.entry_id)
    )
    return RoundResults(
        award_round=award_round,
        rows=ranked + unranked,
        criteria=criteria,
        tie_rule=tie_rule(criteria),
        stdev_kind=str(STDEV_KIND),
        normalized_note=str(NORMALIZED_NOTE),
        overall_mean=rounded(overall_mean),
        overall_stdev=rounded(overall_stdev),
    )


def _ranked(rows: list[ResultRow]) -> list[ResultRow]:
    """Highest mean first; then criterion 1's mean, criterion 2's (highest first); then the
    voting code, ascending. Means compared exactly: every sum over a common multiple of the
    sheet counts, in whole numbers."""
    common = math.lcm(*(row.rank_sums[0] for row in rows)) if rows else 1

    def key(row: ResultRow):
        n, *sums = row.rank_sums
        scale = common // n
        return (*(-value * scale for value in sums), row.voting_code)

    return sorted(rows, key=key)


def _judges_scale(submitted):
    """Each sheet's z-score as an expression over the sheet (its total minus its judge's mean,
    divided by its judge's standard deviation, the judges' figures written into a CASE over the
    judges; a judge whose totals do not vary contributes z = 0), and the round's scale: the
    mean and standard deviation of every submitted total (exact, and the deviation as a float).
    One query: each judge's count, sum and sum of squares."""
    number = FloatField()
    judges = list(
        submitted.values("judge_id")
        .annotate(
            n=Count("id"),
            total_sum=Sum("total", output_field=number),
            square_sum=Sum(F("total") * F("total"), output_field=number),
        )
        .order_by("judge_id")
        .values_list("judge_id", "n", "total_sum", "square_sum")
    )
    if not judges:
        return Value(0.0), None, None, 0.0
    n = sum(j[1] for j in judges)
    total = sum(tenths(j[2]) for j in judges)
    squares = sum(hundredths(j[3]) for j in judges)
    means, scales = [], []
    for judge_id, count, total_sum, square_sum in judges:
        judge_total = tenths(total_sum)
        # Unrounded: the z-scores use the judge's standard deviation as it is.
        variance = count * hundredths(square_sum) - judge_total * judge_total
        sd = math.sqrt(max(variance, 0)) / (10 * count)
        means.append(When(sheet__judge_id=judge_id, then=Value(judge_total / (10 * count))))
        scales.append(When(sheet__judge_id=judge_id, then=Value(1 / sd if sd else 0.0)))
    z = (
        Cast("sheet__total", number) - Case(*means, default=Value(0.0), output_field=number)
    ) * Case(*scales, default=Value(0.0), output_field=number)
    scale = math.sqrt(max(n * squares - total * total, 0)) / (10 * n)
    return z, Fraction(total, 10 * n), population_stdev(n, total, squares), scale


__all__ = [
    "NORMALIZED_NOTE",
    "STDEV_KIND",
    "Criterion",
    "ResultRow",
    "RoundResults",
    "compute_results",
    "rounded",
    "tie_rule",
]
