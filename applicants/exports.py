"""The facility registry as an official list: exactly the rows the officer's facility list page
shows for the same filters (the same permission-aware queryset and FacilityFilter)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from applicants.filters import FacilityFilter
from applicants.models import Facility
from applicants.queries import facilities_visible_to
from core.documents import tick
from core.roles import is_staff_role
from core.spreadsheets import Column, ExportNotAllowed, Kind, ListExporter, register


@register
class FacilityRegistryExporter(ListExporter):
    identifier = "facilities"
    verbose_name = _("List of rural industrial facilities")
    file_stem = "danh-sach-co-so-cnnt"
    subject_model = None
    filterset_class = FacilityFilter

    columns = (
        Column("name", _("Facility"), width=30),
        Column("tax_code", _("Tax code"), width=14, wrap=False),
        Column("representative", _("Representative"), width=22),
        Column("address", _("Address"), width=36),
        Column("phone", _("Phone"), width=13, wrap=False),
        Column("main_products", _("Main products"), width=30),
        Column("exporter", _("Exporter"), width=9),
        Column("local_materials", _("Local raw materials"), width=11),
        Column("artisan", _("Artisan"), width=9),
        Column("registered", _("Registered on"), Kind.DATE, width=12),
    )

    def check_allowed(self) -> None:
        if not is_staff_role(self.user):
            raise ExportNotAllowed

    def queryset(self) -> QuerySet[Facility]:
        # The list page binds the filter to request.GET (or None when empty): the same here, so
        # the file never diverges from the screen.
        filterset = FacilityFilter(self.params or None, queryset=facilities_visible_to(self.user))
        return filterset.qs

    def row_count(self) -> int:
        return self.queryset().count()

    def get_rows(self) -> Iterable[Sequence[Any]]:
        for facility in self.queryset().iterator():
            address = ", ".join(
                str(part)
                for part in (facility.address_line, facility.ward, facility.province)
                if part
            )
            yield (
                facility.name,
                facility.tax_code,
                facility.representative_name,
                address,
                facility.phone,
                facility.main_products,
                tick(facility.exporter),
                tick(facility.local_materials_over_half),
                tick(facility.has_artisan),
                facility.business_registration_date,
            )
