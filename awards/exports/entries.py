"""Sổ đăng ký: every entry of a round with its state, facility and dates, by product group.
The rows are the officer's entry list page's (the same visible entries and EntryFilter on
the same parameters), so a filtered list on screen downloads as the same rows."""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.exports.common import RoundListExporter
from awards.exports.recognized import ENTRY_FIELDS, address, groups_of
from awards.filters import EntryFilter
from awards.models import Entry
from awards.queries import entries_visible_to
from core.spreadsheets import Column, Group, Kind, register

# A recognised product's identity, then the entry's state and dates.
FIELDS = (*ENTRY_FIELDS, "state", "created_at", "submitted_at", "updated_at")


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


@register
class EntryRegister(RoundListExporter):
    identifier = "entries"
    verbose_name = _("Register of entries")
    file_stem = "so-dang-ky-san-pham"
    filterset_class = EntryFilter

    columns = (
        Column("voting_code", _("Voting code"), width=14, wrap=False),
        Column("product", _("Product"), width=30),
        Column("facility", _("Facility"), width=28),
        Column("address", _("Address"), width=28),
        Column("state", _("State"), width=16),
        Column("created", _("Registered on"), Kind.DATE),
        Column("submitted", _("Submitted on"), Kind.DATE),
        Column("updated", _("Last changed"), Kind.DATE),
    )

    def queryset(self) -> QuerySet[Entry]:
        # As the page binds it: request.GET, or None when there are no parameters.
        entries = entries_visible_to(self.user).filter(round=self.award_round)
        return EntryFilter(self.params or None, queryset=entries).qs

    def row_count(self) -> int:
        return self.queryset().count()

    def row(self, entry: dict) -> list:
        return [
            entry["voting_code"],
            entry["product_name"],
            entry["facility__name"],
            address(entry),
            self.states.get(entry["state"], entry["state"]),
            _local_date(entry["created_at"]),
            _local_date(entry["submitted_at"]),
            _local_date(entry["updated_at"]),
        ]

    def get_groups(self) -> Iterator[Group]:
        self.states = {value: str(label) for value, label in Entry.State.choices}
        ordering = [*Entry._meta.ordering, "pk"]
        entries = (
            self.queryset()
            .order_by("product_group__code", *ordering)
            .values(*FIELDS)
            .iterator(chunk_size=2000)
        )
        return groups_of(entries, self.row)
