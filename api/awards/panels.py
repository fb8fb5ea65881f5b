"""Judging panels, conflicts of interest and assignments (awards.services.judging).

- /panels/: officers and administrators create, change and delete; staff read every panel; a
  judge reads the panels they sit on.
- /conflicts/: a judge seated on a panel of a round declares their conflicts (one per request:
  {"round", "facility", "reason"}) or none ({"round", "none": true}); a judge reads their own
  declarations, staff all of them. Never changed or deleted: the history stays.
- /assignments/: the score sheets as assignments (who scores which entry), never their scores
  and never the facility. Officers and administrators list, add and remove them; staff read
  them; a panel's chair reads their panel's.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from api.awards.fields import GroupCodesField
from api.serializers import ChoiceLabelField
from awards import rules as award_rules
from awards import services
from awards.filters import IntegerFilter, label
from awards.models import (
    AwardRound,
    Conflict,
    ConflictDeclaration,
    Entry,
    Panel,
    PanelMember,
    PanelRole,
    ScoreSheet,
)
from core.roles import Role, has_role, is_staff_role

User = get_user_model()


def _name(user) -> str:
    return user.full_name or user.username


class JudgeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return _name(user)


# ---- Panels -----------------------------------------------------------------------------------


class SeatSerializer(serializers.Serializer):
    judge = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    name = serializers.SerializerMethodField()
    role = serializers.ChoiceField(choices=PanelRole.choices)

    def get_name(self, seat) -> str:
        return _name(seat.judge)

    def validate(self, attrs):
        # A PATCH makes nested fields optional too; a seat given is still a whole seat (the
        # members list replaces the panel's).
        missing = {
            name: [_("This field is required.")] for name in ("judge", "role") if name not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing, code="required")
        return attrs


class PanelSerializer(serializers.ModelSerializer):
    round = serializers.PrimaryKeyRelatedField(queryset=AwardRound.objects.all())
    product_groups = GroupCodesField(many=True)
    members = SeatSerializer(many=True)

    class Meta:
        model = Panel
        fields = ["id", "round", "name", "product_groups", "members"]
        # Value rules are the service's (awards.services.judging), answered per field.
        extra_kwargs = {"name": {"validators": []}}
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["round"].read_only = True
        return fields


class PanelFilter(django_filters.FilterSet):
    round = IntegerFilter(field_name="round_id", label=label(Panel, "round"))

    class Meta:
        model = Panel
        fields = ["round"]


class StaffOrJudge(BasePermission):
    """Reading: staff and judges (the querysets decide what each sees). Writing: officers and
    administrators."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return is_staff_role(request.user) or has_role(request.user, Role.JUDGE)
        return award_rules.can_manage_rounds(request.user)


def panels_visible_to(user):
    panels = Panel.objects.prefetch_related(
        "product_groups",
        Prefetch(
            "members", queryset=PanelMember.objects.select_related("judge").order_by("role", "id")
        ),
    ).order_by("round", "name", "id")
    if is_staff_role(user):
        return panels
    if has_role(user, Role.JUDGE):
        return panels.filter(members__judge=user).distinct()
    return panels.none()


def _seats(data) -> list[tuple] | None:
    if data is None:
        return None
    return [(seat["judge"], seat["role"]) for seat in data]


@extend_schema_view(create=extend_schema(responses={201: PanelSerializer}))
class PanelViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A round's judging panels: the product groups each judges (by code) and its members with
    their roles (chair, member, secretary; one chair)."""

    serializer_class = PanelSerializer
    lookup_value_converter = "id"
    # Deleting a panel once judging started ("protected").
    conflict_actions = ("destroy",)
    permission_classes = [IsAuthenticated, StaffOrJudge]
    filterset_class = PanelFilter
    ordering_fields = ["name"]

    def get_queryset(self):
        return panels_visible_to(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create_panel(
            actor=self.request.user,
            award_round=data["round"],
            name=data["name"],
            product_groups=data["product_groups"],
            members=_seats(data["members"]),
        )

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.update_panel(
            actor=self.request.user,
            panel=serializer.instance,
            name=data.get("name"),
            product_groups=data.get("product_groups"),
            members=_seats(data.get("members")),
        )

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        # The seats as stored (the serializer's instance was read before the change).
        panel = self.get_queryset().get(pk=response.data["id"])
        response.data = self.get_serializer(panel).data
        return response

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        panel = self.get_queryset().get(pk=serializer.instance.pk)
        return Response(self.get_serializer(panel).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.delete_panel(actor=self.request.user, panel=instance)


# ---- Conflicts of interest --------------------------------------------------------------------


class ConflictSerializer(serializers.ModelSerializer):
    facility = serializers.SerializerMethodField()

    class Meta:
        model = Conflict
        fields = ["id", "facility", "reason", "declared_at"]

    def get_facility(self, conflict) -> dict:
        return {"id": conflict.facility_id, "name": conflict.facility.name}


class DeclarationSerializer(serializers.ModelSerializer):
    """A judge's answer for a round: the conflicts declared, or none."""

    judge = JudgeRefSerializer(read_only=True)
    none = serializers.SerializerMethodField()
    conflicts = serializers.SerializerMethodField()

    class Meta:
        model = ConflictDeclaration
        fields = ["id", "round", "judge", "declared_at", "none", "conflicts"]

    def get_none(self, declaration) -> bool:
        return not self._conflicts(declaration)

    def get_conflicts(self, declaration) -> list[dict]:
        return ConflictSerializer(self._conflicts(declaration), many=True).data

    def _conflicts(self, declaration):
        return [c for c in declaration.round.judge_conflicts if c.judge_id == declaration.judge_id]


class DeclareSerializer(serializers.Serializer):
    """What a judge sends: a conflict, or none."""

    round = serializers.PrimaryKeyRelatedField(queryset=AwardRound.objects.all())
    # An id, not a choice of every facility: the service answers one message for a facility
    # that does not exist and one that takes no part in the judge's groups.
    facility = serializers.IntegerField(required=False, min_value=1)
    reason = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    none = serializers.BooleanField(required=False, default=False)


class ConflictFilter(django_filters.FilterSet):
    round = IntegerFilter(field_name="round_id", label=label(ConflictDeclaration, "round"))

    class Meta:
        model = ConflictDeclaration
        fields = ["round"]


class ConflictPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return is_staff_role(request.user) or has_role(request.user, Role.JUDGE)
        return has_role(request.user, Role.JUDGE)


@extend_schema_view(
    create=extend_schema(request=DeclareSerializer, responses={201: DeclarationSerializer})
)
class ConflictViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Conflict-of-interest declarations: each judge's answer for a round with the conflicts
    declared. POST one conflict `{"round", "facility", "reason"}` at a time, or `{"round",
    "none": true}`. A conflict declared once sheets exist voids the judge's sheets of that
    facility's entries."""

    serializer_class = DeclarationSerializer
    permission_classes = [IsAuthenticated, ConflictPermission]
    filterset_class = ConflictFilter

    def get_queryset(self):
        user = self.request.user
        declarations = ConflictDeclaration.objects.select_related("judge").prefetch_related(
            Prefetch(
                "round",
                queryset=AwardRound.objects.prefetch_related(
                    Prefetch(
                        "conflicts",
                        queryset=Conflict.objects.select_related("facility").order_by("id"),
                        to_attr="judge_conflicts",
                    )
                ),
            )
        )
        declarations = declarations.order_by("round", "judge", "id")
        if is_staff_role(user):
            return declarations
        return declarations.filter(judge=user)

    def create(self, request, *args, **kwargs):
        incoming = DeclareSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        conflicts = []
        if "facility" in data or "reason" in data:
            conflicts = [(data.get("facility"), data.get("reason", ""))]
        try:
            declaration = services.declare_conflicts(
                actor=request.user,
                award_round=data["round"],
                conflicts=conflicts,
                none=data["none"],
            )
        except ValidationError as error:
            raise _one_conflict(error) from None
        stored = self.get_queryset().get(pk=declaration.pk)
        return Response(self.get_serializer(stored).data, status=status.HTTP_201_CREATED)


def _one_conflict(error: ValidationError) -> ValidationError:
    """The service's errors of a list of conflicts, for a body of one: "conflicts.0.reason"
    is the body's "reason", "conflicts" (nothing declared) its "facility"."""
    if not hasattr(error, "error_dict"):
        return error
    renamed = {}
    for key, errors in error.error_dict.items():
        if key.startswith("conflicts.0."):
            key = key.removeprefix("conflicts.0.")
        elif key == "conflicts":
            key = "facility"
        renamed[key] = errors
    return ValidationError(renamed)


# ---- Assignments ------------------------------------------------------------------------------


class AssignmentSerializer(serializers.ModelSerializer):
    """A score sheet as an assignment: who scores which entry, and how far they are. Never the
    scores, never the facility."""

    voting_code = serializers.CharField(source="entry.voting_code", read_only=True)
    judge = JudgeRefSerializer(read_only=True)
    state_label = ChoiceLabelField("state")

    class Meta:
        model = ScoreSheet
        fields = ["id", "round", "panel", "entry", "voting_code", "judge", "state", "state_label"]
        read_only_fields = fields


class AssignSerializer(serializers.Serializer):
    entry = serializers.PrimaryKeyRelatedField(queryset=Entry.objects.all())
    judge = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())


class AssignmentFilter(django_filters.FilterSet):
    round = IntegerFilter(field_name="round_id", label=label(ScoreSheet, "round"))
    panel = IntegerFilter(field_name="panel_id", label=label(ScoreSheet, "panel"))
    judge = IntegerFilter(field_name="judge_id", label=label(ScoreSheet, "judge"))
    entry = IntegerFilter(field_name="entry_id", label=label(ScoreSheet, "entry"))

    class Meta:
        model = ScoreSheet
        fields = ["round", "panel", "judge", "entry"]


def assignments_visible_to(user):
    sheets = ScoreSheet.objects.select_related("entry", "judge").order_by(
        "round", "panel", "entry__voting_code", "judge__full_name", "id"
    )
    if is_staff_role(user):
        return sheets
    if has_role(user, Role.JUDGE):
        return sheets.filter(
            panel__members__judge=user, panel__members__role=PanelRole.CHAIR
        ).distinct()
    return sheets.none()


@extend_schema_view(
    create=extend_schema(request=AssignSerializer, responses={201: AssignmentSerializer})
)
class AssignmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Who scores which entry. Officers and administrators add one by hand during judging
    (`{"entry", "judge"}`: a scoring member of the entry's panel without a conflict) and take
    back one whose sheet is still a draft (DELETE). Staff read every assignment, a panel's
    chair their panel's."""

    serializer_class = AssignmentSerializer
    lookup_value_converter = "id"
    permission_classes = [IsAuthenticated, StaffOrJudge]
    filterset_class = AssignmentFilter
    # Taking back a submitted sheet ("protected").
    conflict_actions = ("destroy",)

    def get_queryset(self):
        return assignments_visible_to(self.request.user)

    def create(self, request, *args, **kwargs):
        incoming = AssignSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        sheet = services.add_assignment(
            actor=request.user,
            entry=incoming.validated_data["entry"],
            judge=incoming.validated_data["judge"],
        )
        stored = self.get_queryset().get(pk=sheet.pk)
        return Response(self.get_serializer(stored).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.remove_assignment(actor=self.request.user, sheet=instance)
