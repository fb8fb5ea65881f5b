"""The official lists in the API (issue 9): `GET /rounds/{id}/exports/<name>.xlsx` for each list
of a round, `GET /plans/{id}/exports/<name>.xlsx` for each list of an extension plan (issue 10)
and `GET /facilities/export.xlsx?<filters>` for the facility registry.

The file itself (200), or for a list over EXPORT_BACKGROUND_ROWS rows 202 with the background
job (core.spreadsheets.delivery). Filters the list cannot read: 400 with the field's message, as
the list endpoints answer. Who may not have the list: 404 when they may not see the round, 403
when they may (a published round is public; a facility sees the plans taking proposals); judges
and applicants get no list.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from api.awards.attachments import FileNegotiation
from awards import rules
from awards.models import AwardRound
from core.spreadsheets import XLSX_CONTENT_TYPE, ExportNotAllowed, registry
from core.spreadsheets.delivery import respond
from programs.models import Plan
from programs.queries import plans_visible_to

RESPONSES = {
    (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
    202: OpenApiResponse(description="Built in the background: the export job."),
    403: OpenApiResponse(description="This user may not have this list."),
}


class ExportView(APIView):
    """One list: `identifier` names it in core.spreadsheets.registry."""

    identifier: str = ""
    permission_classes = [IsAuthenticated]

    def get_content_negotiator(self):
        # The file whatever the client accepts; errors in JSON.
        return FileNegotiation()

    def answer(self, request, subject, *, may_see_subject: bool):
        exporter = registry.get(self.identifier)(
            user=request.user, subject=subject, params=request.query_params
        )
        try:
            exporter.check_allowed()
        except ExportNotAllowed:
            if may_see_subject:
                raise exceptions.PermissionDenied from None
            raise exceptions.NotFound from None
        errors = exporter.param_errors()
        if errors:
            raise exceptions.ValidationError(errors)
        return respond(request, exporter, api=True)


class RoundExportView(ExportView):
    @extend_schema(tags=["rounds"], responses=RESPONSES)
    def get(self, request, pk: int):
        award_round = get_object_or_404(AwardRound, pk=pk)
        return self.answer(
            request, award_round, may_see_subject=rules.can_view_round(request.user, award_round)
        )


class PlanExportView(ExportView):
    @extend_schema(tags=["plans"], responses=RESPONSES)
    def get(self, request, pk: int):
        plan = get_object_or_404(Plan, pk=pk)
        visible = plans_visible_to(request.user).filter(pk=plan.pk).exists()
        return self.answer(request, plan, may_see_subject=visible)


class FacilityExportView(ExportView):
    identifier = "facilities"

    @extend_schema(tags=["facilities"], responses=RESPONSES)
    def get(self, request):
        return self.answer(request, None, may_see_subject=True)


def round_export_views() -> list[tuple[str, type[RoundExportView]]]:
    """(identifier, view) for every list of a round the apps registered."""
    return [
        (
            identifier,
            type(
                f"RoundExport{exporter.__name__}View",
                (RoundExportView,),
                {"identifier": identifier, "__doc__": f"{exporter.verbose_name}."},
            ),
        )
        for identifier, exporter in registry.for_subject(AwardRound).items()
    ]


def plan_export_views() -> list[tuple[str, type[PlanExportView]]]:
    """(identifier, view) for every list of an extension plan the apps registered."""
    return [
        (
            identifier,
            type(
                f"PlanExport{exporter.__name__}View",
                (PlanExportView,),
                {"identifier": identifier, "__doc__": f"{exporter.verbose_name}."},
            ),
        )
        for identifier, exporter in registry.for_subject(Plan).items()
    ]
