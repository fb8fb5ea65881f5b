"""Award rounds, criteria templates, product groups, entries and their dossiers.

Thin viewsets, as in api.views: visibility from awards.queries, every change from one call of
awards.services (or core.workflow.transition through api.workflow), rendered by the serializers
of api.awards_serializers. Services raise Django's ValidationError and PermissionDenied, which
api.exceptions turns into 400, 403 and 409 answers.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.awards_serializers import (
    AttachmentSerializer,
    BulkTransitionSerializer,
    CriteriaTemplateInputSerializer,
    CriteriaTemplateSerializer,
    EntryCreateSerializer,
    EntryListSerializer,
    EntrySerializer,
    EntryUpdateSerializer,
    ProductGroupSerializer,
    RoundSerializer,
    ScreeningInputSerializer,
    criteria_tree,
)
from api.filters import EntryFilter, RoundFilter
from api.permissions import CriteriaTemplatePermission, EntryPermission, RoundPermission
from api.workflow import WorkflowActionsMixin, workflow_schema
from awards import attachments as attachment_services
from awards import services
from awards.models import Attachment, CriteriaTemplate, ProductGroup
from awards.queries import entries_visible_to, rounds_visible_to
from awards.views_files import file_response, thumbnail_response


class ProductGroupViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The official product groups (code and name). Four rows: not paginated."""

    queryset = ProductGroup.objects.all()
    serializer_class = ProductGroupSerializer
    pagination_class = None
    filter_backends = []


@extend_schema_view(
    create=extend_schema(
        request=CriteriaTemplateInputSerializer, responses={201: CriteriaTemplateSerializer}
    ),
    update=extend_schema(request=CriteriaTemplateInputSerializer),
    partial_update=extend_schema(request=CriteriaTemplateInputSerializer),
)
class CriteriaTemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reusable scoring sheets. Staff read them; officers and administrators write them. Saving
    replaces the template's criteria; rounds that have started keep their own copies."""

    queryset = CriteriaTemplate.objects.prefetch_related("criteria")
    serializer_class = CriteriaTemplateSerializer
    permission_classes = [IsAuthenticated, CriteriaTemplatePermission]
    filter_backends = []

    def create(self, request, *args, **kwargs):
        serializer = CriteriaTemplateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = services.save_criteria_template(actor=request.user, **serializer.validated_data)
        return Response(self._render(template), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        template = self.get_object()
        serializer = CriteriaTemplateInputSerializer(
            data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = {
            "name": template.name,
            "description": template.description,
            "criteria": criteria_tree(template.criteria.all()),
            **serializer.validated_data,
        }
        template = services.save_criteria_template(actor=request.user, template=template, **data)
        return Response(self._render(template))

    def _render(self, template):
        return self.get_serializer(self.get_queryset().get(pk=template.pk)).data


@extend_schema_view(
    create=extend_schema(responses={201: RoundSerializer}),
    **workflow_schema(RoundSerializer),
)
class RoundViewSet(
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Award rounds. Everyone signed in lists the rounds open for registration and the published
    ones; staff see every round. Officers and administrators create, change and (while it is a
    draft without entries) delete them; a round moves through its states with `transition/`."""

    serializer_class = RoundSerializer
    permission_classes = [IsAuthenticated, RoundPermission]
    filterset_class = RoundFilter
    ordering_fields = ["year", "title", "registration_opens", "created_at"]

    def get_queryset(self):
        return rounds_visible_to(self.request.user).prefetch_related("criteria")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        groups = data.pop("product_groups", None)
        serializer.instance = services.create_round(
            actor=self.request.user, data=data, product_groups=groups
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        groups = data.pop("product_groups", None)
        serializer.instance = services.update_round(
            actor=self.request.user,
            award_round=serializer.instance,
            data=data,
            product_groups=groups,
        )

    def perform_destroy(self, instance):
        services.delete_round(actor=self.request.user, award_round=instance)


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

    def get_queryset(self):
        return entries_visible_to(self.request.user).prefetch_related("screening_checks")

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

    @extend_schema(request=ScreeningInputSerializer, responses=EntrySerializer)
    @action(detail=True, methods=["post"])
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
        if data["decision"]:
            services.screen_entry(
                actor=request.user,
                entry=entry,
                decision=data["decision"],
                note=data["note"],
                checks=checks,
            )
        elif checks:
            services.record_screening(actor=request.user, entry=entry, checks=checks)
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
                "refused entry's id is a key with its reasons."
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
    )
    def bulk_transition(self, request, *args, **kwargs):
        """Move many entries to one state, all or nothing (awards.services.bulk_transition)."""
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
            to=serializer.validated_data["to"],
            note=serializer.validated_data["note"],
        )
        moved = self.get_queryset().filter(pk__in=ids)
        return Response(self.get_serializer(moved, many=True).data)


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
    the entry is editable (awards.attachments decides)."""

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

    def perform_destroy(self, instance):
        attachment_services.delete_attachment(actor=self.request.user, attachment=instance)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def download(self, request, *args, **kwargs):
        """The file itself, for token-authenticated clients (the pages use their own view)."""
        return file_response(self.get_object())

    @extend_schema(responses={(200, "image/jpeg"): OpenApiTypes.BINARY})
    def thumbnail(self, request, *args, **kwargs):
        """The JPEG thumbnail of an image; 404 for a document."""
        return thumbnail_response(self.get_object())
