"""Appraisal councils (thẩm định): officers set one up for a plan with its members and the
proposals it appraises; each member gives an opinion per proposal; the council's ranking and
conclusion feed the plan (programs.services.appraisal). A facility never sees a council nor its
members' opinions: for an applicant these addresses do not exist (404)."""

from django.contrib.auth import get_user_model
from django.utils import timezone
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

from api.parsers import JSONParser
from api.serializers import DATE_INPUT_FORMATS, ChoiceLabelField, ServiceModelSerializer, TextField
from core.models import LONG_TEXT_MAX
from core.roles import Role, is_staff_role, role_of
from programs import rules
from programs.models import (
    AppraisalCouncil,
    AppraisalOpinion,
    CouncilMember,
    CouncilRole,
    Proposal,
)
from programs.queries import plans_visible_to
from programs.services import appraisal as services
from programs.services.appraisal import COUNCIL_FIELDS, OPINION_FIELDS


@extend_schema_field(
    serializers.ChoiceField(choices=CouncilRole.choices), component_name="CouncilRoleEnum"
)
class CouncilRoleField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=CouncilRole.choices, **kwargs)


class MemberSerializer(serializers.ModelSerializer):
    role = CouncilRoleField(read_only=True)
    role_label = ChoiceLabelField("role")
    name = serializers.SerializerMethodField()

    class Meta:
        model = CouncilMember
        fields = ["id", "user", "name", "role", "role_label"]
        read_only_fields = fields

    def get_name(self, member) -> str:
        return member.user.full_name or member.user.username


class MemberInputSerializer(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True)
    )
    role = CouncilRoleField(default=CouncilRole.MEMBER)


class OpinionSerializer(ServiceModelSerializer):
    """A member's opinion of a proposal; posted again, it replaces the member's earlier one."""

    member = serializers.PrimaryKeyRelatedField(read_only=True)
    verdict_label = ChoiceLabelField("verdict")

    class Meta:
        model = AppraisalOpinion
        fields = ["id", "member", "proposal", *OPINION_FIELDS, "verdict_label", "updated_at"]
        read_only_fields = ["id", "member", "updated_at"]
        # One opinion per member and proposal: the service updates the earlier one.
        validators = []


class RankedSerializer(serializers.Serializer):
    proposal = serializers.IntegerField(source="proposal.pk")
    code = serializers.CharField(source="proposal.code")
    title = serializers.CharField(source="proposal.title")
    opinions = serializers.IntegerField()
    mean_score = serializers.FloatField(allow_null=True)
    agree = serializers.IntegerField()
    agree_with_changes = serializers.IntegerField()
    disagree = serializers.IntegerField()
    rank = serializers.IntegerField(allow_null=True)


class CouncilSerializer(ServiceModelSerializer):
    """A council, its members and proposals; the detail adds the ranking."""

    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = AppraisalCouncil
        fields = [
            "id",
            "plan",
            *COUNCIL_FIELDS,
            "proposals",
            "members",
            "conclusion",
            "concluded_on",
            "created_at",
        ]
        read_only_fields = ["id", "members", "conclusion", "concluded_on", "created_at"]


class CouncilDetailSerializer(CouncilSerializer):
    ranking = serializers.SerializerMethodField()

    class Meta(CouncilSerializer.Meta):
        fields = [*CouncilSerializer.Meta.fields, "ranking"]
        read_only_fields = fields

    @extend_schema_field(RankedSerializer(many=True))
    def get_ranking(self, council):
        return RankedSerializer(services.ranking(council), many=True).data


class CouncilCreateSerializer(CouncilSerializer):
    """Input of POST /appraisals/: the plan, the council's decision, the proposals (ids) and the
    members with their roles."""

    member_list = MemberInputSerializer(many=True, required=False, source="members")

    class Meta(CouncilSerializer.Meta):
        fields = ["plan", *COUNCIL_FIELDS, "proposals", "member_list"]
        read_only_fields = []
        extra_kwargs = {"proposals": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context["request"]
        fields["plan"].queryset = plans_visible_to(request.user)
        fields["proposals"].child_relation.queryset = Proposal.objects.all()
        return fields


class ConcludeSerializer(serializers.Serializer):
    conclusion = TextField(multiline=True, allow_blank=True, max_length=LONG_TEXT_MAX)
    concluded_on = serializers.DateField(
        required=False, input_formats=DATE_INPUT_FORMATS, help_text="Today by default."
    )


class HiddenFromFacilities(IsAuthenticated):
    """A facility's member never learns a council exists: 404, not 403."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if role_of(request.user) == Role.APPLICANT:
            raise exceptions.NotFound()
        if view.action == "create":
            return rules.can_manage_plans(request.user)
        return True


@extend_schema_view(
    list=extend_schema(responses=CouncilSerializer(many=True)),
    retrieve=extend_schema(responses=CouncilDetailSerializer),
    create=extend_schema(
        request=CouncilCreateSerializer,
        responses={
            201: CouncilDetailSerializer,
            # HiddenFromFacilities: a facility's member is not told councils exist, here too.
            404: OpenApiResponse(description="Not found: a facility's member sees no council."),
        },
    ),
)
class AppraisalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Appraisal councils. Staff see every council, a member its own. Officers and
    administrators set them up and conclude them; a member (not the secretary) gives its
    opinion on each proposal with `opinions/`."""

    lookup_value_converter = "id"
    permission_classes = [HiddenFromFacilities]
    filterset_fields = ["plan"]

    def get_queryset(self):
        councils = AppraisalCouncil.objects.prefetch_related("members__user", "proposals")
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return councils.none()
        if is_staff_role(user):
            return councils
        return councils.filter(members__user=user).distinct()

    def get_serializer_class(self):
        if self.action == "list":
            return CouncilSerializer
        return CouncilDetailSerializer

    def _render(self, council, status_code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=council.pk)
        return Response(CouncilDetailSerializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = CouncilCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        council = services.create_council(
            actor=request.user,
            plan=data.pop("plan"),
            proposals=data.pop("proposals", ()),
            members=[(m["user"], m["role"]) for m in data.pop("members", ())],
            data=data,
        )
        return self._render(council, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], request=None, responses=OpinionSerializer(many=True), filters=False
    )
    @extend_schema(methods=["POST"], request=OpinionSerializer, responses=OpinionSerializer)
    @action(
        detail=True,
        methods=["get", "post"],
        pagination_class=None,
        filter_backends=[],
        parser_classes=[JSONParser],
    )
    def opinions(self, request, *args, **kwargs):
        """GET: the members' opinions (staff all; a member its own). POST: the requesting
        member's opinion of one of the council's proposals, given or changed."""
        council = self.get_object()
        if request.method == "GET":
            opinions = AppraisalOpinion.objects.filter(member__council=council)
            if not rules.can_see_opinions(request.user):
                opinions = opinions.filter(member__user=request.user)
            return Response(OpinionSerializer(opinions, many=True).data)
        serializer = OpinionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        # The service says on `proposal` when the council does not appraise it.
        proposal = data.pop("proposal")
        opinion = services.give_opinion(
            actor=request.user, council=council, proposal=proposal, data=data
        )
        return Response(OpinionSerializer(opinion).data)

    @extend_schema(request=ConcludeSerializer, responses=CouncilDetailSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request, *args, **kwargs):
        """The council's conclusion (officers); afterwards opinions no longer change."""
        council = self.get_object()
        serializer = ConcludeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        council = services.conclude(
            actor=request.user,
            council=council,
            conclusion=data["conclusion"],
            on=data.get("concluded_on") or timezone.localdate(),
        )
        return self._render(council)
