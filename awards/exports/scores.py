"""Bảng tổng hợp điểm: the score summary of a round (domain.md §5), by product group: each
judge's total for each entry beside the results page's figures (awards.results), so the panel's
record shows where the official score and the ranks come from."""

from collections.abc import Iterator
from functools import cached_property
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.exports.common import RoundListExporter
from awards.models import SCORING_ROLES, SCREENED_IN, Entry, PanelMember, ScoreSheet
from awards.results import ResultRow, RoundResults, compute_results
from core.spreadsheets import Column, ExportNotAllowed, Group, Kind, register


def submitted_sheets(award_round):
    """The sheets the results count, as compute_results takes them: submitted ones (a draft is
    no score yet; a void sheet's judge declared a conflict) of the entries that were screened
    in (the rows of the list)."""
    return ScoreSheet.objects.filter(
        round=award_round, state=ScoreSheet.State.SUBMITTED, entry__state__in=SCREENED_IN
    )


def round_judges(award_round) -> list:
    """The judges of the round, ordered by name: whoever scores on one of its panels (chair or
    member, not the secretary) or has a submitted sheet in it (a judge since moved off a panel
    keeps a column for the totals that count). One query."""
    seats = PanelMember.objects.filter(panel__round=award_round, role__in=SCORING_ROLES)
    judges = (
        get_user_model()
        .objects.filter(
            Q(pk__in=seats.values("judge_id"))
            | Q(pk__in=submitted_sheets(award_round).values("judge_id"))
        )
        .only("id", "username", "full_name", "first_name", "last_name")
    )
    return sorted(judges, key=lambda judge: (judge.get_full_name().casefold(), judge.pk))


def totals_by_entry(award_round) -> dict[int, dict[int, object]]:
    """{entry id: {judge id: the total of the judge's submitted sheet}}, in one query."""
    totals: dict[int, dict[int, object]] = {}
    rows = submitted_sheets(award_round).order_by().values_list("entry_id", "judge_id", "total")
    for entry_id, judge_id, total in rows.iterator(chunk_size=5000):
        totals.setdefault(entry_id, {})[judge_id] = total
    return totals


def group_order(row: ResultRow):
    """Within its product group, in the results' rank order; entries without a result last,
    by voting code (as the results page sorted by group)."""
    return (
        row.group.code,
        row.rank_in_group is None,
        row.rank_in_group or 0,
        row.voting_code,
        row.entry_id,
    )


@register
class ScoreSummary(RoundListExporter):
    identifier = "scores"
    verbose_name = _("Score summary")
    file_stem = "bang-tong-hop-diem"
    chairs_may_download = True

    def check_allowed(self) -> None:
        # Not before judging has ended, for anyone: the results page shows no scores until then
        # (sheets still change), and neither does the file.
        if not self.award_round.phase.results_visible:
            raise ExportNotAllowed
        super().check_allowed()

    @cached_property
    def results(self) -> RoundResults:
        return compute_results(self.award_round)

    @cached_property
    def judges(self) -> list:
        return round_judges(self.award_round)

    def get_columns(self) -> list[Column]:
        columns = [
            Column("voting_code", _("Voting code"), width=14, wrap=False),
            Column("product", _("Product"), width=28),
        ]
        if self.shows_facilities():
            columns.append(Column("facility", _("Facility"), width=26))
        columns += [
            Column(f"judge_{judge.pk}", judge.get_full_name(), Kind.SCORE, width=12)
            for judge in self.judges
        ]
        columns += [
            Column("sheets", _("Sheets"), Kind.INTEGER, width=8),
            Column("mean", _("Mean score"), Kind.SCORE, width=11),
        ]
        columns += [
            Column(
                f"criterion_{criterion.code}",
                gettext("Criterion %(code)s") % {"code": criterion.code},
                Kind.SCORE,
                width=10,
            )
            for criterion in self.results.criteria
        ]
        columns += [
            Column("stdev", _("Standard deviation"), Kind.SCORE, width=11),
            Column("rank_in_group", _("Rank in group"), Kind.INTEGER, width=9),
            Column("rank_overall", _("Overall rank"), Kind.INTEGER, width=9),
            Column("result", _("Result"), width=11, wrap=False),
        ]
        return columns

    def row_count(self) -> int:
        return Entry.objects.filter(round=self.award_round, state__in=SCREENED_IN).count()

    def row(self, result: ResultRow) -> list:
        values = [result.voting_code, result.product_name]
        if self.facilities:
            values.append(result.facility.name)
        given = self.totals.get(result.entry_id, {})
        values += [given.get(judge.pk) for judge in self.judges]
        values += [result.sheets, result.mean]
        values += [result.criterion_means.get(c.code) for c in self.results.criteria]
        values += [result.stdev, result.rank_in_group, result.rank_overall]
        if not result.has_result:
            values.append(None)
        else:
            values.append(gettext("Passes") if result.passes else gettext("Does not pass"))
        return values

    def get_groups(self) -> Iterator[Group]:
        self.facilities = self.shows_facilities()
        self.totals = totals_by_entry(self.award_round)
        rows = sorted(self.results.rows, key=group_order)
        for _code, members in groupby(rows, key=lambda row: row.group.code):
            members = list(members)
            yield Group(str(members[0].group.name), [self.row(row) for row in members])
