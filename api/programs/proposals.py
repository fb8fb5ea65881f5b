"""Proposals (đề án khuyến công): drawn up by a facility or an officer, moved through their
states with `transition/` (programs.workflows), with their money and, for staff, the warnings an
officer should read before deciding (programs.services.proposals, .steps)."""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.programs.budget import BudgetLineSerializer, EquipmentItemSerializer
from api.programs.fields import (
    ActivityRefSerializer,
    FundSourceField,
    PlanRefSerializer,
    ProposalStateField,
)
from api.programs.permissions import ProposalPermission
from api.programs.support import SupportLimitMixin
from api.serializers import ChoiceLabelField, ServiceModelSerializer, TextField
from api.workflow import (
    AvailableTransitionsField,
    WorkflowActionsMixin,
    transition_serializer,
    workflow_schema,
)
from applicants.queries import facilities_visible_to
from awards.filters import IntegerFilter, label
from core.models import LONG_TEXT_MAX
from core.roles import is_staff_role
from core.text import fold
from programs.models import AcceptanceResult, FundSource, Proposal
from programs.money import money_of
from programs.queries import plans_visible_to, proposals_visible_to
from programs.services import proposals as services
from programs.services import steps
from programs.services.proposals import PROPOSAL_FIELDS
from programs.warnings import warnings_for


class MoneySerializer(serializers.Serializer):
    """The proposal's money in VND (programs.money): derived from its lines and payments."""

    cost = serializers.IntegerField(help_text="The budget's total cost.")
    extension = serializers.IntegerField(help_text="Extension funding asked by the budget.")
    counterpart = serializers.IntegerField(help_text="The beneficiary's counterpart funding.")
    approved = serializers.IntegerField(allow_null=True, help_text="Approved extension funding.")
    paid = serializers.IntegerField(help_text="Paid so far.")
    remaining = serializers.IntegerField(
        allow_null=True, help_text="What remains of the approved funding; null before approval."
    )
    settled = serializers.BooleanField()


def money_data(proposal) -> dict:
    money = money_of(proposal)
    return {
        "cost": money.cost,
        "extension": money.extension,
        "counterpart": money.counterpart,
        "approved": money.approved,
        "paid": money.paid,
        "remaining": money.remaining,
        "settled": money.settled,
    }


class ProposalListSerializer(serializers.ModelSerializer):
    """A proposal as the list shows it: read from its row, its plan and activity, and its
    prefetched beneficiaries, lines and payments (the same queries for 1 or 100)."""

    plan = PlanRefSerializer(read_only=True)
    activity = ActivityRefSerializer(read_only=True)
    fund_source = FundSourceField(source="plan.fund_source", read_only=True)
    beneficiaries = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    state = ProposalStateField(read_only=True)
    state_label = ChoiceLabelField("state")
    money = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "code",
            "title",
            "plan",
            "fund_source",
            "activity",
            "implementing_unit",
            "implementing_name",
            "beneficiaries",
            "province",
            "ward",
            "state",
            "state_label",
            "state_reason",
            "submitted_at",
            "money",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(MoneySerializer)
    def get_money(self, proposal):
        return money_data(proposal)


class ProposalSerializer(ProposalListSerializer):
    """One proposal: the list's fields, what it says, each step's document, its lines and
    items, the steps the user may take and, for staff, the warnings."""

    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    equipment = EquipmentItemSerializer(many=True, read_only=True)
    # Empty until the acceptance is recorded: "" is one of its values (the schema says so).
    acceptance_result = serializers.ChoiceField(
        choices=AcceptanceResult.choices, allow_blank=True, read_only=True
    )
    available_transitions = AvailableTransitionsField()
    warnings = serializers.SerializerMethodField()

    class Meta(ProposalListSerializer.Meta):
        fields = [
            *ProposalListSerializer.Meta.fields,
            "objectives",
            "expected_results",
            "starts_on",
            "ends_on",
            "approval_number",
            "approval_date",
            "contract_number",
            "contract_date",
            "contract_value",
            "acceptance_date",
            "acceptance_result",
            "acceptance_findings",
            "budget_lines",
            "equipment",
            "available_transitions",
            "warnings",
        ]
        read_only_fields = fields
        # Staff only (to_representation): not required in the schema (api.schema).
        schema_optional = ["warnings"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_warnings(self, proposal):
        return [str(warning) for warning in warnings_for(proposal)]

    def to_representation(self, proposal):
        data = super().to_representation(proposal)
        request = self.context.get("request")
        if request is None or not is_staff_role(request.user):
            # What an officer weighs before deciding (earlier support, eligibility, the
            # envelope) is the center's working note, as on the pages.
            data.pop("warnings", None)
        return data


class ProposalUpdateSerializer(ServiceModelSerializer):
    """Input of PUT/PATCH /proposals/{id}/: what the proposal says; beneficiaries by id."""

    class Meta:
        model = Proposal
        fields = [*PROPOSAL_FIELDS, "beneficiaries"]

    def get_fields(self):
        fields = super().get_fields()
        # Only facilities the user can see are valid: an unknown id and another facility's
        # are answered the same way.
        fields["beneficiaries"].child_relation.queryset = facilities_visible_to(self._user())
        fields["beneficiaries"].required = False
        return fields

    def _user(self):
        request = self.context.get("request")
        return request.user if request is not None else AnonymousUser()


class ProposalCreateSerializer(ProposalUpdateSerializer):
    """Input of POST /proposals/: the plan by id, then the proposal."""

    class Meta(ProposalUpdateSerializer.Meta):
        fields = ["plan", *ProposalUpdateSerializer.Meta.fields]

    def get_fields(self):
        fields = super().get_fields()
        fields["plan"].queryset = plans_visible_to(self._user())
        return fields


class ProposalTransitionSerializer(transition_serializer(Proposal)):
    """The transition's input, with what the contract and the acceptance record carry."""

    contract_value = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="sign_contract: the contract's value, VND (at least the approved funding).",
    )
    acceptance_result = serializers.ChoiceField(
        choices=AcceptanceResult.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="accept: the acceptance record's result.",
    )
    acceptance_findings = TextField(
        multiline=True,
        required=False,
        allow_blank=True,
        default="",
        max_length=LONG_TEXT_MAX,
        help_text="accept: the findings (required when passed with corrections).",
    )


# The steps that record a document beside the state go through their service; a step named by
# the state it leads to is routed the same way (only one step leads to each of these states).
RECORDING_STEPS = {"contracted": "sign_contract", "accepted": "accept"}


class ProposalFilter(django_filters.FilterSet):
    # Ids and codes, not model choices: a filter must not tell an applicant what exists.
    year = IntegerFilter(field_name="plan__year", label=label(Proposal, "plan"))
    plan = IntegerFilter(field_name="plan_id", label=label(Proposal, "plan"))
    fund = django_filters.ChoiceFilter(
        field_name="plan__fund_source", choices=FundSource.choices, label=label(Proposal, "plan")
    )
    activity = IntegerFilter(field_name="activity_id", label=label(Proposal, "activity"))
    state = django_filters.ChoiceFilter(
        choices=Proposal.State.choices, label=label(Proposal, "state")
    )
    beneficiary = IntegerFilter(method="filter_beneficiary", label=label(Proposal, "beneficiaries"))
    province = django_filters.CharFilter(
        field_name="province_id", label=label(Proposal, "province")
    )
    search = django_filters.CharFilter(method="filter_search", label=label(Proposal, "title"))

    class Meta:
        model = Proposal
        fields = ["year", "plan", "fund", "activity", "state", "beneficiary", "province", "search"]

    def filter_beneficiary(self, queryset, name, value):
        # A subquery, not a join: a join on the beneficiaries would repeat a proposal.
        through = Proposal.beneficiaries.through.objects.filter(
            proposal_id=OuterRef("pk"), facility_id=value
        )
        return queryset.filter(Exists(through))

    def filter_search(self, queryset, name, value):
        """The code as typed, or the folded title (core.text.fold: "may dong goi" finds "Máy
        đóng gói" on every database)."""
        folded = fold(value)
        if not folded:
            return queryset
        return queryset.filter(Q(title_folded__contains=folded) | Q(code__icontains=value.strip()))


@extend_schema_view(
    create=extend_schema(request=ProposalCreateSerializer, responses={201: ProposalSerializer}),
    update=extend_schema(request=ProposalUpdateSerializer, responses=ProposalSerializer),
    partial_update=extend_schema(request=ProposalUpdateSerializer, responses=ProposalSerializer),
    **workflow_schema(ProposalSerializer, request=ProposalTransitionSerializer),
)
class ProposalViewSet(
    SupportLimitMixin,
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Extension proposals. Staff see every proposal; a facility's member those of its
    facilities. A member or an officer draws one up and changes it while it is a draft or
    returned; only a draft is deleted. It moves with `transition/`; `sign_contract` takes
    `contract_value`, `accept` takes `acceptance_result` and `acceptance_findings`."""

    lookup_value_converter = "id"
    conflict_actions = ("transition",)
    permission_classes = [IsAuthenticated, ProposalPermission]
    filterset_class = ProposalFilter
    ordering_fields = ["code", "title", "state", "submitted_at", "created_at"]

    def get_queryset(self):
        proposals = proposals_visible_to(self.request.user).prefetch_related(
            "beneficiaries", "budget_lines", "payments"
        )
        if self.action != "list":
            proposals = proposals.prefetch_related("equipment")
        return proposals

    def get_serializer_class(self):
        if self.action == "list":
            return ProposalListSerializer
        return ProposalSerializer

    def _render(self, proposal, status_code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=proposal.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = ProposalCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        proposal = services.create_proposal(
            actor=request.user,
            plan=data.pop("plan"),
            beneficiaries=data.pop("beneficiaries", ()),
            data=data,
        )
        return self._render(proposal, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        proposal = self.get_object()
        serializer = ProposalUpdateSerializer(
            proposal,
            data=request.data,
            partial=kwargs.get("partial", False),
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        proposal = services.update_proposal(
            actor=request.user,
            proposal=proposal,
            beneficiaries=data.pop("beneficiaries", None),
            data=data,
        )
        return self._render(proposal)

    def perform_destroy(self, instance):
        services.delete_proposal(actor=self.request.user, proposal=instance)

    def transition_input(self, obj):
        return ProposalTransitionSerializer

    def perform_transition(self, obj, validated: dict):
        data = dict(validated)
        extra = {
            name: data.pop(name)
            for name in ("contract_value", "acceptance_result", "acceptance_findings")
        }
        step = data.get("action") or RECORDING_STEPS.get(data.get("to"))
        common = {"actor": self.request.user, "proposal": obj, "expected": data.get("from")}
        if step == "sign_contract":
            return steps.sign_contract(
                **common,
                number=data["decision_number"],
                date=data["decision_date"],
                value=extra["contract_value"],
            )
        if step == "accept":
            return steps.accept(
                **common,
                date=data["decision_date"],
                result=extra["acceptance_result"],
                findings=extra["acceptance_findings"],
            )
        return super().perform_transition(obj, data)
