"""The documents of a proposal (/api/v1/proposals/{id}/attachments/): listed by whoever sees
the proposal, uploaded (multipart `kind`, `file`, optional `item`) and deleted by whoever may
(programs.services.documents decides), downloaded through the permission-checked file action."""

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

from api.parsers import FormParser, MultiPartParser
from api.serializers import ChoiceLabelField
from programs.models import DocumentKind, EquipmentItem, ProposalDocument
from programs.queries import proposals_visible_to
from programs.services import documents as document_services
from programs.views.documents import document_response


class ProposalDocumentSerializer(serializers.ModelSerializer):
    """A document of the proposal; uploaded as multipart `kind`, `file` and, for a delivered
    machine's photo, `item` (one of the proposal's equipment items)."""

    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    kind_label = ChoiceLabelField("kind")
    item = serializers.PrimaryKeyRelatedField(
        queryset=EquipmentItem.objects.all(), required=False, allow_null=True
    )
    file = serializers.FileField(write_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ProposalDocument
        fields = [
            "id",
            "kind",
            "kind_label",
            "item",
            "file",
            "original_name",
            "content_type",
            "size",
            "created_at",
            "download_url",
        ]
        read_only_fields = [name for name in fields if name not in ("kind", "item", "file")]

    # The API's own file endpoint, which accepts token authentication like the rest of it.
    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, document) -> str:
        path = reverse("api:proposal-attachment-file", args=[document.proposal_id, document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class FileNegotiation(BaseContentNegotiation):
    """The file endpoint answers the file as it is, whatever the client accepts, and its errors
    in JSON (as the entries' attachments do)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


PROPOSAL_PARAMETER = OpenApiParameter(
    "proposal_pk", int, OpenApiParameter.PATH, description="Proposal id"
)


@extend_schema_view(
    list=extend_schema(parameters=[PROPOSAL_PARAMETER]),
    create=extend_schema(
        parameters=[PROPOSAL_PARAMETER], responses={201: ProposalDocumentSerializer}
    ),
    destroy=extend_schema(parameters=[PROPOSAL_PARAMETER]),
)
class ProposalDocumentViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The documents of a proposal. Whoever sees the proposal lists and downloads them; the
    facility and officers change the dossier while it is editable, officers record each step's
    documents from approval on and the delivered items' photos while the work is in progress."""

    serializer_class = ProposalDocumentSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None
    filter_backends = []

    def get_proposal(self):
        if not hasattr(self, "_proposal"):
            visible = proposals_visible_to(self.request.user)
            self._proposal = get_object_or_404(visible, pk=self.kwargs["proposal_pk"])
        return self._proposal

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ProposalDocument.objects.none()
        return ProposalDocument.objects.filter(proposal=self.get_proposal()).select_related(
            "proposal", "item"
        )

    def create(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = document_services.add_document(
            actor=request.user,
            proposal=proposal,
            kind=serializer.validated_data["kind"],
            upload=serializer.validated_data["file"],
            item=serializer.validated_data.get("item"),
        )
        return Response(self.get_serializer(document).data, status=status.HTTP_201_CREATED)

    def get_content_negotiator(self):
        # Asked once before the action is known (to parse the request), and again after.
        if getattr(self, "action", None) == "download":
            return FileNegotiation()
        return super().get_content_negotiator()

    def perform_destroy(self, instance):
        document_services.delete_document(actor=self.request.user, document=instance)

    # What programs.services.documents stores: photos as JPEG, PNG documents as PNG, PDFs.
    @extend_schema(
        parameters=[PROPOSAL_PARAMETER],
        responses={
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        },
    )
    def download(self, request, *args, **kwargs):
        """The file itself, for token-authenticated clients (the pages use their own view)."""
        return document_response(self.get_object())
