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


def recognized_entries(award_round) -> QuerySet[Entry]:
    """The round's recognised entries with what the list prints, in its order: by group, then
    voting code. The score is the mean of the submitted sheets' totals, as on the results page
    and the facility's own page (awards.result_access.published_outcomes)."""
    return (
        Entry.objects.filter(round=award_round, state=Entry.State.RECOGNIZED)
        .select_related(
            "facility", "facility__ward", "facility__province", "product_group", "certificate"
        )
        .annotate(
            sheet_count=Count("score_sheets", filter=SUBMITTED),
            total_sum=Sum("score_sheets__total", filter=SUBMITTED),
        )
        .order_by("product_group__code", "voting_code", "pk")
    )


def mean_score(entry: Entry):
    if not entry.sheet_count:
        return None
    return ratio(tenths(entry.total_sum), 10 * entry.sheet_count)


def address(facility) -> str:
    """Ward and province, as the official list gives it."""
    return ", ".join(part for part in (facility.ward.name, facility.province.name) if part)


@register
class RecognizedProducts(RoundListExporter):
    identifier = "recognized"
    verbose_name = _("List of recognised products")
    file_stem = "danh-sach-san-pham-duoc-cong-nhan"
    chairs_may_download = True

    def get_columns(self) -> list[Column]:
        columns = [
            Column("voting_code", _("Voting code"), width=14, wrap=False),
            Column("product", _("Product"), width=32),
        ]
        if self.shows_facilities():
            columns += [
                Column("facility", _("Facility"), width=30),
                Column("address", _("Address"), width=30),
            ]
        columns += [
            Column("score", _("Score"), Kind.SCORE),
            Column("certificate", _("Certificate number"), width=18, wrap=False),
            Column("valid_until", _("Valid until"), Kind.DATE),
        ]
        return columns

    def entries(self) -> QuerySet[Entry]:
        return recognized_entries(self.award_round)

    def row_count(self) -> int:
        return Entry.objects.filter(round=self.award_round, state=Entry.State.RECOGNIZED).count()

    def row(self, entry: Entry) -> list:
        certificate = getattr(entry, "certificate", None)
        values = [entry.voting_code, entry.product_name]
        if self.shows_facilities():
            values += [entry.facility.name, address(entry.facility)]
        values += [
            mean_score(entry),
            certificate.number if certificate else None,
            certificate.valid_until if certificate else None,
        ]
        return values

    def get_groups(self) -> Iterator[Group]:
        return groups_of(self.entries().iterator(chunk_size=2000), self.row)


def groups_of(entries: Iterable[Entry], row) -> Iterator[Group]:
    """Consecutive entries of one product group under its heading (the queryset is ordered by
    group), each row as `row(entry)` gives it; lazily, so a long list is never in memory."""
    for group, members in groupby(entries, key=lambda entry: entry.product_group):
        yield Group(str(group.name), (row(entry) for entry in members))
