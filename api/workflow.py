"""The API face of core.workflow: one transition endpoint and one history endpoint for every
model that declares a `workflow`, and the `available_transitions` of its representation.

A viewset mixes in `WorkflowActionsMixin`; its `get_queryset()` decides who sees the object (an
object the user cannot see answers 404), and core.workflow.transition decides everything else:
the wrong state or a missing requirement is its ValidationError (400, as the service raised it),
a refused actor its PermissionDenied (403), a concurrent change its TransitionConflict (409, see
api.exceptions).
"""

import functools

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from api.serializers import DATE_INPUT_FORMATS, TextField
from core import workflow
from core.activity import Action, history_visible_to
from core.models import LONG_TEXT_MAX, ActivityLog
from core.roles import is_staff_role


@functools.cache
def transition_serializer(model) -> type[serializers.Serializer]:
    """The input of POST …/{id}/transition/ for `model`: the step by name (`action`) or by the
    state it leads to (`to`), the state the client saw (`from`), a note and the decision. The
    allowed values of `action`, `to` and `from` are the model's own (and so in the schema);
    whether the step is possible now is the workflow's business."""
    workflow = model.workflow
    states = model._meta.get_field(workflow.state_field).choices
    name = f"{model.__name__}Transition"
    fields = {
        "action": serializers.ChoiceField(
            choices=workflow.names,
            required=False,
            help_text="The step to make, by name (see `available_transitions`).",
        ),
        "to": serializers.ChoiceField(
            choices=states,
            required=False,
            help_text="The state to move to, when exactly one step the user may make leads "
            "there; otherwise name the `action`.",
        ),
        "from": serializers.ChoiceField(
            choices=states,
            required=False,
            help_text="The state the client saw; 409 if the object has moved on since.",
        ),
        "note": TextField(
            multiline=True, required=False, allow_blank=True, default="", max_length=LONG_TEXT_MAX
        ),
        "decision_number": TextField(
            required=False,
            allow_blank=True,
            default="",
            max_length=ActivityLog._meta.get_field("decision_number").max_length,
        ),
        "decision_date": serializers.DateField(
            required=False, allow_null=True, default=None, input_formats=DATE_INPUT_FORMATS
        ),
        "validate": validate_step_named,
    }
    return type(f"{name}Serializer", (serializers.Serializer,), fields)


def validate_step_named(self, data):
    """A serializer's `validate`: exactly one of `action` and `to`."""
    if "action" in data and "to" in data:
        message = _("Name the step (action) or the state (to), not both.")
    elif "action" not in data and "to" not in data:
        message = _("Name the step (action) or the state (to).")
    else:
        return data
    raise serializers.ValidationError({"action": [message]}, code="required")


def transition_arguments(validated: dict) -> dict:
    """The serializer's data as core.workflow.transition's keyword arguments."""
    arguments = dict(validated)
    arguments["expected"] = arguments.pop("from", None)
    return arguments


class AvailableTransitionSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="The step's name, for `action`.")
    to = serializers.CharField(help_text="The state it leads to.")
    label = serializers.CharField(help_text="What a button making it says.")
    confirm = serializers.CharField(
        help_text="What to ask the user before making it, with its consequences for this "
        "object today; empty when nothing is asked."
    )
    blocked = serializers.ListField(
        child=serializers.CharField(),
        help_text="Why the step cannot be made today (its requirements not met now); empty "
        "when it can. A client shows such a step disabled with these reasons.",
    )
    note_required = serializers.CharField(
        help_text="When the step needs a `note` today, what to write in it; empty otherwise."
    )


def available_transitions(obj, user) -> list[dict]:
    """The steps `user` may attempt from the object's current state, as {action, to, label,
    confirm, blocked, note_required} (core.workflow.Workflow.options, for today).

    `blocked` reads the requirements without the locks: a hint for the client, and the
    transition decides again when it is asked for."""
    return [
        {
            "action": option.step.name,
            "to": option.step.target,
            "label": str(option.step.label),
            "confirm": option.confirm,
            "blocked": option.blocked,
            "note_required": option.note_required or "",
        }
        for option in type(obj).workflow.options(user, obj)
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
            "transition",
            "before",
            "after",
            "note",
            "decision_number",
            "decision_date",
        ]
        read_only_fields = fields

    def get_action_label(self, row) -> str:
        return str(Action(row.action).label) if row.action in Action.values else row.action


def workflow_schema(serializer_class, request=None) -> dict:
    """The OpenAPI description of the two actions, for `extend_schema_view(**…)` on a viewset
    whose detail representation is `serializer_class`; `request` when the viewset's
    `transition_input` takes more than the model's transition serializer."""
    return {
        "transition": extend_schema(
            request=request or transition_serializer(serializer_class.Meta.model),
            responses={
                200: serializer_class,
                # Descriptions for developers, in English like the rest of the schema.
                400: OpenApiResponse(
                    description="Refused: `action` (unknown, or not possible from the current "
                    "state), `to` (not reachable, or several steps lead there), `requirements` "
                    "(what is missing), `note` (the step needs one), `decision_number`, "
                    "`decision_date`."
                ),
                403: OpenApiResponse(description="The user may not make this step."),
                404: OpenApiResponse(description="Not found or not visible to the user."),
                409: OpenApiResponse(
                    description="The object is no longer in the state given as `from`; "
                    "`state` is its state now."
                ),
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
        """Make the step named `action`, or the one leading to `to`
        (core.workflow.transition): 200 with the object, 400 when the step is unknown, not
        possible from its state or a requirement is missing, 403 when the user may not make it,
        409 when the object is no longer in the state given as `from`."""
        obj = self.get_object()
        serializer = self.transition_input(obj)(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = self.perform_transition(obj, serializer.validated_data)
        # Fetched again with the queryset's related data; the service's copy if the new state
        # took the object out of what this user sees.
        fresh = self.get_queryset().filter(pk=moved.pk).first() or moved
        return Response(self.get_serializer(fresh).data)

    def transition_input(self, obj) -> type[serializers.Serializer]:
        """The input serializer of the transition; a viewset whose steps record more than a
        decision (a contract's value) extends it."""
        return transition_serializer(type(obj))

    def perform_transition(self, obj, validated: dict):
        """Make the step; a viewset routes the steps that record more to their service."""
        return workflow.transition(obj, actor=self.request.user, **transition_arguments(validated))

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
