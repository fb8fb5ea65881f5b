"""Entries: registering a product, its description, screening and bulk decisions
(awards.services.entries and .screening, core.workflow.transition)."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.applicants.serializers import FacilityRefSerializer
from api.awards.fields import EntryStateField, GroupCodesField
from api.awards.permissions import EntryPermission
from api.awards.rounds import RoundRefSerializer
from api.parsers import JSONParser
from api.serializers import ChoiceLabelField, ServiceModelSerializer, TextField
from api.workflow import (
    AvailableTransitionsField,
    WorkflowActionsMixin,
    validate_step_named,
    workflow_schema,
)
from applicants.queries import facilities_visible_to
from awards import dossier, rules, services
from awards.filters import EntryFilter
from awards.models import (
    DESCRIPTION_FIELDS,
    ENTRY_FIELDS,
    Entry,
    ScreeningCheck,
)
from awards.queries import entries_visible_to, rounds_visible_to
from awards.workflows.entries import SCREENING_DECISIONS
from core.converters import MAX_INT64
from core.models import LONG_TEXT_MAX
from core.roles import is_staff_role


class ScreeningCheckSerializer(serializers.ModelSerializer):
    condition_label = ChoiceLabelField("condition")

    class Meta:
        model = ScreeningCheck
        fields = ["condition", "condition_label", "passed", "reason", "checked_at"]
        read_only_fields = fields


class EntryListSerializer(serializers.ModelSerializer):
    """An entry as the list shows it: everything read from the entry's row and its prefetched
    checklist, so the list costs the same number of queries for 1 or 100 entries."""

    round = RoundRefSerializer(read_only=True)
    facility = FacilityRefSerializer(read_only=True)
    product_group = serializers.IntegerField(source="product_group.code", read_only=True)
    product_group_name = serializers.CharField(source="product_group.name", read_only=True)
    state = EntryStateField(read_only=True)
    state_label = ChoiceLabelField("state")
    screening_checks = ScreeningCheckSerializer(many=True, read_only=True)

    def to_representation(self, entry):
        data = super().to_representation(entry)
        request = self.context.get("request")
        if request is None or not is_staff_role(request.user):
            # The checklist and its reasons are the center's working notes; the facility reads
            # the decision and its reason (state_reason), as on its entry page.
            data.pop("screening_checks", None)
        return data

    class Meta:
        model = Entry
        fields = [
            "id",
            "round",
            "facility",
            "product_name",
            "product_group",
            "product_group_name",
            "is_product_set",
            *DESCRIPTION_FIELDS,
            "state",
            "state_label",
            "state_reason",
            "voting_code",
            "submitted_at",
            "screening_checks",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        # Staff only (to_representation): not required in the schema (api.schema).
        schema_optional = ["screening_checks"]


class EntrySerializer(EntryListSerializer):
    """One entry: the list's fields, the steps the user may take, and, while the facility can
    still edit it, what its dossier lacks for submission (null once it cannot be edited)."""

    available_transitions = AvailableTransitionsField()
    missing = serializers.SerializerMethodField()

    class Meta(EntryListSerializer.Meta):
        fields = [*EntryListSerializer.Meta.fields, "available_transitions", "missing"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_missing(self, entry):
        # What the entry's page shows too: only while the facility can still complete it.
        if not rules.dossier_phase_open(entry):
            return None
        return [str(message) for message in dossier.missing_for_submission(entry)]


class EntryUpdateSerializer(ServiceModelSerializer):
    """Input of PUT/PATCH /entries/{id}/: the facility's description of its product."""

    product_group = GroupCodesField()

    class Meta:
        model = Entry
        fields = ENTRY_FIELDS
        # The product name's uniqueness in the round is checked by the service (full_clean).
        validators = []


class EntryCreateSerializer(EntryUpdateSerializer):
    """Input of POST /entries/: the round and facility by id, then the product."""

    class Meta(EntryUpdateSerializer.Meta):
        fields = ["round", "facility", *ENTRY_FIELDS]

    def get_fields(self):
        fields = super().get_fields()
        # Only what the user can see is a valid choice: an unknown id and another facility's id
        # are answered the same way.
        request = self.context.get("request")
        user = request.user if request is not None else AnonymousUser()
        fields["round"].queryset = rounds_visible_to(user)
        fields["facility"].queryset = facilities_visible_to(user)
        return fields


class ScreeningCheckInputSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    reason = TextField(
        multiline=True, required=False, allow_blank=True, default="", max_length=LONG_TEXT_MAX
    )


# The states a screening decides on (awards.workflows.entries: the officers' steps from
# "submitted"); a named component, like the other choice sets.
DECISIONS = [(state, Entry.State(state).label) for state in SCREENING_DECISIONS]


@extend_schema_field(
    serializers.ChoiceField(choices=DECISIONS, allow_blank=True), component_name="DecisionEnum"
)
class DecisionField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=DECISIONS, **kwargs)


class ScreeningInputSerializer(serializers.Serializer):
    """Input of POST /entries/{id}/screening/: conditions ticked or failed, and optionally the
    decision, made in the same transaction."""

    checks = serializers.DictField(
        child=ScreeningCheckInputSerializer(),
        required=False,
        default=dict,
        help_text="{condition: {passed, reason}}; conditions: "
        "made_by_facility, no_ip_infringement, meets_standards, mass_producible, "
        "meets_market_demand, dossier_complete.",
    )
    decision = DecisionField(
        required=False,
        allow_blank=True,
        default="",
        help_text="eligible, ineligible or returned; empty to record the checklist only.",
    )
    note = TextField(
        multiline=True, required=False, allow_blank=True, default="", max_length=LONG_TEXT_MAX
    )

    def get_fields(self):
        fields = super().get_fields()
        # "from" is a Python keyword: declared here. As on the transition endpoint.
        fields["from"] = EntryStateField(
            required=False,
            help_text="The state the client saw; 409 if the entry has moved on since.",
        )
        return fields


class BulkTransitionSerializer(serializers.Serializer):
    """Input of POST /entries/bulk-transition/: the entries, and the one step to make on all of
    them, by name (`action`) or by the state it leads to (`to`), as on the transition endpoint."""

    # Ids as the database holds them: a larger number is refused here, not sent to the database.
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT64), allow_empty=False
    )
    action = serializers.ChoiceField(choices=Entry.workflow.names, required=False)
    to = EntryStateField(required=False)
    note = TextField(
        multiline=True, required=False, allow_blank=True, default="", max_length=LONG_TEXT_MAX
    )

    validate = validate_step_named


@extend_schema_view(
    create=extend_schema(request=EntryCreateSerializer, responses={201: EntrySerializer}),
    update=extend_schema(request=EntryUpdateSerializer, responses=EntrySerializer),
    partial_update=extend_schema(request=EntryUpdateSerializer, responses=EntrySerializer),
    **workflow_schema(EntrySerializer),
)
class EntryViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Products registered for award rounds. An applicant sees their facilities' entries;
    officers, managers and administrators see all; judges see none here. A facility member
    registers and edits; the entry moves (submit, withdraw, screening decisions) with
    `transition/`, `screening/` and `bulk-transition/`. No delete: withdrawing is a transition."""

    lookup_value_converter = "id"
    # A step someone else took first (core.workflow.TransitionConflict); a bulk transition
    # answers every refusal, that one included, as its 400.
    conflict_actions = ("transition", "screening")
    permission_classes = [IsAuthenticated, EntryPermission]
    filterset_class = EntryFilter
    ordering_fields = [
        "product_name",
        "voting_code",
        "state",
        "submitted_at",
        "created_at",
        "product_group__code",
        "facility__name",
    ]
    ordering_keys = {"product_name": "product_sort", "facility__name": "facility__sort_name"}

    def get_queryset(self):
        entries = entries_visible_to(self.request.user).prefetch_related("screening_checks")
        if self.action == "list":
            # The list shows the round, facility and group by name only, not the address.
            entries = entries.select_related(None).select_related(
                "round", "facility", "product_group"
            )
        return entries

    def get_serializer_class(self):
        if self.action in ("list", "bulk_transition"):
            return EntryListSerializer
        return EntrySerializer

    def _render(self, entry, status_code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=entry.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = EntryCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        entry = services.register_entry(
            actor=request.user,
            award_round=data.pop("round"),
            facility=data.pop("facility"),
            data=data,
        )
        return self._render(entry, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        entry = self.get_object()
        serializer = EntryUpdateSerializer(
            entry, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        entry = services.update_entry(
            actor=request.user, entry=entry, data=dict(serializer.validated_data)
        )
        return self._render(entry)

    # The checklist is an object of objects: only JSON can say it.
    @extend_schema(request=ScreeningInputSerializer, responses=EntrySerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def screening(self, request, *args, **kwargs):
        """Record the screening checklist and, if `decision` is given, decide in the same
        transaction (awards.services.screen_entry)."""
        entry = self.get_object()
        serializer = ScreeningInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        checks = {
            condition: (check["passed"], check["reason"])
            for condition, check in data["checks"].items()
        }
        expected = data.get("from")
        if data["decision"]:
            services.screen_entry(
                actor=request.user,
                entry=entry,
                decision=data["decision"],
                note=data["note"],
                checks=checks,
                expected=expected,
            )
        elif checks:
            services.record_screening(
                actor=request.user, entry=entry, checks=checks, expected=expected
            )
        else:
            raise exceptions.ValidationError(
                {"checks": [_("Tick or fail a condition, or give a decision.")]}, code="required"
            )
        return self._render(entry)

    @extend_schema(
        request=BulkTransitionSerializer,
        responses={
            200: EntryListSerializer(many=True),
            400: OpenApiResponse(
                description="Nothing moved: `ids` lists ids that are not visible, otherwise each "
                "refused entry's id is a key with its reasons, and `note` says what the note "
                "(one for all the entries) lacks."
            ),
            403: OpenApiResponse(description="Only extension officers screen entries."),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="bulk-transition",
        pagination_class=None,
        filter_backends=[],
        parser_classes=[JSONParser],
    )
    def bulk_transition(self, request, *args, **kwargs):
        """Make one step on many entries, all or nothing (awards.services.bulk_transition)."""
        serializer = BulkTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = list(dict.fromkeys(serializer.validated_data["ids"]))
        found = self.get_queryset().in_bulk(ids)
        unknown = [pk for pk in ids if pk not in found]
        if unknown:
            raise exceptions.ValidationError(
                {"ids": [_("No such entry: %s.") % ", ".join(map(str, unknown))]},
                code="does_not_exist",
            )
        services.bulk_transition(
            actor=request.user,
            entries=[found[pk] for pk in ids],
            action=serializer.validated_data.get("action"),
            to=serializer.validated_data.get("to"),
            note=serializer.validated_data["note"],
        )
        moved = self.get_queryset().filter(pk__in=ids)
        return Response(self.get_serializer(moved, many=True).data)
