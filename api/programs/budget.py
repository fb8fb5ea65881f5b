"""A proposal's budget lines and equipment items, nested under it
(`/proposals/{proposal_pk}/budget-lines/`, `/equipment/`), changed through
programs.services.proposals while the proposal is editable; an item's acceptance check
(`/equipment/{id}/acceptance/`, programs.services.steps.check_item)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.serializers import ServiceModelSerializer
from programs.models import BudgetLine, EquipmentItem
from programs.queries import proposals_visible_to
from programs.services import proposals as services
from programs.services import steps
from programs.services.proposals import ITEM_FIELDS, LINE_FIELDS
from programs.services.steps import ITEM_ACCEPTANCE_FIELDS


class BudgetLineSerializer(ServiceModelSerializer):
    """A budget line; `cost` (quantity × unit cost) and `counterpart_share` (cost − extension
    share) are derived, never written."""

    cost = serializers.IntegerField(read_only=True)
    counterpart_share = serializers.IntegerField(read_only=True)

    class Meta:
        model = BudgetLine
        fields = ["id", *LINE_FIELDS, "cost", "counterpart_share"]
        read_only_fields = ["id"]


class EquipmentItemSerializer(ServiceModelSerializer):
    """An equipment item as approved (written while the proposal is editable) and, read-only
    here, as checked at acceptance."""

    cost = serializers.IntegerField(read_only=True)

    class Meta:
        model = EquipmentItem
        fields = ["id", *ITEM_FIELDS, "cost", *ITEM_ACCEPTANCE_FIELDS]
        read_only_fields = ["id", *ITEM_ACCEPTANCE_FIELDS]


class ItemAcceptanceSerializer(ServiceModelSerializer):
    """Input of POST …/equipment/{id}/acceptance/: the item as delivered."""

    class Meta:
        model = EquipmentItem
        fields = list(ITEM_ACCEPTANCE_FIELDS)


class ProposalChildMixin:
    """Rows of a proposal the user can see (404 otherwise); the services decide whether the
    user may change them now."""

    lookup_value_converter = "id"
    permission_classes = [IsAuthenticated]
    pagination_class = None
    filter_backends = []

    def get_proposal(self):
        if not hasattr(self, "_proposal"):
            self._proposal = get_object_or_404(
                proposals_visible_to(self.request.user), pk=self.kwargs["proposal_pk"]
            )
        return self._proposal

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The schema is generated without a proposal in the path.
            return self.child_model.objects.none()
        return self.child_model.objects.filter(proposal=self.get_proposal())

    def perform_create(self, serializer):
        serializer.instance = self.save(
            proposal=self.get_proposal(), data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = self.save(
            proposal=self.get_proposal(),
            data=dict(serializer.validated_data),
            row=serializer.instance,
        )


class _ChildViewSet(
    ProposalChildMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    pass


@extend_schema_view(create=extend_schema(responses={201: BudgetLineSerializer}))
class BudgetLineViewSet(_ChildViewSet):
    """The proposal's budget lines. Whoever sees the proposal reads them; its facility or an
    officer changes them while it is a draft or returned."""

    serializer_class = BudgetLineSerializer
    child_model = BudgetLine

    def save(self, *, proposal, data, row=None):
        return services.save_budget_line(
            actor=self.request.user, proposal=proposal, data=data, line=row
        )

    def perform_destroy(self, instance):
        services.delete_budget_line(actor=self.request.user, line=instance)


@extend_schema_view(create=extend_schema(responses={201: EquipmentItemSerializer}))
class EquipmentItemViewSet(_ChildViewSet):
    """The equipment of an equipment-support project, as for budget lines; at acceptance an
    officer checks each item with `acceptance/`."""

    serializer_class = EquipmentItemSerializer
    child_model = EquipmentItem

    def save(self, *, proposal, data, row=None):
        return services.save_equipment_item(
            actor=self.request.user, proposal=proposal, data=data, item=row
        )

    def perform_destroy(self, instance):
        services.delete_equipment_item(actor=self.request.user, item=instance)

    @extend_schema(request=ItemAcceptanceSerializer, responses=EquipmentItemSerializer)
    @action(detail=True, methods=["post"])
    def acceptance(self, request, *args, **kwargs):
        """Record the item as delivered (date, serial number, whether it matches the approved
        item and why not): officers, while the work is in progress."""
        item = self.get_object()
        serializer = ItemAcceptanceSerializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        item = steps.check_item(actor=request.user, item=item, data=dict(serializer.validated_data))
        return Response(EquipmentItemSerializer(item).data, status=status.HTTP_200_OK)
