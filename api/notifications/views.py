"""The signed-in user's notifications: the list (newest first, `?unread=true` for the unread
ones), marking one read, marking all read (notifications.services). Anyone else's
notification is not found (404)."""

import django_filters
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.serializers import ChoiceLabelField
from notifications import services
from notifications.models import EmailStatus, Notification


class NotificationSerializer(serializers.ModelSerializer):
    """A notification as its recipient reads it: `url` is the object's path on the site
    (`object_type` and `object_id` name the object itself, when there is one)."""

    is_read = serializers.BooleanField(read_only=True)
    object_type = serializers.SerializerMethodField()
    email_status = serializers.ChoiceField(choices=EmailStatus.choices, read_only=True)
    email_status_label = ChoiceLabelField("email_status")

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "url",
            "object_type",
            "object_id",
            "created_at",
            "read_at",
            "is_read",
            "email_status",
            "email_status_label",
        ]
        read_only_fields = fields

    def get_object_type(self, notification) -> str | None:
        """The object's model as "app_label.model" ("awards.entry"), or null."""
        content_type = notification.content_type
        return f"{content_type.app_label}.{content_type.model}" if content_type else None


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField(read_only=True, help_text="How many were unread.")
    unread_notifications = serializers.IntegerField(read_only=True)


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=gettext_lazy("unread")
    )

    class Meta:
        model = Notification
        fields = ["unread"]


@extend_schema_view(
    read=extend_schema(
        request=None,
        responses={
            200: NotificationSerializer,
            404: OpenApiResponse(description="Not found, or not one of the user's own."),
        },
    ),
    read_all=extend_schema(request=None, responses={200: ReadAllSerializer}),
)
@extend_schema(tags=["notifications"])
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own notifications, newest first."""

    serializer_class = NotificationSerializer
    # For the schema generator, which has no user; get_queryset() is what answers.
    queryset = Notification.objects.none()
    lookup_value_converter = "id"
    filter_backends = [DjangoFilterBackend]
    filterset_class = NotificationFilter

    def get_queryset(self):
        return services.notifications_of(self.request.user).select_related("content_type")

    @action(detail=True, methods=["post"])
    def read(self, request, *args, **kwargs):
        """Mark the notification read (again: nothing changes); 200 with it."""
        notification = services.mark_read(user=request.user, notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @action(detail=False, methods=["post"], url_path="read-all", filter_backends=[])
    def read_all(self, request, *args, **kwargs):
        """Mark every unread notification of the user read."""
        marked = services.mark_all_read(user=request.user)
        data = {"marked": marked, "unread_notifications": services.unread_count(request.user)}
        return Response(ReadAllSerializer(data).data)
