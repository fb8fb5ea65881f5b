"""Extension plans: the year's plan of one fund with its envelope; officers draw it up, a
manager approves it with the decision's number and date (programs.services.reference.save_plan,
core.workflow.transition)."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from api.programs.fields import FundSourceField, PlanStateField
from api.programs.permissions import PlanPermission
from api.serializers import ChoiceLabelField, ServiceModelSerializer
from api.workflow import AvailableTransitionsField, WorkflowActionsMixin, workflow_schema
from awards.filters import IntegerFilter, label
from core.roles import is_staff_role
from programs.models import FundSource, Plan
from programs.queries import plans_visible_to
from programs.services import reference as services
from programs.services.reference import PLAN_FIELDS
from programs.warnings import plan_funding


class PlanFundingSerializer(serializers.Serializer):
    budget = serializers.IntegerField(help_text="The envelope, VND.")
    approved = serializers.IntegerField(help_text="Extension funding of approved proposals.")
    pending = serializers.IntegerField(help_text="Asked by proposals submitted or in appraisal.")
    over = serializers.IntegerField(help_text="How far the approved funding exceeds the budget.")


class PlanSerializer(ServiceModelSerializer):
    """A plan: what officers write (year, fund, title, budget), its state and approval
    decision, and, for staff, its funding against the envelope."""

    fund_source = FundSourceField()
    fund_source_label = ChoiceLabelField("fund_source")
    state = PlanStateField(read_only=True)
    state_label = ChoiceLabelField("state")
    available_transitions = AvailableTransitionsField()
    funding = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            *PLAN_FIELDS,
            "fund_source_label",
            "state",
            "state_label",
            "decision_number",
            "decision_date",
            "available_transitions",
            "funding",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "state",
            "decision_number",
            "decision_date",
            "created_at",
            "updated_at",
        ]
        # The (year, fund) uniqueness is the service's full_clean, answered on `year`.
        validators = []
        schema_optional = ["funding"]

    @extend_schema_field(PlanFundingSerializer)
    def get_funding(self, plan):
        return plan_funding(plan)

    def to_representation(self, plan):
        data = super().to_representation(plan)
        request = self.context.get("request")
        if request is None or not is_staff_role(request.user):
            # The envelope's use is the center's working figure.
            data.pop("funding", None)
        return data


class PlanListSerializer(PlanSerializer):
    """A plan in a list: without the funding and the steps, which query per plan."""

    class Meta(PlanSerializer.Meta):
        fields = [
            name
            for name in PlanSerializer.Meta.fields
            if name not in ("available_transitions", "funding")
        ]


class PlanFilter(django_filters.FilterSet):
    year = IntegerFilter(label=label(Plan, "year"))
    fund = django_filters.ChoiceFilter(
        field_name="fund_source", choices=FundSource.choices, label=label(Plan, "fund_source")
    )
    state = django_filters.ChoiceFilter(choices=Plan.State.choices, label=label(Plan, "state"))

    class Meta:
        model = Plan
        fields = ["year", "fund", "state"]


@extend_schema_view(
    create=extend_schema(responses={201: PlanSerializer}),
    **workflow_schema(PlanSerializer),
)
class PlanViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Extension plans. Staff see every plan; a facility's member the plans taking proposals.
    Officers and administrators create and change them; a manager approves one with
    `transition/` (action `approve`, with `decision_number` and `decision_date`)."""

    lookup_value_converter = "id"
    conflict_actions = ("transition",)
    permission_classes = [IsAuthenticated, PlanPermission]
    filterset_class = PlanFilter
    ordering_fields = ["year", "fund_source", "title", "created_at"]

    def get_queryset(self):
        return plans_visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action == "list":
            return PlanListSerializer
        return PlanSerializer

    def perform_create(self, serializer):
        serializer.instance = services.save_plan(
            actor=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = services.save_plan(
            actor=self.request.user, data=dict(serializer.validated_data), plan=serializer.instance
        )
