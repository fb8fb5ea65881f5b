"""Danh sách sản phẩm đề cử: the recognised products a round backs for the next level, with the
nomination decision and which documents of the dossier are there, so the regional organiser
can check the dossiers against the list (domain.md §5)."""

from collections.abc import Iterator

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from awards.exports.common import RoundListExporter
from awards.exports.recognized import (
    FIELDS,
    SUBMITTED,
    groups_of,
    recognized_columns,
    recognized_values,
)
from awards.models import Attachment, Entry
from core.documents import tick
from core.spreadsheets import Column, Group, Kind, register


def _documents(kind: str) -> Coalesce:
    """How many attachments of `kind` the entry has. A subquery, not a join: joined to the
    score sheets, a count of attachments would multiply the sum of the totals."""
    counts = (
        Attachment.objects.filter(entry=OuterRef("pk"), kind=kind)
        .order_by()
        .values("entry")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def nominated_in(award_round) -> QuerySet[Entry]:
    return Entry.objects.filter(round=award_round, nomination__isnull=False)


def nominated_entries(award_round) -> QuerySet:
    """The round's nominated entries as dicts of what the list prints, by group and voting
    code; the score is the mean of the submitted sheets, as on the recognised-products list."""
    return (
        nominated_in(award_round)
        .annotate(
            sheet_count=Count("score_sheets", filter=SUBMITTED),
            total_sum=Sum("score_sheets__total", filter=SUBMITTED),
            photos=_documents(Attachment.Kind.PHOTO),
            registration_forms=_documents(Attachment.Kind.REGISTRATION_FORM),
            descriptions=_documents(Attachment.Kind.DESCRIPTION),
            certificate_copies=_documents(Attachment.Kind.AWARD_CERTIFICATE),
        )
        .order_by("product_group__code", "voting_code", "pk")
        .values(
            *FIELDS,
            "nomination__decision_number",
            "nomination__decision_date",
            "photos",
            "registration_forms",
            "descriptions",
            "certificate_copies",
        )
    )


@register
class NomineeList(RoundListExporter):
    identifier = "nominees"
    verbose_name = _("List of products nominated to the next level")
    file_stem = "danh-sach-san-pham-de-cu"
    chairs_may_download = True

    def get_columns(self) -> list[Column]:
        return [
            *recognized_columns(self.shows_facilities()),
            Column("decision_number", _("Nomination decision"), width=16),
            Column("decision_date", _("Decision date"), Kind.DATE),
            Column("photos", _("Photos"), Kind.INTEGER, width=8),
            Column("mau01", _("Form 01"), width=8),
            Column("mau02", _("Form 02"), width=8),
            Column("certificate_present", _("Certificate"), width=10),
        ]

    def row_count(self) -> int:
        return nominated_in(self.award_round).count()

    def row(self, entry: dict) -> list:
        return [
            *recognized_values(entry, self.facilities),
            entry["nomination__decision_number"],
            entry["nomination__decision_date"],
            entry["photos"],
            tick(entry["registration_forms"] > 0),
            tick(entry["descriptions"] > 0),
            # Issued in this system, or a copy of one issued elsewhere in the dossier.
            tick(bool(entry["certificate__number"]) or entry["certificate_copies"] > 0),
        ]

    def get_groups(self) -> Iterator[Group]:
        self.facilities = self.shows_facilities()
        entries = nominated_entries(self.award_round).iterator(chunk_size=2000)
        return groups_of(entries, self.row)
