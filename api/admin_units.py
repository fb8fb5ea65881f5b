"""The administrative units after the 2025 reform: 34 provinces and their commune-level units.
Public: the self-registration page needs them."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from core.models import Province, Ward


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name", "short_name"]


class WardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ward
        fields = ["code", "name", "short_name", "kind", "province"]


class WardFilter(django_filters.FilterSet):
    # Required: the wards of the whole country are 3,321 rows; a client asks for one province.
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), required=True, label=_("Province")
    )

    class Meta:
        model = Ward
        fields = ["province"]


class ProvinceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The 34 provinces of the 2025 reform. Public: the self-registration page needs them."""

    queryset = Province.objects.all()
    serializer_class = ProvinceSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = []


class WardViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The commune-level units of one province (`?province=<code>`, required). Public."""

    queryset = Ward.objects.all()
    serializer_class = WardSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = [DjangoFilterBackend]
    filterset_class = WardFilter
