"""The entry filters, shared by the officer's entry list page and the API (/api/v1/entries/).

The page adapts only the presentation of the form (selects for the group and the province,
see awards.views.screening); what each parameter means is said here, once."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from applicants.models import Facility
from awards.models import Entry
from core.converters import MAX_INT64, MIN_INT64
from core.forms import field_label
from core.text import fold


@extend_schema_field(
    {"type": "integer", "format": "int64", "minimum": MIN_INT64, "maximum": MAX_INT64}
)
class IntegerFilter(django_filters.NumberFilter):
    """A whole number (an id, a code, a year), matched as given. Typed for the API schema.

    Bounded to what a 64-bit column holds: a larger number is refused by the form (400 in the
    API, the field's error on a page) instead of reaching the database, which cannot compare
    it (SQLite raises OverflowError)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_INT64)
        kwargs.setdefault("max_value", MAX_INT64)
        super().__init__(*args, **kwargs)


# The model field's own (translated) name, so filters add nothing to the catalogue.
label = field_label


class EntryFilter(django_filters.FilterSet):
    # Ids and codes, not model choices: a filter must not tell an applicant whether another
    # facility or a draft round exists (an unknown id simply matches nothing).
    round = IntegerFilter(field_name="round_id", label=label(Entry, "round"))
    facility = IntegerFilter(field_name="facility_id", label=label(Entry, "facility"))
    # The group's official code (1–4) and the province's code ("86"), as the API writes them.
    # "group" is the page's name for it (its links and bookmarks), "product_group" the API's
    # (the field's name in the entry's representation): both are accepted, with one meaning.
    product_group = IntegerFilter(
        field_name="product_group__code", label=label(Entry, "product_group")
    )
    group = IntegerFilter(field_name="product_group__code", label=label(Entry, "product_group"))
    state = django_filters.ChoiceFilter(choices=Entry.State.choices, label=label(Entry, "state"))
    province = django_filters.CharFilter(
        field_name="facility__province_id", label=label(Facility, "province")
    )
    search = django_filters.CharFilter(
        method="filter_search", label=_("Product, facility or voting code")
    )

    class Meta:
        model = Entry
        fields = ["round", "facility", "product_group", "group", "state", "province", "search"]

    def filter_search(self, queryset, name, value):
        """Matches the folded product and facility names (core.text.fold: "keo dua" finds "Kẹo
        dừa" on every database) and the voting code."""
        folded = fold(value)
        if not folded:
            return queryset
        return queryset.filter(
            Q(product_folded__contains=folded)
            | Q(facility__name_folded__contains=folded)
            | Q(voting_code__icontains=value.strip())
        )
