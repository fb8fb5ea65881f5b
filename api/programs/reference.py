"""The programme's reference data: the extension activities and the support rules that cap a
proposal's funding (programs.services.reference)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated

from api.programs.fields import ActivityRefSerializer, FundSourceField
from api.programs.permissions import ReferencePermission
from api.serializers import ChoiceLabelField, ServiceModelSerializer
from programs.models import Activity, SupportRule
from programs.services import reference as services
from programs.services.reference import ACTIVITY_FIELDS, RULE_FIELDS


class ActivitySerializer(ServiceModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", *ACTIVITY_FIELDS]
        # The code's uniqueness is the service's full_clean, with the other rules.
        validators = []
        extra_kwargs = {"code": {"validators": []}}


class SupportRuleSerializer(ServiceModelSerializer):
    fund_source = FundSourceField()
    fund_source_label = ChoiceLabelField("fund_source")
    activity_detail = ActivityRefSerializer(source="activity", read_only=True)

    class Meta:
        model = SupportRule
        fields = ["id", *RULE_FIELDS, "fund_source_label", "activity_detail", "updated_at"]
        read_only_fields = ["id", "updated_at"]


class _ServiceSaveMixin:
    """create/update through the service's one save function (`save`), which takes the old row
    or None."""

    def perform_create(self, serializer):
        serializer.instance = self.save(actor=self.request.user, data=serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self.save(
            actor=self.request.user, data=serializer.validated_data, row=serializer.instance
        )


@extend_schema_view(create=extend_schema(responses={201: ActivitySerializer}))
class ActivityViewSet(
    _ServiceSaveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The extension activities (nội dung khuyến công). Everyone signed in reads them; officers
    and administrators add and rename them. No delete: proposals and rules refer to them."""

    serializer_class = ActivitySerializer
    lookup_value_converter = "id"
    permission_classes = [IsAuthenticated, ReferencePermission]
    pagination_class = None
    queryset = Activity.objects.all()

    def save(self, *, actor, data, row=None):
        return services.save_activity(actor=actor, data=dict(data), activity=row)


@extend_schema_view(create=extend_schema(responses={201: SupportRuleSerializer}))
class SupportRuleViewSet(
    _ServiceSaveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The support rules (rate, ceiling, production-line multiplier, legal basis, period) of each
    fund and activity. Everyone signed in reads them; officers and administrators keep them. A
    rule whose period meets another's of the same fund and activity is refused on
    `valid_from`."""

    serializer_class = SupportRuleSerializer
    lookup_value_converter = "id"
    permission_classes = [IsAuthenticated, ReferencePermission]
    filterset_fields = ["fund_source", "activity"]
    ordering_fields = ["valid_from", "fund_source"]

    def get_queryset(self):
        return SupportRule.objects.select_related("activity")

    def save(self, *, actor, data, row=None):
        return services.save_support_rule(actor=actor, data=dict(data), rule=row)

    def perform_destroy(self, instance):
        services.delete_support_rule(actor=self.request.user, rule=instance)
