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

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
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
    Certificate,
    Entry,
    Nomination,
    PanelMember,
    PanelRole,
    RoundCriterion,
    Score,
    ScoreSheet,
)
from core.roles import Role, is_staff_role, role_of

TWO_PLACES = Decimal("0.01")

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


def rounded(value) -> Decimal | None:
    """A Fraction, float or Decimal rounded half-up to two places; None stays None."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, float):
        value = Decimal(repr(value))
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _sqrt(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).sqrt()


def _fraction(value) -> Fraction:
    """A sum from the database as an exact fraction (a Decimal, or SQLite's float of a multiple
    of 0.25)."""
    if value is None:
        return Fraction(0)
    if isinstance(value, float):
        return Fraction(value)
    return Fraction(Decimal(value))


@dataclass(frozen=True)
class Criterion:
    """A top-level criterion of the round, as the results show it (a parent's points are the
    sum of its children's)."""

    code: str
    text: str
    max_points: Decimal
    position: int


@dataclass
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
    # Exact values the ranking compares (the rounded ones above are what is shown).
    exact_mean: Fraction | None = None
    exact_criteria: tuple[Fraction, ...] = ()

    @property
    def entry_id(self) -> int:
        return self.entry.pk


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
    """The round's top-level criteria in the sheet's order, and for every criterion (leaf or
    not) the code of the top-level criterion it belongs to."""
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
    return tops, {c.pk: top(c.pk) for c in criteria}


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
    entries = list(
        Entry.objects.filter(round=award_round, state__in=SCREENED_IN)
        .select_related("facility", "product_group")
        .order_by("voting_code", "id")
    )
    submitted = ScoreSheet.objects.filter(round=award_round, state=ScoreSheet.State.SUBMITTED)

    # Per entry: how many sheets, the sum and the sum of squares of their totals, the extremes.
    per_entry = {
        row["entry_id"]: row
        for row in submitted.values("entry_id")
        .annotate(
            n=Count("id"),
            total_sum=Sum("total"),
            square_sum=Sum(F("total") * F("total")),
            highest=Max("total"),
            lowest=Min("total"),
        )
        .order_by()
    }

    # Per entry and scored criterion: the sum and count of points (summed into the top-level
    # criterion below: a parent's points are its children's sum).
    criterion_sums: dict[int, dict[str, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    scores = (
        Score.objects.filter(sheet__round=award_round, sheet__state=ScoreSheet.State.SUBMITTED)
        .values("sheet__entry_id", "criterion_id")
        .annotate(points_sum=Sum("points"), n=Count("id"))
        .order_by()
    )
    for row in scores:
        mean = _fraction(row["points_sum"]) / row["n"]
        criterion_sums[row["sheet__entry_id"]][top_of[row["criterion_id"]]] += mean

    normalized, overall_mean, overall_stdev = _normalized_scores(award_round, submitted)

    rows = []
    minimum = award_round.min_score_sheets
    for entry in entries:
        stats = per_entry.get(entry.pk)
        count = stats["n"] if stats else 0
        row = ResultRow(
            entry=entry,
            voting_code=entry.voting_code or "",
            product_name=entry.product_name,
            facility=entry.facility,
            group=entry.product_group,
            sheets=count,
            has_result=count >= minimum and count > 0,
        )
        if row.has_result:
            total = _fraction(stats["total_sum"])
            squares = _fraction(stats["square_sum"])
            mean = total / count
            variance = squares / count - mean * mean
            spread = Decimal(stats["highest"]) - Decimal(stats["lowest"])
            means = criterion_sums.get(entry.pk, {})
            row.exact_mean = mean
            row.exact_criteria = tuple(means.get(c.code, Fraction(0)) for c in criteria)
            row.mean = rounded(mean)
            row.criterion_means = {
                c.code: rounded(means.get(c.code, Fraction(0))) for c in criteria
            }
            row.stdev = rounded(_sqrt(max(variance, Fraction(0))))
            row.spread = rounded(spread)
            row.disagreement = spread > award_round.disagreement_spread
            row.normalized = rounded(normalized.get(entry.pk))
            row.passes = mean >= _fraction(award_round.pass_score)
        rows.append(row)

    ranked = sorted((r for r in rows if r.has_result), key=_rank_key)
    in_group: dict[int, int] = defaultdict(int)
    for position, row in enumerate(ranked, start=1):
        row.rank_overall = position
        in_group[row.group.pk] += 1
        row.rank_in_group = in_group[row.group.pk]
    unranked = [r for r in rows if not r.has_result]
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


def _rank_key(row: ResultRow):
    """Highest mean first; then criterion 1's mean, criterion 2's (highest first); then the
    voting code, ascending."""
    first_two = tuple(-value for value in row.exact_criteria[:2])
    return (-row.exact_mean, *first_two, row.voting_code)


def _normalized_scores(award_round: AwardRound, submitted):
    """{entry id: normalised score} (floats), and the round's overall mean and standard
    deviation of the submitted totals (exact).

    One query for each judge's count, sum and sum of squares; the round's scale follows from
    them exactly; then one query averaging, per entry, each sheet's z-score (its total minus its
    judge's mean, divided by its judge's standard deviation), the judges' figures written into
    a CASE over the judges. A judge whose totals have no spread contributes z = 0."""
    judges = list(
        submitted.values("judge_id")
        .annotate(n=Count("id"), total_sum=Sum("total"), square_sum=Sum(F("total") * F("total")))
        .order_by("judge_id")
    )
    if not judges:
        return {}, None, None
    n = sum(j["n"] for j in judges)
    total = sum((_fraction(j["total_sum"]) for j in judges), Fraction(0))
    squares = sum((_fraction(j["square_sum"]) for j in judges), Fraction(0))
    overall_mean = total / n
    overall_stdev = _sqrt(max(squares / n - overall_mean * overall_mean, Fraction(0)))

    means, scales = [], []
    for judge in judges:
        mean = _fraction(judge["total_sum"]) / judge["n"]
        variance = _fraction(judge["square_sum"]) / judge["n"] - mean * mean
        sd = _sqrt(max(variance, Fraction(0)))
        means.append(When(judge_id=judge["judge_id"], then=Value(float(mean))))
        # 1/sd, or 0 for a judge whose totals do not vary: their z is 0.
        scales.append(When(judge_id=judge["judge_id"], then=Value(float(1 / sd) if sd else 0.0)))
    z = (
        Cast("total", FloatField()) - Case(*means, default=Value(0.0), output_field=FloatField())
    ) * Case(*scales, default=Value(0.0), output_field=FloatField())
    rows = submitted.values("entry_id").annotate(
        z_sum=Sum(z, output_field=FloatField()), n=Count("id")
    )
    scale = float(overall_stdev)
    normalized = {
        row["entry_id"]: float(overall_mean) + scale * (row["z_sum"] / row["n"])
        for row in rows.order_by()
    }
    return normalized, overall_mean, Decimal(overall_stdev)


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
            "score": rounded(_fraction(row["total_sum"]) / count) if has_result else None,
            "recognized": entry.state == Entry.State.RECOGNIZED,
            "certificate": certificates.get(entry.pk),
            "nomination": nominations.get(entry.pk),
        }
    return outcomes


# ---- Who sees what (issue 8: results) -------------------------------------------------------


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


__all__ = [
    "NORMALIZED_NOTE",
    "STDEV_KIND",
    "Criterion",
    "ResultRow",
    "RoundResults",
    "can_view_results",
    "certificates_visible_to",
    "chairs_in_round",
    "compute_results",
    "published_outcomes",
    "rounded",
    "sees_facilities",
    "tie_rule",
]
