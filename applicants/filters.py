"""The facility filters, shared by the officer's list page and the API."""

import django_filters
from django.db.models import Q
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _

from applicants.models import Facility, LegalForm
from core.models import Province, Ward


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
    search = django_filters.CharFilter(method="filter_search", label=_("Name or tax code"))

    class Meta:
        model = Facility
        fields = ["province", "ward", "legal_form", "craft_village", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(tax_code__icontains=value))
