"""Award rounds: settings, state and the round's own criteria; officers create, change
and move them (awards.services.rounds, core.workflow.transition)."""

import django_filters
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from api.awards.criteria import CriterionSerializer, criteria_tree
from api.awards.fields import GroupCodesField, RoundStateField
from api.awards.permissions import RoundPermission
from api.serializers import ChoiceLabelField, ServiceModelSerializer
from api.workflow import AvailableTransitionsField, WorkflowActionsMixin, workflow_schema
from awards import services
from awards.filters import IntegerFilter, label
from awards.models import (
    AwardRound,
    Level,
)
from awards.queries import rounds_visible_to
from awards.services import ROUND_FIELDS


class RoundRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardRound
        fields = ["id", "title"]


class RoundSerializer(ServiceModelSerializer):
    """A round: its settings (writable by officers), its state and its own copy of the criteria
    (empty until registration opens)."""

    product_groups = GroupCodesField(many=True, required=False)
    level_label = ChoiceLabelField("level")
    state = RoundStateField(read_only=True)
    state_label = ChoiceLabelField("state")
    available_transitions = AvailableTransitionsField()
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = AwardRound
        # The settings an officer writes are the service's (awards.services.ROUND_FIELDS).
        fields = [
            "id",
            *ROUND_FIELDS,
            "level_label",
            "product_groups",
            "state",
            "state_label",
            "available_transitions",
            "decision_number",
            "decision_date",
            "criteria",
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

    @extend_schema_field(CriterionSerializer(many=True))
    def get_criteria(self, award_round):
        return criteria_tree(award_round.criteria.all())


class RoundListSerializer(RoundSerializer):
    """A round in a list: without `available_transitions`, whose confirmation texts and
    blocked reasons count the round's entries (queries per round); the detail has them."""

    class Meta(RoundSerializer.Meta):
        fields = [name for name in RoundSerializer.Meta.fields if name != "available_transitions"]


class RoundFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=AwardRound.State.choices, label=label(AwardRound, "state")
    )
    year = IntegerFilter(label=label(AwardRound, "year"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=label(AwardRound, "level"))

    class Meta:
        model = AwardRound
        fields = ["state", "year", "level"]


@extend_schema_view(
    create=extend_schema(responses={201: RoundSerializer}),
    **workflow_schema(RoundSerializer),
)
class RoundViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Award rounds. Everyone signed in lists the rounds open for registration and the published
    ones; staff see every round. Officers and administrators create, change and (while it is a
    draft without entries) delete them; a round moves through its states with `transition/`."""

    serializer_class = RoundSerializer
    lookup_value_converter = "id"
    # Deleting a round past draft ("protected"); a step someone else took first ("conflict").
    conflict_actions = ("destroy", "transition")
    permission_classes = [IsAuthenticated, RoundPermission]
    filterset_class = RoundFilter
    ordering_fields = ["year", "title", "registration_opens", "created_at"]

    def get_queryset(self):
        return rounds_visible_to(self.request.user).prefetch_related("criteria")

    def get_serializer_class(self):
        if self.action == "list":
            return RoundListSerializer
        return RoundSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        groups = data.pop("product_groups", None)
        serializer.instance = services.create_round(
            actor=self.request.user, data=data, product_groups=groups
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        groups = data.pop("product_groups", None)
        serializer.instance = services.update_round(
            actor=self.request.user,
            award_round=serializer.instance,
            data=data,
            product_groups=groups,
        )

    def perform_destroy(self, instance):
        services.delete_round(actor=self.request.user, award_round=instance)
