"""The facility filters, shared by the officer's list page and the API."""

import django_filters
from django.db.models import Q
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _

from applicants.models import Facility, LegalForm
from core.forms import field_label as label
from core.models import Province, Ward
from core.text import fold


class FacilityFilter(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), label=_("Province")
    )
    ward = django_filters.ModelChoiceFilter(queryset=Ward.objects.all(), label=_("Commune / ward"))
    legal_form = django_filters.ChoiceFilter(
        choices=LegalForm.choices, label=_("Legal form"), empty_label=BLANK_CHOICE_LABEL
    )
    craft_village = django_filters.CharFilter(
        field_name="craft_village", lookup_expr="icontains", label=_("Craft village")
    )
    # The priorities of TT 46/2012 and NĐ 235/2025 (applicants.models.Facility).
    exporter = django_filters.BooleanFilter(label=label(Facility, "exporter"))
    local_materials_over_half = django_filters.BooleanFilter(
        label=label(Facility, "local_materials_over_half")
    )
    has_artisan = django_filters.BooleanFilter(label=label(Facility, "has_artisan"))
    woman_owned = django_filters.BooleanFilter(label=label(Facility, "woman_owned"))
    ethnic_minority_owned = django_filters.BooleanFilter(
        label=label(Facility, "ethnic_minority_owned")
    )
    search = django_filters.CharFilter(
        method="filter_search", label=_("Name, representative, products or tax code")
    )

    class Meta:
        model = Facility
        fields = [
            "province",
            "ward",
            "legal_form",
            "craft_village",
            "exporter",
            "local_materials_over_half",
            "has_artisan",
            "woman_owned",
            "ethnic_minority_owned",
            "search",
        ]

    def filter_search(self, queryset, name, value):
        """Matches the folded names (core.text.fold): "keo dua" and "KẸO DỪA" find "Kẹo dừa" on
        SQLite and PostgreSQL alike; the tax code as typed."""
        folded = fold(value)
        if not folded:
            return queryset
        return queryset.filter(
            Q(name_folded__contains=folded)
            | Q(representative_folded__contains=folded)
            | Q(products_folded__contains=folded)
            | Q(tax_code__contains=value.strip())
        )
