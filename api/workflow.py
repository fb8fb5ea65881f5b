"""The API face of core.workflow: one transition endpoint and one history endpoint for every
model that declares a `workflow`, and the `available_transitions` of its representation.

A viewset mixes in `WorkflowActionsMixin`; its `get_queryset()` decides who sees the object (an
object the user cannot see answers 404), and core.workflow.transition decides everything else:
the wrong state or a missing requirement is its ValidationError (400, as the service raised it),
a refused actor its PermissionDenied (403), a concurrent change its TransitionConflict (409, see
api.exceptions).
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from api.serializers import DATE_INPUT_FORMATS
from core import workflow
from core.activity import Action, history_visible_to
from core.models import ActivityLog
from core.roles import is_staff_role


class TransitionSerializer(serializers.Serializer):
    """Input of POST …/{id}/transition/. Which states exist and what each step needs is the
    workflow's business: `to` is passed on as given."""

    to = serializers.CharField(help_text="The state to move to.")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(
        required=False, allow_null=True, default=None, input_formats=DATE_INPUT_FORMATS
    )


class AvailableTransitionSerializer(serializers.Serializer):
    to = serializers.CharField()
    label = serializers.CharField()


def available_transitions(obj, user) -> list[dict]:
    """The steps `user` may attempt from the object's current state, as {to, label}.

    Only who may make a step is checked here, not its requirements: the client offers the
    step, and the transition answers what is still missing."""
    model = type(obj)
    labels = dict(model._meta.get_field(model.workflow.state_field).choices)
    return [
        {"to": step.target, "label": str(labels[step.target])}
        for step in model.workflow.available(user, obj)
    ]


@extend_schema_field(AvailableTransitionSerializer(many=True))
class AvailableTransitionsField(serializers.Field):
    """Read-only `available_transitions` of an object with a workflow, for the request's user.

    It asks each step's permission, which for some models reads the database (is the user a
    member of the entry's facility?): for such models, put it in the detail representation
    only, not in lists."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return available_transitions(obj, self.context["request"].user)


class ActorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.full_name or user.username


class HistoryEntrySerializer(serializers.ModelSerializer):
    """One row of an object's activity log; a transition has the state in `before`/`after`."""

    time = serializers.DateTimeField(source="created_at")
    actor = ActorSerializer(allow_null=True)
    action_label = serializers.SerializerMethodField()

    class Meta:
        model = ActivityLog
        fields = [
            "id",
            "time",
            "actor",
            "action",
            "action_label",
            "before",
            "after",
            "note",
            "decision_number",
            "decision_date",
        ]
        read_only_fields = fields

    def get_action_label(self, row) -> str:
        return str(Action(row.action).label) if row.action in Action.values else row.action


def workflow_schema(serializer_class) -> dict:
    """The OpenAPI description of the two actions, for `extend_schema_view(**…)` on a viewset
    whose detail representation is `serializer_class`."""
    return {
        "transition": extend_schema(
            request=TransitionSerializer,
            responses={
                200: serializer_class,
                # Descriptions for developers, in English like the rest of the schema.
                400: OpenApiResponse(
                    description="Refused: `to` (unknown state or not reachable from the current "
                    "one), `requirements` (what is missing), `decision_number`, `decision_date`."
                ),
                403: OpenApiResponse(description="The user may not make this step."),
                404: OpenApiResponse(description="Not found or not visible to the user."),
                409: OpenApiResponse(description="Changed by someone else meanwhile."),
            },
        ),
        "history": extend_schema(responses=HistoryEntrySerializer(many=True)),
    }


class WorkflowActionsMixin:
    """`POST {id}/transition/` and `GET {id}/history/` for a viewset of a model with a workflow.

    The representation answered after a transition is the viewset's serializer for the action
    "transition" (its `get_serializer_class()` chooses), with the object fetched again through
    `get_queryset()` so that it carries the same related data as a retrieve."""

    @action(detail=True, methods=["post"])
    def transition(self, request, *args, **kwargs):
        """Move the object to the state `to` (core.workflow.transition): 200 with the object,
        400 when the step does not exist from its state or a requirement is missing, 403 when
        the user may not make it, 409 when someone changed it meanwhile."""
        obj = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = workflow.transition(obj, actor=request.user, **serializer.validated_data)
        # Fetched again with the queryset's related data; the service's copy if the new state
        # took the object out of what this user sees.
        fresh = self.get_queryset().filter(pk=moved.pk).first() or moved
        return Response(self.get_serializer(fresh).data)

    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, *args, **kwargs):
        """The object's activity log, newest first. Not paginated: it is one object's life."""
        obj = self.get_object()
        rows = history_visible_to(request.user, obj)
        data = HistoryEntrySerializer(rows, many=True).data
        if not is_staff_role(request.user):
            # Who at the center did what is the center's business, as on the pages.
            for row in data:
                row["actor"] = None
        return Response(data)
