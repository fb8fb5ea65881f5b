"""Score sheets (phiếu chấm điểm): a judge lists and fills their own, a chair follows their
panel's, staff see all; submitting and reopening through the transition endpoint
(awards.services.scoring, core.workflow.transition). And the progress of a round's judging
(awards.progress).

What a sheet shows of its entry: the voting code, the product and its group; the facility only
to staff, or when the round lets judges see identity (blind judging otherwise). A chair reads
another judge's points, total and comment only when awards.judging_rules.sees_other_scores.
"""

import django_filters
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.parsers import JSONParser
from api.serializers import ChoiceLabelField, TextField
from api.workflow import AvailableTransitionsField, WorkflowActionsMixin, workflow_schema
from awards import judging_rules, rules
from awards.filters import IntegerFilter, label
from awards.models import AwardRound, Panel, PanelMember, PanelRole, Score, ScoreSheet
from awards.progress import round_progress
from awards.queries import sheets_visible_to
from awards.services.scoring import ScoresInvalid, save_scores
from core.roles import Role, is_staff_role, role_of


@extend_schema_field(
    serializers.ChoiceField(choices=ScoreSheet.State.choices), component_name="SheetStateEnum"
)
class SheetStateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=ScoreSheet.State.choices, **kwargs)


class ScoreSerializer(serializers.ModelSerializer):
    criterion = serializers.CharField(source="criterion.code", read_only=True)

    class Meta:
        model = Score
        fields = ["criterion", "points", "note"]
        read_only_fields = fields


class SheetFacilitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ScoreSheetListSerializer(serializers.ModelSerializer):
    """A sheet as the list shows it: everything from the sheet's row, its entry and its
    prefetched scores, so the list costs the same number of queries for 1 or 100 sheets."""

    entry = serializers.IntegerField(source="entry_id", read_only=True)
    voting_code = serializers.CharField(source="entry.voting_code", read_only=True)
    product_name = serializers.CharField(source="entry.product_name", read_only=True)
    product_group = serializers.IntegerField(source="entry.product_group.code", read_only=True)
    facility = serializers.SerializerMethodField()
    judge = serializers.SerializerMethodField()
    state = SheetStateField(read_only=True)
    state_label = ChoiceLabelField("state")
    scores = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()
    entered_by = serializers.SerializerMethodField()

    class Meta:
        model = ScoreSheet
        fields = [
            "id",
            "round",
            "panel",
            "entry",
            "voting_code",
            "product_name",
            "product_group",
            "facility",
            "judge",
            "state",
            "state_label",
            "scores",
            "total",
            "comment",
            "entered_by",
            "submitted_at",
        ]
        read_only_fields = fields

    def _user(self):
        request = self.context.get("request")
        return request.user if request is not None else None

    def _shows_scores(self, sheet) -> bool:
        """Staff, the sheet's judge and the panel's secretary (who enters paper sheets) read
        the points; a chair reads another judge's only when the round allows it."""
        user = self._user()
        if user is None or is_staff_role(user) or sheet.judge_id == user.pk:
            return True
        if sheet.panel_id in self.context.get("secretary_panels", ()):
            return True
        return judging_rules.sees_other_scores(sheet.round)

    @extend_schema_field(SheetFacilitySerializer(allow_null=True))
    def get_facility(self, sheet):
        user = self._user()
        if user is not None and (is_staff_role(user) or judging_rules.sees_identity(sheet.round)):
            return {"id": sheet.entry.facility_id, "name": sheet.entry.facility.name}
        return None

    @extend_schema_field(serializers.CharField())
    def get_judge(self, sheet):
        return sheet.judge.full_name or sheet.judge.username

    @extend_schema_field(ScoreSerializer(many=True, allow_null=True))
    def get_scores(self, sheet):
        if not self._shows_scores(sheet):
            return None
        return ScoreSerializer(sheet.scores.all(), many=True).data

    @extend_schema_field(serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True))
    def get_total(self, sheet):
        if not self._shows_scores(sheet):
            return None
        return serializers.DecimalField(max_digits=5, decimal_places=1).to_representation(
            sheet.total
        )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_comment(self, sheet):
        return sheet.comment if self._shows_scores(sheet) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_entered_by(self, sheet):
        if sheet.entered_by is None:
            return None
        return sheet.entered_by.full_name or sheet.entered_by.username


class SheetTransitionsField(AvailableTransitionsField):
    """The steps a user may make, without `void`: made by the conflict declaration
    (awards.services.judging.declare_conflicts), never offered as a step of its own."""

    def to_representation(self, obj):
        return [t for t in super().to_representation(obj) if t["action"] != "void"]


class ScoreSheetSerializer(ScoreSheetListSerializer):
    available_transitions = SheetTransitionsField()

    class Meta(ScoreSheetListSerializer.Meta):
        fields = [*ScoreSheetListSerializer.Meta.fields, "available_transitions"]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.DECIMAL)
class PointsField(serializers.Field):
    """Points as given ("35.5", 35.5, "35,5"), or null / "" to remove the score: read by the
    scoring service, which checks them."""

    default_error_messages = {"invalid": serializers.DecimalField.default_error_messages["invalid"]}

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            self.fail("invalid")
        return str(data)

    def to_representation(self, value):
        return value


class ScoreInputSerializer(serializers.Serializer):
    criterion = TextField(max_length=20, help_text="The criterion's code in the round.")
    points = PointsField(help_text="0 to the criterion's maximum, in steps of 0.5; null removes.")
    note = TextField(required=False, allow_blank=True, default="")


class ScoreSheetInputSerializer(serializers.Serializer):
    """Input of PUT/PATCH /score-sheets/{id}/. PUT gives the whole sheet (a scored criterion
    not listed loses its score, a missing comment is empty); PATCH changes what it lists."""

    scores = ScoreInputSerializer(many=True, required=False)
    comment = TextField(multiline=True, required=False, allow_blank=True, allow_null=True)


class ScoreSheetFilter(django_filters.FilterSet):
    round = IntegerFilter(field_name="round_id", label=label(ScoreSheet, "round"))
    state = django_filters.ChoiceFilter(
        choices=ScoreSheet.State.choices, label=label(ScoreSheet, "state")
    )

    class Meta:
        model = ScoreSheet
        fields = ["round", "state"]


@extend_schema_view(
    update=extend_schema(request=ScoreSheetInputSerializer, responses=ScoreSheetSerializer),
    partial_update=extend_schema(request=ScoreSheetInputSerializer, responses=ScoreSheetSerializer),
    **workflow_schema(ScoreSheetSerializer),
)
class ScoreSheetViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Score sheets. A judge lists their own (and a chair their panel's) once they have
    answered the round's conflict-of-interest declaration; staff see all. The judge (or the
    panel's secretary, entering a paper sheet) writes the points with PUT/PATCH while the
    round is judging; `transition/` submits (`submit`) and reopens (`reopen_by_chair`,
    `reopen_by_officer`, with a `note`)."""

    lookup_value_converter = "id"
    conflict_actions = ("transition",)
    permission_classes = [IsAuthenticated]
    filterset_class = ScoreSheetFilter
    ordering_fields = ["submitted_at", "created_at", "total"]
    parser_classes = [JSONParser]

    def get_queryset(self):
        return (
            sheets_visible_to(self.request.user)
            .select_related("entry__facility")
            .prefetch_related("scores__criterion")
        )

    def get_serializer_class(self):
        if self.action == "list":
            return ScoreSheetListSerializer
        return ScoreSheetSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        if role_of(user) == Role.JUDGE:
            context["secretary_panels"] = set(
                PanelMember.objects.filter(judge=user, role=PanelRole.SECRETARY).values_list(
                    "panel_id", flat=True
                )
            )
        return context

    def update(self, request, *args, **kwargs):
        sheet = self.get_object()
        partial = kwargs.get("partial", False)
        serializer = ScoreSheetInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        scores = [dict(item) for item in data.get("scores", [])]
        comment = data.get("comment")
        if not partial:
            # The whole sheet: what it does not list is not scored, and no comment is empty.
            listed = {item["criterion"] for item in scores}
            scores += [
                {"criterion": c.code, "points": None, "note": ""}
                for c in judging_rules.scored_criteria(sheet.round)
                if c.code not in listed
            ]
            comment = comment or ""
        try:
            save_scores(actor=request.user, sheet=sheet, scores=scores, comment=comment)
        except ScoresInvalid as error:
            detail = {}
            if error.scores:
                detail["scores"] = error.scores
            if error.comment:
                detail["comment"] = error.comment
            raise exceptions.ValidationError(detail) from None
        fresh = self.get_queryset().get(pk=sheet.pk)
        return Response(self.get_serializer(fresh).data)


# ---- Progress -------------------------------------------------------------------------------


class ProgressJudgeSerializer(serializers.Serializer):
    judge = serializers.IntegerField(source="judge.pk")
    name = serializers.SerializerMethodField()
    panel = serializers.IntegerField(source="panel.pk")
    assigned = serializers.IntegerField()
    drafted = serializers.IntegerField()
    submitted = serializers.IntegerField()

    def get_name(self, row) -> str:
        return row["judge"].full_name or row["judge"].username


class ProgressEntrySerializer(serializers.Serializer):
    entry = serializers.IntegerField(source="entry.pk")
    voting_code = serializers.CharField(source="entry.voting_code")
    product_group = serializers.IntegerField(source="entry.product_group.code")
    panel = serializers.IntegerField(source="panel.pk")
    submitted = serializers.IntegerField()
    minimum = serializers.IntegerField()
    complete = serializers.BooleanField()


class ProgressPanelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ProgressSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    panels = ProgressPanelSerializer(many=True)
    judges = ProgressJudgeSerializer(many=True)
    entries = ProgressEntrySerializer(many=True)


def progress_panels(user, award_round: AwardRound) -> list[Panel] | None:
    """The panels whose progress the user follows: None for all of them (officers, managers,
    administrators), the panels they chair, or [] (nothing). Raises Http404 when the user may
    not even see the round."""
    if is_staff_role(user):
        return None
    if role_of(user) == Role.JUDGE:
        chaired = list(
            Panel.objects.filter(
                round=award_round, members__judge=user, members__role=PanelRole.CHAIR
            )
        )
        return chaired
    if not rules.can_view_round(user, award_round):
        raise Http404
    return []


class ProgressPermission(BasePermission):
    """Who follows a round's progress (progress_panels): staff, a chair of one of its panels;
    404 for who may not see the round."""

    def has_permission(self, request, view) -> bool:
        return progress_panels(request.user, view.get_round()) != []


class RoundProgressView(APIView):
    """`GET /api/v1/rounds/{id}/progress/`: per judge the sheets assigned, drafted and
    submitted; per entry the submitted sheets against the round's minimum. Officers, managers
    and administrators see the whole round, a panel's chair their panels."""

    permission_classes = [IsAuthenticated, ProgressPermission]

    def get_round(self) -> AwardRound:
        if not hasattr(self, "_round"):
            self._round = get_object_or_404(AwardRound.objects.all(), pk=self.kwargs["pk"])
        return self._round

    @extend_schema(responses=ProgressSerializer)
    def get(self, request, pk):
        award_round = self.get_round()
        panels = progress_panels(request.user, award_round)
        if panels is None:
            progress = round_progress(award_round)
            shown = list(Panel.objects.filter(round=award_round))
        else:
            progress = {"judges": [], "entries": []}
            for panel in panels:
                part = round_progress(award_round, panel=panel)
                progress["judges"] += part["judges"]
                progress["entries"] += part["entries"]
            shown = panels
        data = {
            "round": award_round.pk,
            "panels": [{"id": p.pk, "name": p.name} for p in shown],
            **progress,
        }
        return Response(ProgressSerializer(data).data)
