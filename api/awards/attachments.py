"""The files of an entry's dossier: listed, uploaded and deleted by whoever may, and
downloaded through the API's own permission-checked file endpoints."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from api.awards.fields import AttachmentKindField
from api.parsers import FormParser, MultiPartParser
from api.serializers import ChoiceLabelField
from awards.models import (
    Attachment,
)
from awards.queries import entries_visible_to
from awards.services import attachments as attachment_services
from awards.views.files import file_response, thumbnail_response


class AttachmentSerializer(serializers.ModelSerializer):
    """A file of the dossier; uploaded as multipart `kind` and `file`."""

    kind = AttachmentKindField()
    file = serializers.FileField(write_only=True)
    kind_label = ChoiceLabelField("kind")
    download_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "kind_label",
            "file",
            "original_name",
            "content_type",
            "size",
            "width",
            "height",
            "uploaded_at",
            "download_url",
            "thumbnail_url",
        ]
        read_only_fields = [name for name in fields if name not in ("kind", "file")]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    # The API's own file endpoints, which accept token authentication like the rest of it.
    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, attachment) -> str:
        args = [attachment.entry_id, attachment.pk]
        return self._absolute(reverse("api:entry-attachment-file", args=args))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_thumbnail_url(self, attachment) -> str | None:
        if not (attachment.is_image and attachment.thumbnail):
            return None
        args = [attachment.entry_id, attachment.pk]
        return self._absolute(reverse("api:entry-attachment-thumbnail", args=args))


FILE_ACTIONS = ("download", "thumbnail")


class FileNegotiation(BaseContentNegotiation):
    """The file endpoints answer the file as it is, whatever the client accepts (`Accept:
    image/png` must not be refused as not acceptable), and their errors in JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


ENTRY_PARAMETER = OpenApiParameter("entry_pk", int, OpenApiParameter.PATH, description="Entry id")


@extend_schema_view(
    list=extend_schema(parameters=[ENTRY_PARAMETER]),
    create=extend_schema(
        parameters=[ENTRY_PARAMETER],
        responses={201: AttachmentSerializer},
    ),
    destroy=extend_schema(parameters=[ENTRY_PARAMETER]),
)
class EntryAttachmentViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The files of an entry's dossier. Whoever sees the entry lists them and downloads them
    through `download_url` (a permission-checked view); the facility uploads and deletes while
    the entry is editable (awards.services.attachments decides)."""

    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None
    filter_backends = []

    def get_entry(self):
        if not hasattr(self, "_entry"):
            visible = entries_visible_to(self.request.user)
            self._entry = get_object_or_404(visible, pk=self.kwargs["entry_pk"])
        return self._entry

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attachment.objects.none()
        return Attachment.objects.filter(entry=self.get_entry())

    def create(self, request, *args, **kwargs):
        entry = self.get_entry()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = attachment_services.add_attachment(
            actor=request.user,
            entry=entry,
            kind=serializer.validated_data["kind"],
            upload=serializer.validated_data["file"],
        )
        return Response(self.get_serializer(attachment).data, status=status.HTTP_201_CREATED)

    def get_content_negotiator(self):
        # Asked once before the action is known (to parse the request), and again after.
        if getattr(self, "action", None) in FILE_ACTIONS:
            return FileNegotiation()
        return super().get_content_negotiator()

    def perform_destroy(self, instance):
        attachment_services.delete_attachment(actor=self.request.user, attachment=instance)

    # What awards.services.attachments stores: photos as JPEG (PNG kept when it has
    # transparency), documents as PDF.
    @extend_schema(
        responses={
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        }
    )
    def download(self, request, *args, **kwargs):
        """The file itself, for token-authenticated clients (the pages use their own view)."""
        return file_response(self.get_object())

    @extend_schema(responses={(200, "image/jpeg"): OpenApiTypes.BINARY})
    def thumbnail(self, request, *args, **kwargs):
        """The JPEG thumbnail of an image; 404 for a document."""
        return thumbnail_response(self.get_object())
