"""Danh sách sản phẩm được công nhận: the recognised products of a round, by product group
(domain.md §5), with their certificates. The list the product exists for."""

from collections.abc import Iterable, Iterator
from itertools import groupby

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from awards.exports.common import RoundListExporter
from awards.models import Entry, ScoreSheet
from awards.result_numbers import ratio, tenths
from core.spreadsheets import Column, Group, Kind, register

SUBMITTED = Q(score_sheets__state=ScoreSheet.State.SUBMITTED)


# An entry as every list of a round names it: code, product, group, facility and address.
ENTRY_FIELDS = (
    "voting_code",
    "product_name",
    "product_group__code",
    "product_group__name",
    "facility__name",
    "facility__ward__name",
    "facility__province__name",
)

FIELDS = (
    *ENTRY_FIELDS,
    "certificate__number",
    "certificate__valid_until",
    "sheet_count",
    "total_sum",
)


def recognized_in(award_round) -> QuerySet[Entry]:
    return Entry.objects.filter(round=award_round, state=Entry.State.RECOGNIZED)


def recognized_entries(award_round) -> QuerySet:
    """The round's recognised entries, as dicts of what the list prints, in its order: by
    group, then voting code. The score is the mean of the submitted sheets' totals, as on the
    results page and the facility's own page (awards.result_access.published_outcomes).
    Plain values, not model instances: a list of 20,000 rows spends its time writing them."""
    return (
        recognized_in(award_round)
        .annotate(
            sheet_count=Count("score_sheets", filter=SUBMITTED),
            total_sum=Sum("score_sheets__total", filter=SUBMITTED),
        )
        .order_by("product_group__code", "voting_code", "pk")
        .values(*FIELDS)
    )


def mean_score(entry: dict):
    if not entry["sheet_count"]:
        return None
    return ratio(tenths(entry["total_sum"]), 10 * entry["sheet_count"])


def address(entry: dict) -> str:
    """Ward and province, as the official list gives it."""
    parts = (entry["facility__ward__name"], entry["facility__province__name"])
    return ", ".join(part for part in parts if part)


def recognized_columns(facilities: bool) -> list[Column]:
    """The columns of a recognised product: the nominees list starts with them too."""
    columns = [
        Column("voting_code", _("Voting code"), width=14, wrap=False),
        Column("product", _("Product"), width=30),
    ]
    if facilities:
        columns += [
            Column("facility", _("Facility"), width=28),
            Column("address", _("Address"), width=28),
        ]
    return [
        *columns,
        Column("score", _("Score"), Kind.SCORE),
        Column("certificate", _("Certificate number"), width=17, wrap=False),
        Column("valid_until", _("Valid until"), Kind.DATE),
    ]


def recognized_values(entry: dict, facilities: bool) -> list:
    """A row of recognised_entries' values in the order of recognized_columns."""
    values = [entry["voting_code"], entry["product_name"]]
    if facilities:
        values += [entry["facility__name"], address(entry)]
    return [
        *values,
        mean_score(entry),
        entry["certificate__number"],
        entry["certificate__valid_until"],
    ]


@register
class RecognizedProducts(RoundListExporter):
    identifier = "recognized"
    verbose_name = _("List of recognised products")
    file_stem = "danh-sach-san-pham-duoc-cong-nhan"
    chairs_may_download = True

    def get_columns(self) -> list[Column]:
        return recognized_columns(self.shows_facilities())

    def entries(self) -> QuerySet:
        return recognized_entries(self.award_round)

    def row_count(self) -> int:
        return recognized_in(self.award_round).count()

    def row(self, entry: dict) -> list:
        return recognized_values(entry, self.facilities)

    def get_groups(self) -> Iterator[Group]:
        self.facilities = self.shows_facilities()
        return groups_of(self.entries().iterator(chunk_size=2000), self.row)


def groups_of(entries: Iterable[dict], row) -> Iterator[Group]:
    """Consecutive entries of one product group under its heading (the rows are ordered by
    group), each row as `row(entry)` gives it; lazily, so a long list is never in memory."""

    def group(entry):
        return entry["product_group__code"], entry["product_group__name"]

    for (_code, name), members in groupby(entries, key=group):
        yield Group(str(name), (row(entry) for entry in members))
