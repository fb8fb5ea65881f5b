"""API-only filters. The facility filters are applicants.filters.FacilityFilter and the entry
filters awards.filters.EntryFilter, each shared with the officer's list page."""

import django_filters
from django.utils.translation import gettext_lazy as _

from awards.filters import EntryFilter, IntegerFilter, label
from awards.models import AwardRound, Level
from core.models import Province, Ward

__all__ = ["EntryFilter", "RoundFilter", "WardFilter"]


class WardFilter(django_filters.FilterSet):
    # Required: the wards of the whole country are 3,321 rows; a client asks for one province.
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), required=True, label=_("Province")
    )

    class Meta:
        model = Ward
        fields = ["province"]


class RoundFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=AwardRound.State.choices, label=label(AwardRound, "state")
    )
    year = IntegerFilter(label=label(AwardRound, "year"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=label(AwardRound, "level"))

    class Meta:
        model = AwardRound
        fields = ["state", "year", "level"]
