"""API-only filters. The facility filters are applicants.filters.FacilityFilter, shared with the
officer's list page."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.models import Province, Ward


class WardFilter(django_filters.FilterSet):
    # Required: the wards of the whole country are 3,321 rows; a client asks for one province.
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), required=True, label=_("Province")
    )

    class Meta:
        model = Ward
        fields = ["province"]
